"""Plain text for any device: UTF-8, lines of at most 72 characters, structure in words and marks.

pandoc wraps running text at 72 columns. A line it cannot wrap (a code line, a long
address) is folded here: the part that fits ends in a backslash, `\\`, the usual mark
for "this line continues", and the rest follows on the next line at the same indent,
broken at a space where there is one, else after a `/` or `-`, else anywhere. No line
ends in spaces. The title block has `#` above and below the title (headings' marks
are in publish/filters/plain_text.py), then the subtitle, authors and date.
"""

from __future__ import annotations

import textwrap

from publish import pandoc
from publish.editions.base import BuildContext, Edition, Layout

WIDTH = 72
CONTINUED = "\\"  # ends a line whose text goes on in the next one


def title_block(ctx: BuildContext) -> str:
    title = textwrap.wrap(ctx.title, WIDTH)
    rule = "#" * max(len(line) for line in title)
    subtitle = textwrap.wrap(" ".join(str(ctx.meta.get("subtitle") or "").split()), WIDTH)
    lines = [rule, *title, rule, *subtitle, ""]
    lines += [line for line in (", ".join(ctx.authors), ctx.date_text) if line]
    return "\n".join(lines) + "\n\n"


def fold(line: str) -> list[str]:
    """`line` in pieces of at most WIDTH characters, each but the last ending in the continuation mark."""
    line = line.rstrip()
    indent = " " * min(len(line) - len(line.lstrip(" ")), WIDTH // 2)
    pieces = []
    while len(line) > WIDTH:
        start = len(line) - len(line.lstrip(" ")) + 1
        head = line[:WIDTH - 1]  # room for the mark
        space = head.rfind(" ", start, WIDTH - 2)  # room for a space and the mark
        if space > 0 and head[:space].strip():
            pieces.append(f"{head[:space].rstrip()} {CONTINUED}")
            line = indent + line[space:].lstrip(" ")
            continue
        cut = max(head.rfind("/", start), head.rfind("-", start)) + 1 or WIDTH - 1
        pieces.append(line[:cut] + CONTINUED)
        line = indent + line[cut:]
    return [*pieces, line]


def write(ast: dict, ctx: BuildContext) -> bytes:
    body = pandoc.write(ast, "plain", [f"--columns={WIDTH}", "--wrap=auto"]).decode("utf-8")
    lines = [piece for line in body.rstrip().split("\n") for piece in fold(line)]
    return (title_block(ctx) + "\n".join(lines) + "\n").encode("utf-8")


EDITION = Edition(
    name="txt",
    label="Plain text (TXT)",
    suffix=".txt",
    pandoc_format="plain",
    audience="plain text for any device: screen readers, braille displays, email and old computers",
    write=write,
    layout=Layout(list_numbers=True, note_numbers=True, table_caption_last=True, figure_captions=False),
)
