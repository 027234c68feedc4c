"""Tagged PDF (PDF/UA-1): pandoc's Typst writer, the print template, Typst (in process, or in a
child process for a long document), then the structure tree mended where Typst cannot yet say
enough (publish.editions.pdf_tags).

One writer serves the clear-print edition here and the large-print one (pdf_large.py):
they differ only in the sizes and the emphasis handed to the template (`Look`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from string import Template

import typst

from publish import pagemap, pandoc
from publish.editions import pdf_fonts
from publish.editions.base import BuildContext, Edition, Layout
from publish.errors import BuildError
from publish.vocabulary import PRINT_PAGE_WORDS

TEMPLATE = Template((Path(__file__).parent.parent / "templates" / "clear-print.typ").read_text())
MISSING_GLYPHS = re.compile(r'the text `?"(.+?)"`? could not be displayed with font')
DESCRIPTION_BLOCK = re.compile(r"(?m)^(/ .*: )#block\[$")  # how pandoc's Typst writer opens a term's description
LONG_TOKEN = 20  # characters: a word longer than this may not fit a table cell, so it may break
WORD = re.compile(r"[^\W\d_]+")
# where an address or a name can also break (Unicode line breaking already allows it after / and -)
SEPARATORS = re.compile(r"(?<=[._?&=#@:+~/])(?=[^\W_])")  # before a letter or digit: never before a space
SLASH = re.compile(r"(?<=/)(?=[^\W_])")  # a line may end after a slash inside a word, as Unicode allows


@dataclass(frozen=True)
class Look:
    """Sizes (pt) and emphasis of a print edition; `min_size` is what its text is linted against."""

    body: float
    small: float  # notes, captions, page numbers, note numbers
    code: float
    headings: tuple[float, float, float]
    min_size: float
    bold_emphasis: bool = False
    images_to_measure: bool = False


CLEAR_PRINT = Look(body=13, small=12, code=12, headings=(22, 18, 15), min_size=12)


def typst_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def typst_array(items: list[str]) -> str:
    return "(" + "".join(typst_string(i) + ", " for i in items) + ")"


def typst_markup(text: str) -> str:
    """Text set as Typst markup, with every markup character escaped."""
    return "".join("\\" + c if c in "\\#*_`$<>@[]=-+/~'\"" else c for c in text)


def preamble(ctx: BuildContext, look: Look) -> str:
    language, _, region = ctx.lang.partition("-")
    byline = [typst_markup(line) for line in (", ".join(ctx.authors), ctx.date_text) if line]
    subtitle = " ".join(str(ctx.meta.get("subtitle") or "").split())
    page, pages = PRINT_PAGE_WORDS.get(language.lower(), PRINT_PAGE_WORDS["en"])
    return TEMPLATE.substitute(
        print_page=typst_markup(page), print_pages=typst_markup(pages), page_mark=pagemap.PAGE_MARK,
        body_size=f"{look.body}pt", small_size=f"{look.small}pt", code_size=f"{look.code}pt",
        h1_size=f"{look.headings[0]}pt", h2_size=f"{look.headings[1]}pt", h3_size=f"{look.headings[2]}pt",
        emphasis="#show emph: it => strong(it.body) // large print: no italic" if look.bold_emphasis else "",
        images="#set image(width: 100%) // large print: images as wide as the text" if look.images_to_measure else "",
        fonts=typst_array(pdf_fonts.families(ctx.lang)),
        title=typst_string(ctx.title),
        title_markup=typst_markup(ctx.title),
        subtitle=f"#par(text(size: {look.headings[2]}pt)[{typst_markup(subtitle)}])" if subtitle else "",
        authors=typst_array(ctx.authors),
        description=typst_string(ctx.description) if ctx.description else "none",
        keywords=typst_array(ctx.keywords),
        lang=typst_string(language.lower()),
        region=typst_string(region.upper()) if len(region) == 2 else "none",
        byline="\n".join(f"#par[{line}]" for line in byline),
    )


def breakable(token: str) -> dict:
    """A long word may be hyphenated; a long address or name breaks after its separators; a
    hyphenated compound already breaks at its hyphens."""
    if WORD.fullmatch(token):
        return {"t": "RawInline", "c": ["typst", f"#text(hyphenate: true)[{typst_markup(token)}]"]}
    return {"t": "Str", "c": SEPARATORS.sub("\u200b", token)}


def size_by_content(table: dict) -> None:
    """Equal column widths are what pandoc gives a pipe table whose dashes are alike, not a
    choice: such a table's columns are left to the template to size by their content."""
    specs = table["c"][2]
    if len({json.dumps(width) for _align, width in specs}) == 1:
        for spec in specs:
            spec[1] = {"t": "ColWidthDefault"}


def prepare(ast: dict) -> None:
    """Changes to the filtered AST that only the print layout needs.

    Long tokens get places to break, so they wrap in narrow cells instead of running off; an
    address breaks after a slash only at a zero-width space the text carries (the reading order
    joins a line that ends in one to the next); tables without chosen widths are sized by content.
    """
    stack = [ast["blocks"]]
    while stack:
        node = stack.pop()
        items = enumerate(node) if isinstance(node, list) else node.items() if isinstance(node, dict) else ()
        for key, item in items:
            kind = item.get("t") if isinstance(item, dict) else None
            if kind == "Str" and len(item["c"]) > LONG_TOKEN:
                node[key] = breakable(item["c"])
            elif kind == "Str":
                item["c"] = SLASH.sub("\u200b", item["c"])
            elif kind == "Code":
                item["c"][1] = SLASH.sub("\u200b", item["c"][1])
            elif isinstance(item, (list, dict)):
                if kind == "Table":
                    size_by_content(item)
                stack.append(item)


