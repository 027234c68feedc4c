"""EPUB content documents (XHTML), checked without a browser: the axe-core and Ace rules that static markup decides.

Implemented here (axe-core or Ace rule → code):
  html-has-lang, html-xml-lang-mismatch → EPUB018; html-lang-valid, valid-lang → EPUB005 (epub_metadata);
  document-title → EPUB021; heading-order → EPUB102; empty-heading → EPUB111; image-alt, area-alt,
  input-image-alt → EPUB201; role-img-alt (cover images) → EPUB206; svg-img-alt → EPUB205; td-has-header,
  th-has-data-cells (in part) → EPUB112, scope-attr-valid → EPUB107; table caption (best practice) →
  EPUB113; empty-table-header → EPUB117; link-name → EPUB306; Ace epub-type-has-matching-role → EPUB120 (no
  role) and EPUB127 (a role that means something else); landmark-unique, landmark-no-duplicate-main →
  EPUB121; Ace pagebreak-label → EPUB122; list, listitem → EPUB125; duplicate-id, duplicate-id-aria →
  EPUB126; aria-roles, aria-deprecated-role → EPUB130; aria-allowed-role → EPUB131; EPUBCheck
  RSC-007/RSC-012 for links → EPUB308.
  Plus the project's own: link text that is a bare URL (EPUB302) or says nothing ("click here",
  EPUB307), and the part's language against the package's (EPUB019, EPUB020). color-contrast is EPUB420,
  from the book's CSS (epub_style).
Left to Ace/axe, because they need a browser's layout, scripts or focus handling: link-in-text-block,
  target-size, focus-order-semantics, scrollable-region-focusable, css-orientation-lock, meta-viewport
  (zoom computed), region (content outside landmarks, computed), aria-hidden-focus, nested-interactive,
  label/button-name (computed accessible names of form controls), frame-title, video-caption and
  audio-caption (track loading), identical-links-same-purpose, and contrast over background images.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from publish.lint.aria import ALLOWED, DEPRECATED, DPUB, ROLES, is_allowed, landmark, role
from publish.lint.concerns import (
    BARE_URL_LINK, EMPTY_HEADING, EMPTY_LINK, EMPTY_TABLE_HEADER, HEADING_SKIPPED, VAGUE_LINK,
)
from publish.lint.epub_package import EPUB_TYPE, EpubDocument, member
from publish.lint.web import (
    IMAGE_KINDS, PRESENTATIONAL, XML_LANG, Part, declared_lang, header_cells, heading_facts, hidden, image_named,
    link_facts, local, missing_alt, missing_alt_message, name, roles, text,
)
from publish.lint.rule import Hit, Severity, rule
from publish.xml import NS

X = f"{{{NS['xhtml']}}}"
SVG = "{http://www.w3.org/2000/svg}"
ALLOWED_CHECKED = (*ALLOWED, "a", "img")  # elements whose roles ARIA in HTML restricts
def empty_informative_alt(part: Part):
    """Images marked as meaningful (the cover, role=img) whose alt text is empty."""
    for image in part.iter("img"):
        informative = {"doc-cover", "img"} & set(roles(image)) or "cover" in (image.get(EPUB_TYPE) or "").split()
        if informative and image.get("alt") is not None and not name(part, image).strip():
            yield image


def empty_alt_message(image) -> str:
    return f"cover {image_named(image)} has empty alt text"


def image_alt_problems(part: Part):
    """(image, what is wrong) for every image without usable alt text, in document order; shared
    with the alternativeText claim."""
    problems = {image: missing_alt_message(image) for image in missing_alt(part)}
    problems.update({image: empty_alt_message(image) for image in empty_informative_alt(part)})
    for image in part.iter(*IMAGE_KINDS):
        if image in problems:
            yield image, problems[image]


def each(epub: EpubDocument):
    return epub.parts.values()


@rule("EPUB018", "content-document-language", Severity.ERROR,
      "Content documents must declare their language, with lang and xml:lang equal",
      fix="Add `lang: en-GB` to the front matter of {source}",
      fix_file='Add lang="en-GB" and xml:lang="en-GB" (the same tag) to each <html> element',
      refs=("WCAG 2.2 SC 3.1.1", "axe html-has-lang", "axe html-xml-lang-mismatch"))
def content_document_language(epub: EpubDocument):
    """## What it does
    Checks that each content document's `<html>` declares a language, and that `lang`
    and `xml:lang`, when both are present, name the same one.

    ## Why is this bad?
    Screen readers pick their voice per document; a document without a language is read
    with the reader's default voice, and a mismatch leaves it to chance.

    ## Example
    ```markdown
    ---
    lang: en-GB
    ---
    ```
    """
    for part in each(epub):
        lang, xml_lang = part.root.get("lang"), part.root.get(XML_LANG)
        if not (lang or xml_lang):
            yield Hit("<html> has neither lang nor xml:lang", part.at(part.root))
        elif lang and xml_lang and lang.lower() != xml_lang.lower():
            yield Hit(f'<html> has lang="{lang}" but xml:lang="{xml_lang}"', part.at(part.root))


@rule("EPUB019", "content-language-differs", Severity.WARNING,
      "Content documents must be in a language the package declares",
      fix="Set `lang:` in the front matter of {source} to the language of the text",
      fix_file="Make the <html> language match a dc:language of the package, or add that dc:language",
      refs=("WCAG 2.2 SC 3.1.1", "EPUB 3.3 §5.5.3.2"))
def content_language_differs(epub: EpubDocument):
    """## What it does
    Checks each content document's language against the package's `dc:language` values.
    A book in several languages declares each of them; a part in another language then
    passes.

    ## Why is this bad?
    Reading systems use the package language to choose voices and hyphenation before
    opening a document; a mismatch means one of the two is wrong.

    ## Example
    A package in `en-GB` with a chapter marked `fr` and no `dc:language` fr fails.
    """
    package = {v.split("-")[0].lower() for v in epub.dc("language") if v}
    for part in each(epub):
        lang = declared_lang(part.root)
        if package and lang and lang.split("-")[0].lower() not in package:
            yield Hit(f"document language `{lang}` is not a language of the package "
                      f"({', '.join(epub.dc('language'))})", part.at(part.root))


@rule("EPUB020", "lang-or-xml-lang-missing", Severity.INFO,
      "Content documents must carry both lang and xml:lang",
      fix="Rebuild with `{build}`; the pipeline writes both",
      fix_file='Write both lang="..." and xml:lang="..." on <html>',
      refs=("EPUB 3.3 §6.1.4", "HTML §3.2.6.2"))
def lang_or_xml_lang_missing(epub: EpubDocument):
    """## What it does
    Notes a content document whose `<html>` has only one of `lang` and `xml:lang`.

    ## Why is this bad?
    XML reading systems read `xml:lang` and HTML engines read `lang`; with both, every
    reading system finds the language.

    ## Example
    `<html xml:lang="en">` is noted; use `<html lang="en" xml:lang="en">`.
    """
    for part in each(epub):
        lang, xml_lang = part.root.get("lang"), part.root.get(XML_LANG)
        if bool(lang) != bool(xml_lang):
            yield Hit(f"<html> has {'lang' if lang else 'xml:lang'} but not {'xml:lang' if lang else 'lang'}",
                      part.at(part.root))


@rule("EPUB021", "content-document-without-title", Severity.ERROR, "Content documents must have a title",
      fix="Add `title:` to the front matter of {source}",
      fix_file="Add a non-empty <title> inside each document's <head>",
      refs=("WCAG 2.2 SC 2.4.2", "axe document-title"))
def content_document_without_title(epub: EpubDocument):
    """## What it does
    Checks that each content document has a non-empty `<title>`.

    ## Why is this bad?
    Reading systems and screen readers announce the document title when a chapter opens.

    ## Example
    ```markdown
    ---
    title: Open letter to party leaders
    ---
    ```
    """
    for part in each(epub):
        title = part.root.find(f"{X}head/{X}title")
        if title is None or not text(title):
            yield Hit("document has no <title>" if title is None else "<title> is empty",
                      part.at(title if title is not None else part.root))


@HEADING_SKIPPED.rule("EPUB", fix_file="Change the heading to one level below the heading before it")
def heading_level_skipped(epub: EpubDocument):
    return HEADING_SKIPPED.check(h for part in each(epub) if part.name != epub.nav_name for h in heading_facts(part))


@EMPTY_HEADING.rule("EPUB", fix_file="Put text in the heading or remove it")
def empty_heading(epub: EpubDocument):
    return EMPTY_HEADING.check(h for part in each(epub) for h in heading_facts(part))


@rule("EPUB201", "image-without-alt", Severity.ERROR, "Images must have alt text",
      fix="Write the alt text inside the brackets in {source}: ![What it shows](image.png)",
      fix_file='Add an alt attribute: alt="what it shows", or alt="" if the image is decorative',
      refs=("WCAG 2.2 SC 1.1.1", "axe image-alt", "axe area-alt", "axe input-image-alt"))
def image_without_alt(epub: EpubDocument):
    """## What it does
    Finds `<img>`, `<area>` and image buttons with no `alt` (or ARIA label). `alt=""`
    is allowed: it marks a decorative image.

    ## Why is this bad?
    Without alt text a screen reader reads the file name, or nothing.

    ## Example
    ```markdown
    ![](chart.png)
    ```

    Use instead `![Bar chart of replies by month](chart.png)`.
    """
    for part in each(epub):
        for image in missing_alt(part):
            yield Hit(missing_alt_message(image), part.at(image))


@rule("EPUB205", "svg-without-title", Severity.ERROR, "SVG images must have a title",
      fix="Give the SVG image alt text in {source}: ![What it shows](figure.svg)",
      fix_file="Add a <title> as the first child of the <svg> (or aria-label), or aria-hidden=\"true\" "
               "if it is decorative",
      refs=("WCAG 2.2 SC 1.1.1", "axe svg-img-alt"))
def svg_without_title(epub: EpubDocument):
    """## What it does
    Finds inline `<svg>` drawings with no `<title>` and no ARIA label, unless hidden or
    marked decorative.

    ## Why is this bad?
    An inline drawing is read as nothing at all without its title.

    ## Example
    A chart pasted into the book as inline SVG without `<title>` fails.
    """
    for part in each(epub):
        for svg in part.root.iter(f"{SVG}svg"):
            if hidden(svg) or set(roles(svg)) & set(PRESENTATIONAL) or svg.get("aria-label") \
                    or svg.get("aria-labelledby"):
                continue
            title = svg.find(f"{SVG}title")
            if title is None or not text(title):
                yield Hit("inline SVG has no <title>", part.at(svg))


@rule("EPUB206", "informative-image-empty-alt", Severity.ERROR,
      "Cover and other informative images must not have empty alt text",
      fix="Write the alt text inside the brackets in {source}: ![What it shows](image.png)",
      fix_file='Describe the image in its alt attribute; alt="" is only for decorative images',
      refs=("WCAG 2.2 SC 1.1.1", "axe role-img-alt", "Ace doc-cover"))
def informative_image_empty_alt(epub: EpubDocument):
    """## What it does
    Finds images marked as the cover (`role="doc-cover"`, `epub:type="cover"`) or as
    `role="img"` whose alt text is empty.

    ## Why is this bad?
    Empty alt tells a screen reader to skip the image; the cover then says nothing.

    ## Example
    `<img src="cover.jpg" alt="" role="doc-cover"/>` fails.
    """
    for part in each(epub):
        for image in empty_informative_alt(part):
            yield Hit(empty_alt_message(image), part.at(image))


def data_tables(part: Part):
    for table in part.iter("table"):
        if not set(roles(table)) & set(PRESENTATIONAL):
            yield table


def rows(table):
    return [r for r in table.iter(f"{X}tr") if next(r.iterancestors(f"{X}table")) is table]


@rule("EPUB112", "table-without-headers", Severity.ERROR, "Data tables must have header cells",
      fix="Give the table in {source} a header row (the first row above the dashes)",
      fix_file="Mark the header row or column with <th>", refs=("WCAG 2.2 SC 1.3.1", "axe td-has-header"))
def table_without_headers(epub: EpubDocument):
    """## What it does
    Finds tables with data cells but no `<th>`.

    ## Why is this bad?
    A screen reader reads each cell with its header; without headers a table is a
    stream of numbers.

    ## Example
    ```markdown
    |   |   |
    |---|---|
    | 1 | 2 |
    ```
    """
    for part in each(epub):
        for table in data_tables(part):
            if table.find(f".//{X}td") is not None and table.find(f".//{X}th") is None:
                yield Hit("table has no header cells (<th>)", part.at(table))


@EMPTY_TABLE_HEADER.rule("EPUB", fix_file="Put the column's name in the <th>; an empty cell over row headers is a <td>")
def empty_table_header(epub: EpubDocument):
    return EMPTY_TABLE_HEADER.check(cell for part in each(epub) for cell in header_cells(part))


@rule("EPUB107", "table-header-without-scope", Severity.WARNING,
      "Table header cells must have a scope when a table has row headers",
      fix="Keep tables in {source} to one header row",
      fix_file='Add scope="col" or scope="row" to each <th>, or headers="..." to the data cells',
      refs=("WCAG 2.2 SC 1.3.1", "WCAG technique H63", "axe scope-attr-valid"))
def table_header_without_scope(epub: EpubDocument):
    """## What it does
    In tables with header cells beyond the first row (row headers), checks that each
    `<th>` has a valid `scope`, unless data cells name their headers with `headers`.
    A single header row needs no scope.

    ## Why is this bad?
    With headers in both directions a screen reader must guess which header a cell
    belongs to. Browsers guess well (so axe and Ace pass such tables), but EPUB reading
    systems vary; `scope` removes the guess. Hence a warning, not an error.

    ## Example
    A table whose first column is marked as headers, without scope, fails.
    """
    for part in each(epub):
        for table in data_tables(part):
            table_rows = rows(table)
            row_headers = any(r.find(f"{X}th") is not None for r in table_rows[1:])
            if not row_headers or table.find(f".//{X}td[@headers]") is not None:
                continue
            for cell in table.iter(f"{X}th"):
                if cell.get("scope") not in ("row", "col", "rowgroup", "colgroup"):
                    yield Hit(f"header cell `{text(cell)[:40]}` has no valid scope", part.at(cell))


@rule("EPUB113", "table-without-caption", Severity.WARNING, "Data tables must have a caption",
      fix="Add a caption line `: Caption` under the table in {source}",
      fix_file="Add a <caption> as the first child of the <table>", refs=("WCAG 2.2 SC 1.3.1", "WCAG technique H39"))
def table_without_caption(epub: EpubDocument):
    """## What it does
    Finds data tables without a `<caption>` (or ARIA label).

    ## Why is this bad?
    Screen-reader users list tables by caption to find the one they need.

    ## Example
    ```markdown
    | Month | Replies |
    |-------|---------|
    | May   | 12      |

    : Replies by month
    ```
    """
    for part in each(epub):
        for table in data_tables(part):
            caption = table.find(f"{X}caption")
            if (caption is None or not text(caption)) and not (table.get("aria-label") or table.get("aria-labelledby")):
                yield Hit("table has no caption", part.at(table))


@EMPTY_LINK.rule("EPUB", fix_file="Put text (or an image with alt text) inside the <a>")
def empty_link_text(epub: EpubDocument):
    return EMPTY_LINK.check(link for part in each(epub) for link in link_facts(part))


@BARE_URL_LINK.rule("EPUB", fix_file="Replace the URL shown as link text with words that say where the link goes")
def bare_url_link_text(epub: EpubDocument):
    return BARE_URL_LINK.check(link for part in each(epub) for link in link_facts(part))


@VAGUE_LINK.rule("EPUB", fix_file="Replace the link text with words that say where the link goes")
def vague_link_text(epub: EpubDocument):
    return VAGUE_LINK.check(link for part in each(epub) for link in link_facts(part))


def dpub_kinds(element) -> list[str]:
    """The element's epub:type values that have a DPUB-ARIA role."""
    return [k for k in (element.get(EPUB_TYPE) or "").split() if k in DPUB]  # comments and PIs .get() None


