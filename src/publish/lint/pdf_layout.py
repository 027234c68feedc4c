"""PDF layout rules: what a sighted reader meets on the page, read from where the content
walk (pdf_document.ContentWalker) places each string: text inside the page, never printed
over other text, at a readable size and, in large print, upright.
"""

from __future__ import annotations

from collections import Counter

from publish.lint.pdf_document import HEADINGS, PdfDocument, TextRun, count, safely
from publish.lint.rule import Hit, Severity, capped, rule
from publish.vocabulary import CLEAR_PRINT_PT, LARGE_PRINT_PT

OVERPRINT = 0.5  # share of the smaller box another covers before two strings overprint
EDGE = 1.0  # pt a string may pass the crop box's edge (antialiasing, rounding)


def running_size(doc: PdfDocument) -> float:
    """The size most of the body text is set in (by width of text), 0 when there is none.

    Headings and artifacts (running heads, page numbers) are left out when there is other
    text: a clear-print page with one large heading over a short paragraph is not large
    print. A file without tags has only its sizes to go by."""
    widths, body = Counter(), Counter()
    for page in doc.content:
        for run in page.runs:
            size = round(run.size, 1)
            widths[size] += run.width
            if not run.artifact and not run.within(HEADINGS):
                body[size] += run.width
    chosen = body or widths
    return chosen.most_common(1)[0][0] if chosen else 0.0


def described(run: TextRun) -> str:
    shown = " ".join(run.text.split())
    shown = shown if len(shown) <= 30 else shown[:29] + "…"
    return f"“{shown}” ({run.font.name} {run.size:.1f} pt at {run.x0:.0f}, {run.y0:.0f})"


def outside(run: TextRun, box: tuple) -> bool:
    x0, y0, x1, y1 = box
    return run.x0 < x0 - EDGE or run.x1 > x1 + EDGE or run.y0 < y0 - EDGE or run.y1 > y1 + EDGE


def drawn_twice(a: TextRun, b: TextRun) -> bool:
    """The same string drawn again a hair's breadth away: a fake bold or a shadow, not two texts."""
    return a.data == b.data and a.font is b.font and abs(a.x0 - b.x0) + abs(a.y0 - b.y0) < 0.1 * max(a.size, 1)


def overprints(runs: list[TextRun]):
    """Pairs of strings whose boxes cover each other by more than OVERPRINT, by a sweep in y.

    Strings with no width (combining marks drawn on their own) or only spaces (which print
    nothing: Typst may set one over a number in a right-to-left line) cover nothing."""
    placed = sorted((r for r in runs if r.width > 0.01 and r.y1 > r.y0 and r.font.prints(r.data)), key=lambda r: r.y0)
    active: list[TextRun] = []
    for run in placed:
        active = [a for a in active if a.y1 > run.y0]
        for other in active:
            if other.overlap(run) > OVERPRINT and not drawn_twice(other, run):
                yield other, run
        active.append(run)


@rule("PDF409", "text-clipped-or-overprinted", Severity.ERROR,
      "Text must lie inside the page, and no two strings may print over each other",
      fix="Rebuild with `{build}`; if text still runs off the page or over other text, tell the publish maintainers, "
          "with {source}",
      fix_file="Reflow the page in the authoring tool: wrap or shrink what runs off the page, and move text that "
               "prints over other text",
      refs=("WCAG 2.2 SC 1.4.10", "WCAG 2.2 SC 1.4.8", "WCAG 2.2 SC 1.3.2", "ISO 14289-1 7.1"))
