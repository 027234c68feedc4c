"""Large-print DOCX (UKAAF large print): the DOCX edition's writer at 18 pt, with no italic.

Every style is at least the body size (footnotes, captions, table text included) and
note marks are enlarged so that, shrunk to superscript, they stay about that size; type is sans
serif and left-aligned; italic and underlining (links apart) become bold; headings
are larger and bold; pages are A4 portrait (US Letter where the language's region
prints on it). Clear-print documents lint against 12 pt, large print against 16 pt.
Word sets its own pages, so where each page of the standard PDF begins a paragraph says so
("Print page 3", publish.pagemap), as UKAAF large print and braille mark print pages.
"""

from __future__ import annotations

from publish.editions.base import Edition
from publish.editions.docx import LAYOUT, Print, writer

LARGE_PRINT = Print(body=18, italic=False, full_size_marks=True, category="Large print", print_pages=True)

EDITION = Edition(
    name="docx-large",
    label="Large-print Word document (DOCX, 18 pt)",
    suffix="-large.docx",
    pandoc_format="docx",
    audience="large print: a Word document set in 18 pt Arial, bold for emphasis, to print or read on screen",
    write=writer(LARGE_PRINT),
    layout=LAYOUT,
    min_text_size=16,  # UKAAF large print: 16 pt at least, 18 pt preferred
    print_pages=True,
)
