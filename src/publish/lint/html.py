"""HTML basics: language, title, alt text, heading order (axe-core checks the rest in a browser)."""

from __future__ import annotations

from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import parse_html

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def load(data: bytes):
    return parse_html(data)


def where(element) -> str | None:
    return str(element.sourceline) if element is not None and element.sourceline else None


@rule("HTML001", "missing-title", Severity.ERROR, "Pages must have a title",
      fix="Add `title:` to the front matter of source/letter.md",
      fix_file="Add a non-empty <title> inside <head>", refs=("WCAG 2.2 SC 2.4.2", "axe document-title"))
def missing_title(root):
    """## What it does
    Checks that the page has a non-empty `<title>`.

    ## Why is this bad?
    The title is the first thing a screen reader announces and the name of the tab.

    ## Example
    ```markdown
    ---
    title: Open letter to party leaders
    ---
    ```
    """
    titles = root.xpath("//head/title")
    if not titles or not "".join(titles[0].itertext()).strip():
        yield Hit("page has no <title>", where(root.find("head")))


@rule("HTML002", "missing-document-language", Severity.ERROR, "Pages must declare their language",
      fix="Add `lang: en-GB` to the front matter of source/letter.md",
      fix_file='Add lang="en-GB" (or the right tag) to the <html> element',
      refs=("WCAG 2.2 SC 3.1.1", "axe html-has-lang"))
def missing_document_language(root):
    """## What it does
    Checks that the `<html>` element has a `lang` attribute.

    ## Why is this bad?
    Screen readers choose their voice and pronunciation from the page language.

    ## Example
    ```markdown
    ---
    lang: en-GB
    ---
    ```
    """
    if not (root.get("lang") or "").strip():
        yield Hit("<html> has no lang attribute", where(root))


@rule("HTML102", "heading-level-skipped", Severity.ERROR, "Heading levels must not be skipped",
      fix="Change the heading in source/letter.md to one level below the heading before it",
      fix_file="Change the heading to one level below the heading before it",
      refs=("WCAG 2.2 SC 1.3.1", "axe heading-order"))
def heading_level_skipped(root):
    """## What it does
    Checks that headings go down one level at a time (h1, then h2, then h3).

    ## Why is this bad?
    Screen-reader users move by heading level; a skipped level hides structure.

    ## Example
    ```markdown
    ## Recommendations
    #### First
    ```

    Use instead `### First`.
    """
    previous = 0
    for heading in root.iter(*HEADINGS):
        level = int(heading.tag[1])
        if previous and level > previous + 1:
            yield Hit(f"heading skips from h{previous} to h{level}", where(heading))
        previous = level


@rule("HTML201", "image-without-alt", Severity.ERROR, "Images must have alt text",
      fix="Write the alt text inside the brackets in source/letter.md: ![What it shows](image.png)",
      fix_file='Add an alt attribute to the <img>: alt="what it shows", or alt="" if decorative',
      refs=("WCAG 2.2 SC 1.1.1", "axe image-alt"))
def image_without_alt(root):
    """## What it does
    Finds `<img>` elements with no `alt` attribute.

    ## Why is this bad?
    Without alt text a screen reader reads the file name, or nothing.

    ## Example
    ```markdown
    ![](chart.png)
    ```

    Use instead `![Bar chart of replies by month](chart.png)`.
    """
    for image in root.iter("img"):
        if image.get("alt") is None:
            yield Hit(f"image `{image.get('src', '')}` has no alt attribute", where(image))
