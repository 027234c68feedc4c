"""Markup shared by the web editions (HTML and EPUB): what pandoc's writers leave out."""

from __future__ import annotations

import re

TABLE_SECTION = re.compile(r"<(thead|tbody|tfoot)\b.*?</\1>", re.S)
HEADER_CELL = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)")
SCOPE = {"thead": "col", "tbody": "row", "tfoot": "row"}


def scope_header_cells(markup: str) -> str:
    """Header cells get `scope`: `col` in the header row, `row` in the body's header column.

    Browsers guess a header cell's direction, but EPUB reading systems may not, and
    without it a screen reader cannot name a cell's row or column.
    """
    return TABLE_SECTION.sub(
        lambda m: HEADER_CELL.sub(f'<th scope="{SCOPE[m.group(1)]}"', m.group(0)), markup)
