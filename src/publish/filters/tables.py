"""tables: every table has a header row, so screen readers can name each cell's column.

A table marked `{.row-headers}` (in its caption: `Table: Caption {.row-headers}`) has its
first column made of row headers, so each cell is also named by its row.
Editions: all. Metadata: none.
"""

import panflute as pf

from publish.filterkit import problem, run_script

FORMATS = ()


def check_table(elem: pf.Element, doc: pf.Doc) -> None:
    if not isinstance(elem, pf.Table):
        return
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


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return pf.run_filter(check_table, doc=doc)


if __name__ == "__main__":
    run_script(main)