def contradicting(element) -> str | None:
    """A DPUB role on the element that none of its epub:type values means (EPUB127), or None."""
    given, kinds = role(element), dpub_kinds(element)
    if given and given.startswith("doc-") and kinds and given not in {DPUB[k] for k in kinds}:
        return given
    return None


@rule("EPUB120", "epub-type-without-role", Severity.WARNING,
      "Elements with a DPUB epub:type must carry the matching ARIA role",
      fix="Rebuild with `{build}`; the pipeline writes both",
      fix_file='Add the matching role, e.g. <nav epub:type="toc" role="doc-toc">',
      refs=("Ace epub-type-has-matching-role", "DPUB-ARIA 1.1", "EPUB Type to ARIA Role Authoring Guide"))
def epub_type_without_role(epub: EpubDocument):
    """## What it does
    Checks that each `epub:type` with a DPUB-ARIA counterpart (toc, chapter, footnote,
    pagebreak, page-list...) comes with that `role`. The body element (which may not
    carry a role) and covers that are not images are exempt.

    ## Why is this bad?
    Screen readers read ARIA roles, not `epub:type`; without the role, a table of
    contents or a footnote is just a list or a paragraph.

    ## Example
    `<nav epub:type="toc">` fails; use `<nav epub:type="toc" role="doc-toc">`.
    """
    landmarks = epub.nav_element("landmarks")
    skipped = set(landmarks.iter()) if landmarks is not None else set()
    for part in each(epub):
        for element in part.root.iter():
            if element in skipped:
                continue  # epub:type there names the landmark a link goes to, not the link itself
            kinds = (element.get(EPUB_TYPE) or "").split() if isinstance(element.tag, str) else []
            for kind in kinds:
                wanted = DPUB.get(kind)
                if not wanted or local(element) == "body" or (kind == "cover" and local(element) != "img"):
                    continue
                if wanted not in roles(element) and not contradicting(element):
                    yield Hit(f'epub:type="{kind}" has no role="{wanted}"', part.at(element))


