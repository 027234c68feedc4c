"""One page map for every edition: on which page of the standard PDF each block of text starts.

Readers of different editions meet over the printed one ("page 2 of the letter"), so the
EPUB and HTML editions mark where each PDF page begins, the braille shows print page
indicators, the large-print PDF names the standard page beside its own and the large-print
DOCX (which Word paginates itself) marks where each standard page begins, as braille does.

The blocks are counted in one walk (`anchored`) that every edition's copy of the filtered
document shares: paragraphs, headings, code, table cells and list items' paragraphs, in
reading order, but not notes or captions (each edition sets those in its own place). The
standard PDF is typeset once with an invisible Typst anchor at the start of each such
block (it sets a counter to the number of blocks begun), and in the same run Typst attaches
to the PDF a file that says, page by page, how many blocks had begun by the page's foot;
the build reads it and takes it out (editions/pdf.py, `typeset`). An edition then puts
its own marker before the first block of each page (`mark`). A page on which no block
starts (one paragraph longer than a page) has no marker: there is no block to point at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Callable, Iterator

# An anchor steps a Typst counter at the start of its block; each page's footer holds one
# metadata mark, where the counter tells how many blocks began before the page ended. (A
# metadata element per block cost Typst about 14 s and 1.3 GB at 500 pages; a counter step, nothing.)
ANCHOR = "block-anchor"
PAGE_MARK = "page-mark"
ATTACHMENT = "page-map.json"  # what Typst says: each page and how many blocks began on it or before
TYPST_ATTACHMENT = (f'#context pdf.attach("{ATTACHMENT}", bytes(json.encode(query(metadata)'
                    f'.filter(m => m.value == "{PAGE_MARK}")'
                    f'.map(m => (m.location().page(), counter("{ANCHOR}").at(m.location()).first())), pretty: false)), '
                    f'mime-type: "application/json", relationship: "data", '
                    f'description: "the page map of the build, taken out of the published PDF")')
TEXT_BLOCKS = frozenset(("Para", "Plain", "Header", "CodeBlock", "LineBlock"))


@dataclass(frozen=True)
class PageMap:
    """The standard PDF's pages: `turns[i]` is the page that starts at anchored block i (only
    blocks that begin a page are listed)."""

    turns: dict[int, int]
    edition: str  # the file whose pages these are, for EPUB's pageBreakSource (`letter.pdf`)


def anchored(blocks: list) -> Iterator[tuple[list, int]]:
    """Each text block as (the list that holds it, its index), in reading order."""
    for index, block in enumerate(blocks):
        kind, content = block.get("t"), block.get("c")
        if kind in TEXT_BLOCKS:
            yield blocks, index
        elif kind in ("Div", "Figure"):
            yield from anchored(content[-1])  # a figure's caption is not counted
        elif kind == "BlockQuote":
            yield from anchored(content)
        elif kind in ("BulletList", "OrderedList"):
            for item in content[-1] if kind == "OrderedList" else content:
                yield from anchored(item)
        elif kind == "DefinitionList":
            for _term, definitions in content:
                for definition in definitions:
                    yield from anchored(definition)
        elif kind == "Table":
            _attr, _caption, _columns, head, bodies, foot = content
            rows = [*head[1], *(row for body in bodies for row in (*body[2], *body[3])), *foot[1]]
            for row in rows:
                for cell in row[1]:
                    yield from anchored(cell[4])


def mark(ast: dict, make: Callable[[int], dict], blocks: set[int] | None = None, before: bool = False) -> dict:
    """Put `make(i)` at the start of anchored block i, for every i in `blocks` (all by default):
    as its first inline where it has inlines, else (code) as a block before it. `make` gives
    an inline; a block before code holds it in a Plain. With `before`, `make` gives a block,
    set before block i whatever it is. Returns `ast`, changed in place."""
    found = list(anchored(ast["blocks"]))
    for number in sorted(range(len(found)) if blocks is None else blocks, reverse=True):
        holder, index = found[number]
        marker, block = make(number), holder[index]
        if before:
            holder.insert(index, marker)
        elif block["t"] in ("Para", "Plain"):
            block["c"].insert(0, marker)
        elif block["t"] == "Header":
            block["c"][2].insert(0, marker)
        elif block["t"] == "LineBlock" and block["c"]:
            block["c"][0].insert(0, marker)
        else:
            holder.insert(index, {"t": "Plain", "c": [marker]})
    return ast


def mark_pages(ast: dict, pages: PageMap | None, make: Callable[[int], dict], before: bool = False) -> dict:
    """Put `make(page)` at the first block of each page of the standard PDF (`mark`: inside it,
    or with `before` a block of its own before it)."""
    if pages is None:
        return ast
    return mark(ast, lambda number: make(pages.turns[number]), set(pages.turns), before)


def typst_anchor(number: int) -> dict:
    """Block `number` sets the counter to number + 1, the blocks begun so far: set, not stepped,
    as a table's header row repeated on the next page would step it again."""
    return raw("typst", f'#counter("{ANCHOR}").update({number + 1})')


def raw(fmt: str, text: str) -> dict:
    """A raw inline for one writer (`html`, `typst`)."""
    return {"t": "RawInline", "c": [fmt, text]}


def raw_block(fmt: str, text: str) -> dict:
    return {"t": "RawBlock", "c": [fmt, text]}


def from_json(found: bytes, edition: str) -> PageMap:
    """The page map from what Typst attached: for each page, how many blocks began on it or
    before. A page on which the count grows begins with the first block not counted before it."""
    turns: dict[int, int] = {}
    before = 0
    for page, began in sorted(json.loads(found)):
        if began > before:
            turns[before] = page
        before = max(before, began)
    return PageMap(turns, edition)
