"""Each format's loader: the file's bytes become the document its rules read."""

from __future__ import annotations

import importlib
from pathlib import Path

from publish.lint.formats import detect
from publish.vocabulary import LARGE_PRINT_PT

# each format's document model, imported when a file of that format is read
MODELS = {"pdf": "pdf_document", "docx": "docx_document", "epub": "epub_package", "html": "html", "txt": "txt",
          "brf": "brf"}


def loader(fmt: str):
    return importlib.import_module(f"publish.lint.{MODELS[fmt]}").load


def load(fmt: str, data: bytes, settings):
    """The document the format's rules read; raises publish.lint.safe.Unreadable when it cannot be read."""
    document = loader(fmt)(data)
    if fmt == "txt" and settings.max_line:
        document.max_line = settings.max_line
    if fmt == "brf" and settings.braille_page:
        document.cells, document.lines = settings.braille_page
    if fmt == "pdf" and settings.min_text_size:
        document.min_text_size = settings.min_text_size
    if fmt == "docx" and settings.min_text_size:
        from publish.lint.docx_print import PrintCheck

        document.print_check = PrintCheck(settings.min_text_size, large_print=settings.min_text_size >= LARGE_PRINT_PT)
    return document


def extract_text(path: Path) -> str:
    """A file's text in reading order, as a screen reader would meet it."""
    from publish.lint.reading_order import EXTRACTORS

    data = Path(path).read_bytes()
    fmt = detect(data, Path(path))
    return "".join(chunk for chunk, _ in EXTRACTORS[fmt](loader(fmt)(data)))
