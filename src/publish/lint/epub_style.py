"""EPUB text contrast, worked out from the book's own CSS (see publish.lint.css for the cascade)."""

from __future__ import annotations

import posixpath
from collections import defaultdict

from publish.lint.colour import contrast, needed_ratio, to_hex
from publish.lint.css import Cascade
from publish.lint.epub_package import EpubDocument, member
from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import Unreadable
from publish.lint.web import Part, local


def sheet(epub: EpubDocument, name: str) -> tuple[str, str] | None:
    """A stylesheet in the EPUB as (text, name), or None when it is missing or unreadable."""
    found = member(epub.zip, name)
    if found not in epub.zip:
        return None
    try:
        return epub.zip.read(found).decode("utf-8", errors="replace"), name
    except Unreadable:
        return None


def stylesheets(epub: EpubDocument, part: Part) -> tuple[tuple[str, str], ...]:
    """The document's linked stylesheets and <style> elements, in the order they appear."""
    sheets = []
    for element in part.root.iter(*(f"{{{part.ns}}}{t}" for t in ("link", "style"))):
        if local(element) == "style" and element.get("media") in (None, "", "all", "screen"):
            lines_before = "\n" * ((element.sourceline or 1) - 1)  # so that CSS line numbers are the file's
            sheets.append((lines_before + (element.text or ""), part.name))
        elif local(element) == "link" and element.get("href") and element.get("media") in (None, "", "all", "screen"):
            rel = (element.get("rel") or "").lower().split()
            if "stylesheet" in rel and "alternate" not in rel and "://" not in element.get("href"):
                found = sheet(epub, epub.resolve(part, element.get("href"))[0])
                sheets += [found] if found else []
    return tuple(sheets)


def importer(epub: EpubDocument):
    """What an `@import` in a stylesheet of the book refers to."""

    def imported(href: str, within: str):
        if "://" in href:
            return None
        return sheet(epub, posixpath.normpath(posixpath.join(posixpath.dirname(within), href.split("#")[0])))

    return imported


def own_text(element) -> str:
    """The text an element holds itself, not inside its child elements."""
    return " ".join(" ".join([element.text or ""] + [child.tail or "" for child in element]).split())


@rule("EPUB420", "low-contrast-text", Severity.ERROR,
      "Text must contrast with its background by at least 4.5:1 (3:1 for large text)",
      fix="Rebuild with `{build}`; the pipeline's stylesheet uses dark text on white and no colour for code",
      fix_file="Darken the text colour (or lighten the background) in the CSS rule the finding names",
      refs=("WCAG 2.2 SC 1.4.3", "axe color-contrast"))
def low_contrast_text(epub: EpubDocument):
    """## What it does
    Works out, from each content document's stylesheets, `<style>` elements and `style`
    attributes, the colour of every text (the text `::before` and `::after` draw too, such
    as code line numbers) and the background behind it (white unless the book sets one),
    with inheritance, and finds text below 4.5:1 contrast, or 3:1 for large text (24 px,
    or 18.66 px bold). Text over a background image is left to a person. One finding per
    colour, CSS rule and document, with the count.

    ## Why is this bad?
    Partially sighted readers, and anyone reading in sunlight, cannot make out pale
    text; syntax-highlighting colours are a common cause.

    ## Example
    `code span.co { color: #60a0b0; }` (a comment in a code block, 2.9:1 on white)
    fails; #3d6b78 (5.6:1) passes.
    """
    cascades = {}  # chapters usually share their stylesheets: parse and compile them once
    for part in epub.parts.values():
        sheets, failing = stylesheets(epub, part), defaultdict(list)
        if sheets not in cascades:
            cascades[sheets] = Cascade(list(sheets), importer(epub))
        for element, style, generated in cascades[sheets].styles(part.root):
            text, shown = generated or own_text(element), style.shown_colour
            if not text or not style.visible or shown is None:
                continue
            ratio = contrast(shown, style.backdrop)
            if ratio < needed_ratio(style.large):
                key = (to_hex(shown), to_hex(style.backdrop), style.colour_from, style.backdrop_from,
                       round(ratio, 1), needed_ratio(style.large))
                failing[key].append((element, text))
        for (fore, back, fore_from, back_from, ratio, needed), places in failing.items():
            element, text = places[0]
            sample = text if len(text) <= 40 else text[:39] + "…"
            count = f"{len(places)} places in this document, the first" if len(places) > 1 else "text"
            yield Hit(f"{count} “{sample}” is #{fore} (from {fore_from}) on #{back} (from {back_from}): "
                      f"contrast {ratio}:1, needs {needed:g}:1", part.at(element))
