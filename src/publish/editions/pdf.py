"""Tagged PDF (PDF/UA-1): pandoc's Typst writer, a clear-print template, Typst in process."""

from __future__ import annotations

import json
import re
from pathlib import Path
from string import Template

import fontpkg_atkinson_hyperlegible
import typst

from publish import pandoc
from publish.editions.base import BuildContext, Edition, Layout
from publish.errors import BuildError

TEMPLATE = Template((Path(__file__).parent.parent / "templates" / "clear-print.typ").read_text())
FONT_DIR = Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"
MISSING_GLYPHS = re.compile(r'the text `?"(.+?)"`? could not be displayed with font')


def typst_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def typst_array(items: list[str]) -> str:
    return "(" + "".join(typst_string(i) + ", " for i in items) + ")"


def typst_markup(text: str) -> str:
    """Text set as Typst markup, with every markup character escaped."""
    return "".join("\\" + c if c in "\\#*_`$<>@[]=-+/~'\"" else c for c in text)


def preamble(ctx: BuildContext) -> str:
    language, _, region = ctx.lang.partition("-")
    byline = [typst_markup(line) for line in (", ".join(ctx.authors), ctx.date_text) if line]
    return TEMPLATE.substitute(
        title=typst_string(ctx.title),
        title_markup=typst_markup(ctx.title),
        authors=typst_array(ctx.authors),
        description=typst_string(ctx.description) if ctx.description else "none",
        keywords=typst_array(ctx.keywords),
        lang=typst_string(language.lower()),
        region=typst_string(region.upper()) if len(region) == 2 else "none",
        byline="\n".join(f"#par[{line}]" for line in byline),
    )


def write(ast: dict, ctx: BuildContext) -> bytes:
    body = pandoc.write(ast, "typst", ["--wrap=none"]).decode("utf-8")
    try:
        return typst.compile(
            (preamble(ctx) + body).encode("utf-8"),
            root=str(ctx.source.folder),
            font_paths=[str(FONT_DIR)],
            pdf_standards=["ua-1"],
            timestamp=ctx.timestamp,
        )
    except RuntimeError as exc:
        first_line = str(exc).strip().splitlines()[0]
        missing = MISSING_GLYPHS.search(first_line)
        if missing:
            raise ctx.source.error(
                f"“{missing[1]}” cannot be shown in the PDF: its clear-print font (Atkinson Hyperlegible) "
                "has Latin letters only", "write the text in Latin letters (a transliteration), or leave it out",
                needle=missing[1]) from None
        raise BuildError(f"Typst could not make the PDF: {first_line}") from None


EDITION = Edition(
    name="pdf",
    label="PDF document (tagged PDF)",
    suffix=".pdf",
    pandoc_format="typst",
    audience="print and screen: a tagged PDF (PDF/UA-1) in clear print, for printing or reading on screen",
    write=write,
    layout=Layout(list_numbers=True, notes="inline", note_numbers=True, caption_labels=True),  # as Typst sets them
)
