"""links: every link has text that says where it goes, and somewhere to go.

A link with no text is announced as its address or as nothing at all; "click here"
tells a screen-reader user, who lists the links on a page, nothing; a link with no
address is announced as a link and then does nothing.
Editions: all. Metadata: none.
"""

import panflute as pf

from publish.filterkit import Filter, problem, run_script
from publish.vocabulary import is_vague_link_text

FORMATS = ()


def check_link(elem: pf.Element, doc: pf.Doc) -> None:
    if not isinstance(elem, pf.Link):
        return
    text = pf.stringify(elem).strip()
    if not text:
        raise problem(f"link to `{elem.url}` has no text",
                      f"write what the link leads to inside the brackets: [Name of the page]({elem.url})",
                      needle=elem.url or "[]")
    if not elem.url.strip():
        raise problem(f"link “{text}” has no address",
                      f"put the address in the round brackets: [{text}](https://...), or remove the brackets",
                      needle=f"[{text}]")
    if is_vague_link_text(text):
        raise problem(f"link text “{text}” does not say where the link goes",
                      f"use the name of the destination as the link text, e.g. [the full report]({elem.url})",
                      needle=f"[{text}]")


FILTER = Filter(check_link, (pf.Link,))


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
