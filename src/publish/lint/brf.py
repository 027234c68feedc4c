"""Braille (BRF) rules: pages an embosser prints as they are meant, text that says what the source says.

A BRF file is North American ASCII braille: each of the 64 six-dot cells is one
character from space to underscore (lower-case letters and `` ` { | } ~ `` are read as
their upper-case twins), lines end in CR LF or LF and a form feed ends each page. The first
line of a page is its page information line: the braille page number at the right (`#A`
is 1; `P#A` is preliminary page p1), the print page at the left when shown.
Locations are `page N:line:column`, the page as numbered in the file, lines counted from 1.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property


from publish.braille.layout import PAGE_TURN
from publish.braille.translate import DISPLAY, ENGLISH, GRADES, LANGUAGES, NOTE_OPEN, TRANSCRIBERS_NOTE, back
from publish.lint.compare import Expected, Word, differences, first_difference, furniture_lines, words
from publish.lint.rule import Hit, Severity, capped, rule
from publish.lint.safe import Unreadable

CELLS, LINES = 40, 25  # UK paper braille; `publish lint --braille-page CELLSxLINES` sets another size
MAX_BYTES = 20 * 1024 * 1024
LINE_BREAK = re.compile(r"\r\n|\n|\r")
NOT_BRF = re.compile(r"[^\x20-\x7e]")
PAGE_NUMBER = re.compile(r"(?:^|\s)(P?)#([A-J]+)\s*$", re.IGNORECASE)
PAGE_TURN_LINE = re.compile(r"^\s*" + re.escape(PAGE_TURN) + r"#[A-J]+\s*$", re.IGNORECASE)
NOTE_REFERENCE = re.compile(r"(?<=\S);?9(#[A-J]+)(?=\s|$)", re.IGNORECASE)  # superscript number after a word
BROKEN_WORD = re.compile(r"(\S+)-$")
DIGITS = {letter: str((n + 1) % 10) for n, letter in enumerate("ABCDEFGHIJ")}
AGREEMENT = 0.98  # of the source's words, read back from braille in order; liblouis reads back a few wrongly
LOST_RUN = 4  # source words in a row read back as other words: a changed passage, not a misreading


@dataclass
class BrfDocument:
    data: bytes
    cells: int = CELLS
    lines: int = LINES

    @cached_property
    def text(self) -> str:
        """Braille is ASCII; read as UTF-8 when it is, so print text left in it is named by its character."""
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError:
            return self.data.decode("latin-1")

    @cached_property
    def pages(self) -> list[list[str]]:
        """Each page's lines, without line endings; the form feed after the last page makes no page."""
        pages = self.text.split("\f")
        if pages and not pages[-1].strip("\r\n"):
            pages.pop()
        result = []
        for page in pages:
            lines = LINE_BREAK.split(page)
            result.append(lines[:-1] if lines and not lines[-1] else lines)
        return result

    @cached_property
    def numbers(self) -> list[tuple[str, int] | None]:
        """Each page's number from its first line: ("p", 1) for p1, ("", 3) for 3; None when missing."""
        found = []
        for lines in self.pages:
            match = PAGE_NUMBER.search(lines[0]) if lines else None
            found.append((match[1].lower(), int("".join(DIGITS[c] for c in match[2].upper())))
                         if match else None)
        return found

    def label(self, index: int) -> str:
        number = self.numbers[index]
        return f"{number[0]}{number[1]}" if number else f"{index + 1} (by count)"


def load(data: bytes) -> BrfDocument:
    if len(data) > MAX_BYTES:
        raise Unreadable(f"braille file is {len(data) // (1024 * 1024)} MB, over the "
                         f"{MAX_BYTES // (1024 * 1024)} MB the linter checks")
    return BrfDocument(data)


def where(doc: BrfDocument, page: int, line: int, column: int | None = None) -> str:
    return f"page {doc.label(page)}:{line}" + (f":{column}" if column else "")


