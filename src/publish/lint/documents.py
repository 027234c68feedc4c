"""Each format's loader: the file's bytes become the document its rules read."""

from __future__ import annotations

from pathlib import Path

from publish.lint import brf, docx_document, epub_package, html, pdf_document, txt
from publish.lint.docx_print import PrintCheck
from publish.lint.formats import detect
from publish.lint.reading_order import EXTRACTORS
from publish.vocabulary import LARGE_PRINT_PT

LOADERS = {"pdf": pdf_document.load, "docx": docx_document.load, "epub": epub_package.load, "html": html.load,
           "txt": txt.load,
           "brf": brf.load}


def load(fmt: str, data: bytes, settings):
    """The document the format's rules read; raises publish.lint.safe.Unreadable when it cannot be read."""
    document = LOADERS[fmt](data)
    if fmt == "txt" and settings.max_line:
        document.max_line = settings.max_line
    if fmt == "brf" and settings.braille_page:
        document.cells, document.lines = settings.braille_page
    if fmt == "pdf" and settings.min_text_size:
        document.min_text_size = settings.min_text_size
    if fmt == "docx" and settings.min_text_size:
        document.print_check = PrintCheck(settings.min_text_size, large_print=settings.min_text_size >= LARGE_PRINT_PT)
    return document


def extract_text(path: Path) -> str:
    """A file's text in reading order, as a screen reader would meet it."""
    data = Path(path).read_bytes()
    fmt = detect(data, Path(path))
    return "".join(chunk for chunk, _ in EXTRACTORS[fmt](LOADERS[fmt](data)))
