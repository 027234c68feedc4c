"""EPUB rules: the package basics here; the rest in epub_metadata, epub_navigation and xhtml_rules.

Importing this module registers every EPUB rule; `load` (from epub_package) reads the book.
"""

from __future__ import annotations

import posixpath
import zipfile
from urllib.parse import unquote, urlsplit

from publish.lint.epub_package import EpubDocument, member
from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import SafeZip
from publish.lint.web import Part
from publish.xml import NS


@rule("EPUB001", "missing-title", Severity.ERROR, "Publications must have a title",
      fix="Add `title:` to the front matter of {source}",
      fix_file="Add a non-empty <dc:title> to the package document", refs=("Ace epub-title", "WCAG 2.2 SC 2.4.2"))
def missing_title(epub: EpubDocument):
    """## What it does
    Checks that the package document has a non-empty `dc:title`.

    ## Why is this bad?
    Reading systems list and announce books by title.

    ## Example
    ```markdown
    ---
    title: Open letter to party leaders
    ---
    ```
    """
    if not any(epub.dc("title")):
        yield Hit("package document has no dc:title", epub.opf_path)


@rule("EPUB002", "missing-document-language", Severity.ERROR, "Publications must declare their language",
      fix="Add `lang: en-GB` to the front matter of {source}",
      fix_file="Add <dc:language> to the package document", refs=("EPUB 3.3 §5.5.3.1 (dc:language)", "WCAG 2.2 SC 3.1.1"))
def missing_document_language(epub: EpubDocument):
    """## What it does
    Checks that the package document declares `dc:language`.

    ## Why is this bad?
    Reading systems pick the text-to-speech voice from the declared language; without
    it a screen reader may mispronounce every word.

    ## Example
    ```markdown
    ---
    lang: en-GB
    ---
    ```
    """
    if not any(epub.dc("language")):
        yield Hit("package document has no dc:language", epub.opf_path)


MIMETYPE = b"application/epub+zip"
XLINK = "{http://www.w3.org/1999/xlink}href"
REQUIRED_A11Y = ("schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard")


@rule("EPUB003", "missing-accessibility-metadata", Severity.ERROR,
      "Publications must declare accessMode, accessibilityFeature and accessibilityHazard",
      fix="Rebuild with `{build}`; the pipeline derives the accessibility metadata from the content",
      fix_file="Add <meta property=\"schema:accessMode\">, schema:accessibilityFeature and "
               "schema:accessibilityHazard to the package metadata",
      refs=("EPUB Accessibility 1.1 §5.1", "Ace metadata-accessmode", "Ace metadata-accessibilityfeature",
            "Ace metadata-accessibilityhazard"))
def missing_accessibility_metadata(epub: EpubDocument):
    """## What it does
    Checks the three metadata properties that EPUB Accessibility 1.1 requires.

    ## Why is this bad?
    Bookshops and libraries show these facts so readers know, before they buy or
    borrow, whether the book works with their screen reader or braille display.

    ## Example
    An EPUB made by a tool that writes no `schema:` metadata fails.
    """
    for prop in REQUIRED_A11Y:
        if not any(epub.meta(prop)):
            yield Hit(f"package metadata has no {prop}", epub.opf_path)


def missing_manifest_items(epub: EpubDocument):
    """(item, what is wrong) for each manifest item that names no file, or one the ZIP does not hold."""
    base = posixpath.dirname(epub.opf_path)
    for item in epub.opf.iterfind("opf:manifest/opf:item", NS):
        href = item.get("href")
        if not href:
            yield item, f"manifest item `{item.get('id') or ''}` has no href, so names no file"
            continue
        name = posixpath.normpath(posixpath.join(base, unquote(href)))
        if "://" not in href and member(epub.zip, name) not in epub.zip:
            yield item, f"manifest item `{name}` is missing from the EPUB"


def mimetype_problems(package: SafeZip):
    """The mimetype file as OCF requires it: the first entry, stored, no extra field, exactly the media type."""
    if "mimetype" not in package:
        yield Hit("the EPUB has no mimetype file", "mimetype")
        return
    info, content = package.infos["mimetype"], package.read("mimetype")
    if content != MIMETYPE:
        yield Hit(f"mimetype holds {content[:40].decode('latin-1')!r}, not exactly application/epub+zip "
                  "(no spaces or line break)", "mimetype")
    if next(iter(package.infos)) != "mimetype":
        yield Hit(f"mimetype is not the first file in the ZIP (`{next(iter(package.infos))}` is)", "mimetype")
    if info.compress_type != zipfile.ZIP_STORED:
        yield Hit("mimetype is compressed; it must be stored uncompressed", "mimetype")
    if info.extra:
        yield Hit("mimetype has an extra field in its ZIP header", "mimetype")


@rule("EPUB904", "damaged-package", Severity.ERROR,
      "EPUB packages must hold the mimetype file and every file their manifest lists",
      fix="Rebuild the edition with `{build}`",
      fix_file="Re-package the EPUB with `mimetype` (application/epub+zip) first, and with every file it lists",
      refs=("EPUB 3.3 OCF §4.2.2", "EPUBCheck PKG-006", "EPUBCheck PKG-007", "EPUBCheck RSC-001"))