# Typst keeps what it remembers of a compile until its process ends (the binding cannot evict it):
# a long document's compiles, in the build's own process, added up to 6 GB at 500 pages. A document
# with more markup than this (about 80 pages) is typeset in a child process, which gives it all back.
APART = 200_000  # characters of Typst markup
TYPST_CHILD = """import json, sys, typst
try:
    sys.stdout.buffer.write(typst.compile(sys.stdin.buffer.read(), **json.loads(sys.argv[1])))
except RuntimeError as exc:
    sys.stderr.write(str(exc))
    sys.exit(3)
"""


def compiled_apart(markup: bytes, options: dict) -> bytes:
    """Typst's compile in a child process: the PDF, or Typst's error raised here as Typst raises it."""
    done = subprocess.run([sys.executable, "-c", TYPST_CHILD, json.dumps(options)], input=markup,
                          capture_output=True)
    if done.returncode == 3:
        raise RuntimeError(done.stderr.decode("utf-8", "replace"))
    if done.returncode:
        raise BuildError(f"Typst stopped without making the PDF (exit {done.returncode}): "
                         f"{done.stderr.decode('utf-8', 'replace').strip()[-300:] or 'no message'}")
    return done.stdout


def typst_run(source: str, ctx: BuildContext, **options) -> bytes:
    """Typst's compile of the document, in this process or a child (`APART`); its errors as the
    author can act on them."""
    options = dict(root=str(ctx.source.folder), font_paths=pdf_fonts.FONT_DIRS, **options)
    try:
        if len(source) > APART:
            return compiled_apart(source.encode("utf-8"), options)
        return typst.compile(source.encode("utf-8"), **options)
    except RuntimeError as exc:
        first_line = str(exc).strip().splitlines()[0]
        missing = MISSING_GLYPHS.search(first_line)
        if missing:
            raise ctx.source.error(
                f"“{missing[1]}” cannot be shown in the PDF: none of its fonts ({pdf_fonts.NAMES}) has it",
                "write it another way (a transliteration or a description), or leave it out",
                needle=missing[1]) from None
        raise BuildError(f"Typst could not make the PDF: {first_line}") from None


def markup(ast: dict, ctx: BuildContext, look: Look) -> str:
    """The whole Typst document: the template, then pandoc's Typst body."""
    prepare(ast)
    body = pandoc.write(ast, "typst", ["--wrap=none"]).decode("utf-8")
    body = DESCRIPTION_BLOCK.sub(r"\1#term-description[", body)
    body = body.replace("#table(\n    columns: ", "#fit-table(\n    columns: ")
    return preamble(ctx, look) + body


def typeset(ast: dict, ctx: BuildContext, look: Look, attached: str | None = None) -> tuple[bytes, bytes | None]:
    """The tagged PDF, and the file the markup had Typst attach under the name `attached`
    (taken out of the PDF: it is for the build, not the reader)."""
    from publish.editions import pdf_tags  # pikepdf, only when a PDF is made

    tables = pdf_tags.row_header_tables(ast)
    pdf = typst_run(markup(ast, ctx, look), ctx, pdf_standards=["ua-1"], timestamp=ctx.timestamp)
    return pdf_tags.mend(pdf, tables, attached)


def write_print(ast: dict, ctx: BuildContext, look: Look) -> bytes:
    return typeset(ast, ctx, look)[0]


def print_page(page: int) -> dict:
    """Where page `page` of the standard PDF begins, for the large print's footer."""
    return pagemap.raw("typst", f'#metadata(("print-page": {page}))')


def with_page_map(ast: dict, ctx: BuildContext) -> tuple[bytes, pagemap.PageMap]:
    """The standard PDF and its page map, from one Typst run: an invisible anchor at each text
    block, and a file Typst attaches saying the page each anchor landed on."""
    marked = pagemap.mark(ast, pagemap.typst_anchor)
    marked["blocks"].append(pagemap.raw_block("typst", pagemap.TYPST_ATTACHMENT))
    data, found = typeset(marked, ctx, CLEAR_PRINT, attached=pagemap.ATTACHMENT)
    return data, pagemap.from_json(found, ctx.source.name + EDITION.suffix)


def write(ast: dict, ctx: BuildContext) -> bytes:
    return with_page_map(ast, ctx)[0]


LAYOUT = Layout(list_numbers=True, notes="inline", note_numbers=True, caption_labels=True)  # as Typst sets them

EDITION = Edition(
    name="pdf",
    label="PDF document (tagged PDF)",
    suffix=".pdf",
    pandoc_format="typst",
    audience="print and screen: a tagged PDF (PDF/UA-1) in clear print, for printing or reading on screen",
    write=write,
    layout=LAYOUT,
    min_text_size=CLEAR_PRINT.min_size,
)
