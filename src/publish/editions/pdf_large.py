"""Large-print PDF (UKAAF guidance): the clear-print template set at 18 pt throughout.

Notes, captions, page numbers and tables are as large as the body, never under 16 pt;
each page's footer names the standard PDF's pages it holds (publish.pagemap);
headings larger and bold; emphasis in bold, never italic; images as wide as the text.
A table whose columns cannot all fit the page at that size, even with its words hyphenated,
is read out row by row instead (as the large-print guidance allows), each cell after its
column's header, as the braille editions read every table.
Written as `NAME-large.pdf` beside the clear-print `NAME.pdf`.
"""

from __future__ import annotations

import panflute as pf

from publish import facts, pagemap
from publish.braille.document import linear_table, load
from publish.editions.base import BuildContext, Edition
from publish.editions.pdf import LAYOUT, Look, print_page, write_print

LARGE_PRINT = Look(body=18, small=18, code=18, headings=(28, 24, 21), min_size=16, bold_emphasis=True,
                   images_to_measure=True)
MEASURE = 453  # pt: the text's width on A4 between the template's 25 mm margins
LETTER = 0.58  # em: a bold letter or digit of Atkinson Hyperlegible, on average
CELL_MARGINS = 0.9  # em: the template's cell inset, either side
HYPHENATED = 6  # letters: a longer word hyphenates in a narrow cell; numbers and codes never break


def printed_words(cell: pf.TableCell) -> list[str]:
    """The words a cell prints: raw markup in it (the page map's anchors) takes no room."""
    found: list[str] = []
    cell.walk(lambda element, _doc: found.extend(element.text.split()) if isinstance(element, (pf.Str, pf.Code)) else None)
    return found


def needs(table: pf.Table) -> float:
    """The width (pt) the table's columns need at the least: each as wide as its longest number or
    code, or as the first letters of its longest word, whichever is wider."""
    columns: dict[int, int] = {}
    rows = [*table.head.content, *(r for body in table.content for r in [*body.head, *body.content])]
    for row in rows:
        for index, cell in enumerate(row.content):
            for token in printed_words(cell):
                letters = token.strip(".,;:!?’'\"()").isalpha()
                columns[index] = max(columns.get(index, 0), min(len(token), HYPHENATED) if letters else len(token))
    return sum(chars * LETTER + CELL_MARGINS for chars in columns.values()) * LARGE_PRINT.body


def linear_wide_tables(ast: dict) -> dict:
    """The document with each table too wide for large print as paragraphs, one a row; a document
    without tables as it is (reading a book through panflute for nothing costs seconds)."""
    if not any(node["t"] == "Table" for node in facts.walk(ast["blocks"])):
        return ast

    def linear(element, _doc):
        if isinstance(element, pf.Table) and needs(element) > MEASURE:
            return pf.Div(*(pf.Para(*line.content) for line in linear_table(element)))
        return None
    return load(ast).walk(linear).to_json()


def write(ast: dict, ctx: BuildContext) -> bytes:
    return write_print(linear_wide_tables(pagemap.mark_pages(ast, ctx.pages, print_page)), ctx, LARGE_PRINT)


EDITION = Edition(
    name="pdf-large",
    label="Large-print PDF document (tagged PDF, 18 pt)",
    suffix="-large.pdf",
    pandoc_format="typst",
    audience="partially sighted readers: a tagged PDF (PDF/UA-1) in large print, 18 pt throughout, "
             "for printing or reading on screen",
    write=write,
    layout=LAYOUT,
    min_text_size=LARGE_PRINT.min_size,
    reads_as=linear_wide_tables,
    print_pages=True,
)
