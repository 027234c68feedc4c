"""EPUB navigation: the navigation document's toc, landmarks and page list, checked against the reading order."""

from __future__ import annotations

from publish.lint.epub_package import EPUB_TYPE, EpubDocument, is_page_break
from publish.lint.rule import Hit, Severity, rule


@rule("EPUB301", "missing-toc-nav", Severity.ERROR,
      "Publications must have a navigation document with a table of contents",
      fix="Rebuild with `{build}`; the pipeline writes the table of contents from the headings",
      fix_file='Add a navigation document (manifest properties="nav") with <nav epub:type="toc">',
      refs=("EPUB 3.3 §7.4", "WCAG 2.2 SC 2.4.5", "EPUBCheck RSC-005"))
def missing_toc_nav(epub: EpubDocument):
    """## What it does
    Checks for a navigation document with a `toc` nav that links somewhere.

    ## Why is this bad?
    The table of contents is how readers move through a book; reading systems build
    their contents menu from it.

    ## Example
    An EPUB 2 style book with only an NCX fails.
    """
    if epub.nav_name is None:
        yield Hit("the package has no navigation document (no manifest item with properties=\"nav\")",
                  epub.opf_path)
    elif epub.nav is not None and not epub.nav_links("toc"):
        yield Hit('the navigation document has no <nav epub:type="toc"> with links', epub.nav_name)


@rule("EPUB310", "missing-landmarks-nav", Severity.INFO, "Navigation documents must list the book's landmarks",
      fix="Rebuild with `{build}`; pandoc writes the landmarks",
      fix_file='Add <nav epub:type="landmarks"> linking to the table of contents and the start of the body',
      refs=("EPUB 3.3 §7.4.3", "EPUB Accessibility Techniques 1.1 §NAV"))
def missing_landmarks_nav(epub: EpubDocument):
    """## What it does
    Notes a navigation document without a `landmarks` nav.

    ## Why is this bad?
    Reading systems use landmarks for "go to start" and "go to contents".

    ## Example
    A navigation document with only a `toc` nav is noted.
    """
    if epub.nav is not None and epub.nav_element("landmarks") is None:
        yield Hit('the navigation document has no <nav epub:type="landmarks">', epub.nav_name)


def positions(epub: EpubDocument) -> dict[tuple[str, str], int]:
    """Where each target first comes in the reading order; a duplicated id (EPUB126) leads to its first element."""
    where: dict[tuple[str, str], int] = {}
    for i, target in enumerate(epub.reading_order()):
        where.setdefault(target, i)
    return where


@rule("EPUB311", "toc-order", Severity.ERROR, "The table of contents must follow the reading order",
      fix="Rebuild with `{build}`",
      fix_file="Reorder the toc entries (or the spine) so that they follow the reading order, and link to existing ids",
      refs=("Ace epub-toc-order", "EPUBCheck NAV-011", "WCAG 2.2 SC 1.3.2"))
def toc_order(epub: EpubDocument):
    """## What it does
    Follows the `toc` links in order and checks that each points at an existing place
    later in the reading order than the one before.

    ## Why is this bad?
    A table of contents out of order, or pointing nowhere, sends readers to the wrong place.

    ## Example
    A toc listing chapter 2 before chapter 1 fails.
    """
    yield from out_of_order(epub, "toc")


def out_of_order(epub: EpubDocument, kind: str, skip_missing: bool = False):
    """The first link of the `kind` nav that points at a place before the link above it's, or
    at nothing in the reading order (unless another rule reports those: `skip_missing`)."""
    nav, where = epub.nav, positions(epub)
    previous = -1
    for link in epub.nav_links(kind):
        position = where.get(epub.resolve(nav, link.get("href")))
        if position is None and skip_missing:
            continue
        if position is None:
            yield Hit(f"{kind} entry `{link.get('href')}` points at nothing in the reading order", nav.at(link))
            return
        if position < previous:
            yield Hit(f"{kind} entry `{link.get('href')}` comes before the entry above it in the reading order",
                      nav.at(link))
            return
        previous = position


@rule("EPUB312", "page-list-target-missing", Severity.ERROR, "Page-list entries must point at page-break markers",
      fix="Rebuild with `{build}`",
      fix_file='Point each page-list link at an element with that id and epub:type="pagebreak"',
      refs=("Ace epub-pagelist-broken", "EPUB Accessibility 1.1 §4.2"))
