"""Markup shared by the web editions (HTML and EPUB): what pandoc's writers leave out."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from publish import pagemap

TABLE = re.compile(r"<table\b.*?</table>", re.S)
TABLE_SECTION = re.compile(r"<(thead|tbody|tfoot)\b.*?</\1>", re.S)
HEADER_CELL = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)")
SCOPE = {"thead": "col", "tbody": "row", "tfoot": "row"}
# The first cell of the header row, when it is empty, and a body row that starts with a header cell.
EMPTY_CORNER = re.compile(r"(<thead>\s*<tr\b[^>]*>\s*)<th\b([^>]*)>\s*</th>")
ROW_HEADER = re.compile(r"<tbody\b.*?<tr\b[^>]*>\s*<th\b", re.S)
# pandoc's numbered code blocks: the start line as an attribute (its CSS counter already holds it;
# EPUB refuses the capital letter), and the empty link to its own line that each line starts with.
START_FROM = re.compile(r'\sdata-startFrom="[^"]*"')
LINE_NUMBER_LINK = re.compile(r'(<span id="([^"]+)">)<a href="#\2"(?=\s*/?>)')
# A formula's words (math_alt's `[$...$]{alt="..."}`) on the span pandoc writes around its MathML.
MATH_ALT = re.compile(r'(<span\b[^>]*?)\salt="([^"]*)"([^>]*>\s*)<math\b')

# The words the editions add around notes, by primary language subtag. A language not
# listed gets the English words marked lang="en", so a screen reader still says them right.
NOTE_WORDS = {
    "en": ("Notes", "Back to reference {n}"),
    "fr": ("Notes", "Retour à l’appel de note {n}"),
    "de": ("Anmerkungen", "Zurück zum Verweis {n}"),
    "es": ("Notas", "Volver a la referencia {n}"),
}


# What a screen reader says at a page marker, by primary language subtag; other languages get the number.
PAGE_WORDS = {"en": "Page {n}", "fr": "Page {n}", "de": "Seite {n}", "es": "Página {n}"}
PAGE_ID = "pdf-page-{n}"  # the marker's id: the page of the standard PDF that starts there
MARKER_IN_HEADING = re.compile(r'(<h[1-6]\b[^>]*>)(<span(?: epub:type="pagebreak")? role="doc-pagebreak"[^>]*></span>)')


@dataclass(frozen=True)
class NoteWords:
    heading: str
    back: str  # with {n} for the note's number
    lang: str | None  # set when the words are not in the document's language

    def back_to(self, number: int) -> str:
        return self.back.format(n=number)


def note_words(lang: str) -> NoteWords:
    primary = lang.split("-")[0].lower()
    if primary in NOTE_WORDS:
        return NoteWords(*NOTE_WORDS[primary], lang=None)
    return NoteWords(*NOTE_WORDS["en"], lang="en")


def notes_heading(ctx) -> tuple[str, ...]:
    """The words a web edition adds to the text: the heading over the notes."""
    return (note_words(ctx.lang).heading,)


def shape(markup: str) -> str:
    """What the web editions change in pandoc's markup: formulas' words, code line numbers, table
    headers, page markers out of headings."""
    return markers_before_headings(scope_header_cells(empty_corners(quiet_line_numbers(math_alt_text(markup)))))


def math_alt_text(markup: str) -> str:
    """A formula's words become its MathML `alttext`, which readers offer when they cannot speak
    the MathML; on the span around it they were no attribute HTML knows (EPUBCheck refuses it)."""
    return MATH_ALT.sub(r'\1\3<math alttext="\2"', markup)


def quiet_line_numbers(markup: str) -> str:
    """A numbered line starts with an element the stylesheets draw its number on: not a link (a
    screen reader would meet an empty link before every line of code), and hidden from screen
    readers, which would otherwise read the drawn number. The line keeps its id to be linked to.
    """
    return LINE_NUMBER_LINK.sub(r'\1<a aria-hidden="true"', START_FROM.sub("", markup))


def empty_corners(markup: str) -> str:
    """The empty cell above a column of row headers is not a header: it becomes a plain cell.

    A header cell with no words names nothing, and screen readers announce it as blank
    (axe empty-table-header); the row headers below it name themselves. An empty header
    over a column of data stays a header, for the linter to ask the editor for its name.
    """
    return TABLE.sub(lambda m: EMPTY_CORNER.sub(r"\1<td\2></td>", m.group(0), count=1)
                     if ROW_HEADER.search(m.group(0)) else m.group(0), markup)


def scope_header_cells(markup: str) -> str:
    """Header cells get `scope`: `col` in the header row, `row` in the body's header column.

    Browsers guess a header cell's direction, but EPUB reading systems may not, and
    without it a screen reader cannot name a cell's row or column.
    """
    return TABLE_SECTION.sub(
        lambda m: HEADER_CELL.sub(f'<th scope="{SCOPE[m.group(1)]}"', m.group(0)), markup)


def page_markers(ast: dict, ctx, epub: bool = False) -> dict:
    """The standard PDF's pages marked where they begin (publish.pagemap), so a reader can turn to
    the page everyone else is on. Each marker is an empty element: a screen reader announces it
    by its name ("Page 2"); on screen it takes no room. In an EPUB it is also a page break that
    the book's page list points at."""
    words = PAGE_WORDS.get(ctx.lang.split("-")[0].lower(), "{n}")
    kind = ' epub:type="pagebreak"' if epub else ""

    def marker(page: int) -> dict:
        # Named by `title`: EPUBCheck allows one role only, and checkers that do not know the
        # publishing roles (axe) take the span for a generic one, which aria-label may not name.
        label = html.escape(words.format(n=page))
        return pagemap.raw("html", f'<span{kind} role="doc-pagebreak" id="{PAGE_ID.format(n=page)}" '
                                   f'title="{label}"></span>')

    return pagemap.mark_pages(ast, ctx.pages, marker)


def markers_before_headings(markup: str) -> str:
    """A page marker pandoc wrote inside a heading goes just before it: the heading's name stays
    its own words, and the marker stays in the heading's section (and EPUB chapter)."""
    return MARKER_IN_HEADING.sub(r"\2\1", markup)