def landmark_name(part: Part, element) -> str:
    """A landmark's name comes from aria-labelledby, aria-label or title, never from its content."""
    if element.get("aria-labelledby") or element.get("aria-label"):
        return name(part, element)
    return (element.get("title") or "").strip()


@rule("EPUB121", "duplicate-landmark", Severity.ERROR, "Landmarks must be unique within a document",
      fix="Rebuild with `{build}`",
      fix_file="Keep one main per document and name repeated landmarks, e.g. aria-labelledby pointing at "
               "each section's heading",
      refs=("WCAG 2.2 SC 1.3.1", "axe landmark-unique", "axe landmark-no-duplicate-main"))
def duplicate_landmark(epub: EpubDocument):
    """## What it does
    Finds a second `main` in a content document, and landmarks of the same role with
    the same (or no) name: navigation, complementary, banner and contentinfo (header
    and footer outside sections), named sections and forms, and the DPUB-ARIA roles
    that are landmarks (doc-chapter, doc-appendix, doc-endnotes, doc-toc...). A name
    comes from aria-labelledby, aria-label or title.

    ## Why is this bad?
    Screen-reader users jump between landmarks by name; two called "navigation" cannot
    be told apart.

    ## Example
    Two `<nav>` elements without aria-label in one chapter fail, and so do two
    `<section role="doc-chapter">` without aria-labelledby pointing at their headings.
    """
    for part in each(epub):
        seen = {}
        for element in part.root.iter():
            kind = landmark(element) if isinstance(element.tag, str) else None
            if kind is None or hidden(element):
                continue
            key = (kind, "" if kind == "main" else landmark_name(part, element))
            if key in seen:
                why = (f"; a document has only one (the first is on line {seen[key]})" if kind == "main" else
                       f' named "{key[1]}", like the one on line {seen[key]}' if key[1] else
                       f" with no name to tell it from the one on line {seen[key]}")
                yield Hit(f"a second {kind} landmark{why}", part.at(element))
            else:
                seen[key] = element.sourceline


