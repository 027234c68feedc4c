"""raw_content: refuse raw HTML, Typst, LaTeX and OpenXML unless the front matter opts in.

Raw blocks bypass tagging, alt-text checks and the clear-print styles, and raw HTML
can carry script. HTML comments are editors' notes and are dropped. With `allow-raw: true` in the front matter they pass through, but
script never does: a `<script>` element or an `on...=` handler still stops the build.
Editions: all. Metadata: `allow-raw` (default false).
"""

import re

import panflute as pf

from publish.filterkit import Filter, problem, run_script

FORMATS = ()

pf.elements.RAW_FORMATS.add("typst")
COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.DOTALL)
NAMES = {"html": "HTML", "html5": "HTML", "tex": "LaTeX", "latex": "LaTeX", "typst": "Typst", "openxml": "OpenXML"}
SCRIPT = re.compile(r"<\s*script\b|\bjavascript:|\son[a-z]+\s*=", re.IGNORECASE)


def prepare(doc: pf.Doc) -> None:
    doc.allow_raw = bool(doc.get_metadata("allow-raw", False))


def check_raw(elem: pf.Element, doc: pf.Doc):
    if not isinstance(elem, (pf.RawBlock, pf.RawInline)):
        return None
    if elem.format == "html" and COMMENT.match(elem.text):
        return []  # an editor's comment: never shown in any edition
    first_line = elem.text.strip().splitlines()[0] if elem.text.strip() else elem.text
    if SCRIPT.search(elem.text):
        raise problem("raw HTML with script is never allowed",
                      "remove the <script> element or the on…= handler; editions must work without script",
                      needle=first_line)
    if not doc.allow_raw:
        raise problem(
            f"raw {NAMES.get(elem.format, elem.format)} markup (`{first_line[:40]}`) bypasses the accessibility checks",
            "write it in Markdown instead, or add `allow-raw: true` to the front matter if you must keep it",
            needle=first_line)


FILTER = Filter(check_raw, (pf.RawBlock, pf.RawInline), prepare=prepare)


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
