"""One self-contained HTML5 page, the edition screen-reader users are best served by.

pandoc's html5 writer with the project's template and clear-print CSS inlined. Images are
embedded as data: URLs here rather than by pandoc's --embed-resources, which marks every
image role="img" (a decorative image would then need a name); a decorative image gets
alt="" so screen readers skip it. No script, no request leaves the page.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from publish import facts, pandoc
from publish.editions.base import BuildContext, Edition
from publish.editions.web import NoteWords, note_words, notes_heading, page_markers, shape

TEMPLATE = Path(__file__).parent.parent / "templates" / "html.html"  # includes html.css as a partial
MEDIA_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
               ".svg": "image/svg+xml"}
ISO_DATE = re.compile(r"\d{4}(-\d{2}){0,2}")
# pandoc's notes section and each note's link back to its reference.
NOTES_START = re.compile(r'<section id="footnotes" (class="footnotes[^"]*" role="doc-endnotes")>\s*<hr />')
BACK_LINK = re.compile(r'(<a href="#fnref(\d+)" class="footnote-back" role="doc-backlink")>([^<]*)</a>')


def data_url(path: Path) -> str:
    """resources.check has already confirmed the file is inside the source folder and of a known type."""
    return f"data:{MEDIA_TYPES[path.suffix.lower()]};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def embed_images(ast: dict, folder: Path) -> None:
    for node in facts.walk(ast["blocks"]):
        if node["t"] != "Image":
            continue
        attr, _alt, target = node["c"]
        target[0] = data_url(folder / target[0])
        if "decorative" in attr[1] and not any(key == "alt" for key, _ in attr[2]):
            attr[2].append(["alt", ""])


def date_variables(ctx: BuildContext) -> list[str]:
    """`<time datetime="2019-11">November 2019</time>` when the front-matter date is an ISO date."""
    raw = str(ctx.meta.get("date", "")).strip()
    if not ISO_DATE.fullmatch(raw):
        return []
    return ["--variable", f"date-iso={raw}", "--variable", f"date-text={ctx.date_text}"]


def label_notes(page: str, words: NoteWords, level: int) -> str:
    """The notes get a heading in place of pandoc's rule, and each link back a name a screen reader
    can say: pandoc's "↩︎" alone is read as an arrow, or not at all. The link shows the reference's
    number after the arrow, so the words a voice-control user sees are part of its name."""
    lang = f' lang="{words.lang}"' if words.lang else ""
    heading = f'<h{level} id="footnotes-heading"{lang}>{html.escape(words.heading)}</h{level}>'
    page = NOTES_START.sub(lambda m: f'<section id="footnotes" {m.group(1)} aria-labelledby="footnotes-heading">'
                                     f"\n{heading}", page, count=1)
    return BACK_LINK.sub(lambda m: f' {m.group(1)}{lang} aria-label="{html.escape(words.back_to(int(m.group(2))))}">'
                                   f"{m.group(3)}\u00a0{m.group(2)}</a>", page)


def top_heading_level(ast: dict) -> int:
    """The level of the body's top sections (the title is the page's first h1); 2 when there are none."""
    return min((node["c"][0] for node in facts.walk(ast["blocks"]) if node["t"] == "Header"), default=2)


def write(ast: dict, ctx: BuildContext) -> bytes:
    embed_images(ast, ctx.source.folder)
    options = ["--standalone", "--template", str(TEMPLATE.resolve()), "--mathml", "--wrap=none", *date_variables(ctx)]
    page = pandoc.write(page_markers(ast, ctx), "html5", options, cwd=ctx.source.folder)
    page_text = label_notes(page.decode("utf-8"), note_words(ctx.source.lang), top_heading_level(ast))
    return shape(page_text).encode("utf-8")


EDITION = Edition(
    name="html",
    label="Web page (HTML)",
    suffix=".html",
    pandoc_format="html5",
    audience="screen readers, braille displays and any web browser: a web page that reflows to any screen "
             "and follows your own text size and colours",
    write=write,
    added_text=notes_heading,
    print_pages=True,
)