@rule("EPUB122", "page-break-without-label", Severity.ERROR, "Page-break markers must have a label",
      fix="Rebuild with `{build}`",
      fix_file='Give each page-break marker its page number: aria-label="12" (or title, or text)',
      refs=("WCAG 2.2 SC 1.3.1", "Ace pagebreak-label", "EPUB Accessibility Techniques 1.1 §PAGE-003"))
def page_break_without_label(epub: EpubDocument):
    """## What it does
    Checks that each `epub:type="pagebreak"` or `role="doc-pagebreak"` element has a
    label: text, `aria-label` or `title`.

    ## Why is this bad?
    The label is the page number a screen reader announces; without it the marker is
    silent.

    ## Example
    `<span epub:type="pagebreak" role="doc-pagebreak" id="p7"/>` fails.
    """
    for part, element in epub.page_breaks():
        if not name(part, element):
            yield Hit(f"page break `{element.get('id') or ''}` has no label", part.at(element))


def is_list(element) -> bool:
    return local(element) in ("ul", "ol", "menu") and not (set(roles(element)) - {"list"})


@rule("EPUB125", "invalid-list-structure", Severity.ERROR,
      "Lists must contain only list items, and items must be in lists",
      fix="Rebuild with `{build}`",
      fix_file="Put only <li> directly inside <ul>/<ol>, and every <li> inside a list",
      refs=("WCAG 2.2 SC 1.3.1", "axe list", "axe listitem"))
