"""The EPUB as the rules see it: package document, reading order, navigation and content documents.

Everything is parsed once, in memory, through publish.lint.safe. The package document
must be readable (else EPUB901); a content document that is missing or not well-formed
is recorded in `unreadable` and reported by EPUB903, so the rest of the book is still checked.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote, urldefrag

from publish.lint.safe import SafeZip, Unreadable
from publish.lint.web import Part
from publish.xml import NS, qname, text_of

CONTAINER = "META-INF/container.xml"
XHTML = "application/xhtml+xml"
SMIL_TYPE = "application/smil+xml"
SMIL = "{http://www.w3.org/ns/SMIL}"
EPUB_TYPE = qname("epub:type")
PAGE_FEATURES = ("printPageNumbers", "pageBreakMarkers", "pageNavigation")


@dataclass
class EpubDocument:
    zip: SafeZip
    opf_path: str
    opf: object
    spine: list[str] = field(default_factory=list)  # every spine item, XHTML or not, in reading order
    parts: dict[str, Part] = field(default_factory=dict)  # reading order, then the nav document
    nav_name: str | None = None
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (name, reason)
    overlays: dict[str, object] = field(default_factory=dict)  # Media Overlay (SMIL) documents by path
    items: dict[str, object] = field(default_factory=dict)  # manifest <item> elements by path

    def meta(self, prop: str) -> list[str]:
        """Values of `<meta property="prop">` in the package metadata."""
        return [text_of(m).strip() for m in self.metas(prop)]

    def metas(self, prop: str) -> list:
        return [m for m in self.opf.iterfind("opf:metadata/opf:meta", NS) if m.get("property") == prop]

    def dc(self, name: str) -> list[str]:
        return [text_of(e).strip() for e in self.opf.iterfind(f"opf:metadata/dc:{name}", NS)]

    def opf_at(self, element) -> str:
        line = getattr(element, "sourceline", None)
        return f"{self.opf_path}:{line}" if line else self.opf_path

    @property
    def fixed_layout(self) -> bool:
        return "pre-paginated" in self.meta("rendition:layout")

    @property
    def nav(self) -> Part | None:
        return self.parts.get(self.nav_name) if self.nav_name else None

    def nav_element(self, kind: str):
        """The `<nav epub:type="kind">` of the navigation document (toc, page-list, landmarks)."""
        nav = self.nav
        if nav is None:
            return None
        for element in nav.iter("nav"):
            if kind in (element.get(EPUB_TYPE) or "").split():
                return element
        return None

    def nav_links(self, kind: str) -> list:
        element = self.nav_element(kind)
        return [] if element is None else [a for a in element.iter(f"{{{NS['xhtml']}}}a") if a.get("href")]

    def resolve(self, part: Part, href: str) -> tuple[str, str]:
        """An href in `part` as (path inside the EPUB, fragment)."""
        path, fragment = urldefrag(href)
        if not path:
            return part.name, unquote(fragment)
        return posixpath.normpath(posixpath.join(posixpath.dirname(part.name), unquote(path))), unquote(fragment)

    def reading_order(self) -> list[tuple[str, str]]:
        """Every spine document and every id in it, in reading order: (path, id or "")."""
        order = []
        for name in self.spine:
            order.append((name, ""))
            part = self.parts.get(name)
            if part is not None:
                order += [(name, e.get("id")) for e in part.root.iter() if isinstance(e.tag, str) and e.get("id")]
        return order

    def overlay_texts(self):
        """(overlay path, <par>, content path, fragment) for every text a Media Overlay reads aloud."""
        for name, root in self.overlays.items():
            for par in root.iter(f"{SMIL}par"):
                text = par.find(f"{SMIL}text")
                if text is not None and text.get("src"):
                    path, fragment = urldefrag(text.get("src"))
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(path)))
                    yield name, par, target, unquote(fragment)

    def page_breaks(self):
        """(part, element) for every page-break marker in the reading order."""
        for part in self.parts.values():
            if part.in_spine:
                for element in part.root.iter():
                    if isinstance(element.tag, str) and is_page_break(element):
                        yield part, element


def is_page_break(element) -> bool:
    return ("pagebreak" in (element.get(EPUB_TYPE) or "").split()
            or "doc-pagebreak" in (element.get("role") or "").split())


def member(package: SafeZip, name: str) -> str:
    """The ZIP name for a path that may be percent-encoded (hrefs and full-path are URLs), or whose
    UTF-8 bytes the ZIP stored without the UTF-8 flag (Python then reads them as CP437). Names come
    from parsed XML or from `unquote`, so they hold no lone surrogate and always encode."""
    for candidate in (name, unquote(name)):
        if candidate in package:
            return candidate
        legacy = candidate.encode("utf-8").decode("cp437")
        if legacy in package:
            return legacy
    return name


def load(data: bytes) -> EpubDocument:
    package = SafeZip(data)
    if CONTAINER not in package:
        raise Unreadable("EPUB has no META-INF/container.xml")
    rootfile = package.xml(CONTAINER).find(".//container:rootfile", NS)
    if rootfile is None or not rootfile.get("full-path"):
        raise Unreadable("EPUB container names no package document")
    opf_path = member(package, rootfile.get("full-path"))
    if opf_path not in package:
        raise Unreadable(f"EPUB package document `{opf_path}` is missing")
    opf = package.xml(opf_path)
    epub = EpubDocument(package, opf_path, opf)
    base = posixpath.dirname(opf_path)
    manifest = {}
    for item in opf.iterfind("opf:manifest/opf:item", NS):
        if not item.get("href"):
            continue  # names no file: EPUB904
        name = posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
        manifest[item.get("id")] = (name, item)
        epub.items[name] = item
        if "nav" in (item.get("properties") or "").split():
            epub.nav_name = name
    spine = [manifest[ref.get("idref")] for ref in opf.iterfind("opf:spine/opf:itemref", NS)
             if ref.get("idref") in manifest]
    epub.spine = [name for name, _ in spine]
    documents = [(name, True) for name, item in spine if item.get("media-type") == XHTML]
    if epub.nav_name and epub.nav_name not in dict(documents):
        documents.append((epub.nav_name, False))
    for name, item in manifest.values():
        if item.get("media-type") == SMIL_TYPE:
            try:
                epub.overlays[name] = package.xml(member(package, name))
            except Unreadable as exc:
                epub.unreadable.append((name, str(exc)))
    for name, in_spine in documents:
        try:
            epub.parts[name] = Part(name, package.xml(member(package, name)), in_spine)
        except Unreadable as exc:
            epub.unreadable.append((name, str(exc)))
    return epub
