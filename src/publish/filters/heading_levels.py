"""heading_levels: stop the build when a heading skips a level, is empty, repeats an
id, or when the document has no heading at all.

The document title counts as level 1, so the first heading in the body may be `#`
or `##`; after that each heading may go at most one level deeper than the one before.
Screen-reader users navigate by heading level: a jump from 2 to 4 hides a level.
Editions: all. Metadata: none.
"""

import panflute as pf

from publish.filterkit import Filter, problem, run_script
from publish.vocabulary import skipped_headings

FORMATS = ()


def prepare(doc: pf.Doc) -> None:
    doc.previous_heading_level = 1
    doc.heading_ids = set()
    doc.headings = 0


def check_heading(elem: pf.Element, doc: pf.Doc) -> None:
    if not isinstance(elem, pf.Header):
        return
    text = pf.stringify(elem).strip()
    if not text:
        raise problem("empty heading", "write the heading's text after the `#` marks, or delete the line",
                      needle="#" * elem.level)
    if any(skipped_headings([elem.level], start=doc.previous_heading_level)):
        wanted = "#" * (doc.previous_heading_level + 1)
        raise problem(
            f"heading “{text}” skips from level {doc.previous_heading_level} to level {elem.level}",
            f"make it a level {doc.previous_heading_level + 1} heading (`{wanted} {text}`)", elem)
    doc.previous_heading_level = elem.level
    doc.headings += 1
    if elem.identifier and elem.identifier in doc.heading_ids:
        raise problem(f"two headings have the id `{elem.identifier}`",
                      "give each heading its own `{#id}`, or remove the repeated one", needle=f"#{elem.identifier}")
    doc.heading_ids.add(elem.identifier)


def finalize(doc: pf.Doc) -> None:
    if not doc.headings and len(doc.content) > 3:
        raise problem("the document has no headings",
                      "add `## Section name` headings so readers can find their way; screen readers list them",
                      needle=pf.stringify(doc.content[0])[:40])


FILTER = Filter(check_heading, (pf.Header,), prepare=prepare, finalize=finalize)


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
