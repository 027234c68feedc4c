"""Mending after Typst: what Typst's Python wheel cannot yet tag, and what it attached for the build.

Row headers: a table marked `{.row-headers}` has its first column as row headers (pandoc's
`row_head_columns`, which the HTML and EPUB editions write as `<th scope="row">`). Typst
tags every body cell TD unless the `a11y-extras` feature, off in the wheel, is on. So each
table's first body cell in each row becomes TH with `/Scope /Row`, and the other cells of the
row name it in their `/Headers`.

Which tables: Typst tags tables in document order, as pandoc lists them, so the n-th Table
element is the n-th table of the AST; each one's row count is checked against the AST
before anything changes, and a mismatch stops the build rather than tag the wrong cells.

Attached for the build: the standard PDF's page map (publish.pagemap) comes out of the same
Typst run as the PDF, as an attached file, which is read here and taken out: readers never
see it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf

from publish import facts
from publish.errors import BuildError


@dataclass(frozen=True)
class TableShape:
    row_headers: bool
    rows: int  # every row: header, body and footer


def row_header_tables(ast: dict) -> list[TableShape]:
    """Every table of the AST in document order: whether it has row headers, and its rows."""
    shapes = []
    for node in facts.walk(ast["blocks"]):
        if node["t"] != "Table":
            continue
        _attr, _caption, _cols, head, bodies, foot = node["c"]
        rows = len(head[1]) + len(foot[1]) + sum(len(b[2]) + len(b[3]) for b in bodies)
        shapes.append(TableShape(any(b[1] > 0 for b in bodies), rows))
    return shapes


def kids(element) -> list:
    value = element.get("/K")
    items = list(value) if isinstance(value, pikepdf.Array) else [value] if value is not None else []
    return [k for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def elements(root, kind: str) -> list:
    """Structure elements of type `kind` in document (pre-)order."""
    found, stack = [], list(reversed(kids(root)))
    while stack:
        element = stack.pop()
        if element.get("/S") == "/" + kind:
            found.append(element)
        stack.extend(reversed(kids(element)))
    return found


def table_attributes(cell) -> pikepdf.Dictionary:
    """The cell's attribute dictionary owned by /Table, made if it has none."""
    attrs = cell.get("/A")
    items = list(attrs) if isinstance(attrs, pikepdf.Array) else [attrs] if attrs is not None else []
    for item in items:
        if isinstance(item, pikepdf.Dictionary) and item.get("/O") == "/Table":
            return item
    owned = pikepdf.Dictionary(O=pikepdf.Name.Table)
    cell.A = pikepdf.Array([*items, owned])
    return owned


def mark_table(table, number: int, ids: pikepdf.NameTree) -> None:
    for body in (k for k in kids(table) if k.get("/S") == "/TBody"):
        for y, row in enumerate(k for k in kids(body) if k.get("/S") == "/TR"):
            cells = [k for k in kids(row) if k.get("/S") in ("/TD", "/TH")]
            if not cells:
                continue
            header = cells[0]
            header.S = pikepdf.Name.TH
            attributes = table_attributes(header)
            attributes.Scope = pikepdf.Name.Row
            name = f"RowHeader{number}y{y}"
            header.ID = pikepdf.String(name)
            ids[name] = header
            for cell in cells[1:]:
                attributes = table_attributes(cell)
                named = attributes.get("/Headers")
                attributes.Headers = pikepdf.Array([*(named if isinstance(named, pikepdf.Array) else []),
                                                    pikepdf.String(name)])


def mend(data: bytes, shapes: list[TableShape], attached: str | None = None) -> tuple[bytes, bytes | None]:
    """The PDF with the row headers of every `{.row-headers}` table tagged TH, scope Row, and
    the file Typst attached under the name `attached` taken out; and that file's bytes."""
    if attached is None and not any(shape.row_headers for shape in shapes):
        return data, None
    pdf = pikepdf.open(io.BytesIO(data))
    found = None
    if attached is not None:
        found = pdf.attachments[attached].get_file().read_bytes()
        del pdf.attachments[attached]
        if not pdf.attachments:
            del pdf.Root.Names.EmbeddedFiles
            if not pdf.Root.Names.keys():
                del pdf.Root.Names
    if any(shape.row_headers for shape in shapes):
        mark_row_headers(pdf, shapes)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue(), found


def mark_row_headers(pdf: pikepdf.Pdf, shapes: list[TableShape]) -> None:
    tree = pdf.Root.StructTreeRoot
    tables = elements(tree, "Table")
    if len(tables) != len(shapes):
        raise BuildError(f"could not tag the row headers: the PDF has {len(tables)} tables where the source "
                         f"has {len(shapes)}; please report this as a bug in publish")
    if "/IDTree" not in tree:
        tree.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=pikepdf.Array()))
    ids = pikepdf.NameTree(tree.IDTree)
    for number, (table, shape) in enumerate(zip(tables, shapes), start=1):
        rows = len(elements(table, "TR"))
        if rows != shape.rows:
            raise BuildError(f"could not tag the row headers: table {number} has {rows} rows in the PDF and "
                             f"{shape.rows} in the source; please report this as a bug in publish")
        if shape.row_headers:
            mark_table(table, number, ids)