def invalid_list_structure(epub: EpubDocument):
    """## What it does
    Finds `<ul>`/`<ol>` with direct children other than `<li>` (or script/template),
    and `<li>` outside a list.

    ## Why is this bad?
    Screen readers announce "list, 3 items" from the markup; a broken list is announced
    wrongly or not at all.

    ## Example
    `<ul><p>One</p></ul>` fails.
    """
    for part in each(epub):
        for element in part.iter("ul", "ol", "menu", "li"):
            if local(element) == "li":
                parent = element.getparent()
                if parent is None or not (local(parent) in ("ul", "ol", "menu")
                                          or {"list", "directory"} & set(roles(parent))):
                    yield Hit("<li> is not inside a list", part.at(element))
            elif is_list(element):
                for child in element:
                    if isinstance(child.tag, str) and local(child) not in ("li", "script", "template"):
                        yield Hit(f"<{local(element)}> contains <{local(child)}>, not only <li>", part.at(child))


@rule("EPUB130", "invalid-aria-role", Severity.ERROR, "ARIA roles must be valid and not deprecated",
      fix="Rebuild with `{build}`",
      fix_file="Use a role from WAI-ARIA 1.2 or DPUB-ARIA 1.1 (e.g. list instead of directory)",
      refs=("WCAG 2.2 SC 4.1.2", "axe aria-roles", "axe aria-deprecated-role"))