@rule("BRF401", "line-too-long", Severity.ERROR, "Braille lines must fit the page width (40 cells, or the size set)",
      fix="Rebuild with `{build}`; if the long line is a long word or address, shorten it in the source",
      fix_file="Rewrap the text to the embosser's line width (40 cells on UK paper)",
      refs=("UKAAF Guiding Principles for the Presentation of Braille", "BANA Braille Formats 2016 §1.2"))
def line_too_long(doc: BrfDocument):
    """## What it does
    Finds lines with more cells than the page is wide: 40, or the width given with
    `--braille-page CELLSxLINES`.

    ## Why is this bad?
    An embosser either cuts the line off or runs it onto the next line by itself,
    so the reader loses words or meets lines that start in the wrong cell and break
    the layout of every page after.

    ## Example
    A 44-cell line on 40-cell paper fails; the same text wrapped at 40 cells passes.
    """
    yield from capped(Hit(f"line is {len(line)} cells long (the page is {doc.cells} cells wide)",
                          where(doc, p, n, doc.cells + 1))
                      for p, lines in enumerate(doc.pages) for n, line in enumerate(lines, 1) if len(line) > doc.cells)


@rule("BRF441", "page-too-long", Severity.ERROR, "Braille pages must fit the page length (25 lines, or the size set)",
      fix="Rebuild with `{build}`",
      fix_file="Put a form feed after each page's last line, at most 25 lines (or the page length) apart",
      refs=("UKAAF Guiding Principles for the Presentation of Braille", "BANA Braille Formats 2016 §1.2"))
def page_too_long(doc: BrfDocument):
    """## What it does
    Finds pages (the text between form feeds) with more lines than the page is long: 25,
    or the length given with `--braille-page CELLSxLINES`.

    ## Why is this bad?
    The embosser runs the extra lines onto the next sheet, so page numbers no longer
    stand at the top of each page and the contents points readers to the wrong pages.

    ## Example
    A page of 27 lines on 25-line paper fails; two pages split at line 25 pass.
    """
    yield from capped(Hit(f"page has {len(lines)} lines (the page is {doc.lines} lines long)",
                          where(doc, p, doc.lines + 1))
                      for p, lines in enumerate(doc.pages) if len(lines) > doc.lines)


@rule("BRF442", "not-braille-characters", Severity.ERROR, "Braille files must use only the 64 BRF characters",
      fix="Rebuild with `{build}`; the pipeline writes only ASCII braille",
      fix_file="Translate the text into braille (e.g. with liblouis) and save it as ASCII braille (BRF)",
      refs=("North American ASCII braille (BANA)", "UKAAF Guiding Principles for the Presentation of Braille"))
def not_braille_characters(doc: BrfDocument):
    """## What it does
    Finds characters that are not ASCII braille: tabs, control characters other than
    line endings and form feeds, and anything outside ASCII, such as print text in
    UTF-8 or Unicode braille patterns (U+2800-U+28FF).

    ## Why is this bad?
    An embosser or braille display maps each ASCII braille character to one cell; any
    other character comes out as a wrong cell, a blank or nothing, so words break up
    under the reader's fingers.

    ## Example
    `,DE> "PY L1D]S1` passes; `Dear party leaders,` with an `é` in it, or `⠠⠙⠑⠜`, fails.
    """
    yield from capped(Hit(f"{'tab' if m[0] == chr(9) else f'character U+{ord(m[0]):04X}'} is not ASCII braille",
                          where(doc, p, n, m.start() + 1))
                      for p, lines in enumerate(doc.pages) for n, line in enumerate(lines, 1)
                      for m in NOT_BRF.finditer(line))


@rule("BRF443", "page-numbers", Severity.ERROR, "Braille pages must be numbered in sequence at the top right",
      fix="Rebuild with `{build}`",
      fix_file="Number each page at the end of its first line (`#A`, `#B`, …; preliminary pages `P#A`, …) in order",
      refs=("UKAAF Guiding Principles for the Presentation of Braille §7", "BANA Braille Formats 2016 §1.8"))
