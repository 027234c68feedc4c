"""tables: every table has a header row, so screen readers can name each cell's column.

A table marked `{.row-headers}` (in its caption: `Table: Caption {.row-headers}`) has its
first column made of row headers, so each cell is also named by its row.

On the web (HTML and EPUB) each table sits in a named region that scrolls sideways on
its own and takes keyboard focus, so a wide table keeps its words whole on a narrow
screen and a keyboard user can scroll it; the region is named by the caption, or by the
header row when there is none.
Editions: all (the region only for HTML and EPUB). Metadata: none.
"""

import panflute as pf

from publish.filterkit import Filter, problem, run_script

FORMATS = ("html5", "epub3")


def prepare(doc: pf.Doc) -> None:
    doc.tables = 0


def scroll_region(table: pf.Table, number: int) -> pf.Div:
    """The table inside a focusable region named by its caption (aria-labelledby) or its header row."""
    attributes = {"role": "region", "tabindex": "0"}
    blocks = table.caption.content
    if len(blocks) == 1 and isinstance(blocks[0], (pf.Plain, pf.Para)) and pf.stringify(blocks[0]).strip():
        caption_id = f"{table.identifier or f'table-{number}'}-caption"
        blocks[0].content = [pf.Span(*blocks[0].content, identifier=caption_id)]
        attributes["aria-labelledby"] = caption_id
    else:
        attributes["aria-label"] = ", ".join(pf.stringify(cell).strip() for row in table.head.content
                                             for cell in row.content if pf.stringify(cell).strip())
    return pf.Div(table, classes=["table-region"], attributes=attributes)


def check_table(elem: pf.Element, doc: pf.Doc) -> pf.Div | None:
    if not isinstance(elem, pf.Table):
        return None
    head_rows = elem.head.content if elem.head else []
    if not any(pf.stringify(row).strip() for row in head_rows):
        first_cell = next((pf.stringify(cell).strip() for body in elem.content for row in body.content
                           for cell in row.content if pf.stringify(cell).strip()), "")
        raise problem("table has no header row",
                      "give the table a header row: in a pipe table, the first row above the `|---|` line",
                      needle=first_cell)
    if "row-headers" in elem.classes:
        for body in elem.content:
            body.row_head_columns = 1
    if doc.format in FORMATS:
        doc.tables += 1
        return scroll_region(elem, doc.tables)
    return None


FILTER = Filter(check_table, (pf.Table,), prepare=prepare)


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
