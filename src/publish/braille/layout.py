"""Braille pages: blocks of brailled text set in margins, wrapped to the line and paged.

Margins follow UK practice (UKAAF, Guiding Principles for the Presentation of Braille):
a cell is one character, cell 1 is the left edge; the first line of every page is the
page information line, braille page number at the right (print page at the left when a
print page is known); text runs on the lines below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PAGE_TURN = '"3'  # the UK print page indicator, dots 5 and 25, before the print page number
SIZE = re.compile(r"^\s*(\d+)\s*[x×]\s*(\d+)\s*$")
MIN_CELLS, MIN_LINES = 20, 5  # below this no heading, margin and page number fit
CENTRE_MARGIN = 3  # cells kept clear on each side of a centred line


@dataclass(frozen=True)
class PageSize:
    """Cells per line and lines per page, the page information line included."""

    cells: int = 40
    lines: int = 25

    @classmethod
    def parse(cls, text: str) -> PageSize:
        """`40x25`: cells by lines. Raises ValueError with a message for the command line."""
        match = SIZE.match(text)
        if not match:
            raise ValueError(f"'{text}' is not CELLSxLINES, such as 40x25")
        size = cls(int(match[1]), int(match[2]))
        if size.cells < MIN_CELLS or size.lines < MIN_LINES:
            raise ValueError(f"'{text}' is too small for a braille page (at least {MIN_CELLS}x{MIN_LINES})")
        return size

    def __str__(self) -> str:
        return f"{self.cells}x{self.lines}"


@dataclass
class Block:
    """Brailled text and where it goes: first-line and runover margins (cells before the text)."""

    braille: str
    first: int = 0
    runover: int = 0
    centred: bool = False
    blank_before: bool = False
    heading: int = 0  # heading level, 0 for text: a heading is kept with what follows it
    print_page: str | None = None  # the print page that starts with this block, brailled (`#BF`)


@dataclass
class Placed:
    """A heading and the body page it landed on, for the contents."""

    block: Block
    page: int


@dataclass
class Pages:
    lines: list[list[str]] = field(default_factory=list)  # each page's text lines, below the page information line
    print_pages: list[str | None] = field(default_factory=list)  # the print page current at each page's top
    headings: list[Placed] = field(default_factory=list)


def wrap(block: Block, cells: int) -> list[str]:
    """The block's lines: words never split unless longer than a line, then broken with a hyphen."""
    if block.centred:
        width = cells - 2 * CENTRE_MARGIN
        return [line.strip().center(cells).rstrip() for line in fill(block.braille.split(), width, 0, 0)]
    return fill(block.braille.split(), cells, block.first, block.runover)


def fill(words: list[str], cells: int, first: int, runover: int) -> list[str]:
    lines, line = [], " " * first
    for word in words:
        margin = first if not lines else runover
        while True:
            gap = "" if line.isspace() or not line else " "
            if len(line) + len(gap) + len(word) <= cells:
                line += gap + word
                break
            if not line.strip():  # the word alone is longer than the line
                room = cells - len(line) - 1
                line, word = line + word[:room] + "-", word[room:]
            lines.append(line)
            line = " " * (runover if lines else margin)
    if line.strip():
        lines.append(line)
    return lines


def paginate(blocks: list[Block], size: PageSize) -> Pages:
    """Fill pages line by line; a heading that would stand at the foot of a page goes to the next,
    and a blank line is never the first line of a page."""
    room = size.lines - 1
    pages = Pages([[]], [None])
    wrapped = [wrap(block, size.cells) for block in blocks]
    current_print = None
    for index, (block, lines) in enumerate(zip(blocks, wrapped)):
        if block.print_page is not None:
            current_print = block.print_page
            lines = [(PAGE_TURN + block.print_page).center(size.cells).rstrip(), *lines]
        page = pages.lines[-1]
        blank = 1 if block.blank_before and page else 0
        following = wrapped[index + 1][:2] if block.heading and index + 1 < len(wrapped) else []
        keep = len(lines) + len(following) if block.heading else min(len(lines), 2)  # no lone first line
        if page and len(page) + blank + keep > room:
            pages.lines.append([])
            pages.print_pages.append(current_print)
            page, blank = pages.lines[-1], 0
        page.extend([""] * blank)
        if block.heading:
            pages.headings.append(Placed(block, len(pages.lines)))
        for line in lines:
            if len(page) >= room:
                pages.lines.append([])
                pages.print_pages.append(current_print)
                page = pages.lines[-1]
            page.append(line)
    return pages


def page_text(lines: list[str], number: str, print_page: str | None, size: PageSize) -> str:
    """One page: the information line (print page at the left, braille page at the right), the
    text, and the form feed that ends every page."""
    left = PAGE_TURN + print_page if print_page else ""
    info = left + " " * (size.cells - len(left) - len(number)) + number
    return "\r\n".join([info, *(line.rstrip() for line in lines)]) + "\r\n\f"
