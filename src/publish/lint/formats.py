"""Recognise a file's format by its content, the extension only as a tie-break."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from publish.lint.rule import Severity, rule
from publish.lint.safe import ZIP_ERRORS, Unreadable

FORMATS = ("pdf", "docx", "epub", "html", "txt", "brf", "file")
OLE_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # what Office wraps an encrypted document in
BRF_CELLS = frozenset(range(0x20, 0x60)) | {0x0a, 0x0d, 0x0c}  # ASCII braille (upper case) and line and page ends


def detect(data: bytes, path: Path) -> str:
    if not data:
        raise Unreadable("file is empty (0 bytes)")
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data[:8] == OLE_COMPOUND_FILE:
        raise Unreadable("an encrypted (password-protected) Office document or an old binary .doc: "
                         "remove the password, or save it as .docx")
    if data[:4] == b"PK\x03\x04":
        try:
            names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
        except ZIP_ERRORS:
            names = set()
        if "mimetype" in names or "META-INF/container.xml" in names or path.suffix.lower() == ".epub":
            return "epub"
        if "word/document.xml" in names or path.suffix.lower() == ".docx":
            return "docx"
        raise Unreadable("a ZIP file that is neither EPUB nor DOCX")
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html")) or (b"<html" in head and head.startswith(b"<")):
        return "html"
    if path.suffix.lower() in (".epub", ".docx", ".pdf"):
        raise Unreadable(f"the content is not {path.suffix.lower()[1:].upper()} (the name says it is)")
    if b"\x00" in data[:8192] or _looks_binary(data[:8192]):
        raise Unreadable("binary data in a format the linter does not know")
    return "brf" if _looks_braille(data, path) else "txt"


def _looks_braille(data: bytes, path: Path) -> bool:
    """ASCII braille cells with form feeds between pages is braille whatever its name; other text
    (one page, lower-case cells, or characters braille does not have) only when named `.brf`."""
    used = set(data)
    return path.suffix.lower() == ".brf" or (used <= BRF_CELLS and 0x0c in used)


def _looks_binary(sample: bytes) -> bool:
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32 and b != 27)
    return controls > len(sample) // 10


def _never(document):  # the frame itself reports *901; the rule exists for its doc and code
    return iter(())


for _fmt in FORMATS:
    rule(
        f"{_fmt.upper()}901", "could-not-check", Severity.ERROR,
        "Files must be readable to be checked",
        fix="Rebuild the edition with `{build}`",
        fix_file="Open and re-save the file in the program that made it, or check it is the format its name says",
        refs=("EPUBCheck PKG/RSC fatal errors",),
    )(_never)
_never.__doc__ = """## What it does
Reports a file the linter could not open: damaged, truncated, empty, encrypted
without a way in, of an unknown format, or larger than the safety limits.

## Why is this bad?
If the linter cannot read a file, assistive technology probably cannot either, and
nothing about its accessibility is known. The run exits with status 2.

## Example
A PNG renamed `letter.epub` gives `EPUB901 error: could not check: ...`.
"""
