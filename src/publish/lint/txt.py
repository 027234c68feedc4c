"""Plain-text rules: text that reads well on a braille display and in a screen reader.

Locations are `line:column`, both counted from 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from publish.lint.rule import Hit, Severity, capped, rule
from publish.lint.safe import Unreadable

MAX_LINE = 80  # WCAG 1.4.8; `publish lint --max-line-length N` sets another limit
MAX_BYTES = 20 * 1024 * 1024  # a long book is a few MB of text
CONTROL = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
MARKUP = {
    "Markdown emphasis": re.compile(r"(\*\*|__)(?=\S)[^*_\n]+?(?<=\S)\1"),
    "a Markdown link": re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    "an HTML tag": re.compile(r"</?(p|br|div|span|em|strong|b|i|u|a|ul|ol|li|h[1-6]|table|tr|td|th|img|sup|sub)"
                              r"(\s[^<>]*)?/?>", re.IGNORECASE),
    "a pandoc attribute": re.compile(r"\{\s*[#.][\w:-]+[^{}\n]*\}"),
}
BOX_DRAWING = re.compile(r"[\u2500-\u257f]")
GRID_BORDER = re.compile(r"^\s*\+([-=:]{2,}\+)+\s*$")
PIPE_ROW = re.compile(r"^\s*\|.*\|.*\|\s*$")
LIST_ITEM = re.compile(r"^\s*([-*•+]|\d+[.)]|\[\d+\])\s")
LINE_BREAK = re.compile(r"\r\n|\n|\r")
LONG_BLOCK = 30  # lines of running text: at 72 characters, over 2,000 characters without a break


@dataclass
class TextDocument:
    data: bytes
    text: str | None  # None when the bytes are not UTF-8
    max_line: int = MAX_LINE

    @cached_property
    def lines(self) -> list[str]:
        """The lines without their endings (LF, CRLF or CR only: a form feed is a character to
        report, not a line break); a BOM is not part of the first line's text."""
        text = (self.text or "").lstrip("\ufeff")
        lines = LINE_BREAK.split(text)
        return lines[:-1] if lines and not lines[-1] else lines


def load(data: bytes) -> TextDocument:
    if len(data) > MAX_BYTES:
        raise Unreadable(f"text file is {len(data) // (1024 * 1024)} MB, over the "
                         f"{MAX_BYTES // (1024 * 1024)} MB the linter checks")
    try:
        return TextDocument(data, data.decode("utf-8"))
    except UnicodeDecodeError:
        return TextDocument(data, None)


def matches(doc: TextDocument, pattern: re.Pattern):
    """(line number, match) for each match of `pattern` on each line."""
    for number, line in enumerate(doc.lines, 1):
        for match in pattern.finditer(line):
            yield number, match


