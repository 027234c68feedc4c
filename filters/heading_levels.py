"""heading_levels: stop the build when a heading skips a level, or is empty.

The document title counts as level 1, so the first heading in the body may be `#`
or `##`; after that each heading may go at most one level deeper than the one before.
Screen-reader users navigate by heading level: a jump from 2 to 4 hides a level.
Editions: all. Metadata: none.
"""

import panflute as pf

from publish.filterkit import problem, run_script


def prepare(doc: pf.Doc) -> None:
    doc.previous_heading_level = 1


def check_heading(elem: pf.Element, doc: pf.Doc) -> None:
    if not isinstance(elem, pf.Header):
        return
    text = pf.stringify(elem).strip()
    if not text:
        raise problem("empty heading", "write the heading's text after the `#` marks, or delete the line",
                      needle="#" * elem.level)
    if elem.level > doc.previous_heading_level + 1:
        wanted = "#" * (doc.previous_heading_level + 1)
        raise problem(
            f"heading “{text}” skips from level {doc.previous_heading_level} to level {elem.level}",
            f"make it a level {doc.previous_heading_level + 1} heading (`{wanted} {text}`)", elem)
    doc.previous_heading_level = elem.level


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return pf.run_filter(check_heading, prepare=prepare, doc=doc)


if __name__ == "__main__":
    run_script(main)