@safely
def text_clipped_or_overprinted(doc: PdfDocument):
    """## What it does
    Places every string each page shows (font size, text matrix, CTM and the font's
    advance widths) and checks that it lies inside the crop box, and that no two
    strings cover more than half of the smaller one's box. The same string drawn
    twice a hair's breadth apart (a fake bold or a shadow) and zero-width marks are
    not counted.

    ## Why is this bad?
    Text off the page is cut off for everyone who reads the page, in print or on
    screen; text printed over other text is unreadable. Both fail sighted and
    partially sighted readers even when the tags, read aloud, are perfect.

    ## Example
    A long table wrapped in a figure that cannot break prints its last rows over
    each other and over the page number; a long code line runs past the page edge.
    """
    for page in doc.content:
        where = f"page {page.number}"
        off = [r for r in page.runs if outside(r, page.box)]
        if off:
            yield Hit(f"{count(len(off), 'string runs', 'strings run')} off the page, first "
                      f"{described(off[0])}", where)
        pairs = list(overprints(page.runs))
        if pairs:
            first, second = pairs[0]
            yield Hit(f"{count(len(pairs), 'pair', 'pairs')} of strings print over each other, first "
                      f"{described(first)} and {described(second)}", where)


@rule("PDF421", "text-too-small", Severity.WARNING,
      "Text must be at least 12 pt, or 16 pt in large print, notes, captions and page numbers included",
      fix="Rebuild with `{build}`: the clear-print edition sets nothing under 12 pt, the large-print one "
          "nothing under 16 pt",
      fix_file="Set every text style, footnotes, captions and page numbers included, at 12 pt or more "
               "(16 pt or more for large print)",
      refs=("UK Clear Print Guidelines", "UKAAF Creating Clear and Large Print Documents", "WCAG 2.2 SC 1.4.8"))
@safely
def text_too_small(doc: PdfDocument):
    """## What it does
    Measures each string's size as it is printed: the font size scaled by the text
    matrix and the CTM, so a 24 pt font drawn at half scale counts as 12 pt. Text
    in a formula is left out (its indices are small by nature, and its alternative
    text is what is read). Text under the limit (12 pt, or the size the caller sets: `publish lint --min-text-size`)
    is reported per page, with the smallest size found. A warning for a file of unknown
    purpose (no WCAG criterion sets a size); an error when the caller says what the file
    must meet, as `publish build --check` does for its print editions.

    ## Why is this bad?
    Clear print asks for 12 pt at least, large print for 16 pt or more: partially
    sighted readers cannot read the notes, captions or page numbers set smaller, and
    these are often what they need to find their way.

    ## Example
    Footnotes set at 11 pt in a document whose body is 13 pt.
    """
    limit = doc.min_text_size or CLEAR_PRINT_PT
    declared = Severity.ERROR if doc.min_text_size else None
    for page in doc.content:
        small = [r for r in page.runs if r.size < limit - 0.05 and not r.in_formula]
        if small:
            smallest = min(small, key=lambda r: r.size)
            yield Hit(f"{count(len(small), 'string', 'strings')} under {limit:g} pt, the smallest "
                      f"{described(smallest)}", f"page {page.number}", severity=declared)


@rule("PDF422", "italic-in-large-print", Severity.ERROR, "Large-print documents must not use italic",
      fix="Rebuild the large-print edition (`{build}`): it sets emphasis in bold",
      fix_file="Replace italic with bold in every text style of the large-print document",
      refs=("UKAAF Creating Clear and Large Print Documents",))
@safely
def italic_in_large_print(doc: PdfDocument):
    """## What it does
    When the PDF is large print, its running text (the size most of its body text is
    set in, headings and artifacts left out) 16 pt or more, reports each page with
    text in an italic font (the font descriptor's italic flag or angle, or a name with
    Italic or Oblique).

    ## Why is this bad?
    Slanted letters are harder to make out for partially sighted readers; large-print
    guidance (UKAAF) asks for bold, not italic, for emphasis.

    ## Example
    A large-print PDF whose emphasised words are set in Atkinson Hyperlegible Italic.
    """
    if running_size(doc) < LARGE_PRINT_PT:
        return
    yield from capped(Hit(f"{count(len(italic), 'italic string', 'italic strings')}, first "
                          f"{described(italic[0])}", f"page {page.number}")
                      for page in doc.content if (italic := [r for r in page.runs if r.font.metrics.italic]))
