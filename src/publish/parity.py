"""Parity: every edition says what the source says, in the same order, nothing lost or added.

Each edition's text is taken in the order a screen reader meets it (PDF: structure tree;
EPUB: spine, then document order; DOCX: body order; HTML: the main content; plain text:
as written), split into words and compared word by word with the source as filtered for
that edition. Case, punctuation, typographic quotes and dashes, list bullets, heading
underlines and line-end hyphen breaks do not count; words do. The only text an edition
may add is its title block, built from the front matter (`FURNITURE`); page numbers and
running footers are PDF artifacts and not in the structure tree at all.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pikepdf

from publish.lint.pdf_document import PdfDocument, text as pdf_text
from publish.lint.pdf_fonts import lookup, read, unicode_map
from publish.xml import NS

NOTE_MARKER = re.compile(r"\[(\d+)\]")  # pandoc's plain-text note reference
QUOTE_WORDS = 10  # words quoted from a differing passage
CONTEXT_WORDS = 5  # words of the source quoted before it
# Front-matter keys an edition may show in its title block (title page, byline, date).
FURNITURE = ("title", "subtitle", "author", "publisher", "date")
INLINE_PDF = frozenset("Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Em Strong"
                       .split())
INLINE_HTML = frozenset("a abbr b bdi bdo cite code data dfn em i kbd mark q s samp small span strong sub sup "
                        "time u var".split())
SKIPPED_HTML = frozenset("head script style template nav math".split())
PANDOC_BLOCKS = frozenset("Para Plain Header BulletList OrderedList DefinitionList Div BlockQuote "
                          "LineBlock CodeBlock HorizontalRule".split())


@dataclass(frozen=True)
class Layout:
    """Where an edition puts what is not running text: the numbers its writer adds as text,
    and its notes (after their marker, after the body, or outside the body)."""

    list_numbers: bool = False  # ordered-list numbers are text (Typst's Lbl, plain-text markers)
    note_markers: bool = True  # a note's number stands where it is referred to
    notes: str = "end"  # "inline", "end", "chapter" (after each level-1 section) or "omitted"
    note_numbers: bool = False  # each note's text starts with its number
    caption_labels: bool = False  # captions start "Table 1:", "Figure 1:"
    table_caption_last: bool = False  # a table's caption follows its cells
    figure_captions: bool = True  # a figure's caption is shown (plain text shows the image's alt text instead)


LAYOUTS = {
    "pdf": Layout(list_numbers=True, notes="inline", note_numbers=True, caption_labels=True),  # Typst
    "txt": Layout(list_numbers=True, note_numbers=True, table_caption_last=True, figure_captions=False),
    "epub": Layout(notes="chapter", note_numbers=True),  # each chapter's notes follow it, numbered through the book
    "html": Layout(),
    "docx": Layout(note_markers=False, notes="omitted"),  # Word numbers notes and keeps them in footnotes.xml
}


@dataclass(frozen=True)
class Word:
    text: str  # as written, for messages
    key: str  # what is compared
    where: str | None = None  # where the edition has it


def normalise(word: str) -> str:
    """Letters and digits only, case-folded, `&` read as `and`: quotes, dashes, hyphens and list
    bullets drop out."""
    folded = unicodedata.normalize("NFKC", word).casefold().replace("&", "and")
    return "".join(c for c in folded if c.isalnum())


def words(chunks) -> list[Word]:
    """Words of `chunks`, (text, where) pairs that join into the text; each word keeps where it starts."""
    text, starts, places = "", [], []
    for chunk, where in chunks:
        starts.append(len(text))
        places.append(where)
        text += chunk
    found = []
    for match in re.finditer(r"\S+", text):
        key = normalise(match.group())
        if key:
            where = places[bisect.bisect_right(starts, match.start()) - 1] if places else None
            found.append(Word(match.group(), key, where))
    return found


# --- the source ------------------------------------------------------------------------


def list_marker(style: str, number: int) -> str:
    if style in ("LowerAlpha", "UpperAlpha"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if style == "UpperAlpha" else letter
    if style in ("LowerRoman", "UpperRoman"):
        roman = ""
        for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            count, number = divmod(number, value)
            roman += digits * count
        return roman.upper() if style == "UpperRoman" else roman
    return str(number)


class Text(str):
    """Text the walk itself emits; bare strings in pandoc's JSON are attributes, targets or
    formats, never reading text."""


def ast_text(blocks: list, layout: Layout) -> str:
    """The reading text of pandoc JSON blocks as `layout` places it. Images, formulas and raw
    markup are not compared (their text alternatives are the *2xx rules' concern)."""
    out: list[str] = []
    notes: list = []  # (number, blocks) of notes set after the body or the chapter
    noted = 0  # notes so far
    counts = {"Table": 0, "Figure": 0}  # captioned tables and figures so far
    stack: list = [blocks]
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            out.append(node)
        elif isinstance(node, (list, tuple)):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kind, content = node.get("t"), node.get("c")
            if kind == "Str":
                out.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Code", "CodeBlock"):
                out.append(content[1] if kind == "Code" else f" {content[1]} ")
            elif kind == "OrderedList" and layout.list_numbers:
                (start, style, _), items = content
                stack.extend(reversed([[Text(f" {list_marker(style['t'], start + i)} "), item]
                                       for i, item in enumerate(items)]))
            elif kind == "Header" and content[0] == 1 and notes and layout.notes == "chapter":
                stack += [node, set_notes(notes, layout)]
                notes = []
            elif kind == "Note":
                noted += 1
                notes.append((noted, content))
                marker = Text(f" {noted} " if layout.note_markers else "")
                label = Text(f" {noted} " if layout.note_numbers else " ")
                stack.append([marker, label, content, Text(" ")] if layout.notes == "inline" else marker)
            elif kind in ("Table", "Figure"):
                stack.append([Text(" "), captioned(kind, content, layout, counts), Text(" ")])
            elif kind in PANDOC_BLOCKS:
                stack.extend([Text(" "), children(kind, content), Text(" ")][::-1])
            elif kind not in ("Image", "Math", "RawInline", "RawBlock"):
                stack.append(children(kind, content))
        if not stack and notes and layout.notes in ("end", "chapter"):
            stack = [set_notes(notes, layout)]
            notes = []
    return "".join(out)


def set_notes(notes: list, layout: Layout) -> list:
    """Notes where the edition sets them together: each note's number, when shown, then its text."""
    return [[Text(f" {number} " if layout.note_numbers else " "), content] for number, content in notes]


def captioned(kind: str, content, layout: Layout, counts: dict) -> list:
    """A table's or figure's caption and content, in the order the edition shows them."""
    _attr, (_short, caption), *rest = content
    if kind == "Figure" and not layout.figure_captions:
        caption = []
    if caption and layout.caption_labels:
        counts[kind] += 1
        caption = [Text(f"{kind} {counts[kind]}: "), caption]
    caption = [Text(" "), caption, Text(" ")]
    return [rest, caption] if kind == "Table" and layout.table_caption_last else [caption, rest]


def children(kind: str, content):
    """The part of a pandoc node that holds its text: not its level, attributes or link target."""
    if kind == "Header":
        return content[2]
    if kind in ("Link", "Quoted", "Cite"):
        return content[1]
    if kind == "LineBlock":
        return [[line, Text(" ")] for line in content]
    return content


@lru_cache(maxsize=16)
def _reference(path: Path, stamp: tuple, fmt: str) -> tuple[list[Word], tuple[tuple[str, ...], ...]]:
    from publish import filterkit, pipeline
    from publish.editions import EDITIONS

    ctx, ast = pipeline.parse(path)
    pandoc_format = EDITIONS[fmt].pandoc_format if fmt in EDITIONS else fmt
    filtered = filterkit.for_format(ast, pandoc_format)
    body = words([(ast_text(filtered["blocks"], LAYOUTS[fmt]), None)])
    return body, furniture(ctx)


def furniture(ctx) -> tuple[tuple[str, ...], ...]:
    """The lines a title block may show, each as normalised words, longest first."""
    from publish.editions.web import note_words

    lines = [ctx.title, ctx.date_text, ", ".join(ctx.authors), *ctx.authors, note_words(ctx.source.lang).heading]
    lines += [str(ctx.meta.get(key, "")) for key in FURNITURE if key not in ("title", "author")]
    keyed = {tuple(w.key for w in words([(line, None)])) for line in lines}
    return tuple(sorted((k for k in keyed if k), key=len, reverse=True))


def reference(source: Path, fmt: str) -> tuple[list[Word], tuple[tuple[str, ...], ...]]:
    """The source's words as filtered for `fmt`, and the title-block lines the edition may add.
    Parsed once per source version; raises publish.errors.PublishError when the source has a problem."""
    path = Path(source).resolve()
    info = path.stat()
    return _reference(path, (info.st_mtime_ns, info.st_size), fmt)


# --- comparing -------------------------------------------------------------------------


def quote(found: list[Word], start: int, end: int) -> str:
    shown = found[start:min(end, start + QUOTE_WORDS)]
    more = "…" if end - start > QUOTE_WORDS else ""
    return "“" + " ".join(w.text for w in shown) + more + "”"


def is_furniture(added: list[Word], lines) -> bool:
    """Whether the added words are whole title-block lines, one after another."""
    keys, at = [w.key for w in added], 0
    while at < len(keys):
        line = next((line for line in lines if tuple(keys[at:at + len(line)]) == line), None)
        if line is None:
            return False
        at += len(line)
    return True


def first_difference(expected: list[Word], lines, edition: list[Word]) -> tuple[str, str | None] | None:
    """The first passage the edition loses, repeats, moves or adds, as (message, where); None if none."""
    matcher = difflib.SequenceMatcher(None, [w.key for w in expected], [w.key for w in edition], autojunk=False)
    opcodes = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    changes = [op for op in opcodes if not (op[0] == "insert" and is_furniture(edition[op[3]:op[4]], lines))]
    if not changes:
        return None
    tag, i1, i2, j1, j2 = changes[0]
    lost = [w.key for w in expected[i1:i2]]
    added = [w.key for w in edition[j1:j2]]
    context = "“…" + " ".join(w.text for w in expected[max(0, i1 - CONTEXT_WORDS):i1]) + "”"
    after = f" after {context}" if i1 else " at the start"
    where = edition[min(j1, len(edition) - 1)].where if edition else None
    others = len(changes) - 1
    tail = f" ({others} more difference{'s' if others > 1 else ''})" if others else ""
    if tag == "insert":
        moved = any(op[0] in ("delete", "replace") and [w.key for w in expected[op[1]:op[2]]] == added
                    for op in changes[1:])
        keys = [w.key for w in expected]
        repeated = any(keys[k:k + len(added)] == added for k in range(len(keys) - len(added) + 1))
        if moved:
            return f"out of order: {quote(edition, j1, j2)} comes too early,{after}{tail}", where
        return f"{'duplicated' if repeated else 'added'}: {quote(edition, j1, j2)}{after}{tail}", where
    if tag == "delete":
        moved = any(op[0] in ("insert", "replace") and [w.key for w in edition[op[3]:op[4]]] == lost
                    for op in changes[1:])
        if moved:
            follows = f", which follows {context} in the source," if i1 else ", the source's start,"
            return f"out of order: {quote(expected, i1, i2)}{follows} comes later{tail}", where
        return f"missing: {quote(expected, i1, i2)}{after}{tail}", where
    return f"changed: {quote(expected, i1, i2)} reads {quote(edition, j1, j2)}{after}{tail}", where


# --- the editions ----------------------------------------------------------------------


def text_chunks(doc) -> list[tuple[str, str]]:
    """Lines as written; a note marker `[1]` is a word of its own, not part of the one before."""
    return [(NOTE_MARKER.sub(r" \1 ", line) + "\n", f"{number}:1") for number, line in enumerate(doc.lines, 1)]


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
        elif not tag or tag in SKIPPED_HTML or element.get("hidden") is not None:
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


def page_html_chunks(root) -> list[tuple[str, str]]:
    """The page's main content when it marks one (the skip link and title block sit around it), else the body."""
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


def multiply(m, n):
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


class PageText:
    """One page's text per marked-content id, with each piece's baseline to tell lines apart."""

    def __init__(self):
        self.pieces: dict[int, list[tuple[str, float, float]]] = {}  # mcid -> (text, y, font size)

    def read(self, page) -> PageText:
        resources = page.obj.get("/Resources")
        fonts = resources.get("/Font") if isinstance(resources, pikepdf.Dictionary) else None
        ctm, saved, tm, tlm, leading = (1, 0, 0, 1, 0, 0), [], (1, 0, 0, 1, 0, 0), (1, 0, 0, 1, 0, 0), 0.0
        font, size, marks = None, 0.0, []
        for instruction in pikepdf.parse_content_stream(page):
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                continue
            op, operands = str(instruction.operator), list(instruction.operands)
            if op == "q":
                saved.append(ctm)
            elif op == "Q" and saved:
                ctm = saved.pop()
            elif op == "cm" and len(operands) == 6:
                ctm = multiply(tuple(map(float, operands)), ctm)
            elif op == "BT":
                tm = tlm = (1, 0, 0, 1, 0, 0)
            elif op == "Tm" and len(operands) == 6:
                tm = tlm = tuple(map(float, operands))
            elif op in ("Td", "TD") and len(operands) == 2:
                leading = -float(operands[1]) if op == "TD" else leading
                tm = tlm = multiply((1, 0, 0, 1, float(operands[0]), float(operands[1])), tlm)
            elif op in ("T*", "'", '"'):
                tm = tlm = multiply((1, 0, 0, 1, 0, -leading), tlm)
            elif op == "TL" and operands:
                leading = float(operands[0])
            elif op == "Tf" and len(operands) == 2 and fonts is not None:
                font, size = fonts.get(operands[0]), float(operands[1])
            elif op in ("BDC", "BMC"):
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                marks.append(mcid if isinstance(mcid, int) else (marks[-1] if marks else None))
            elif op == "EMC" and marks:
                marks.pop()
            if op in ("Tj", "TJ", "'", '"') and marks and marks[-1] is not None and operands:
                place = multiply(tm, ctm)
                height = abs(size * place[3]) or 1.0
                self.pieces.setdefault(marks[-1], []).append((decode(font, operands[-1]), place[5], height))
        return self


def decode(font, operand) -> str:
    """Text shown by Tj/TJ through the font's ToUnicode map (one or two bytes a code)."""
    strings = [operand] if isinstance(operand, pikepdf.String) else [
        s for s in (operand if isinstance(operand, pikepdf.Array) else ()) if isinstance(s, pikepdf.String)]
    if not isinstance(font, pikepdf.Dictionary):
        return ""
    width = 2 if font.get("/Subtype") == "/Type0" else 1
    cmap = font.get("/ToUnicode")
    mapping = unicode_map(read(cmap)) if isinstance(cmap, pikepdf.Stream) else None
    out = []
    for string in strings:
        data = bytes(string)
        for at in range(0, len(data) - width + 1, width):
            code = int.from_bytes(data[at:at + width], "big")
            mapped = lookup(mapping, code) if mapping else None
            out.append(mapped.decode("utf-16-be", "replace") if mapped else chr(code) if width == 1 else "")
    return "".join(out)


def block_of(element):
    while element is not None and element.std in INLINE_PDF:
        element = element.parent
    return element


def pdf_chunks(doc: PdfDocument) -> list[tuple[str, str]]:
    """Structure-tree order: each marked-content sequence's text, with a space where the line or
    the block changes, and none after a hyphen that ends a line inside a word."""
    pages = {}
    for number, page in enumerate(doc.pdf.pages, start=1):
        pages[page.obj.objgen] = (number, PageText().read(page))
    chunks, previous, replaced = [], None, set()  # previous: (block, y, last text)
    for (key, mcid), element in doc.structure.mcids.items():
        lineage = list(ancestry(element))
        if key not in pages or any(e.std == "Formula" for e in lineage):
            continue
        number, page = pages[key]
        stand_in = next((e for e in reversed(lineage) if pdf_text(e.get("/ActualText")) is not None), None)
        if stand_in is not None:  # the element's ActualText replaces the text it contains
            if stand_in not in replaced:
                replaced.add(stand_in)
                chunks.append((f" {pdf_text(stand_in.get('/ActualText'))} ", f"page {number}"))
            previous = None
            continue
        block = block_of(element)
        for text, y, height in page.pieces.get(mcid, ()):
            if previous is not None:
                same_block = previous[0] is block
                new_line = abs(y - previous[1]) > height / 2
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


def extract_text(path: Path) -> str:
    """An edition's text in reading order, as a screen reader would meet it."""
    from publish.lint import LOADERS
    from publish.lint.formats import detect

    data = Path(path).read_bytes()
    fmt = detect(data, Path(path))
    return "".join(chunk for chunk, _ in EXTRACTORS[fmt](LOADERS[fmt](data)))


def edition_words(fmt: str, document) -> list[Word]:
    return words(EXTRACTORS[fmt](document))


def compare(fmt: str, document, source: Path) -> tuple[str, str | None] | None:
    """The first difference between the loaded edition and the source, or None."""
    expected, lines = reference(source, fmt)
    return first_difference(expected, lines, edition_words(fmt, document))
