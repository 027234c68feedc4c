"""The Word document as the DOCX rules see it.

The loader reads the package once (document, styles, settings, core properties,
relationships) and resolves what every rule needs: each paragraph's style, heading
level and text, and each run's effective formatting through Word's style chain
(direct formatting, character style, paragraph style, document defaults).
Locations are `paragraph N` (counting every paragraph in the body, tables included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from publish.lint.safe import SafeZip, Unreadable
from publish.vocabulary import is_print_page_marker
from publish.xml import NS, qname

DOCUMENT = "word/document.xml"
W = NS["w"]
OFF = ("0", "false", "off")
HEADING_NAME = re.compile(r"heading\s*([1-9])$", re.IGNORECASE)
MAX_STYLE_CHAIN = 20
RESTRICTIONS = {"readOnly": "reading only", "comments": "comments only", "trackedChanges": "tracked changes only",
                "forms": "filling in forms only"}


def val(element, name: str = "val") -> str | None:
    return element.get(f"{{{W}}}{name}") if element is not None else None


def is_on(element) -> bool:
    """A toggle property (`<w:b/>`, `<w:tblHeader w:val="true"/>`): present and not switched off."""
    return element is not None and (val(element) or "1").lower() not in OFF


@dataclass
class Style:
    style_id: str
    name: str
    kind: str  # paragraph, character, table, numbering
    based_on: str | None
    element: object


@dataclass
class Paragraph:
    """One w:p, with what the rules ask of it."""

    number: int
    element: object
    style_id: str | None
    style: str  # the style's name as Word shows it ("heading 2", "Normal")
    level: int | None  # heading level 1-9, or None
    text: str
    in_table: bool
    numbered: bool

    @property
    def location(self) -> str:
        return f"paragraph {self.number}"

    @property
    def quote(self) -> str:
        text = " ".join(self.text.replace(OBJECT, " [image] ").split())
        return f"“{text[:60]}{'…' if len(text) > 60 else ''}”"


@dataclass
class DocxDocument:
    zip: SafeZip
    body: object  # w:document root
    styles_root: object | None
    core: object | None
    settings: object | None
    relationships: dict[str, str] = field(default_factory=dict)  # r:id -> target
    found_in_styles: dict = field(default_factory=dict, repr=False)  # (style id, path) -> element, memo
    found_in_defaults: dict = field(default_factory=dict, repr=False)  # run property name -> element, memo
    found_in_runs: dict = field(default_factory=dict, repr=False)  # run element -> (own properties, style), memo
    run_texts: dict = field(default_factory=dict, repr=False)  # run element -> its text, memo

    @cached_property
    def styles(self) -> dict[str, Style]:
        found = {}
        for element in self.styles_root.iterfind("w:style", NS) if self.styles_root is not None else ():
            style_id = val(element, "styleId")
            if style_id:
                found[style_id] = Style(style_id, val(element.find("w:name", NS)) or style_id,
                                        val(element, "type") or "paragraph", val(element.find("w:basedOn", NS)),
                                        element)
        return found

    @cached_property
    def default_paragraph_style(self) -> str | None:
        for style in self.styles.values():
            if style.kind == "paragraph" and is_on_default(style.element):
                return style.style_id
        return None

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and those it is based on, nearest first (cycles and runaway chains cut)."""
        found, seen = [], set()
        while style_id and style_id in self.styles and style_id not in seen and len(found) < MAX_STYLE_CHAIN:
            seen.add(style_id)
            found.append(self.styles[style_id])
            style_id = self.styles[style_id].based_on
        return found

    def paragraph_style(self, p) -> str | None:
        return val(p.find("w:pPr/w:pStyle", NS)) or self.default_paragraph_style

    def style_property(self, style_id: str | None, path: str):
        """The first element at `path` (e.g. `w:rPr/w:b`) along a style's chain (looked up once)."""
        key = (style_id, path)
        if key not in self.found_in_styles:
            self.found_in_styles[key] = next(
                (found for style in self.chain(style_id) if (found := style.element.find(path, NS)) is not None), None)
        return self.found_in_styles[key]

    def run_text(self, run) -> str:
        """A run's text (paragraph_text), read once: several rules read every run."""
        if run not in self.run_texts:
            self.run_texts[run] = paragraph_text(run)
        return self.run_texts[run]

    def run_properties(self, run) -> tuple[dict, str | None]:
        """A run's own properties by tag, and its character style: read once a run, as the rules
        ask for several of each run."""
        if run not in self.found_in_runs:
            properties = run.find("w:rPr", NS)
            own: dict = {}
            for child in properties if properties is not None else ():
                own.setdefault(child.tag, child)
            self.found_in_runs[run] = (own, val(own.get(qname("w:rStyle"))))
        return self.found_in_runs[run]

    def run_property(self, run, para: Paragraph, name: str):
        """A run's effective `w:NAME`: direct, character style, paragraph style, then defaults."""
        own, character_style = self.run_properties(run)
        direct = own.get(qname(f"w:{name}"))
        if direct is not None:
            return direct
        path = f"w:rPr/w:{name}"
        for style_id in (character_style, para.style_id):
            found = self.style_property(style_id, path)
            if found is not None:
                return found
        if name not in self.found_in_defaults:
            self.found_in_defaults[name] = None if self.styles_root is None else \
                self.styles_root.find(f"w:docDefaults/w:rPrDefault/{path}", NS)
        return self.found_in_defaults[name]

    def heading_level(self, p, style_id: str | None) -> int | None:
        direct = val(p.find("w:pPr/w:outlineLvl", NS))
        if direct is None:
            for style in self.chain(style_id):
                match = HEADING_NAME.match(style.name.strip())
                if match:
                    return int(match[1])
            direct = val(self.style_property(style_id, "w:pPr/w:outlineLvl"))
        return int(direct) + 1 if direct and direct.isdigit() and int(direct) < 9 else None

    def is_print_page(self, p) -> bool:
        """A marker of where a print page begins (publish.vocabulary): page furniture, like a footer."""
        style_id = self.paragraph_style(p)
        name = self.styles[style_id].name if style_id in self.styles else style_id
        return is_print_page_marker(name or "", paragraph_text(p))

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        found = []
        body = self.body.find("w:body", NS)
        for number, p in enumerate(body.iter(qname("w:p")) if body is not None else (), start=1):
            style_id = self.paragraph_style(p)
            style = self.styles[style_id].name if style_id in self.styles else (style_id or "Normal")
            numbered = p.find("w:pPr/w:numPr", NS) is not None or \
                self.style_property(style_id, "w:pPr/w:numPr") is not None
            found.append(Paragraph(number, p, style_id, style, self.heading_level(p, style_id), paragraph_text(p),
                                   any(a.tag == qname("w:tbl") for a in p.iterancestors()), numbered))
        return found

    @cached_property
    def paragraph_of(self) -> dict:
        """w:p element -> Paragraph, to locate what sits inside a paragraph."""
        return {para.element: para for para in self.paragraphs}

    def locate(self, element) -> Paragraph | None:
        for ancestor in element.iterancestors(qname("w:p")):
            return self.paragraph_of.get(ancestor)
        return None


