"""Markup shared by the web editions (HTML and EPUB): what pandoc's writers leave out."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from publish import pagemap

TABLE_SECTION = re.compile(r"<(thead|tbody|tfoot)\b.*?</\1>", re.S)
HEADER_CELL = re.compile(r"<th(?=[\s>])(?![^>]*\bscope=)")
SCOPE = {"thead": "col", "tbody": "row", "tfoot": "row"}

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
