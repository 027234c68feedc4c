"""The filtered pandoc document as braille blocks, then as a BRF file: title page, contents, text.

Margins are given as cells before the text (0 is cell 1). Paragraphs start in cell 3 and
run over to cell 1; list items, notes and table rows start at their margin and run over
two cells in (1-3 style), nested ones two cells further; a level 1 heading is centred,
level 2 starts in cell 5, lower levels in cell 1, each after a blank line. Tables are
read out row by row, each cell after its column's header (`linear_table`), notes follow
the text under their own heading, and images, and where struck-out text starts and ends, are
described in transcriber's notes.
"""

from __future__ import annotations

import io
import json

import panflute as pf

from publish.expected import list_marker
from publish.braille.layout import Block, Pages, PageSize, page_text, paginate, wrap
from publish.braille.translate import EMPHASIS, Run, Translator, as_read
from publish.vocabulary import STRUCK_OUT

CONTENTS_FROM = 5  # body pages from which a contents page is worth its paper
GUIDE_DOT = '"'  # dot 5, repeated between a contents entry and its page number
BULLET = "•"
HEADING_MARGINS = {2: (4, 4)}  # level: (first, runover); level 1 is centred, lower levels (0, 2)
NOTES_HEADING = "Notes"
SUPERSCRIPT = {2: ";9", 1: "9"}  # a note's number where it is referred to, raised (UEB superscript)
PRINT_PAGE = "print-page"  # the class of the empty span that marks where a print page begins


def print_page(page: int) -> dict:
    """Where page `page` of the standard PDF begins (publish.pagemap): the braille shows a print
    page indicator there."""
    return {"t": "Span", "c": [["", [PRINT_PAGE], [["page", str(page)]]], []]}


def load(ast: dict) -> pf.Doc:
    return pf.load(io.StringIO(json.dumps(ast)))


def as_brailled(ast: dict, grade: int) -> dict:
    """The document as the braille reads it, for the linter: each table row by row, each cell
    after its header; a formula as its source, which the braille spells out; the text as the
    reader reads it (`as_read`: tick boxes in words, what has no sign left to a note)."""
    translator = Translator(grade)

    def read(elem: pf.Element, _doc):
        if isinstance(elem, pf.Table):
            return pf.Div(*linear_table(elem))
        if isinstance(elem, pf.Math):
            return pf.Str(elem.text)
        if isinstance(elem, (pf.Str, pf.Code, pf.CodeBlock)):
            lang = next((e.attributes["lang"] for e in ancestry(elem) if "lang" in getattr(e, "attributes", {})), None)
            elem.text = as_read(elem.text, tuple(translator.tables_for(lang)))
            return elem
        return None

    return load(ast).walk(read).to_json()


def ancestry(elem: pf.Element):
    while elem is not None:
        yield elem
        elem = elem.parent


def cell_inlines(cell: pf.TableCell) -> list[pf.Inline]:
    """A cell's text as one run of inlines (its blocks joined by spaces)."""
    inlines: list[pf.Inline] = []
    for block in cell.content:
        if inlines:
            inlines.append(pf.Space())
        inlines += list(getattr(block, "content", [])) if isinstance(block, (pf.Plain, pf.Para)) else \
            [pf.Str(pf.stringify(block))]
    return inlines


def linear_table(table: pf.Table) -> list[pf.Plain]:
    """The table as lines a reader takes in order: the caption, then each row, every cell after its
    column's header (`Region: North; 2024: 15`). Headers of several header rows are joined."""
    head_rows = list(table.head.content) if table.head else []
    columns = max((len(row.content) for body in table.content for row in body.content), default=0)
    headers: list[list[pf.Inline]] = [[] for _ in range(columns)]
    for row in head_rows:
        for index, cell in enumerate(list(row.content)[:columns]):
            text = cell_inlines(cell)
            if text:
                headers[index] += ([pf.Space()] if headers[index] else []) + text
    lines = [pf.Plain(*table.caption.content[0].content)] if table.caption and table.caption.content else []
    for body in table.content:
        for row in [*body.head, *body.content]:
            inlines: list[pf.Inline] = []
            for header, cell in zip(headers, row.content):
                text = cell_inlines(cell)
                if not text:
                    continue
                if inlines:
                    inlines += [pf.Str(";"), pf.Space()]
                inlines += ([*header, pf.Str(":"), pf.Space()] if header else []) + text
            if inlines:
                lines.append(pf.Plain(*inlines))
    return lines


