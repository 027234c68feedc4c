"""What each edition should say: the filtered source's text in the order the edition sets it.

A pipeline concern: the linter compares, it never parses a source. Each edition puts
what is not running text in its own place (`Layout`): notes after their marker, at the
end of their chapter or outside the body; list numbers and caption labels as text or
not. The text is handed to the linter as `publish.lint.compare.Expected`, with the
title-block lines (from the front matter) the edition may add.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from publish.lint.compare import Expected

if TYPE_CHECKING:  # the editions declare their layout and import this module
    from publish.editions.base import BuildContext, Layout

# Front-matter keys an edition may show in its title block (title page, byline, date).
FURNITURE = ("title", "subtitle", "author", "publisher", "date")
PANDOC_BLOCKS = frozenset("Para Plain Header BulletList OrderedList DefinitionList Div BlockQuote "
                          "LineBlock CodeBlock HorizontalRule".split())


def list_marker(style: str, number: int) -> str:
    if style in ("LowerAlpha", "UpperAlpha"):
        letter = chr(ord("a") + (number - 1) % 26)
        return letter.upper() if style == "UpperAlpha" else letter
    if style in ("LowerRoman", "UpperRoman"):
        roman = ""
        for value, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                              (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            count, number = divmod(number, value)
            roman += digits * count
        return roman.upper() if style == "UpperRoman" else roman
    return str(number)


class Text(str):
    """Text the walk itself emits; bare strings in pandoc's JSON are attributes, targets or
    formats, never reading text."""


def ast_text(blocks: list, layout: Layout) -> str:
    """The reading text of pandoc JSON blocks as `layout` places it. Images, formulas and raw
    markup are not compared (their text alternatives are the *2xx rules' concern): an image's
    alt text is left out here, a formula's source and raw markup are bare strings."""
    out: list[str] = []
    notes: list = []  # (number, blocks) of notes set after the body or the chapter
    noted = 0  # notes so far
    counts = {"Table": 0, "Figure": 0}  # captioned tables and figures so far
    stack: list = [blocks]
    while stack:
        node = stack.pop()
        if isinstance(node, Text):
            out.append(node)
        elif isinstance(node, (list, tuple)):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kind, content = node.get("t"), node.get("c")
            if kind == "Str":
                out.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                out.append(" ")
            elif kind in ("Code", "CodeBlock"):
                out.append(content[1] if kind == "Code" else f" {content[1]} ")
            elif kind == "OrderedList" and layout.list_numbers:
                (start, style, _), items = content
                stack.extend(reversed([[Text(f" {list_marker(style['t'], start + i)} "), item]
                                       for i, item in enumerate(items)]))
            elif kind == "Header" and content[0] == 1 and notes and layout.notes == "chapter":
                stack += [node, set_notes(notes, layout)]
                notes = []
            elif kind == "Note":
                noted += 1
                notes.append((noted, content))
                marker = Text(f" {noted} " if layout.note_markers else "")
                label = Text(f" {noted} " if layout.note_numbers else " ")
                stack.append([marker, label, content, Text(" ")] if layout.notes == "inline" else marker)
            elif kind in ("Table", "Figure"):
                stack.append([Text(" "), captioned(kind, content, layout, counts), Text(" ")])
            elif kind in PANDOC_BLOCKS:
                stack.extend([Text(" "), children(kind, content), Text(" ")])
            elif kind != "Image":
                stack.append(content)
        if not stack and notes and layout.notes in ("end", "chapter"):
            stack = [set_notes(notes, layout)]
            notes = []
    return "".join(out)


def set_notes(notes: list, layout: Layout) -> list:
    """Notes where the edition sets them together: each note's number, when shown, then its text."""
    return [[Text(f" {number} " if layout.note_numbers else " "), content] for number, content in notes]


def captioned(kind: str, content, layout: Layout, counts: dict) -> list:
    """A table's or figure's caption and content, in the order the edition shows them."""
    _attr, (_short, caption), *rest = content
    if kind == "Figure" and not layout.figure_captions:
        caption = []
    if caption and layout.caption_labels:
        counts[kind] += 1
        caption = [Text(f"{kind} {counts[kind]}: "), caption]
    caption = [Text(" "), caption, Text(" ")]
    return [rest, caption] if kind == "Table" and layout.table_caption_last else [caption, rest]


def children(kind: str, content):
    """A block's content, each line of a line block apart. A heading's level and attributes or a
    link's target are bare strings and numbers, which the walk passes over."""
    return [[line, Text(" ")] for line in content] if kind == "LineBlock" else content


def furniture(ctx: BuildContext) -> tuple[str, ...]:
    """The lines a title block may show."""
    lines = [ctx.title, ctx.date_text, ", ".join(ctx.authors), *ctx.authors]
    return tuple(lines + [str(ctx.meta.get(key, "")) for key in FURNITURE if key not in ("title", "author")])


def expected(ctx: BuildContext, ast: dict, layout: Layout, added: tuple[str, ...] = ()) -> Expected:
    """What an edition should say, from the document as filtered for its writer; `added`: words the
    edition may add besides its title block (a heading over the notes)."""
    return Expected(ast_text(ast["blocks"], layout), furniture(ctx) + added)
