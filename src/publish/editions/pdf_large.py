"""Large-print PDF (UKAAF guidance): the clear-print template set at 18 pt throughout.

Notes, captions, page numbers and tables are as large as the body, never under 16 pt;
each page's footer names the standard PDF's pages it holds (publish.pagemap);
headings larger and bold; emphasis in bold, never italic; images as wide as the text.
Written as `NAME-large.pdf` beside the clear-print `NAME.pdf`.
"""

from __future__ import annotations

from publish import pagemap
from publish.editions.base import BuildContext, Edition
from publish.editions.pdf import LAYOUT, Look, print_page, write_print

LARGE_PRINT = Look(body=18, small=18, code=18, headings=(28, 24, 21), min_size=16, bold_emphasis=True,
                   images_to_measure=True)


def write(ast: dict, ctx: BuildContext) -> bytes:
    return write_print(pagemap.mark_pages(ast, ctx.pages, print_page), ctx, LARGE_PRINT)


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
    print_pages=True,
)