def invalid_aria_role(epub: EpubDocument):
    """## What it does
    Checks each `role` value against WAI-ARIA 1.2, DPUB-ARIA 1.1 and Graphics ARIA, and
    flags the deprecated `directory`, `doc-biblioentry` and `doc-endnote`.

    ## Why is this bad?
    Screen readers ignore roles they do not know, so the element loses its meaning.

    ## Example
    `<ol role="directory">` fails; use `<ol>`.
    """
    for part in each(epub):
        for element in part.root.iter():
            for given in roles(element) if isinstance(element.tag, str) else []:
                if given in DEPRECATED:
                    yield Hit(f'role "{given}" is deprecated', part.at(element))
                elif given not in ROLES:
                    yield Hit(f'role "{given}" is not an ARIA role', part.at(element))


@rule("EPUB126", "duplicate-id", Severity.ERROR, "IDs must be unique within a content document",
      fix="Rebuild with `{build}`; give headings in {source} distinct names, or distinct ids: `# Notes {#notes-2}`",
      fix_file="Rename one of the elements that share the id, and the links that mean it",
      refs=("EPUB 3.3 §6.1.2", "HTML §3.2.6.1", "EPUBCheck RSC-005", "axe duplicate-id-aria"))
def duplicate_id(epub: EpubDocument):
    """## What it does
    Finds an `id` given to more than one element of the same content document.

    ## Why is this bad?
    A link, a footnote reference or an `aria-labelledby` that names the id reaches only
    the first element, so a reader who follows it lands in the wrong place or hears the
    wrong label; EPUBCheck rejects the book.

    ## Example
    A chapter with a heading "Footnotes" (`id="footnotes"`) and pandoc's own footnotes
    section (also `id="footnotes"`) fails.
    """
    for part in each(epub):
        first = {}
        for element in part.root.iter():
            key = element.get("id") if isinstance(element.tag, str) else None
            if key is None:
                continue
            if key in first:
                yield Hit(f'id "{key}" is used again here; the first is on line {first[key]}', part.at(element))
            else:
                first[key] = element.sourceline


def in_book_links(epub: EpubDocument):
    """(part, link, path, fragment) of every link to a place inside the book, outside the nav's own lists."""
    lists = {e for kind in ("toc", "page-list", "landmarks") if epub.nav_element(kind) is not None
             for e in epub.nav_element(kind).iter()}
    for part in each(epub):
        for link in part.iter("a"):
            href = link.get("href")
            if href is None or link in lists or urlsplit(href).scheme or href.startswith("//"):
                continue
            yield (part, link, *epub.resolve(part, href))


