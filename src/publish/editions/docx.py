"""DOCX for editing and re-use: pandoc writes it, then python-docx sets the type, the page and the
tables (publish.editions.word).

One writer makes every DOCX edition; a `Print` says how it is set: clear print here
(12 pt), large print in publish/editions/docx_large.py (18 pt, no italic).
"""

from __future__ import annotations

from dataclasses import dataclass

from publish import pagemap, pandoc
from publish.editions.base import BuildContext, Edition, Layout
from publish.vocabulary import PRINT_PAGE_STYLE, PRINT_PAGE_WORDS


@dataclass(frozen=True)
class Print:
    """How a DOCX edition is set: the body size, from which headings grow, and whether it may slant."""

    body: float = 12  # points; every style is at least this
    italic: bool = True  # False: italic and underlining (links apart) become bold, text is left-aligned
    full_size_marks: bool = False  # note marks, superscripts and subscripts shown at about the body size
    category: str = ""  # the Category property: "Large print" tells the linter to check for it (DOCX421, DOCX422)
    print_pages: bool = False  # a "Print page 3" paragraph where each page of the standard PDF begins

    def heading(self, level: int) -> float:
        return self.body + {1: 10, 2: 6, 3: 3}.get(level, 1)

    @property
    def title(self) -> float:
        return self.body + 14

    @property
    def subtitle(self) -> float:
        return self.body + 4


CLEAR_PRINT = Print()


def print_page_marker(lang: str):
    """The marker of where a page of the standard PDF begins: a paragraph "Print page 3" in its own
    style, with a bookmark (`print_page_3`) that Word's Go To finds."""
    words = PRINT_PAGE_WORDS.get(lang.split("-")[0].lower(), PRINT_PAGE_WORDS["en"])[0]
    label = (words[0].upper() + words[1:]).split()

    def make(page: int) -> dict:
        inlines = [node for word in [*label, str(page)] for node in ({"t": "Space"}, {"t": "Str", "c": word})][1:]
        attributes = [f"print_page_{page}", [], [["custom-style", PRINT_PAGE_STYLE]]]
        return {"t": "Div", "c": [attributes, [{"t": "Para", "c": inlines}]]}

    return make


def writer(type_: Print):
    """The write function of a DOCX edition set as `type_` says."""

    def write(ast: dict, ctx: BuildContext) -> bytes:
        if type_.print_pages:
            pagemap.mark_pages(ast, ctx.pages, print_page_marker(ctx.lang), before=True)
        raw = pandoc.write(ast, "docx", ["--metadata", f"date={ctx.date_text}", "-o", "-"],
                           cwd=ctx.source.folder)  # "November 2019", not "2019-11"
        from publish.editions import word  # python-docx, only when a DOCX is made

        return word.finish(raw, ast, ctx, type_)

    return write


LAYOUT = Layout(note_markers=False, notes="omitted")  # Word numbers notes and keeps them in footnotes.xml

EDITION = Edition(
    name="docx",
    label="Word document (DOCX)",
    suffix=".docx",
    pandoc_format="docx",
    audience="editing and re-use: a Word document with real headings, lists and document properties",
    write=writer(CLEAR_PRINT),
    layout=LAYOUT,
    min_text_size=12,  # UKAAF clear print
)
