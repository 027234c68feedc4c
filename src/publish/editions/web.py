"""Markup shared by the web editions (HTML and EPUB): what pandoc's writers leave out."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