def page_numbers(doc: BrfDocument):
    """## What it does
    Reads the braille page number at the end of each page's first line and checks that
    every page has one and that they run on: preliminary pages p1, p2, … first, then the
    text from 1.

    ## Why is this bad?
    Braille readers find their place, and the pages the contents lists, by the page
    numbers; a missing or repeated number, or pages out of order, leaves them lost in a
    stack of paper with no other way to tell where they are.

    ## Example
    Pages numbered `#A`, `#B`, `#D` fail (page 3 is missing); `P#A`, `#A`, `#B` pass.
    """
    expected: tuple[str, int] | None = None
    hits = []
    for index, number in enumerate(doc.numbers):
        if number is None:
            hits.append(Hit("no braille page number at the end of the first line", f"page {index + 1} (by count):1"))
            expected = None
            continue
        if expected is not None and number != expected and not (number == ("", 1) and expected[0] == "p"):
            hits.append(Hit(f"page {number[0]}{number[1]} follows page {expected[0]}{expected[1] - 1}"
                            f" (expected {expected[0]}{expected[1]})", f"page {index + 1} (by count):1"))
        expected = (number[0], number[1] + 1)
    yield from capped(hits)


# --- parity ----------------------------------------------------------------------------


def body_lines(doc: BrfDocument) -> list[tuple[str, str]]:
    """The text lines of the numbered pages (not the preliminary ones, nor the page information
    lines and print page indicators), a word broken at a line end joined to its end."""
    lines, carry = [], ""
    for index, page in enumerate(doc.pages):
        number = doc.numbers[index]
        if number is not None and number[0] == "p":
            continue
        for n, line in enumerate(page[1:], 2):
            if PAGE_TURN_LINE.match(line):
                continue
            if carry:
                line, carry = carry + line.lstrip(), ""
            broken = BROKEN_WORD.search(line)
            if broken and len(line) >= doc.cells:  # only a word too long for any line is broken
                carry, line = broken[1], line[:broken.start()]
            lines.append((line, where(doc, index, n)))
    if carry:
        lines.append((carry, lines[-1][1]))
    return lines


def language_tables(name: str, english: list[str]) -> list[str] | None:
    """The tables a transcriber's note naming a language switches to; None for any other note."""
    if name == ENGLISH:
        return english
    for language, table in LANGUAGES.values():
        if name == language:
            return [DISPLAY, table] if table else english
    return None


def as_digits(text: str) -> str:
    """Braille has one sign for each digit; a table may read it back in its script's digits (٢ for 2)."""
    return re.sub(r"\d", lambda m: str(unicodedata.digit(m[0])), text)


@dataclass
class Reading:
    """The braille read back to print, and which of its words were read with another language's table."""

    words: list[Word]
    foreign: set[int]


def read_back(doc: BrfDocument, grade: int) -> Reading:
    """The braille read back to print: each line with the tables in force, a language's
    transcriber's note switching them, notes themselves (the transcriber's words) left out."""
    english = [DISPLAY, GRADES[grade]]
    tables, chunks, note = english, [], None  # note: the text of a transcriber's note still open
    for line, place in body_lines(doc):
        line = NOTE_REFERENCE.sub(r" \1 ", line)
        if note is not None:
            line, note = NOTE_OPEN + note + " " + line, None
        at = 0
        for match in TRANSCRIBERS_NOTE.finditer(line):
            chunks.append((back(line[at:match.start()], tables) + " ", place, tables is not english))
            switched = language_tables(back(match[1], english).strip(), english)
            tables = switched or tables
            at = match.end()
        rest = line[at:]
        if NOTE_OPEN in rest:
            rest, note = rest.split(NOTE_OPEN, 1)
        chunks.append((back(rest, tables) + " ", place, tables is not english))
    reading = Reading([], set())
    for text, place, foreign in chunks:  # each chunk ends in a space, so its words are its own
        found = words([(as_digits(text), place)])
        if foreign:
            reading.foreign.update(range(len(reading.words), len(reading.words) + len(found)))
        reading.words += found
    return reading


