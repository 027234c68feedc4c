"""Pipe tables as written in the Markdown, checked before pandoc reads them.

pandoc takes a pipe table's columns from its `|---|` line and fits every row to them without
a word: a header cell beyond that line's columns, and a row's extra cells, are dropped from
every edition; a missing header cell leaves a column without a header; a short row is
padded with empty cells. pandoc's AST keeps no source lines, so the table is found here in
the raw text (outside fenced code and HTML comments) and counted cell by cell, as pandoc
splits them: not at `\\|`, nor inside `code`. Lost text and a column with no header stop
the build; a padded row is a warning, since the row may mean its last cells to be empty.
Tables inside block quotes are not checked.
"""

from __future__ import annotations

import re

from publish.errors import SourceError, SourceProblem, SourceWarning

TOKEN = re.compile(r"\\.|`+|\||[^\\`|]+|\\")  # an escape, a backtick run, a pipe, other text
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
SEPARATOR = re.compile(r"^ {0,3}\|?(\s*:?-+:?\s*\|)*\s*:?-+:?\s*\|?\s*$")
# Lines after which a block may begin without a blank line: headings and fenced div marks.
BLOCK_END = re.compile(r"^ {0,3}(#{1,6}(\s|$)|:{3,})")


def split(line: str) -> list[str]:
    """The line split as pandoc splits a table row: at `|`, but not at `\\|` or inside a code span."""
    found, cell, at = [], [], 0
    for token in TOKEN.finditer(line):
        if token.start() < at:
            continue  # inside a code span already taken
        text = token.group()
        if text == "|":
            found.append("".join(cell))
            cell = []
            continue
        if text.startswith("`"):
            close = re.compile(rf"(?<!`){text}(?!`)").search(line, token.end())
            text = line[token.start():close.end()] if close else text
        cell.append(text)
        at = token.start() + len(text)
    found.append("".join(cell))
    return found


def cells(line: str) -> list[str] | None:
    """The row's cells, the pipes at its ends only closing it; None when the line has no pipe."""
    found = split(line)
    if len(found) < 2:
        return None
    if not found[0].strip():
        found = found[1:]
    if found and not found[-1].strip():
        found = found[:-1]
    return found


def last(count: int, noun: str) -> str:
    return f"the last {noun}" if count == 1 else f"the last {count} {noun}s"


def plain_lines(lines: list[str], start: int):
    """(index, line) of the lines outside fenced code blocks and HTML comments."""
    fence, in_comment = None, False
    for index in range(start, len(lines)):
        line = lines[index]
        if in_comment:
            in_comment = "-->" not in line
            continue
        opening = FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line[opening.end():].strip():
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            continue
        yield index, line


def problems(lines: list[str], body_start: int, path) -> list[SourceProblem]:
    """Every pipe table's miscounted rows, in source order. `body_start` is the 0-based index of
    the first body line; lines are numbered from 1 in the problems."""
    found: list[SourceProblem] = []
    plain = dict(plain_lines(lines, body_start))
    for index, line in plain.items():
        starts_block = (index == body_start or index - 1 not in plain or not lines[index - 1].strip()
                        or BLOCK_END.match(lines[index - 1]))
        below = plain.get(index + 1, "")
        if starts_block and len(line) - len(line.lstrip()) < 4 and "|" in below and SEPARATOR.match(below):
            head = cells(line)
            if head is not None:
                found += table_problems(plain, index, len(head), len(cells(below)), path)
    return found


def table_problems(plain: dict[int, str], index: int, heads: int, columns: int, path) -> list[SourceProblem]:
    """The problems of the table whose header row is line `index` (0-based)."""
    if heads > columns:
        return [SourceError(
            f"this `|---|` line marks {columns} columns but the header row above it has {heads} cells, so "
            f"{last(heads - columns, 'column')} would be left out of every edition",
            f"give the `|---|` line one `---` for each column: `{'|---' * heads}|`", path=path, line=index + 2)]
    if heads < columns:
        return [SourceError(
            f"this table's header row has {heads} cells but its `|---|` line marks {columns} columns, so "
            f"column {heads + 1} would have no header",
            "give every column a header cell, or remove the extra `---` from the `|---|` line",
            path=path, line=index + 1)]
    found: list[SourceProblem] = []
    row = index + 2
    while row in plain and (row_cells := cells(plain[row])) is not None:
        count = len(row_cells)
        if count > columns:
            found.append(SourceError(
                f"this table row has {count} cells but the table has {columns} columns, so "
                f"{last(count - columns, 'cell')} would be left out of every edition",
                "remove the extra cells, or add the column to the header row and the `|---|` line",
                path=path, line=row + 1))
        elif count < columns:
            empty = "an empty cell" if columns - count == 1 else f"{columns - count} empty cells"
            found.append(SourceWarning(
                f"this table row has {count} cells but the table has {columns} columns; every edition adds "
                f"{empty} at its end", "end the row with `|  |` for each empty cell, so it is clear where its "
                "cells belong", path=path, line=row + 1))
        row += 1
    return found


def check(source) -> None:
    """Stop at the first pipe table that would lose text or a header; report the padded rows."""
    found = problems(source.lines, source.body_line - 1, source.path)
    error = next((p for p in found if isinstance(p, SourceError)), None)
    if error is not None:
        raise error
    for warning in found:
        warning.report()
