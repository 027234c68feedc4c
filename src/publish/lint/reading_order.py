"""Each format's text in the order a screen reader meets it, for the *410 rules.

PDF: structure-tree order; EPUB: spine, then document order; DOCX: body order; HTML:
the main content; plain text: as written. Each extractor gives (text, where) chunks
that join into the text; publish.lint.compare splits them into words.

A PDF draws right-to-left text in visual order, left to right on the page (Typst writes
no /ActualText or /ReversedChars for it), so a line with right-to-left letters is put back
into logical order with the Unicode bidirectional algorithm (python-bidi), as a reader's
text extraction does, its paragraph direction taken from the element's language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bidi import get_display

from publish.lint.compare import Word, words
from publish.lint.pdf_document import PdfDocument, text as pdf_text
from publish.vocabulary import is_right_to_left
from publish.xml import NS

NOTE_MARKER = re.compile(r"\[(\d+)\]")  # pandoc's plain-text note reference
INLINE_PDF = frozenset("Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Em Strong"
                       .split())
INLINE_HTML = frozenset("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
                        "time u var".split())
SKIPPED_HTML = frozenset("head script style template nav math".split())
# a line ending in a zero-width space or a soft hyphen breaks where the writer marked a break
# without a space, inside an address or a word: the next line continues it
IN_WORD_BREAKS = ("\u200b", "\u00ad")
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
    """Body order: w:t text; tabs, breaks and paragraph ends are spaces; hidden runs are left out,
    and so are print page markers ("Print page 3"), page furniture as headers and footers are."""
    w = "{%s}" % NS["w"]
    chunks, paragraph, marker = [], 0, False
    for element in doc.body.iter(f"{w}p", f"{w}t", f"{w}tab", f"{w}br", f"{w}cr"):
        if element.tag == f"{w}p":
            paragraph += 1
            marker = doc.is_print_page(element)
            chunks.append((" ", f"word/document.xml paragraph {paragraph}"))
        elif marker:
            continue
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


@dataclass(frozen=True)
class Piece:
    """A string as drawn: the text of each glyph (a ligature's, or a letter's with its marks, is
    several characters, in logical order), where it starts and its baseline and size."""

    glyphs: tuple[str, ...]
    x: float
    y: float
    height: float

    @property
    def text(self) -> str:
        return "".join(self.glyphs)


def unseen_left_out(text: str) -> str:
    """Text without its format characters (a zero-width space, a direction mark), which Typst keeps
    in an ActualText though no glyph shows them and no reader says them."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


def block_of(element):
    while element is not None and element.std in INLINE_PDF:
        element = element.parent
    return element


def pdf_chunks(doc: PdfDocument) -> list[tuple[str, str]]:
    """Structure-tree order: each marked-content sequence's text, with a space where the line or
    the block changes, and none after a hyphen that ends a line inside a word or after a line
    that ends in a character saying the break is inside a word (`IN_WORD_BREAKS`)."""
    shown = {}  # the content walker's strings under each marked-content key, with their page
    for page in doc.content:
        for key, strings in page.marked_text.items():
            shown.setdefault(key, []).extend((page.number, s) for s in strings)
    chunks, previous, replaced = [], None, set()  # previous: (block, y, last text)
    line: list[Piece] = []  # the pieces of the line being read
    line_lang, where = None, None
    for key, element in doc.structure.mcids.items():
        lineage = list(ancestry(element))
        if any(e.std == "Formula" for e in lineage):
            continue
        stand_in = next((e for e in reversed(lineage) if pdf_text(e.get("/ActualText")) is not None), None)
        if stand_in is not None:  # the element's ActualText replaces the text it contains
            chunks += line_chunks(line, line_lang, where)
            line = []
            if stand_in not in replaced:
                replaced.add(stand_in)
                page = f"page {element.page}" if element.page else None
                chunks.append((f" {pdf_text(stand_in.get('/ActualText'))} ", page))
            previous = None
            continue
        block = block_of(element)
        for number, string in shown.get(key, ()):
            piece = Piece(string.glyphs, *string.place)
            if previous is not None:
                same_block = previous[0] is block
                new_line = abs(piece.y - previous[1]) > piece.height / 2
                hyphen_break = same_block and new_line and re.search(r"\w-$", previous[2]) and piece.text[:1].isalpha()
                marked_break = same_block and new_line and previous[2].endswith(IN_WORD_BREAKS)
                if not same_block or new_line:
                    chunks += line_chunks(line, line_lang, where)
                    line = []
                    if not (hyphen_break or marked_break):
                        chunks.append((" ", f"page {number}"))
            if not line:
                line_lang, where = element.inherited_lang, f"page {number}"
            line.append(piece)
            previous = (block, piece.y, piece.text)
    return chunks + line_chunks(line, line_lang, where)


def right_to_left(text: str) -> bool:
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def drawn_over(at: int, line: list[Piece]) -> bool:
    """A single glyph drawn where another piece of the line starts with the same text is that text
    drawn twice, read once: Typst draws a mark raised over its letter on its own, both glyphs
    standing for the letter with its mark (and a fake bold draws a glyph twice)."""
    piece = line[at]
    return len(piece.glyphs) == 1 and any(
        other.glyphs[:1] == piece.glyphs and abs(other.x - piece.x) < 0.1 * piece.height
        and (len(other.glyphs) > 1 or n < at) for n, other in enumerate(line) if n != at)


def line_chunks(line: list[Piece], lang: str | None, where: str | None) -> list[tuple[str, str]]:
    """A line's text: as drawn, or, when it has right-to-left letters, in logical order. The
    algorithm reorders characters, and would turn a right-to-left glyph's several characters
    round, so each is turned round first; the paragraph runs right to left in a right-to-left
    language (as Typst set it), else left to right. Format characters are left out: no glyph
    shows them and no reader says them (a line ending in one was read as a break inside a word)."""
    line = [piece for at, piece in enumerate(line) if not drawn_over(at, line)]
    if not any(right_to_left(piece.text) for piece in line):
        return [(unseen_left_out(piece.text), where) for piece in line]
    visual = "".join(glyph[::-1] if right_to_left(glyph) else glyph
                     for piece in sorted(line, key=lambda p: p.x) for glyph in piece.glyphs)
    return [(unseen_left_out(get_display(visual, base_dir="R" if is_right_to_left(lang) else "L")), where)]


def ancestry(element):
    while element is not None:
        yield element
        element = element.parent


EXTRACTORS = {"pdf": pdf_chunks, "docx": docx_chunks, "epub": epub_chunks, "html": page_html_chunks,
              "txt": text_chunks}


def edition_words(fmt: str, document) -> list[Word]:
    """The words of a loaded file, in reading order, each with where the file has it."""
    return words(EXTRACTORS[fmt](document))