class Brailler:
    """Walks the document once, brailling each block into place; notes wait for the end."""

    def __init__(self, translator: Translator):
        self.t = translator
        self.blocks: list[Block] = []
        self.notes: list[pf.Note] = []
        self.blank_next = False
        self.print_page: str | None = None  # a print page that begins in the block being brailled
        self.lang: str | None = None  # the language of the block being brailled, when not the document's

    def add(self, block: Block) -> None:
        block.blank_before = block.blank_before or self.blank_next
        block.print_page, self.print_page = self.print_page, None
        self.blank_next = False
        self.blocks.append(block)

    def runs(self, inlines, lang: str | None = None, emphasis: str | None = None) -> list[Run]:
        out: list[Run] = []
        for e in inlines:
            if isinstance(e, pf.Str):
                out.append(Run(e.text, lang, emphasis))
            elif isinstance(e, (pf.Space, pf.SoftBreak, pf.LineBreak)):
                out.append(Run(" ", lang, emphasis))
            elif type(e).__name__ in EMPHASIS:
                out += self.runs(e.content, lang, EMPHASIS[type(e).__name__])
            elif isinstance(e, pf.Span) and PRINT_PAGE in e.classes:
                self.print_page = self.t.number(int(e.attributes["page"]))
            elif isinstance(e, pf.Span):
                out += self.runs(e.content, e.attributes.get("lang", lang), emphasis)
            elif isinstance(e, pf.Quoted):
                open_, close = ("“", "”") if e.quote_type == "DoubleQuote" else ("‘", "’")
                out += [Run(open_, lang, emphasis), *self.runs(e.content, lang, emphasis), Run(close, lang, emphasis)]
            elif isinstance(e, (pf.Code, pf.Math)):
                out.append(Run(e.text, lang, emphasis))
            elif isinstance(e, pf.Note):
                self.notes.append(e)
                out.append(Run(SUPERSCRIPT[self.t.grade] + self.t.number(len(self.notes)), raw=True))
            elif isinstance(e, pf.Strikeout):  # UEB has no sign for it: notes say where it starts and ends
                out += [Run(" " + self.t.note(STRUCK_OUT[0]) + " ", raw=True), *self.runs(e.content, lang, emphasis),
                        Run(" " + self.t.note(STRUCK_OUT[1]) + " ", raw=True)]
            elif isinstance(e, pf.Image):
                described = pf.stringify(e).strip()
                if described:
                    out.append(Run(" " + self.t.note(f"Image: {described}") + " ", raw=True))
            elif isinstance(e, pf.RawInline):
                continue
            elif hasattr(e, "content"):  # links, citations, small capitals, super- and subscripts
                out += self.runs(e.content, lang, emphasis)
        return out

    def braille(self, inlines) -> str:
        return self.t.runs(self.runs(inlines, self.lang))

    def block(self, elem: pf.Block, margin: int = 0, lead: str = "") -> None:
        """Braille one block at `margin`; `lead` is a list item's marker, which starts its first line."""
        if isinstance(elem, pf.Header):
            first, runover = HEADING_MARGINS.get(elem.level, (0, 2))
            self.add(Block(self.braille(elem.content), first, runover, centred=elem.level == 1,
                           blank_before=True, heading=elem.level))
            self.blank_next = elem.level == 1
        elif isinstance(elem, (pf.Para, pf.Plain)):
            text = self.braille(elem.content)
            if lead:
                self.add(Block(f"{lead} {text}", margin, margin + 2))
            elif text.strip():
                self.add(Block(text, margin + 2, margin))
        elif isinstance(elem, (pf.BulletList, pf.OrderedList)):
            for number, item in enumerate(elem.content, getattr(elem, "start", 1)):
                marker = BULLET if isinstance(elem, pf.BulletList) else f"{list_marker(elem.style, number)}."
                self.item(list(item.content), margin, self.t.text(marker))
        elif isinstance(elem, pf.DefinitionList):
            for entry in elem.content:
                self.add(Block(self.braille(entry.term), margin, margin + 2))
                for definition in entry.definitions:
                    for child in definition.content:
                        self.block(child, margin + 2)
        elif isinstance(elem, pf.BlockQuote):
            self.blank_next = True
            for child in elem.content:
                self.block(child, margin + 2)
            self.blank_next = True
        elif isinstance(elem, pf.LineBlock):
            for line in elem.content:
                self.add(Block(self.braille(line.content), margin, margin + 2))
        elif isinstance(elem, pf.CodeBlock):
            for line in elem.text.splitlines():
                self.add(Block(self.t.text(line), margin, margin + 2))
        elif isinstance(elem, pf.Table):
            self.blank_next = True
            for line in linear_table(elem):
                self.add(Block(self.braille(line.content), margin, margin + 2))
            self.blank_next = True
        elif isinstance(elem, pf.HorizontalRule):
            self.blank_next = True
        elif isinstance(elem, (pf.Div, pf.Figure)):
            if isinstance(elem, pf.Figure) and elem.caption and elem.caption.content:
                for child in elem.caption.content:
                    self.block(child, margin)
            outer, self.lang = self.lang, elem.attributes.get("lang", self.lang)
            for child in elem.content:
                self.block(child, margin, lead)
                lead = ""
            self.lang = outer

    def item(self, blocks: list[pf.Block], margin: int, marker: str) -> None:
        if not blocks or not isinstance(blocks[0], (pf.Para, pf.Plain)):
            self.add(Block(marker, margin, margin + 2))
            marker = ""
        for index, child in enumerate(blocks):
            self.block(child, margin if index == 0 else margin + 2, marker if index == 0 else "")

    def end_notes(self) -> None:
        """The notes after the text, each starting with its number, under a heading of their own."""
        if not self.notes:
            return
        self.block(pf.Header(pf.Str(NOTES_HEADING), level=2))
        done = 0
        while done < len(self.notes):  # a note may refer to a further note
            done += 1
            self.item(list(self.notes[done - 1].content), 0, self.t.number(done))