def is_on_default(style) -> bool:
    return (val(style, "default") or "").lower() in ("1", "true", "on")


OBJECT = "\ufffc"  # stands for an image or shape in a paragraph's text
BREAKS = {qname("w:tab"): "\t", qname("w:br"): "\n", qname("w:drawing"): OBJECT, qname("w:pict"): OBJECT}
TEXT = qname("w:t")
# What a paragraph reads as, in document order; text boxes inside objects are paragraphs of their own.
READ = etree.XPath(
    ".//w:t[not(ancestor::w:drawing or ancestor::w:pict)] | .//w:drawing[not(ancestor::w:pict)] | "
    ".//w:pict | .//w:tab[not(ancestor::w:tabs or ancestor::w:drawing or ancestor::w:pict)] | "
    ".//w:br[not(ancestor::w:drawing or ancestor::w:pict)]", namespaces={"w": W})


def paragraph_text(p) -> str:
    """The text of a paragraph as a screen reader meets it: tabs, breaks and objects as one character each."""
    return "".join((e.text or "") if e.tag == TEXT else BREAKS[e.tag] for e in READ(p))


def load(data: bytes) -> DocxDocument:
    package = SafeZip(data)
    if DOCUMENT not in package:
        raise Unreadable("not a Word document (no word/document.xml)")
    optional = {name: package.xml(name) if name in package else None
                for name in ("word/styles.xml", "docProps/core.xml", "word/settings.xml",
                             "word/_rels/document.xml.rels")}
    rels = optional["word/_rels/document.xml.rels"]
    relationships = {r.get("Id"): r.get("Target", "") for r in rels.iter() if r.get("Id")} if rels is not None else {}
    return DocxDocument(package, package.xml(DOCUMENT), optional["word/styles.xml"], optional["docProps/core.xml"],
                        optional["word/settings.xml"], relationships)
