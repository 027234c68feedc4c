"""Concerns that every format shares, each decided once (as axe-core separates checks from rules).

A concern holds what does not depend on the format: its number, name, severity, what
must be true, the fix in the Markdown source, the standards, the explanation, and the
check itself, written over plain facts (levels and labels, link texts, language tags).
A format's rule only picks those facts out of its own file and says where they are:

    @HEADING_SKIPPED.rule("HTML", fix_file="...")
    def heading_level_skipped(page):
        return HEADING_SKIPPED.check(headings_of(page))
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from publish.lint.rule import Hit, Severity, rule
from publish.vocabulary import is_bare_url, is_language_tag, is_vague_link_text, skipped_headings


@dataclass(frozen=True)
class Heading:
    level: int
    label: str  # its text as a screen reader reads it
    where: str | None


@dataclass(frozen=True)
class Labelled:
    """A link, language tag or other thing with the text that matters about it."""

    label: str
    where: str | None
    what: str = ""  # what it is, for the message: "link to `x`", "dc:language"


@dataclass(frozen=True)
class Concern:
    number: str
    name: str
    severity: Severity
    summary: str
    fix: str  # in the Markdown source; `{source}` and `{build}` are filled in
    refs: tuple[str, ...]
    doc: str
    check: Callable[..., Iterator[Hit]] = field(compare=False)

    def rule(self, fmt: str, *, fix_file: str, refs: tuple[str, ...] = (), summary: str | None = None):
        """Register the decorated function as this concern's rule for one format (`PDF`, `HTML`...)."""

        def register(select: Callable[..., Iterable[Hit]]):
            select.__doc__ = select.__doc__ or self.doc
            return rule(f"{fmt}{self.number}", self.name, self.severity, summary or self.summary, fix=self.fix,
                        fix_file=fix_file, refs=self.refs + tuple(r for r in refs if r not in self.refs))(select)

        return register


def quoted(label: str, width: int = 60) -> str:
    return "“" + (label if len(label) <= width else label[:width - 1] + "…") + "”"


def named(thing: str, label: str) -> str:
    """`heading “Label”`, or just `heading` when the file gives it no text to quote."""
    return f"{thing} {quoted(label)}" if label.strip() else thing


def heading_skips(headings: Iterable[Heading]) -> Iterator[Hit]:
    headings = list(headings)
    for index, before, level in skipped_headings(h.level for h in headings):
        heading = headings[index]
        yield Hit(f"{named('heading', heading.label)} skips from level {before} to level {level}" if before else
                  f"the first {named('heading', heading.label)} is level {level}, not 1", heading.where)


def empty_headings(headings: Iterable[Heading]) -> Iterator[Hit]:
    for heading in headings:
        if not heading.label.strip():
            yield Hit(f"a level {heading.level} heading has no text", heading.where)


def empty_header_cells(cells: Iterable[Labelled]) -> Iterator[Hit]:
    for cell in cells:
        if not cell.label.strip():
            yield Hit(f"{cell.what} has no text", cell.where)


def empty_links(links: Iterable[Labelled]) -> Iterator[Hit]:
    for link in links:
        if not link.label.strip():
            yield Hit(f"{link.what} has no text", link.where)


def bare_url_links(links: Iterable[Labelled]) -> Iterator[Hit]:
    for link in links:
        if is_bare_url(link.label):
            yield Hit(f"link text is the address {quoted(link.label)}", link.where)


def vague_links(links: Iterable[Labelled]) -> Iterator[Hit]:
    for link in links:
        if is_vague_link_text(link.label):
            yield Hit(f"link text {quoted(link.label)} does not say where the link goes", link.where)


def invalid_language_tags(tags: Iterable[Labelled], empty_allowed: bool = True,
                          valid: Callable[[str], bool] = is_language_tag) -> Iterator[Hit]:
    """`empty_allowed`: an empty tag means "unknown" in HTML and Word, but is no language at all in a PDF.
    `valid`: the format's own grammar (BCP 47, or RFC 3066 for a PDF)."""
    for tag in tags:
        if (tag.label.strip() or not empty_allowed) and not valid(tag.label):
            yield Hit(f"{tag.what} `{tag.label}` is not a BCP 47 language tag such as en-GB", tag.where)


HEADING_SKIPPED = Concern(
    "102", "heading-level-skipped", Severity.ERROR, "Heading levels must not be skipped",
    fix="Use the next heading level in {source}: after `##` comes `###`, not `####`",
    refs=("WCAG 2.2 SC 1.3.1", "axe heading-order"),
    doc="""## What it does
    Follows the headings in reading order and finds one more than one level below the
    heading before it. A document's first heading is level 1 (the title, which the
    pipeline sets from the front matter); an EPUB's content documents continue the
    book's outline in spine order.

    ## Why is this bad?
    Screen-reader users move by heading level; a jump from level 2 to level 4 makes them
    think they missed a section.

    ## Example
    ```markdown
    ## Recommendations
    #### First
    ```

    Use instead `### First`.
    """,
    check=heading_skips,
)

