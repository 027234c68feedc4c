"""Web documents as the HTML and EPUB rules both see them: one page, its elements and names.

An EPUB content document and the HTML edition are read the same way: the text a screen
reader announces for an element, its roles, whether it is hidden, its headings and its
links. `Part` is one such document (XHTML in an EPUB, or an HTML page with no namespace).
"""

from __future__ import annotations

from dataclasses import dataclass

from publish.lint.concerns import Heading, Labelled
from publish.xml import NS, qname

XML_LANG = qname("xml:lang")
HEADINGS = tuple(f"h{n}" for n in range(1, 7))


@dataclass
class Part:
    """One web document: an XHTML content document (or the navigation document) in an EPUB, or a page."""

    name: str  # path inside the EPUB, e.g. EPUB/text/ch001.xhtml; "" for a page on its own
    root: object
    in_spine: bool = True
    ns: str = NS["xhtml"]  # "" for HTML parsed without namespaces

    def at(self, element) -> str | None:
        line = getattr(element, "sourceline", None)
        if self.name:
            return f"{self.name}:{line}" if line else self.name
        return str(line) if line else None

    def iter(self, *tags: str):
        """Elements by local name, e.g. part.iter("img", "area")."""
        return self.root.iter(*(f"{{{self.ns}}}{t}" if self.ns else t for t in tags))


def local(element) -> str:
    return element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""


def text(element) -> str:
    """Visible text with image alt text, as a screen reader would read it.

    Recursive, but bounded: the XML parser (without huge_tree) refuses nesting deeper than 256.
    """
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):  # a comment or processing instruction is not read, only its tail
            parts.append(child.get("alt", "") if local(child) == "img" else text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def name(part: Part, element) -> str:
    """The accessible name from aria-labelledby, aria-label, then content, then title."""
    ids = (element.get("aria-labelledby") or "").split()
    if ids:
        labels = [e for e in part.root.iter() if isinstance(e.tag, str) and e.get("id") in ids]
        return " ".join(text(e) for e in labels).strip()
    own = element.get("alt", "") if local(element) == "img" else text(element)
    return (element.get("aria-label") or "").strip() or own.strip() or (element.get("title") or "").strip()


def roles(element) -> list[str]:
    return (element.get("role") or "").split()


PRESENTATIONAL = ("presentation", "none")  # roles that take an element out of the accessibility tree
IMAGE_KINDS = {"img": "image", "area": "image-map area", "input": "image button"}


def image_named(image) -> str:
    """How a message names an image: by its kind and its file, which the person fixing it can find."""
    kind, file = IMAGE_KINDS[local(image)], image.get("src") or image.get("href")
    return f"{kind} `{file}`" if file else f"{kind} with no source"


def missing_alt_message(image) -> str:
    return f"{image_named(image)} has no alt text"


def missing_alt(part: Part):
    """Images and image-like elements with no text alternative at all, in document order: one
    decision for the HTML and EPUB editions (axe image-alt, area-alt, input-image-alt)."""
    for image in part.iter(*IMAGE_KINDS):
        if local(image) == "input" and image.get("type") != "image":
            continue
        if local(image) == "img" and set(roles(image)) & set(PRESENTATIONAL):
            continue
        if image.get("alt") is None and not (image.get("aria-label") or image.get("aria-labelledby")
                                             or image.get("title")):
            yield image


def hidden(element) -> bool:
    while element is not None:
        if element.get("hidden") is not None or element.get("aria-hidden") == "true":
            return True
        element = element.getparent()
    return False


def declared_lang(element) -> str | None:
    return element.get("lang") or element.get(XML_LANG)


def headings(part: Part):
    """h1-h6 that are headings (a role such as doc-subtitle makes them something else)."""
    for heading in part.iter(*HEADINGS):
        if not set(roles(heading)) - {"heading"}:
            yield heading


def heading_facts(part: Part) -> list[Heading]:
    return [Heading(int(local(h)[1]), name(part, h), part.at(h)) for h in headings(part)]


def links(part: Part) -> list[tuple[object, str]]:
    """Each link with an address that a reader can meet, and the name a screen reader announces for it."""
    return [(link, name(part, link)) for link in part.iter("a") if link.get("href") is not None and not hidden(link)]


def link_facts(part: Part) -> list[Labelled]:
    return [Labelled(label, part.at(link), f"link to `{link.get('href')}`") for link, label in links(part)]


def header_cells(part: Part) -> list[Labelled]:
    """The header cells of data tables (not marked presentation), each with the name a screen reader announces."""
    table_tag = f"{{{part.ns}}}table" if part.ns else "table"
    cells = []
    for cell in part.iter("th"):
        table = next(cell.iterancestors(table_tag), None)
        if table is None or hidden(cell) or set(roles(table)) & {"presentation", "none"}:
            continue
        row = cell.getparent()
        column = [c for c in row if local(c) in ("th", "td")].index(cell) + 1
        cells.append(Labelled(name(part, cell), part.at(cell), f"the header cell in column {column}"))
    return cells
