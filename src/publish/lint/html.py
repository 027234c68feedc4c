"""HTML basics: language, title, main landmark, alt text, heading order, in-page links and link text.

axe-core checks the rest in a browser (contrast, focus, computed names).
"""

from __future__ import annotations

from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import parse_html
from publish.lint.xhtml_rules import BARE_URL, VAGUE, text

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def load(data: bytes):
    return parse_html(data)


def where(element) -> str | None:
    return str(element.sourceline) if element is not None and element.sourceline else None


@rule("HTML001", "missing-title", Severity.ERROR, "Pages must have a title",
      fix="Add `title:` to the front matter of {source}",
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
      fix="Add `lang: en-GB` to the front matter of {source}",
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
      fix="Change the heading in {source} to one level below the heading before it",
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
      fix="Write the alt text inside the brackets in {source}: ![What it shows](image.png)",
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


def links(root):
    """Each link with an href, and the text a screen reader announces for it."""
    for link in root.iter("a"):
        if link.get("href") is not None:
            yield link, (link.get("aria-label") or "").strip() or text(link)


@rule("HTML124", "main-landmark", Severity.ERROR, "Pages must have exactly one main landmark",
      fix="Rebuild the HTML edition with `publish build html`: its template puts the text in one <main>",
      fix_file="Wrap the page's main content in one <main> element",
      refs=("WCAG 2.2 SC 1.3.1", "WCAG 2.2 SC 2.4.1", "axe landmark-one-main", "axe landmark-no-duplicate-main"))
def main_landmark(root):
    """## What it does
    Checks that the page has one `<main>` (or `role="main"`) element, no more.

    ## Why is this bad?
    Screen-reader users jump to the main landmark to skip what comes before the text;
    with none they cannot, and with two they do not know which holds it.

    ## Example
    The pipeline writes the `<main>`; the Markdown needs nothing:
    ```markdown
    ## The letter
    Dear party leaders,
    ```
    """
    mains = root.xpath("//main | //*[@role='main']")
    if not mains:
        yield Hit("page has no <main> landmark", where(root.find("body")))
    for extra in mains[1:]:
        yield Hit(f"page has {len(mains)} main landmarks", where(extra))


@rule("HTML308", "link-target-missing", Severity.ERROR, "Links within the page must lead to an element that exists",
      fix="Point the link at a heading's id in {source}: [Our recommendations](#our-recommendations)",
      fix_file='Give the target element the id the link names, or correct the link\'s href="#..."',
      refs=("WCAG 2.2 SC 2.4.1", "WCAG 2.2 SC 2.4.4", "axe skip-link"))
def link_target_missing(root):
    """## What it does
    Finds links to `#somewhere` on the same page, the skip link among them, when no
    element has that id.

    ## Why is this bad?
    A skip link or a cross-reference that leads nowhere leaves a keyboard or
    screen-reader user where they were, with no sign of why.

    ## Example
    ```markdown
    See [our recommendations](#recomendations).

    ### Our recommendations
    ```

    Use instead `[our recommendations](#our-recommendations)`.
    """
    ids = set(root.xpath("//@id")) | set(root.xpath("//a/@name"))
    for link, _label in links(root):
        href = link.get("href")
        if href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            yield Hit(f"link `{href}` leads to no element on the page", where(link))


@rule("HTML302", "bare-url-link-text", Severity.WARNING, "Link text must describe the target, not be a bare URL",
      fix="Write link text in {source}: [Annual report](https://...) instead of <https://...>",
      fix_file="Replace the URL shown as link text with words that say where the link goes",
      refs=("WCAG 2.2 SC 2.4.4",))
def bare_url_link_text(root):
    """## What it does
    Finds links whose text is a web address.

    ## Why is this bad?
    A screen reader spells the address out character by character.

    ## Example
    ```markdown
    <https://example.org/reports/2019/annual.pdf>
    ```

    Use instead `[Annual report 2019](https://example.org/reports/2019/annual.pdf)`.
    """
    for link, label in links(root):
        if BARE_URL.fullmatch(label):
            yield Hit(f"link text is the address `{label[:60]}`", where(link))


@rule("HTML307", "vague-link-text", Severity.WARNING, "Link text must make sense on its own",
      fix="Rewrite the link text in {source} to say where it goes: [Annual report](...)",
      fix_file="Replace the link text with words that say where the link goes",
      refs=("WCAG 2.2 SC 2.4.4", "WCAG 2.2 SC 2.4.9"))
def vague_link_text(root):
    """## What it does
    Finds links whose text is "click here", "here", "read more" and the like.

    ## Why is this bad?
    Screen-reader users list the links on a page; ten links called "here" tell them nothing.

    ## Example
    ```markdown
    To read the report [click here](https://example.org/report).
    ```
    """
    for link, label in links(root):
        if label.lower().strip(" .:!") in VAGUE:
            yield Hit(f"link text `{label}` does not say where the link goes", where(link))
