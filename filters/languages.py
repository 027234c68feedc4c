"""languages: every change of language in the text uses a valid BCP 47 tag.

`[bonjour]{lang=fr}` lets a screen reader switch voice for one phrase; a wrong tag
(`fr_FR`, `french`) makes it read the phrase with the wrong voice or not switch.
Editions: all. Metadata: none.
"""

import panflute as pf

from publish.filterkit import problem, run_script
from publish.source import BCP47


def check_language(elem: pf.Element, doc: pf.Doc) -> None:
    if not isinstance(elem, (pf.Span, pf.Div)) or "lang" not in elem.attributes:
        return
    tag = elem.attributes["lang"]
    if not BCP47.match(tag):
        raise problem(f"`lang={tag}` is not a BCP 47 language tag",
                      f"use a tag such as `fr`, `cy` or `{tag.replace('_', '-')}`" if "_" in tag
                      else "use a tag such as `fr`, `cy` or `de-AT`", needle=f"lang={tag}")


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return pf.run_filter(check_language, doc=doc)


if __name__ == "__main__":
    run_script(main)
