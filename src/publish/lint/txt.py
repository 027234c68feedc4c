"""Plain-text rules: text that reads well on a braille display and in a screen reader."""

from __future__ import annotations

from dataclasses import dataclass

from publish.lint.rule import Hit, Severity, rule

MAX_LINE = 80


@dataclass
class TextDocument:
    data: bytes
    text: str | None  # None when the bytes are not UTF-8

    @property
    def lines(self) -> list[str]:
        return (self.text or "").splitlines()


def load(data: bytes) -> TextDocument:
    try:
        return TextDocument(data, data.decode("utf-8"))
    except UnicodeDecodeError:
        return TextDocument(data, None)


@rule("TXT001", "not-utf8", Severity.ERROR, "Plain text must be UTF-8",
      fix="Rebuild with `make txt`; the pipeline writes UTF-8",
      fix_file="Save the file as UTF-8 (without BOM) in your editor",
      refs=("WCAG 2.2 SC 1.3.1", "RNIB plain-text guidance"))
def not_utf8(doc: TextDocument):
    """## What it does
    Checks that the file decodes as UTF-8.

    ## Why is this bad?
    A screen reader or braille display that guesses the wrong encoding reads out
    garbage for every accented letter, dash and quotation mark.

    ## Example
    A file saved as Windows-1252 with `’` in it fails; saved as UTF-8 it passes.
    """
    if doc.text is None:
        try:
            doc.data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = doc.data[: exc.start].count(b"\n") + 1
            yield Hit(f"byte 0x{doc.data[exc.start]:02x} is not UTF-8", f"{line}")


@rule("TXT401", "line-too-long", Severity.WARNING, f"Lines must be at most {MAX_LINE} characters",
      fix="Shorten the long word or link in source/letter.md, or rebuild with `make txt` to rewrap",
      fix_file=f"Rewrap the text at 72 characters (at most {MAX_LINE})",
      refs=("WCAG 2.2 SC 1.4.8",))
def line_too_long(doc: TextDocument):
    """## What it does
    Finds lines longer than 80 characters.

    ## Why is this bad?
    WCAG 1.4.8 asks for lines of no more than 80 characters; longer lines wrap
    unpredictably on braille displays and small screens, and are hard to track.

    ## Example
    A paragraph written on one 300-character line fails; the same paragraph
    wrapped at 72 characters passes.
    """
    for number, line in enumerate(doc.lines, 1):
        if len(line) > MAX_LINE:
            yield Hit(f"line is {len(line)} characters long", f"{number}:{MAX_LINE + 1}")
