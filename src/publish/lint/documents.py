"""Each format's loader: the file's bytes become the document its rules read."""

from __future__ import annotations

from pathlib import Path

from publish.lint import docx_document, epub_package, html, pdf_document, txt
from publish.lint.formats import detect
from publish.lint.reading_order import EXTRACTORS

LOADERS = {"pdf": pdf_document.load, "docx": docx_document.load, "epub": epub_package.load, "html": html.load,
           "txt": txt.load}


def load(fmt: str, data: bytes, settings):
    """The document the format's rules read; raises publish.lint.safe.Unreadable when it cannot be read."""
    document = LOADERS[fmt](data)
    if fmt == "txt" and settings.max_line:
        document.max_line = settings.max_line
    return document


def extract_text(path: Path) -> str:
    """A file's text in reading order, as a screen reader would meet it."""
    data = Path(path).read_bytes()
    fmt = detect(data, Path(path))
    return "".join(chunk for chunk, _ in EXTRACTORS[fmt](LOADERS[fmt](data)))
