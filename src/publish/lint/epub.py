"""EPUB rules: the package, its accessibility metadata and its content documents."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import SafeZip, Unreadable
from publish.xml import NS, text_of

CONTAINER = "META-INF/container.xml"


@dataclass
class EpubDocument:
    zip: SafeZip
    opf_path: str
    opf: object
    content: dict = field(default_factory=dict)  # spine XHTML path -> parsed root

    def meta(self, prop: str) -> list[str]:
        """Values of `<meta property="prop">` in the package metadata."""
        return [text_of(m).strip() for m in self.opf.iterfind("opf:metadata/opf:meta", NS)
                if m.get("property") == prop]

    def dc(self, name: str) -> list[str]:
        return [text_of(e).strip() for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]


def load(data: bytes) -> EpubDocument:
    package = SafeZip(data)
    if CONTAINER not in package:
        raise Unreadable("EPUB has no META-INF/container.xml")
    rootfile = package.xml(CONTAINER).find(".//container:rootfile", NS)
    if rootfile is None or not rootfile.get("full-path"):
        raise Unreadable("EPUB container names no package document")
    opf_path = rootfile.get("full-path")
    opf = package.xml(opf_path)
    epub = EpubDocument(package, opf_path, opf)
    manifest = {item.get("id"): item for item in opf.iterfind("opf:manifest/opf:item", NS)}
    base = posixpath.dirname(opf_path)
    for ref in opf.iterfind("opf:spine/opf:itemref", NS):
        item = manifest.get(ref.get("idref"))
        if item is None or item.get("media-type") != "application/xhtml+xml":
            continue
        name = posixpath.normpath(posixpath.join(base, item.get("href", "")))
        if name in package:
            epub.content[name] = package.xml(name)
    return epub


@rule("EPUB001", "missing-title", Severity.ERROR, "Publications must have a title",
      fix="Add `title:` to the front matter of source/letter.md",
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
      fix="Add `lang: en-GB` to the front matter of source/letter.md",
      fix_file="Add <dc:language> to the package document", refs=("Ace epub-lang", "WCAG 2.2 SC 3.1.1"))
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


REQUIRED_A11Y = ("schema:accessMode", "schema:accessibilityFeature", "schema:accessibilityHazard")


@rule("EPUB003", "missing-accessibility-metadata", Severity.ERROR,
      "Publications must declare accessMode, accessibilityFeature and accessibilityHazard",
      fix="Rebuild with `make epub`; the pipeline derives the accessibility metadata from the content",
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
