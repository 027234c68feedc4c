"""languages: every change of language in the text uses a valid BCP 47 tag.

`[bonjour]{lang=fr}` lets a screen reader switch voice for one phrase; a wrong tag
(`fr_FR`, `french`) makes it read the phrase with the wrong voice or not switch.
pandoc 3.9's Typst writer drops the language of a span, so for Typst the phrase is
wrapped in `#text(lang: ...)`, which Typst writes as the span's /Lang in the PDF. A block
in another language (`::: {lang=cy}`) it opens with `#set text(lang: "cy"); ` on the line
of the block's first heading, whose `===` is then no longer at the start of a line and
is printed as text; so for Typst the block is opened here, the setting on a line of its
own, and as wide as the measure, so that a right-to-left paragraph starts on the right.
Editions: all (the Typst rewrites only for the PDF). Metadata: none.
"""

import json

import panflute as pf

from publish.filterkit import Filter, problem, run_script
from publish.vocabulary import is_language_tag

FORMATS = ("typst",)


pf.elements.RAW_FORMATS.add("typst")


def typst_text(tag: str) -> str:
    """Typst's text settings for a language tag."""
    language, _, rest = tag.partition("-")
    region = next((part for part in rest.split("-") if len(part) == 2 and part.isalpha()), None)
    # region: none, or Typst keeps the document's region (French would become fr-GB)
    return f"lang: {json.dumps(language.lower())}, region: {json.dumps(region.upper()) if region else 'none'}"


def typst_language(elem: pf.Span | pf.Div, tag: str):
    """The phrase in `#text(...)[...]`; the block's content in a full-measure block that sets the
    language (the Div stays, without its `lang`, for its identifier)."""
    if isinstance(elem, pf.Span):
        return [pf.RawInline(f"#text({typst_text(tag)})[", format="typst"), *elem.content,
                pf.RawInline("]", format="typst")]
    del elem.attributes["lang"]
    opening = f"#block(width: 100%)[\n#set text({typst_text(tag)})"
    elem.content = [pf.RawBlock(opening, format="typst"), *elem.content, pf.RawBlock("]", format="typst")]
    return elem


def check_language(elem: pf.Element, doc: pf.Doc):
    if not isinstance(elem, (pf.Span, pf.Div)) or "lang" not in elem.attributes:
        return None
    tag = elem.attributes["lang"]
    if not is_language_tag(tag):
        raise problem(f"`lang={tag}` is not a BCP 47 language tag",
                      f"use a tag such as `fr`, `cy` or `{tag.replace('_', '-')}`" if "_" in tag
                      else "use a tag such as `fr`, `cy` or `de-AT`", needle=f"lang={tag}")
    if doc.format == "typst":
        return typst_language(elem, tag)
    return None


FILTER = Filter(check_language, (pf.Span, pf.Div))


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
