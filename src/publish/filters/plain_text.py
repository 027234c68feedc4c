"""plain_text: make structure visible in the plain-text edition.

Plain text has no markup, so headings are underlined (`=` for levels 1 and 2, `-`
below), link targets are written out after the link text, and images are replaced by
their alt text in brackets (decorative images are left out). Table attributes such as
`{.row-headers}` are dropped, since the plain writer would print them in the caption.
Editions: txt (pandoc format `plain`); other formats pass through unchanged.
Metadata: none.
"""

import panflute as pf

from publish.filterkit import run_script

FORMATS = ("plain",)

WIDTH = 72


def underlined(heading: pf.Header) -> pf.Para:
    rule = ("=" if heading.level <= 2 else "-") * min(len(pf.stringify(heading)), WIDTH)
    return pf.Para(*heading.content, pf.LineBreak(), pf.Str(rule))


def show_structure(elem: pf.Element, doc: pf.Doc):
    if doc.format != "plain":
        return None
    if isinstance(elem, pf.Header):
        return underlined(elem)
    if isinstance(elem, pf.Link):
        text = pf.stringify(elem).strip()
        target = elem.url.removeprefix("mailto:")
        if elem.url.startswith("#") or text == target:
            return None
        return [*elem.content, pf.Space(), pf.Str(f"({target})")]
    if isinstance(elem, pf.Image):
        if "decorative" in elem.classes:
            return []
        words = f"[Image: {pf.stringify(elem).strip()}]".split()
        return [item for word in words for item in (pf.Space(), pf.Str(word))][1:]  # words, so lines wrap
    if isinstance(elem, pf.Table):
        elem.identifier, elem.classes, elem.attributes = "", [], {}
    return None


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return pf.run_filter(show_structure, doc=doc)


if __name__ == "__main__":
    run_script(main)