@rule("EPUB308", "link-target-missing", Severity.ERROR,
      "Links within the book must lead to a file and an element that exist",
      fix="Point the link at a heading's id in {source}: [Our recommendations](#our-recommendations)",
      fix_file="Give the target element the id the link names, or correct the link's href",
      refs=("WCAG 2.2 SC 2.4.4", "EPUBCheck RSC-007", "EPUBCheck RSC-012"))
def link_target_missing(epub: EpubDocument):
    """## What it does
    Follows every link from one place in the book to another (outside the navigation
    document's own lists, which EPUB311 and EPUB312 check) and finds those whose file
    is not in the EPUB, or whose `#fragment` names no element of that document.

    ## Why is this bad?
    A cross-reference or a footnote link that leads nowhere leaves the reader where
    they were, with no sign of why; some reading systems show an error page.

    ## Example
    `<a href="ch002.xhtml#sources">` when ch002.xhtml has no `id="sources"` fails.
    """
    ids = {}
    for part, link, path, fragment in in_book_links(epub):
        if member(epub.zip, path) not in epub.zip:
            yield Hit(f"link `{link.get('href')}` leads to `{path}`, which is not in the EPUB", part.at(link))
            continue
        target = epub.parts.get(path)
        if target is None or not fragment:
            continue
        if path not in ids:
            ids[path] = set(target.root.xpath("//@id"))
        if fragment not in ids[path]:
            yield Hit(f"link `{link.get('href')}` leads to no element in `{path}`", part.at(link))


@rule("EPUB127", "role-contradicts-epub-type", Severity.WARNING,
      "An element's DPUB-ARIA role must mean what its epub:type means",
      fix="Rebuild with `{build}`",
      fix_file='Make the two agree: epub:type="chapter" goes with role="doc-chapter", "appendix" with "doc-appendix"',
      refs=("Ace epub-type-has-matching-role", "DPUB-ARIA 1.1", "EPUB Type to ARIA Role Authoring Guide"))
def role_contradicts_epub_type(epub: EpubDocument):
    """## What it does
    Finds elements whose `role` is a DPUB-ARIA role that none of their `epub:type`
    values stands for, such as `epub:type="appendix"` with `role="doc-chapter"`.

    ## Why is this bad?
    Screen readers announce the role while reading systems build their navigation
    from `epub:type`: a listener hears "chapter" where the contents say "appendix".

    ## Example
    `<section epub:type="footnotes" role="doc-footnote">` fails (the footnotes
    section is `doc-endnotes`; `doc-footnote` is one note).
    """
    for part in each(epub):
        for element in part.root.iter():
            given = contradicting(element)
            if given:
                meant = ", ".join(f'"{DPUB[k]}"' for k in dpub_kinds(element))
                yield Hit(f'role="{given}" contradicts epub:type="{element.get(EPUB_TYPE)}", which means {meant}',
                          part.at(element))


@rule("EPUB131", "role-not-allowed", Severity.WARNING, "Elements must only carry the ARIA roles HTML allows on them",
      fix="Rebuild with `{build}`",
      fix_file="Move the role to an element that allows it (e.g. doc-chapter on <section>, not <nav>), or remove it",
      refs=("ARIA in HTML §4", "axe aria-allowed-role", "WCAG 2.2 SC 4.1.2"))
def role_not_allowed(epub: EpubDocument):
    """## What it does
    Checks each element's ARIA or DPUB-ARIA role against the roles "ARIA in HTML"
    allows on that element: none on `<body>`, `<main>` or `<dd>`; only
    presentational roles on an image with empty alt; `doc-chapter` on `<section>`
    but not on `<nav>` or `<aside>`; `doc-noteref` on a link but not on a heading.

    ## Why is this bad?
    A role that fights the element's own meaning is read inconsistently: some screen
    readers keep the element's meaning, others the role, and keyboard behaviour no
    longer matches what is announced.

    ## Example
    `<aside role="doc-chapter">` and `<img alt="" role="doc-cover">` fail.
    """
    for part in each(epub):
        for element in part.iter(*ALLOWED_CHECKED):
            given = role(element)
            if given and not is_allowed(element, given):
                shown = '<img alt="">' if local(element) == "img" and element.get("alt") == "" else f"<{local(element)}>"
                yield Hit(f'role="{given}" is not allowed on {shown}', part.at(element))
