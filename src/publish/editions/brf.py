"""Braille (BRF): Unified English Braille in North American ASCII braille, paged for embossing.

Two editions from the same filtered document: grade 2 (contracted, what most UK braille
readers read) and grade 1 (uncontracted, for learners and for readers who prefer it).
The page size is `publish build --braille-page CELLSxLINES` (40x25 by default).
"""

from __future__ import annotations

from functools import partial

from publish import pagemap
from publish.braille.document import NOTES_HEADING, as_brailled, brf, print_page
from publish.braille.layout import PageSize
from publish.editions.base import BuildContext, Edition, Layout


def write(ast: dict, ctx: BuildContext, grade: int) -> bytes:
    marked = pagemap.mark_pages(ast, ctx.pages, print_page)
    return brf(marked, ctx, grade, PageSize(*ctx.braille_page)).encode("ascii")


# List and note numbers are brailled as text; the notes follow the text under their heading.
LAYOUT = Layout(list_numbers=True, note_markers=True, notes="end", note_numbers=True)
BRAILLE = dict(pandoc_format="brf", layout=LAYOUT, added_text=lambda ctx: (NOTES_HEADING,), print_pages=True)

EDITIONS = (
    Edition(name="brf", label="Braille, UEB grade 2 (BRF)", suffix=".brf",
            audience="braille readers: Unified English Braille grade 2 (contracted), for embossers and braille "
                     "notetakers",
            write=partial(write, grade=2), reads_as=partial(as_brailled, grade=2), **BRAILLE),
    Edition(name="brf-g1", label="Braille, UEB grade 1 (BRF)", suffix="-g1.brf",
            audience="braille readers who prefer uncontracted braille, and learners: Unified English Braille grade 1",
            write=partial(write, grade=1), reads_as=partial(as_brailled, grade=1), **BRAILLE),
)