def damaged_package(epub: EpubDocument):
    """## What it does
    Checks that the ZIP holds every file the manifest lists, and a `mimetype` file as
    OCF requires: the first entry, stored uncompressed, with no extra header field,
    holding exactly `application/epub+zip`.

    ## Why is this bad?
    Reading systems and operating systems recognise an EPUB by the first bytes of the
    file, where an uncompressed mimetype entry puts `application/epub+zip`; otherwise
    many refuse the book. A listed file that is missing means the package was damaged on the way.

    ## Example
    A folder zipped by hand, without `mimetype`, fails.
    """
    yield from mimetype_problems(epub.zip)
    for item, problem in missing_manifest_items(epub):
        yield Hit(problem, epub.opf_at(item))


@rule("EPUB903", "could-not-check-part", Severity.ERROR,
      "Every content document must be in the EPUB and be well-formed XHTML",
      fix="Rebuild the edition with `{build}`",
      fix_file="Add the missing file to the EPUB, or make it well-formed XHTML (every tag closed, one root, "
               "& written &amp;)",
      refs=("EPUB 3.3 §6.1.2", "XML 1.0 §2.1", "EPUBCheck RSC-001", "EPUBCheck RSC-005", "EPUBCheck RSC-016"))
def could_not_check_part(epub: EpubDocument):
    """## What it does
    Reports content documents in the reading order (or the navigation document) that
    are missing from the ZIP or are not well-formed XHTML.

    ## Why is this bad?
    Reading systems parse content documents as XML and refuse one that is not
    well-formed: the reader gets an error page or an empty chapter instead of the text.
    The linter could not check it either, so any other problem in it stays unknown.

    ## Example
    A chapter with `<p>Fish & chips</p>` (an unescaped `&`) or an unclosed `<br>` fails.
    """
    for name, reason in epub.unreadable:
        yield Hit(f"could not check: {reason}; reading systems will not show it either", name)


@rule("EPUB905", "could-not-check-resource", Severity.INFO,
      "Images and media that content documents use must be in the EPUB to be checked",
      fix="Rebuild the edition with `{build}`",
      fix_file="Add the missing file to the EPUB (and its manifest), or remove the reference",
      refs=("EPUBCheck RSC-007",))
def could_not_check_resource(epub: EpubDocument):
    """## What it does
    Notes images, media and MathML fallback images that a content document uses but the
    ZIP does not hold.

    ## Why is this bad?
    The reader sees a broken picture, and nothing about the file could be checked.
    EPUBCheck reports this as an error of validity; here it is a note, because the
    accessibility of what the document says about the image is still checked.

    ## Example
    `<img src="chart.png" alt="Chart of replies"/>` with no chart.png in the EPUB is noted.
    """
    for part in epub.parts.values():
        for element in part.root.iter():
            ref = (element.get("src") or element.get("altimg")) if isinstance(element.tag, str) else None
            if ref and "://" not in ref and not ref.startswith("data:"):
                name, _ = epub.resolve(part, ref)
                if member(epub.zip, name) not in epub.zip:
                    yield Hit(f"`{ref}` is used here but missing from the EPUB", part.at(element))


# Where a content document embeds a resource (not a hyperlink): element -> attributes
EMBEDDING = {"img": ("src",), "audio": ("src",), "video": ("src", "poster"), "source": ("src",), "track": ("src",),
             "embed": ("src",), "object": ("data",), "script": ("src",), "link": ("href",), "image": ("href", XLINK),
             "input": ("src",)}
STREAMED = ("audio", "video", "source", "track")  # what EPUB 3.3 lets a book load from the network


def remote_resources(part: Part):
    """(element, address) of every resource a document loads from the network."""
    for element in part.root.iter():
        if not isinstance(element.tag, str):
            continue
        kind = element.tag.rpartition("}")[2]
        if kind == "link" and "stylesheet" not in (element.get("rel") or "").lower().split():
            continue
        for attribute in EMBEDDING.get(kind, ()):
            ref = (element.get(attribute) or "").strip()
            if urlsplit(ref).scheme in ("http", "https") or ref.startswith("//"):
                yield element, ref


@rule("EPUB024", "remote-resource", Severity.ERROR,
      "Only audio and video may come from the network, and their documents must declare remote-resources",
      fix="Put images and other media in the source folder next to {source}, then rebuild with `{build}`",
      fix_file='Add properties="remote-resources" to the document\'s manifest item, or put the resource in the EPUB',
      refs=("EPUB 3.3 §3.6 (remote resources)", "EPUBCheck OPF-014", "EPUBCheck RSC-006"))
def remote_resource(epub: EpubDocument):
    """## What it does
    Finds content documents that embed audio or video from an `http(s)` address when
    their manifest item does not carry `properties="remote-resources"`, and images,
    stylesheets, scripts and other resources from the network, which EPUB does not
    allow at all. Links to web pages are not resources and pass.

    ## Why is this bad?
    Reading systems load only what the manifest declares; an undeclared remote image
    or stylesheet is not shown, so its text alternative and styling silently vanish,
    and offline readers get nothing. EPUBCheck rejects the book (OPF-014, RSC-006).

    ## Example
    `<img src="https://example.org/chart.png" alt="Chart"/>` in a chapter whose
    manifest item has no `remote-resources` property fails.
    """
    for part in epub.parts.values():
        item = epub.items.get(part.name)
        declared = item is not None and "remote-resources" in (item.get("properties") or "").split()
        for element, ref in remote_resources(part):
            kind = element.tag.rpartition("}")[2]
            if kind not in STREAMED:
                yield Hit(f"`{ref}` is loaded from the network; only audio and video may be, so put it in the EPUB",
                          part.at(element))
            elif not declared:
                yield Hit(f"`{ref}` is loaded from the network, but the manifest item of `{part.name}` has no "
                          "remote-resources property", part.at(element))