EMPTY_HEADING = Concern(
    "111", "empty-heading", Severity.ERROR, "Headings must have text",
    fix="Give every heading in {source} its words, or remove the empty `##` line",
    refs=("WCAG 2.2 SC 1.3.1", "WCAG 2.2 SC 2.4.6", "axe empty-heading"),
    doc="""## What it does
    Finds headings with no text (an image in a heading counts by its alt text).

    ## Why is this bad?
    A screen reader announces "heading level 2" and then nothing; the outline has a hole.

    ## Example
    ```markdown
    ##
    ```
    """,
    check=empty_headings,
)

EMPTY_TABLE_HEADER = Concern(
    "117", "empty-table-header", Severity.WARNING, "Table header cells must have text",
    fix="Name every column in the header row of the table in {source}; only the corner cell over a column "
        "of row headers may stay empty",
    refs=("WCAG 2.2 SC 1.3.1", "axe empty-table-header"),
    doc="""## What it does
    Finds header cells of data tables with no text (an image in the cell counts by its alt text).

    ## Why is this bad?
    A screen reader says a cell's header before the cell; an empty header says nothing,
    so a reader does not learn what the column is for. A form's table to fill in is the
    usual case: its columns are empty, and so, by mistake, is a header.

    ## Example
    ```markdown
    | Item | | Cost (£) |
    |------|-|----------|
    | Hall hire | 40 | 1,000 |
    ```

    Use instead `| Item | How many | Cost (£) |`. The empty corner over row headers
    (`| | First person | Second person |` in a `{.row-headers}` table) is written as a
    plain cell by the web editions, and is not reported.
    """,
    check=empty_header_cells,
)

EMPTY_LINK = Concern(
    "306", "empty-link-text", Severity.ERROR, "Links must have text",
    fix="Write the link text inside the brackets in {source}: [Annual report](https://...)",
    refs=("WCAG 2.2 SC 2.4.4", "axe link-name"),
    doc="""## What it does
    Finds links with no text, no alt text on an image inside, and no ARIA label. A link
    hidden from screen readers (`aria-hidden="true"`) is not read, so it is not counted.

    ## Why is this bad?
    A screen reader reads the address, or just "link".

    ## Example
    ```markdown
    [](https://example.org)
    ```
    """,
    check=empty_links,
)

BARE_URL_LINK = Concern(
    "302", "bare-url-link-text", Severity.WARNING, "Link text must describe the target, not be a bare URL",
    fix="Give the link words in {source}: [Annual report](https://...) instead of <https://...>",
    refs=("WCAG 2.2 SC 2.4.4",),
    doc="""## What it does
    Finds links whose text is a web address.

    ## Why is this bad?
    A screen reader spells the address out character by character.

    ## Example
    ```markdown
    <https://example.org/reports/2019/annual.pdf>
    ```

    Use instead `[Annual report 2019](https://example.org/reports/2019/annual.pdf)`.
    """,
    check=bare_url_links,
)

VAGUE_LINK = Concern(
    "307", "vague-link-text", Severity.WARNING, "Link text must make sense on its own",
    fix="Use the destination's name as the link text in {source}: [Annual report](...), not \"click here\"",
    refs=("WCAG 2.2 SC 2.4.4", "WCAG 2.2 SC 2.4.9"),
    doc="""## What it does
    Finds links whose text is "click here", "here", "read more" and the like (the list is
    publish.vocabulary's, which the build's own link check uses too).

    ## Why is this bad?
    Screen-reader users list the links on a page; ten links called "here" tell them nothing.

    ## Example
    ```markdown
    To read the report [click here](https://example.org/report).
    ```

    Use instead `Read [the 2019 annual report](https://example.org/report).`
    """,
    check=vague_links,
)

INVALID_LANGUAGE_TAG = Concern(
    "005", "invalid-language-tag", Severity.ERROR, "Language tags must be valid BCP 47 tags",
    fix="Use a BCP 47 tag such as `en-GB` or `cy` for `lang:` in the front matter of {source}, "
        "and in `[text]{lang=fr}` spans",
    refs=("BCP 47", "WCAG 2.2 SC 3.1.1", "WCAG 2.2 SC 3.1.2"),
    doc="""## What it does
    Checks every language the file declares (the document's, and any part's) against
    BCP 47: a language subtag, then optional script, region and variants (`en-GB`,
    `sr-Latn`, `cy`). The same pattern decides what the build accepts in `lang:`.

    ## Why is this bad?
    Screen readers and braille translators choose their voice and rules by this tag; one
    they cannot read leaves the text in the wrong language's pronunciation.

    ## Example
    ```yaml
    lang: English
    ```

    Use instead `lang: en-GB`.
    """,
    check=invalid_language_tags,
)
