"""PDF table rules: regular rows and columns, and header cells a screen reader can tie to data."""

from __future__ import annotations

import pikepdf

from publish.lint.pdf_document import Element, PdfDocument, safely
from publish.lint.rule import Hit, Severity, rule

MAX_SPAN = 1000  # a span beyond this is damage, not a table
MAX_CELLS = 200_000  # grid positions laid out per table before giving up


def attribute(element: Element, key: str):
    """A table attribute (`/A` dictionary or array of them), or None."""
    owners = element.get("/A")
    owners = [owners] if isinstance(owners, pikepdf.Dictionary) else list(owners) \
        if isinstance(owners, pikepdf.Array) else []
    for owner in owners:
        if isinstance(owner, pikepdf.Dictionary) and key in owner:
            return owner.get(key)
    return None


def span(element: Element, key: str) -> int:
    value = attribute(element, key)
    return min(value, MAX_SPAN) if isinstance(value, int) and value > 0 else 1


def rows(table: Element) -> list[Element]:
    found = []
    for kid in table.kids:
        if kid.std == "TR":
            found.append(kid)
        elif kid.std in ("THead", "TBody", "TFoot"):
            found += [row for row in kid.kids if row.std == "TR"]
    return found


def tables(doc: PdfDocument):
    return (e for e in doc.structure.elements if e.std == "Table")


def grid(table: Element):
    """Lay out the cells: ({(row, col): cell}, problems) with row spans and column spans."""
    cells: dict[tuple[int, int], Element] = {}
    problems = []
    table_rows = rows(table)
    for r, row in enumerate(table_rows):
        c = 0
        for cell in (k for k in row.kids if k.std in ("TH", "TD")):
            while (r, c) in cells:
                c += 1
            rowspan, colspan = span(cell, "/RowSpan"), span(cell, "/ColSpan")
            if r + rowspan > len(table_rows):
                problems.append((f"a cell spans {rowspan} rows, past the end of the table", cell))
                rowspan = len(table_rows) - r
            if len(cells) + rowspan * colspan > MAX_CELLS:
                return cells, [(f"the table is too large to check (over {MAX_CELLS:,} grid cells)", table)]
            for dr in range(rowspan):
                for dc in range(colspan):
                    if (r + dr, c + dc) in cells:
                        problems.append(("two cells overlap", cell))
                    cells[(r + dr, c + dc)] = cell
            c += colspan
    widths = [sum(1 for (r, _) in cells if r == i) for i in range(len(table_rows))]
    odd = next((i for i, w in enumerate(widths) if w != widths[0]), None)
    if odd is not None:
        problems.append((f"row {odd + 1} covers {widths[odd]} columns where row 1 covers {widths[0]}",
                         table_rows[odd]))
    return cells, problems


@rule("PDF106", "irregular-table", Severity.ERROR, "Table rows must have the same number of columns",
      fix="Give every row of the table in {source} the same number of cells",
      fix_file="Fix the table's row and column spans so that every row covers the same columns",
      refs=("ISO 14289-1 7.2", "veraPDF 7.2-15", "veraPDF 7.2-41", "veraPDF 7.2-42", "veraPDF 7.2-43",
            "Matterhorn 15-001", "WCAG 2.2 SC 1.3.1"))
@safely
def irregular_table(doc: PdfDocument):
    """## What it does
    Lays out each table's cells with their RowSpan and ColSpan and checks that every
    row covers the same number of columns, no span runs past the table and no cells overlap.

    ## Why is this bad?
    Screen readers announce "row 3, column 2" and the headers of each cell from this
    grid; an irregular grid gives wrong headers.

    ## Example
    ```markdown
    | Party | Leader |
    |-------|--------|
    | Green |
    ```
    has a short row.
    """
    for table in tables(doc):
        for message, element in grid(table)[1]:
            yield Hit(message, element.where)


@rule("PDF107", "table-header-without-scope", Severity.ERROR,
      "Table header cells must have a Scope when cells do not name their headers",
      fix="Rebuild with `{build}`; the pipeline gives header cells a scope",
      fix_file="Set the Scope (Column or Row) of each TH, or give the data cells Headers naming TH IDs",
      refs=("ISO 14289-1 7.5", "veraPDF 7.5-1", "veraPDF 7.5-2", "Matterhorn 15-003", "WCAG 2.2 SC 1.3.1"))
@safely
def table_header_without_scope(doc: PdfDocument):
    """## What it does
    In a table whose data cells do not name their headers (`Headers` attribute),
    checks that each TH has a `Scope` of Row, Column or Both; where data cells do name
    headers, checks that each name is the ID of a TH in the table. `Headers` on a header
    cell is not checked: PDF/UA-1 asks it only of data cells.

    ## Why is this bad?
    Without a scope, a screen reader cannot tell whether a header belongs to its row
    or its column, and reads data cells without their headers.

    ## Example
    A table made in a layout program with header cells but no scope fails.
    """
    for table in tables(doc):
        cells = set(grid(table)[0].values())
        headers = [c for c in cells if c.std == "TH"]
        named = [c for c in cells if c.std == "TD" and attribute(c, "/Headers") is not None]
        if not named:
            for cell in sorted(headers, key=lambda c: table_order(table, c)):
                if str(attribute(cell, "/Scope") or "") not in ("/Row", "/Column", "/Both"):
                    yield Hit("header cell has no Scope (Row or Column)", cell.where)
            continue
        ids = {bytes(c.get("/ID")) for c in headers if isinstance(c.get("/ID"), pikepdf.String)}
        for cell in sorted(named, key=lambda c: table_order(table, c)):
            value = attribute(cell, "/Headers")
            names = [bytes(v) for v in (value if isinstance(value, pikepdf.Array) else [value])
                     if isinstance(v, pikepdf.String)]
            unknown = [n for n in names if n not in ids]
            if unknown:
                yield Hit(f"cell names the header `{unknown[0].decode('latin-1')}`, which is not a header cell's ID",
                          cell.where)


def table_order(table: Element, cell: Element) -> int:
    """Document-order position of a cell, so findings come out in reading order."""
    for number, row in enumerate(rows(table)):
        if cell in row.kids:
            return number * MAX_SPAN + row.kids.index(cell)
    return 0
