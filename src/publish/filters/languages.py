"""languages: every change of language in the text uses a valid BCP 47 tag.

`[bonjour]{lang=fr}` lets a screen reader switch voice for one phrase; a wrong tag
(`fr_FR`, `french`) makes it read the phrase with the wrong voice or not switch.
pandoc 3.9's Typst writer drops the language of a span, so for Typst the phrase is
wrapped in `#text(lang: ...)`, which Typst writes as the span's /Lang in the PDF.
Editions: all (the Typst rewrite only for the PDF). Metadata: none.
"""

import json

import panflute as pf

from publish.filterkit import Filter, problem, run_script
from publish.vocabulary import is_language_tag

FORMATS = ("typst",)


pf.elements.RAW_FORMATS.add("typst")


def typst_language(span: pf.Span, tag: str) -> list[pf.Inline]:
    language, _, rest = tag.partition("-")
    region = next((part for part in rest.split("-") if len(part) == 2 and part.isalpha()), None)
    # region: none, or Typst keeps the document's region (French would become fr-GB)
    args = f"lang: {json.dumps(language.lower())}, region: {json.dumps(region.upper()) if region else 'none'}"
    return [pf.RawInline(f"#text({args})[", format="typst"), *span.content, pf.RawInline("]", format="typst")]


def check_language(elem: pf.Element, doc: pf.Doc):
    if not isinstance(elem, (pf.Span, pf.Div)) or "lang" not in elem.attributes:
        return None
    tag = elem.attributes["lang"]
    if not is_language_tag(tag):
        raise problem(f"`lang={tag}` is not a BCP 47 language tag",
                      f"use a tag such as `fr`, `cy` or `{tag.replace('_', '-')}`" if "_" in tag
                      else "use a tag such as `fr`, `cy` or `de-AT`", needle=f"lang={tag}")
    if doc.format == "typst" and isinstance(elem, pf.Span):
        return typst_language(elem, tag)
    return None


FILTER = Filter(check_language)


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