def agreement(expected: list[Word], found: Reading) -> tuple[float, list]:
    """The share of the expected words read back in order, and where the two differ (a linear
    alignment, so a book's braille compares in seconds). Words read in place through another
    language's table but as other words are that table's misreadings (liblouis reads Welsh `ae`
    back as `æ`, Urdu `ھ` as `«`), not lost words."""
    ops = differences([w.key for w in expected], [w.key for w in found.words])
    lost = sum(i2 - i1 for tag, i1, i2, j1, j2 in ops
               if not (tag == "replace" and found.foreign.issuperset(range(j1, j2))))
    return 1 - lost / max(1, len(expected)), ops


def read_against(doc: BrfDocument, should_say: Expected) -> tuple[float, int, tuple[str, str | None] | None]:
    """How much of the source the braille reads back as, at the grade that reads back best, and
    the first difference once liblouis's misreadings are forgiven: a few words (under LOST_RUN)
    read back as other words count as read. Words lost, added or moved always count."""
    expected, furniture = words([(should_say.text, None)]), furniture_lines(should_say.furniture)
    readings = {grade: read_back(doc, grade) for grade in GRADES}
    scored = {grade: agreement(expected, found) for grade, found in readings.items()}
    grade = max(scored, key=lambda g: scored[g][0])
    share, ops = scored[grade]
    found, forgiven, at = readings[grade].words, [], 0
    for tag, i1, i2, j1, j2 in ops:
        forgiven += found[at:j1]  # read back as written
        misread = tag == "replace" and max(i2 - i1, j2 - j1) < LOST_RUN
        place = found[min(j1, len(found) - 1)].where if found else None
        forgiven += [w._replace(where=place) for w in expected[i1:i2]] if misread else found[j1:j2]
        at = j2
    forgiven += found[at:]
    return share, grade, first_difference(expected, furniture, forgiven)


@rule("BRF410", "text-differs-from-source", Severity.ERROR,
      "Braille must read back as the source's text, in reading order",
      fix="Rebuild the braille with `{build}`; if it still differs, the build lost or moved text: tell the "
          "publish maintainers, with {source}",
      fix_file="Rebuild the braille from the Markdown source, or restore the missing or misplaced text",
      refs=("WCAG 2.2 SC 1.3.2", "UKAAF Guiding Principles for the Presentation of Braille"), needs_expected=True)
def text_differs_from_source(doc: BrfDocument, should_say: Expected):
    """## What it does
    Reads the braille back to print with liblouis (Unified English Braille, grade 2 or
    grade 1, whichever reads back better; a phrase in another language with that
    language's table), leaving out the preliminary pages, page information lines and
    transcriber's notes, and compares it word by word with the Markdown source, tables
    row by row with each cell's header. It reports the first passage that is missing,
    added, moved or changed, and braille that reads back as less than 98% of the source's
    words; the title above the text and the notes' heading are the only words the braille
    may add. A few words (up to three) that liblouis reads back as other words count only
    towards that share: back-translation of contracted braille is not always exact; words
    read in place through another language's table but as other words (liblouis reads
    Welsh `ae` back as `æ`) are that table's misreadings and do not count. What has no
    braille sign is read as the braille edition spells it: tick boxes as words, symbols and
    untranslatable scripts in transcriber's notes, which are left out.

    ## Why is this bad?
    The braille edition is the only copy its readers can read; a paragraph lost in
    paging, or a table row dropped, changes what the document says for them alone, and
    no sighted check of the print editions shows it.

    ## Example
    A braille letter whose second paragraph was lost between pages gives
    `missing: “We write as members of the UK Civil Society…” after “…Dear party leaders,”`.
    """
    if should_say.problem:
        yield Hit(should_say.problem)
        return
    share, grade, difference = read_against(doc, should_say)
    if difference is not None:
        yield Hit(*difference)
    elif share < AGREEMENT:
        yield Hit(f"the braille reads back {share:.1%} of the source's words (grade {grade}), under the "
                  f"{AGREEMENT:.0%} a faithful transcription reaches")
