"""Each format's text in the order a screen reader meets it, for the *410 rules.

PDF: structure-tree order; EPUB: spine, then document order; DOCX: body order; HTML:
the main content; plain text: as written. Each extractor gives (text, where) chunks
that join into the text; publish.lint.compare splits them into words.
"""

from __future__ import annotations

import re

from publish.lint.compare import Word, words
from publish.lint.pdf_document import PdfDocument, text as pdf_text
from publish.xml import NS

NOTE_MARKER = re.compile(r"\[(\d+)\]")  # pandoc's plain-text note reference
INLINE_PDF = frozenset("Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Em Strong"
                       .split())
INLINE_HTML = frozenset("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
                        "time u var".split())
SKIPPED_HTML = frozenset("head script style template nav math".split())
NAVIGATION = ("doc-backlink",)  # a note's link back to its reference: a way to move, not the text


def text_chunks(doc) -> list[tuple[str, str]]:
    """Lines as written; a line ending in a backslash continues on the next (publish folds long lines
    so), and a note marker `[1]` is a word of its own, not part of the one before."""
    chunks, continued = [], False
    for number, line in enumerate(doc.lines, 1):
        text = NOTE_MARKER.sub(r" \1 ", line.removesuffix("\\"))
        chunks.append((text.lstrip() if continued else text, f"{number}:1"))
        continued = line.endswith("\\")
        chunks.append(("" if continued else "\n", f"{number}:1"))
    return chunks


def docx_chunks(doc) -> list[tuple[str, str]]:
    """Body order: w:t text; tabs, breaks and paragraph ends are spaces; hidden runs are left out."""
    w = "{%s}" % NS["w"]
    chunks, paragraph = [], 0
    for element in doc.body.iter(f"{w}p", f"{w}t", f"{w}tab", f"{w}br", f"{w}cr"):
        if element.tag == f"{w}p":
            paragraph += 1
            chunks.append((" ", f"word/document.xml paragraph {paragraph}"))
        elif element.tag == f"{w}t":
            run = element.getparent()
            if run.find(f"{w}rPr/{w}vanish", None) is None:
                chunks.append((element.text or "", f"word/document.xml paragraph {paragraph}"))
        else:
            chunks.append((" ", f"word/document.xml paragraph {paragraph}"))
    return chunks


def html_chunks(root, name: str | None = None) -> list[tuple[str, str]]:
    """Document order, leaving out hidden elements, navigation, formulas and comments (text marked
    aria-hidden is still shown, so it counts); a block
    element's text is set off by spaces, an inline element's is not."""
    chunks, stack = [], [(root, False)]  # (element, closing)
    while stack:
        element, closing = stack.pop()
        tag = local(element.tag)
        line = getattr(element, "sourceline", None)
        where = f"{name}:{line}" if name and line else name or (str(line) if line else None)
        edge = "" if tag in INLINE_HTML and not is_noteref(element) else " "
        tail = element.tail if element is not root else None
        if closing:
            chunks += [(edge, where), (tail or "", where)]
        elif not tag or tag in SKIPPED_HTML or element.get("hidden") is not None or element.get("role") in NAVIGATION:
            chunks.append((tail or "", where))
        else:
            chunks += [(edge, where), (" " if tag == "br" else element.text or "", where)]
            stack.append((element, True))
            stack.extend((child, False) for child in reversed(element))
    return chunks


def is_noteref(element) -> bool:
    """A note's number where it is referred to: a word of its own, not part of the one before."""
    return element.get("role") == "doc-noteref" or "noteref" in (element.get(f"{{{NS['epub']}}}type") or "")


def local(tag) -> str:
    """An element's local name; "" for comments and processing instructions."""
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def page_html_chunks(page) -> list[tuple[str, str]]:
    """The page's main content when it marks one (the skip link and title block sit around it), else the body."""
    root = page.root
    main = next(iter(root.iter("main")), None)
    return html_chunks(main if main is not None else root.find("body") if root.find("body") is not None else root)


def epub_chunks(epub) -> list[tuple[str, str]]:
    chunks = []
    for name, part in epub.parts.items():
        body = part.root.find("xhtml:body", NS)
        if part.in_spine and name != epub.nav_name and body is not None:
            chunks += html_chunks(body, name)
    return chunks


# --- PDF -------------------------------------------------------------------------------


def block_of(element):
    while element is not None and element.std in INLINE_PDF:
        element = element.parent
    return element


def pdf_chunks(doc: PdfDocument) -> list[tuple[str, str]]:
    """Structure-tree order: each marked-content sequence's text, with a space where the line or
    the block changes, and none after a hyphen that ends a line inside a word."""
    shown = {}  # the content walker's strings under each marked-content key, with their page
    for page in doc.content:
        for key, runs in page.marked_text.items():
            shown.setdefault(key, []).extend((page.number, run) for run in runs)
    chunks, previous, replaced = [], None, set()  # previous: (block, y, last text)
    for key, element in doc.structure.mcids.items():
        lineage = list(ancestry(element))
        if key not in shown or any(e.std == "Formula" for e in lineage):
            continue
        number = shown[key][0][0]
        stand_in = next((e for e in reversed(lineage) if pdf_text(e.get("/ActualText")) is not None), None)
        if stand_in is not None:  # the element's ActualText replaces the text it contains
            if stand_in not in replaced:
                replaced.add(stand_in)
                chunks.append((f" {pdf_text(stand_in.get('/ActualText'))} ", f"page {number}"))
            previous = None
            continue
        block = block_of(element)
        for number, run in shown[key]:
            text, y = run.text, run.baseline
            if previous is not None:
                same_block = previous[0] is block
                new_line = abs(y - previous[1]) > (run.size or 1.0) / 2
                hyphen_break = same_block and new_line and re.search(r"\w-$", previous[2]) and text[:1].isalpha()
                if (not same_block or new_line) and not hyphen_break:
                    chunks.append((" ", f"page {number}"))
            chunks.append((text, f"page {number}"))
            previous = (block, y, text)
    return chunks


def ancestry(element):
    while element is not None:
        yield element
        element = element.parent


EXTRACTORS = {"pdf": pdf_chunks, "docx": docx_chunks, "epub": epub_chunks, "html": page_html_chunks,
              "txt": text_chunks}


def edition_words(fmt: str, document) -> list[Word]:
    """The words of a loaded file, in reading order, each with where the file has it."""
    return words(EXTRACTORS[fmt](document))
