"""Words and patterns the filters and the linter share, so the build and the check agree.

A rule of language or wording is decided here once: what a language tag is, which link
texts say nothing on their own, what a bare web address or an image file name looks
like, and how far a heading may go below the one before it.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

# BCP 47 language tag: language, optional script, region, variants (RFC 5646, simplified). Its
# language subtag has 2 or 3 letters: BCP 47's grammar also admits 4 to 8 letters, but no such
# subtag is registered, so a tag that uses one names no language (`english`, `portugue`); HTML,
# EPUB and Word ask for a valid tag, and the build accepts nothing else in `lang:`.
LANGUAGE_TAG = re.compile(
    r"[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*")
# PDF's own grammar: ISO 32000-1 14.9.2 defines a language identifier by RFC 3066, a primary
# subtag of 1 to 8 letters, then subtags of 1 to 8 letters or digits. What PDF/UA-1 asks.
PDF_LANGUAGE_TAG = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")

# Languages written right to left: Typst sets their paragraphs right to left (its own list).
RIGHT_TO_LEFT = frozenset("ar dv fa he ks pa ps sd ug ur yi".split())

# Link texts that do not say where a link goes (WCAG 2.4.4 asks that the purpose be clear).
VAGUE_LINK_TEXT = frozenset((
    "click", "click here", "click this link", "here", "learn more", "link", "more", "read more", "this link",
))

# Print sizes in points (UK clear-print guidance and UKAAF large print): nothing smaller.
CLEAR_PRINT_PT = 12
LARGE_PRINT_PT = 16

# The paragraph style of a DOCX's print page markers: "Print page 3" where page 3 of the printed
# edition begins (the large-print DOCX, as UKAAF large print and braille mark them). The reader
# of a DOCX takes such a paragraph as page furniture, like a footer: a page number after at most
# three words, so no other text hides in the style.
PRINT_PAGE_STYLE = "Print Page"
PRINT_PAGE_MARKER = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,2} \d+")
# What the editions call the standard PDF's pages (the large-print footer, the DOCX markers), by
# primary language subtag (English otherwise).
PRINT_PAGE_WORDS = {"en": ("print page", "print pages"), "fr": ("page imprimée", "pages imprimées"),
                    "de": ("Druckseite", "Druckseiten"), "es": ("página impresa", "páginas impresas")}

# Struck-out text has no sign in braille and no sound in speech: the braille edition sets it between
# transcriber's notes, the spoken edition says these words around it, the text edition the first.
STRUCK_OUT = ("struck out", "end struck out")

BARE_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
IMAGE_FILE_NAME = re.compile(r"[\w .()-]+\.(png|jpe?g|gif|bmp|tiff?|svg|emf|wmf|webp|heic)", re.IGNORECASE)


def is_language_tag(value: str) -> bool:
    return bool(LANGUAGE_TAG.fullmatch(value.strip()))


def is_pdf_language_tag(value: str) -> bool:
    """A PDF language identifier (RFC 3066): every BCP 47 tag is one, and so are `p` and `portugue`."""
    return bool(PDF_LANGUAGE_TAG.fullmatch(value))


def is_right_to_left(tag: str | None) -> bool:
    return bool(tag) and tag.split("-")[0].lower() in RIGHT_TO_LEFT


def is_print_page_marker(style: str, text: str) -> bool:
    """Whether a paragraph of this style and text marks where a print page begins."""
    return style.strip().casefold() == PRINT_PAGE_STYLE.casefold() and bool(PRINT_PAGE_MARKER.fullmatch(text.strip()))


def is_vague_link_text(text: str) -> bool:
    return " ".join(text.split()).lower().strip(" .:!") in VAGUE_LINK_TEXT


def is_bare_url(text: str) -> bool:
    return bool(BARE_URL.fullmatch(text.strip()))


def is_file_name(text: str) -> bool:
    return bool(IMAGE_FILE_NAME.fullmatch(text.strip()))


def skipped_headings(levels: Iterable[int], start: int = 0) -> Iterator[tuple[int, int, int]]:
    """(index, level before, level) of each heading more than one level below the one before it.

    `start` is the level before the first heading: 0 where the document's own headings
    must begin at level 1, 1 where its title already stands as level 1."""
    previous = start
    for index, level in enumerate(levels):
        if level > previous + 1:
            yield index, previous, level
        previous = level
