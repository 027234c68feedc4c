"""HTML basics: language, title, main landmark, alt text, heading order, table headers, in-page links and link text.

axe-core checks the rest in a browser (contrast, focus, computed names).
"""

from __future__ import annotations

from publish.lint.concerns import (
    BARE_URL_LINK, EMPTY_HEADING, EMPTY_LINK, EMPTY_TABLE_HEADER, HEADING_SKIPPED, INVALID_LANGUAGE_TAG, VAGUE_LINK,
    Labelled,
)
from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import parse_html
from publish.lint.web import (
    Part, declared_lang, header_cells, heading_facts, link_facts, links, missing_alt, missing_alt_message,
)


def load(data: bytes) -> Part:
    """The page, read like an EPUB content document (publish.lint.web), without namespaces."""
    return Part("", parse_html(data), ns="")


@rule("HTML001", "missing-title", Severity.ERROR, "Pages must have a title",
      fix="Add `title:` to the front matter of {source}",
      fix_file="Add a non-empty <title> inside <head>", refs=("WCAG 2.2 SC 2.4.2", "axe document-title"))
def missing_title(page: Part):
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
    titles = page.root.xpath("//head/title")
    if not titles or not "".join(titles[0].itertext()).strip():
        yield Hit("page has no <title>", page.at(page.root.find("head")))


@rule("HTML002", "missing-document-language", Severity.ERROR, "Pages must declare their language",
      fix="Add `lang: en-GB` to the front matter of {source}",
      fix_file='Add lang="en-GB" (or the right tag) to the <html> element',
      refs=("WCAG 2.2 SC 3.1.1", "axe html-has-lang"))
def missing_document_language(page: Part):
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
    if not (page.root.get("lang") or "").strip():
        yield Hit("<html> has no lang attribute", page.at(page.root))


@INVALID_LANGUAGE_TAG.rule("HTML", fix_file='Correct the lang attributes to BCP 47 tags such as lang="en-GB"',
                          refs=("axe html-lang-valid", "axe valid-lang"))
def invalid_language_tag(page: Part):
    return INVALID_LANGUAGE_TAG.check(
        Labelled(declared_lang(e), page.at(e), f"<{e.tag}> lang") for e in page.root.iter()
        if isinstance(e.tag, str) and declared_lang(e) is not None)


@HEADING_SKIPPED.rule("HTML", fix_file="Change the heading to one level below the heading before it")
def heading_level_skipped(page: Part):
    return HEADING_SKIPPED.check(heading_facts(page))


@EMPTY_HEADING.rule("HTML", fix_file="Put text in the heading or remove it")
def empty_heading(page: Part):
    return EMPTY_HEADING.check(heading_facts(page))


@EMPTY_TABLE_HEADER.rule("HTML", fix_file="Put the column's name in the <th>; an empty cell over row headers is a <td>")
def empty_table_header(page: Part):
    return EMPTY_TABLE_HEADER.check(header_cells(page))


@rule("HTML201", "image-without-alt", Severity.ERROR, "Images must have alt text",
      fix="Write the alt text inside the brackets in {source}: ![What it shows](image.png)",
      fix_file='Add an alt attribute: alt="what it shows", or alt="" if the image is decorative',
      refs=("WCAG 2.2 SC 1.1.1", "axe image-alt", "axe area-alt", "axe input-image-alt"))
def image_without_alt(page: Part):
    """## What it does
    Finds `<img>`, `<area>` and image buttons with no `alt` (or ARIA label), as EPUB201
    does. `alt=""` is allowed: it marks a decorative image.

    ## Why is this bad?
    Without alt text a screen reader reads the file name, or nothing.

    ## Example
    ```markdown
    ![](chart.png)
    ```

    Use instead `![Bar chart of replies by month](chart.png)`.
    """
    for image in missing_alt(page):
        yield Hit(missing_alt_message(image), page.at(image))


@rule("HTML124", "main-landmark", Severity.ERROR, "Pages must have exactly one main landmark",
      fix="Rebuild the HTML edition with `{build}`: its template puts the text in one <main>",
      fix_file="Wrap the page's main content in one <main> element",
      refs=("WCAG 2.2 SC 1.3.1", "WCAG 2.2 SC 2.4.1", "axe landmark-one-main", "axe landmark-no-duplicate-main"))
def main_landmark(page: Part):
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
    mains = page.root.xpath("//main | //*[@role='main']")
    if not mains:
        yield Hit("page has no <main> landmark", page.at(page.root.find("body")))
    for extra in mains[1:]:
        yield Hit(f"page has {len(mains)} main landmarks", page.at(extra))


@rule("HTML308", "link-target-missing", Severity.ERROR, "Links within the page must lead to an element that exists",
      fix="Point the link at a heading's id in {source}: [Our recommendations](#our-recommendations)",
      fix_file='Give the target element the id the link names, or correct the link\'s href="#..."',
      refs=("WCAG 2.2 SC 2.4.1", "WCAG 2.2 SC 2.4.4", "axe skip-link"))
def link_target_missing(page: Part):
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
    ids = set(page.root.xpath("//@id")) | set(page.root.xpath("//a/@name"))
    for link, _label in links(page):
        href = link.get("href")
        if href.startswith("#") and len(href) > 1 and href[1:] not in ids:
            yield Hit(f"link `{href}` leads to no element on the page", page.at(link))


@EMPTY_LINK.rule("HTML", fix_file="Put text (or an image with alt text) inside the <a>")
def empty_link_text(page: Part):
    return EMPTY_LINK.check(link_facts(page))


@BARE_URL_LINK.rule("HTML", fix_file="Replace the URL shown as link text with words that say where the link goes")
def bare_url_link_text(page: Part):
    return BARE_URL_LINK.check(link_facts(page))


@VAGUE_LINK.rule("HTML", fix_file="Replace the link text with words that say where the link goes")
def vague_link_text(page: Part):
    return VAGUE_LINK.check(link_facts(page))