def title_blocks(ctx, t: Translator) -> list[Block]:
    lines = [ctx.title, ", ".join(ctx.authors)]
    publisher = str(ctx.meta.get("publisher") or "").strip()
    lines += [publisher if publisher not in ctx.authors else "", ctx.date_text]
    return [Block(t.text(line), centred=True, blank_before=True) for line in lines if line]


def contents_blocks(pages: Pages, t: Translator, size: PageSize) -> list[Block]:
    """Each heading with its braille page number at the right margin, guide dots between."""
    blocks = [Block(t.text("Contents"), centred=True), Block("", blank_before=True)]
    for placed in pages.headings:
        level = placed.block.heading
        number = t.number(placed.page)
        margin = 2 * max(0, level - 2)
        lines = wrap(Block(placed.block.braille, margin, margin + 4), size.cells - len(number) - 3)
        last = lines[-1]
        dots = GUIDE_DOT * (size.cells - len(last) - len(number) - 2)
        lines[-1] = f"{last} {dots} {number}" if dots else f"{last}  {number}"
        blocks += [Block(line, first=len(line) - len(line.lstrip()), runover=margin + 4) for line in lines]
    return blocks


def brf(ast: dict, ctx, grade: int, size: PageSize) -> str:
    """The whole BRF file: preliminary pages numbered p1, p2, …, then the text from page 1."""
    t = Translator(grade)
    walker = Brailler(t)
    walker.add(Block(t.text(ctx.title), centred=True))
    walker.blank_next = True
    for elem in load(ast).content:
        walker.block(elem)
    walker.end_notes()
    body = paginate(walker.blocks, size)
    edition = f"Unified English Braille, grade {grade}"
    prelims = title_blocks(ctx, t) + [Block(t.text(edition), centred=True, blank_before=True),
                                      Block(t.text(f"{len(body.lines)} braille pages of text"), centred=True)]
    front = paginate(prelims, size).lines
    if len(body.lines) >= CONTENTS_FROM and body.headings:
        front += paginate(contents_blocks(body, t, size), size).lines
    text = [page_text(lines, t.text(f"p{n}"), None, size) for n, lines in enumerate(front, 1)]
    text += [page_text(lines, t.number(n), body.print_pages[n - 1], size) for n, lines in enumerate(body.lines, 1)]
    return "".join(text)