@rule("TXT030", "not-utf8", Severity.ERROR, "Plain text must be UTF-8",
      fix="Rebuild with `{build}`; the pipeline writes UTF-8",
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


@rule("TXT031", "byte-order-mark", Severity.WARNING, "Plain text must not start with a byte-order mark",
      fix="Rebuild with `{build}`; the pipeline writes UTF-8 without a BOM",
      fix_file="Save the file as UTF-8 without BOM (\"UTF-8\", not \"UTF-8 with BOM\")",
      refs=("WCAG 2.2 SC 1.3.1", "Unicode FAQ: UTF-8 and the BOM"))
def byte_order_mark(doc: TextDocument):
    """## What it does
    Finds a byte-order mark (U+FEFF) at the start of the file.

    ## Why is this bad?
    UTF-8 needs no byte-order mark; some screen readers and braille devices read it
    out as a strange first character, and tools that join files leave it mid-text.

    ## Example
    A file saved by Notepad as "UTF-8 with BOM" fails; "UTF-8" passes.
    """
    if doc.text and doc.text.startswith("\ufeff"):
        yield Hit("the file starts with a byte-order mark (U+FEFF)", "1:1")


@rule("TXT401", "line-too-long", Severity.WARNING, f"Lines must be at most {MAX_LINE} characters (or the limit set)",
      fix="Shorten the long word or link in {source}, or rebuild with `{build}` to rewrap",
      fix_file=f"Rewrap the text at 72 characters (at most {MAX_LINE})",
      refs=("WCAG 2.2 SC 1.4.8",))
def line_too_long(doc: TextDocument):
    """## What it does
    Finds lines longer than 80 characters, or than the limit given with
    `publish lint --max-line-length N`.

    ## Why is this bad?
    WCAG 1.4.8 asks for lines of no more than 80 characters; longer lines wrap
    unpredictably on braille displays and small screens, and are hard to track.

    ## Example
    A paragraph written on one 300-character line fails; the same paragraph
    wrapped at 72 characters passes.
    """
    for number, line in enumerate(doc.lines, 1):
        if len(line) > doc.max_line:
            yield Hit(f"line is {len(line)} characters long (the limit is {doc.max_line})", f"{number}:{doc.max_line + 1}")


@rule("TXT431", "control-characters", Severity.ERROR, "Plain text must not contain control characters or escapes",
      fix="Remove the invisible character from {source} (it came with pasted text), then `{build}`",
      fix_file="Delete the control characters and terminal colour codes (ESC [ ... m)",
      refs=("WCAG 2.2 SC 1.3.1", "WCAG 2.2 SC 4.1.1"))
def control_characters(doc: TextDocument):
    """## What it does
    Finds control characters other than tab and line endings, and ANSI terminal
    escape sequences such as `ESC[31m`.

    ## Why is this bad?
    Braille displays show them as random dots and screen readers as "escape" or
    nothing at all; terminal colour codes are noise outside a terminal.

    ## Example
    Text copied from a coloured terminal, `\\x1b[1mWarning\\x1b[0m`, fails.
    """
    yield from capped(Hit(describe(m[0]), f"{number}:{m.start() + 1}")
                      for number, m in matches(doc, CONTROL))


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe(found: str) -> str:
    if found.startswith("\x1b["):
        return f"terminal escape sequence `ESC{found[1:]}`"
    return f"control character U+{ord(found):04X}"


@rule("TXT432", "tab-character", Severity.WARNING, "Plain text must use spaces, not tabs",
      fix="Rebuild with `{build}`; the pipeline writes spaces",
      fix_file="Replace each tab with spaces (or with nothing, if it only made space)",
      refs=("WCAG 2.2 SC 1.3.2", "RNIB plain-text guidance"))
def tab_character(doc: TextDocument):
    """## What it does
    Finds tab characters.

    ## Why is this bad?
    Each program shows a tab at a different width, so columns made with tabs fall
    apart; braille displays and screen readers render them unpredictably.

    ## Example
    `Name<TAB>Role` fails; `Name, Role` passes.
    """
    yield from capped(Hit("tab character", f"{number}:{m.start() + 1}") for number, m in matches(doc, re.compile("\t")))


@rule("TXT433", "trailing-whitespace", Severity.WARNING, "Lines must not end in spaces",
      fix="Rebuild with `{build}`; the pipeline trims line ends",
      fix_file="Delete the spaces at the ends of lines (most editors can trim them on save)",
      refs=("WCAG 2.2 SC 1.3.2",))
def trailing_whitespace(doc: TextDocument):
    """## What it does
    Finds lines that end in spaces or tabs.

    ## Why is this bad?
    On a braille display trailing spaces take up cells and make a line look as if it
    continues; screen readers may announce "blank" or "space".

    ## Example
    `Dear party leaders,   ` fails; `Dear party leaders,` passes.
    """
    yield from capped(Hit(f"line ends in {plural(len(line) - len(line.rstrip()), 'blank character')}",
                          f"{number}:{len(line.rstrip()) + 1}")
                      for number, line in enumerate(doc.lines, 1) if line != line.rstrip(" \t") and line.strip())


@rule("TXT434", "mixed-line-endings", Severity.WARNING, "Plain text must use one kind of line ending",
      fix="Rebuild with `{build}`; the pipeline writes LF line endings",
      fix_file="Convert the line endings to one kind (LF, or CRLF on Windows) in your editor",
      refs=("WCAG 2.2 SC 1.3.2",))
def mixed_line_endings(doc: TextDocument):
    """## What it does
    Counts the line endings (LF, CRLF, lone CR) and finds files that mix them.

    ## Why is this bad?
    Programs that expect one kind show the others as extra blank lines or join lines
    together, so paragraphs break in the wrong places on a braille display.

    ## Example
    A file edited on Windows and on Linux, with both CRLF and LF, fails.
    """
    data = doc.data
    crlf = data.count(b"\r\n")
    counts = {"LF": data.count(b"\n") - crlf, "CRLF": crlf, "CR": data.count(b"\r") - crlf}
    used = {kind: n for kind, n in counts.items() if n}
    if len(used) > 1:
        yield Hit("line endings are mixed: " + ", ".join(f"{n} {kind}" for kind, n in used.items()))


@rule("TXT406", "markup-left-behind", Severity.WARNING, "Plain text must not show markup",
      fix="Rebuild with `{build}`; if the markup is in {source} as text, fix it there",
      fix_file="Remove the markup characters, keeping the words (write link addresses out in brackets)",
      refs=("WCAG 2.2 SC 1.3.1", "RNIB plain-text guidance"))
def markup_left_behind(doc: TextDocument):
    """## What it does
    Finds Markdown emphasis (`**bold**`, `__bold__`), Markdown links
    (`[text](address)`), HTML tags (`<p>`, `<br/>`) and pandoc attributes (`{#id}`,
    `{.class}`) left in the text.

    ## Why is this bad?
    A screen reader reads every star, bracket and angle bracket aloud: "star star
    important star star"; on a braille display they take up cells.

    ## Example
    `Read [the report](https://example.org/report)` fails;
    `Read the report (https://example.org/report)` passes.
    """
    found = sorted((number, m.start(), kind, m[0]) for kind, pattern in MARKUP.items()
                   for number, m in matches(doc, pattern))
    yield from capped(Hit(f"{kind} left in the text: `{text[:40]}`", f"{number}:{start + 1}")
                      for number, start, kind, text in found)


@rule("TXT407", "drawn-table", Severity.WARNING, "Tables must not be drawn with box or pipe characters",
      fix="Rebuild with `{build}`; the pipeline writes tables as aligned columns",
      fix_file="Write the table as aligned columns with a plain header row, or as a list",
      refs=("WCAG 2.2 SC 1.3.1", "RNIB plain-text guidance"))
def drawn_table(doc: TextDocument):
    """## What it does
    Finds tables drawn with box-drawing characters (`┌─┬─┐`), grid borders
    (`+----+----+`) or pipes (`| a | b |`). Aligned columns under a line of dashes,
    as the pipeline writes them, are fine.

    ## Why is this bad?
    A screen reader reads each drawing character: "box drawings light horizontal"
    forty times, or "vertical line" between every cell.

    ## Example
    `| Region | 2024 |` and `+--------+------+` fail; `Region   2024` passes.
    """
    drawn = [number for number, line in enumerate(doc.lines, 1)
             if BOX_DRAWING.search(line) or GRID_BORDER.match(line) or PIPE_ROW.match(line)]
    starts = [n for n in drawn if n - 1 not in drawn]
    yield from capped(Hit("a table drawn with " + ("box-drawing characters" if BOX_DRAWING.search(doc.lines[n - 1])
                                                   else "pipes and dashes"), f"{n}:1") for n in starts)


@rule("TXT408", "paragraphs-not-separated", Severity.WARNING, "Paragraphs must be separated by a blank line",
      fix="Rebuild with `{build}`; the pipeline puts a blank line between paragraphs",
      fix_file="Put a blank line between paragraphs",
      refs=("WCAG 2.2 SC 1.3.1", "WCAG 2.2 SC 1.4.8"))
def paragraphs_not_separated(doc: TextDocument):
    """## What it does
    Finds 30 or more lines of running text in a row with no blank line
    between them (list items and indented lines end a run): about 2,000 characters,
    longer than almost any one paragraph.

    ## Why is this bad?
    Braille-display and screen-reader users move through plain text by blank lines;
    without them a page reads as one block with no place to stop.

    ## Example
    A letter pasted with its paragraphs run together fails; the same with a blank
    line after each paragraph passes.
    """
    run = 0
    hits = []
    for number, line in enumerate(doc.lines + [""], 1):
        if line.strip() and not LIST_ITEM.match(line) and not line[:1].isspace():
            run += 1
            continue
        if run >= LONG_BLOCK:
            hits.append(Hit(f"{run} lines of text in a row with no blank line between paragraphs",
                            f"{number - run}:1"))
        run = 0
    yield from capped(hits)
