"""Plain text for any device: UTF-8, lines of at most 72 characters, structure in words and marks."""

from __future__ import annotations

import textwrap

from publish import pandoc
from publish.editions.base import BuildContext, Edition, Layout

WIDTH = 72


def title_block(ctx: BuildContext) -> str:
    title = textwrap.wrap(ctx.title, WIDTH)
    rule = "=" * max(len(line) for line in title)
    lines = [rule, *title, rule, ""]
    lines += [line for line in (", ".join(ctx.authors), ctx.date_text) if line]
    return "\n".join(lines) + "\n\n"


def write(ast: dict, ctx: BuildContext) -> bytes:
    body = pandoc.write(ast, "plain", [f"--columns={WIDTH}", "--wrap=auto"]).decode("utf-8")
    text = title_block(ctx) + body.rstrip() + "\n"
    return text.encode("utf-8")


EDITION = Edition(
    name="txt",
    suffix=".txt",
    pandoc_format="plain",
    audience="plain text for any device: screen readers, braille displays, email and old computers",
    write=write,
    layout=Layout(list_numbers=True, note_numbers=True, table_caption_last=True, figure_captions=False),
)
