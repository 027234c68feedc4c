"""What an edition declares, and the facts about the document that every edition uses."""

from __future__ import annotations

import calendar
import datetime as dt
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from publish.pagemap import PageMap
from publish.source import Source


@dataclass(frozen=True)
class Layout:
    """Where an edition puts what is not running text: the numbers its writer adds as text,
    and its notes (after their marker, after the body, or outside the body)."""

    list_numbers: bool = False  # ordered-list numbers are text (Typst's Lbl, plain-text markers)
    note_markers: bool = True  # a note's number stands where it is referred to
    notes: str = "end"  # "inline", "end", "chapter" (after each level-1 section) or "omitted"
    note_numbers: bool = False  # each note's text starts with its number
    caption_labels: bool = False  # captions start "Table 1:", "Figure 1:"
    table_caption_last: bool = False  # a table's caption follows its cells
    figure_captions: bool = True  # a figure's caption is shown (plain text shows the image's alt text instead)


@dataclass(frozen=True)
class Edition:
    """An output format: its CLI name, file suffix, pandoc writer and who it serves."""

    name: str
    label: str  # what the download page calls it
    suffix: str
    pandoc_format: str  # the format the filters see (doc.format)
    audience: str
    # the edition's bytes; or file-name suffix -> bytes, the edition's own suffix among them,
    # for an edition of several files (the spoken edition's MP3s and playlist)
    write: Callable[[dict, "BuildContext"], bytes | dict[str, bytes]]
    layout: Layout = Layout()  # where it sets notes, numbers and captions: what parity expects
    added_text: Callable[["BuildContext"], tuple[str, ...]] = lambda ctx: ()  # words it adds, e.g. a notes heading
    min_text_size: float | None = None  # print editions: the smallest text they are linted against, in pt
    reads_as: Callable[[dict], dict] = lambda ast: ast  # the document as the edition orders it (braille: tables row by row)
    print_pages: bool = False  # marks the standard PDF's pages (publish.pagemap), so the map is made before it

    @property
    def file_format(self) -> str:
        """The format the linter finds in the file (`docx` for the large-print DOCX too)."""
        return self.suffix.rsplit(".", 1)[-1]


@dataclass
class BuildContext:
    """The checked source and the document facts derived from it."""

    source: Source
    typeset_title: str = ""  # the title as pandoc sets it (curly apostrophes), from the parsed document
    braille_page: tuple[int, int] = (40, 25)  # cells by lines of the braille editions' pages
    pages: PageMap | None = None  # where the standard PDF's pages start, for the editions that mark them
    voice: Path | None = None  # a local Piper voice for the spoken edition (`--voice`); None: eSpeak NG

    @property
    def meta(self) -> dict:
        return self.source.meta

    @property
    def title(self) -> str:
        return " ".join(self.typeset_title.split()) or str(self.meta["title"]).strip()

    @property
    def lang(self) -> str:
        return self.source.lang

    @property
    def description(self) -> str:
        return " ".join(str(self.meta.get("description", "")).split())

    @property
    def authors(self) -> list[str]:
        value = self.meta.get("author") or []
        return [str(a) for a in (value if isinstance(value, list) else [value])]

    @property
    def keywords(self) -> list[str]:
        value = self.meta.get("keywords") or []
        return [str(k) for k in (value if isinstance(value, list) else str(value).split(","))]

    @property
    def date(self) -> dt.date | None:
        """The document's date from the front matter (`2019-11` means 1 November 2019)."""
        match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(self.meta.get("date", "")))
        if not match:
            return None
        year, month, day = (int(g) if g else 1 for g in match.groups())
        return dt.date(year, month, day)

    @property
    def date_text(self) -> str:
        """The date as a reader sees it: `November 2019` for `2019-11`."""
        raw = str(self.meta.get("date", "")).strip()
        date = self.date
        if not date or not re.fullmatch(r"\d{4}(-\d{2}){0,2}", raw):
            return raw
        parts = raw.count("-")
        month = calendar.month_name[date.month]
        return [str(date.year), f"{month} {date.year}", f"{date.day} {month} {date.year}"][parts]

    @property
    def timestamp(self) -> int:
        """Seconds since 1970 for file dates: SOURCE_DATE_EPOCH, else the document's date."""
        if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
            return int(os.environ["SOURCE_DATE_EPOCH"])
        date = self.date or dt.date(2000, 1, 1)
        return int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())