def page_list_target_missing(epub: EpubDocument):
    """## What it does
    Checks each `page-list` link: its target must exist and (in reflowable books) be a
    page-break marker. A link to a whole document, with no fragment, is a page that
    begins that document (as in every fixed-layout book) and passes.

    ## Why is this bad?
    "Go to page 12" that lands nowhere, or on the wrong element, breaks a class's
    shared reference to the print book.

    ## Example
    A page-list link to `#p8` when no element has id `p8` fails.
    """
    nav = epub.nav
    for link in epub.nav_links("page-list"):
        name, fragment = epub.resolve(nav, link.get("href"))
        part = epub.parts.get(name)
        target = next((e for e in part.root.iter() if isinstance(e.tag, str) and e.get("id") == fragment),
                      None) if part is not None and fragment else None
        if part is None or (fragment and target is None):
            yield Hit(f"page-list entry `{link.get('href')}` points at nothing", nav.at(link))
        elif target is not None and not epub.fixed_layout and not is_page_break(target):
            yield Hit(f"page-list entry `{link.get('href')}` does not point at a page-break marker", nav.at(link))


@rule("EPUB313", "page-break-not-in-page-list", Severity.WARNING, "Page-break markers must be listed in the page list",
      fix="Rebuild with `{build}`",
      fix_file="Give each page-break marker an id and link to it from the page-list nav",
      refs=("Ace epub-pagelist-missing-pagebreak", "EPUB Accessibility 1.1 §4.2"))
def page_break_not_in_page_list(epub: EpubDocument):
    """## What it does
    Checks that each page-break marker in a reflowable book has an id that the
    `page-list` nav links to.

    ## Why is this bad?
    A page number the reader can hear but not go to is half a feature.

    ## Example
    A book with `<span epub:type="pagebreak" id="p6">` and no page-list entry for it fails.
    """
    if epub.fixed_layout:
        return
    nav = epub.nav
    listed = {epub.resolve(nav, a.get("href")) for a in epub.nav_links("page-list")} if nav is not None else set()
    for part, element in epub.page_breaks():
        if (part.name, element.get("id") or "") not in listed:
            label = element.get("id") or element.get("aria-label") or element.get("title") or ""
            yield Hit(f"page break `{label}` is not in the page list", part.at(element))


def skippable(par) -> bool:
    """Whether a Media Overlay <par>, or a <seq> around it, is marked as a page break."""
    return any("pagebreak" in (e.get(EPUB_TYPE) or "").split() for e in (par, *par.iterancestors()))


@rule("EPUB315", "page-list-order", Severity.ERROR, "The page list must follow the reading order",
      fix="Rebuild with `{build}`",
      fix_file="Reorder the page-list entries (or the page-break markers) so that they follow the reading order",
      refs=("EPUB Accessibility 1.1 §4.2", "WCAG 2.2 SC 1.3.2"))
def page_list_order(epub: EpubDocument):
    """## What it does
    Follows the `page-list` links in order and checks that each points at a place later in
    the reading order than the one before (EPUB312 reports a link that points at nothing).

    ## Why is this bad?
    Readers turn to a page from the list: if page 5 comes before page 4 in the text, "go
    to page 5" lands where the print edition has page 4's words, and a class reading
    together loses its place.

    ## Example
    A page list whose entry for page 2 points at a marker after page 3's fails.
    """
    if epub.nav is not None and not epub.fixed_layout:
        yield from out_of_order(epub, "page-list", skip_missing=True)


@rule("EPUB314", "overlay-page-break-not-skippable", Severity.WARNING,
      "Media Overlays must mark the page breaks they read aloud with epub:type=\"pagebreak\"",
      fix="Rebuild with `{build}`",
      fix_file='Add epub:type="pagebreak" to each <par> of the SMIL file whose <text> points at a page-break marker',
      refs=("EPUB Media Overlays 3.3 §4.5 (skippability)", "EPUB Accessibility Techniques 1.1 §MO",
            "DAISY Knowledge Base: page numbers in Media Overlays"))
def overlay_page_break_not_skippable(epub: EpubDocument):
    """## What it does
    In a book with Media Overlays (narration synchronised with the text), finds each
    `<par>` that reads a page-break marker aloud but is not marked
    `epub:type="pagebreak"`, on itself or on a `<seq>` around it.

    ## Why is this bad?
    Reading systems let listeners skip page numbers only when the overlay marks them;
    without the mark every "page 12" interrupts the narration.

    ## Example
    `<par id="pg12"><text src="ch1.xhtml#p12"/><audio .../></par>` fails; write
    `<par id="pg12" epub:type="pagebreak">`.
    """
    breaks = {(part.name, element.get("id")) for part, element in epub.page_breaks() if element.get("id")}
    for name, par, path, fragment in epub.overlay_texts():
        if (path, fragment) in breaks and not skippable(par):
            line = getattr(par, "sourceline", None)
            yield Hit(f"the overlay reads page break `{fragment}` aloud without epub:type=\"pagebreak\"",
                      f"{name}:{line}" if line else name)
