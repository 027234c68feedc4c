"""A loaded PDF and what the PDF rules share: the structure tree, walked once, and each
page's content stream, walked once; both cached on the document.

Every walk is iterative with a visited set, so cycles and very deep nesting end.
Objects too damaged to read are noted in `problems` (reported by PDF903), not raised.
"""

from __future__ import annotations

import array
import functools
import io
import re
import sys
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

import pikepdf

from publish.lint.pdf_cmap import MAX_RANGE, lookup, read, unicode_map
from publish.lint.pdf_font_program import Program, embedded
from publish.lint.rule import Hit, safety_net
from publish.lint.safe import Unreadable
from publish.vocabulary import is_pdf_language_tag

STANDARD_TYPES = frozenset(
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 "
    "L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot "
    "Ruby RB RT RP Warichu WT WP Figure Formula Form".split())
FORMULA = frozenset(["Formula"])
HEADINGS = frozenset("H H1 H2 H3 H4 H5 H6".split())
PAINT_OPS = frozenset(["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh"])
TEXT_OPS = frozenset(["Tj", "TJ", "'", '"'])
MAX_FORM_DEPTH = 12
ASCENT_MAX, DESCENT_MAX = 1000, 500  # thousandths of an em a string reaches above and below its baseline
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def text(value) -> str | None:
    """A PDF string or name as text; None when absent."""
    if value is None:
        return None
    try:
        return str(value).lstrip("/") if isinstance(value, pikepdf.Name) else str(value)
    except (ValueError, TypeError):
        return ""


def objnum(obj) -> int | None:
    return obj.objgen[0] if getattr(obj, "is_indirect", False) else None


def safely(check):
    """Turn a damaged object met half-way through a rule into a finding of that rule."""

    @functools.wraps(check)
    def run(doc):
        try:
            yield from check(doc)
        except (pikepdf.PdfError, TypeError, AttributeError, ValueError, KeyError, IndexError) as exc:
            safety_net(exc)
            yield Hit(f"could not finish this check: the PDF has a damaged object ({type(exc).__name__})")

    return run


def dictionary(value) -> pikepdf.Dictionary | None:
    return value if isinstance(value, pikepdf.Dictionary) else None


def count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


@dataclass(eq=False)
class Element:
    """One structure element, with its type resolved through the role map."""

    type: str
    std: str | None  # standard type, None when it maps to none
    obj: object
    parent: Element | None
    page: int | None = None
    lang: str | None = None  # own /Lang
    inherited_lang: str | None = None
    kids: list = field(default_factory=list)  # child Elements, in order
    objr: list = field(default_factory=list)  # objects referenced (annotations, XObjects)
    marked: int = 0  # marked-content children
    has_parent_entry: bool = True

    def get(self, key: str):
        try:
            return self.obj.get(key)
        except (pikepdf.PdfError, ValueError):
            return None

    @property
    def where(self) -> str:
        num = objnum(self.obj)
        name = self.type + (f" (obj {num})" if num else "")
        return f"page {self.page}: {name}" if self.page else name

    @property
    def kid_types(self) -> list[str]:
        return [k.std for k in self.kids if k.std]


@dataclass
class Structure:
    elements: list[Element] = field(default_factory=list)  # document order
    mcids: dict = field(default_factory=dict)  # (stream or page objgen, mcid) -> Element
    objrs: dict = field(default_factory=dict)  # referenced object objgen -> Element
    unmapped: dict = field(default_factory=dict)  # type -> first Element
    cycles: dict = field(default_factory=dict)  # type -> first Element
    remapped: dict = field(default_factory=dict)  # standard type -> first Element


@dataclass
class PageContent:
    """What one page's content stream holds, as the rules need it."""

    number: int
    untagged: int = 0  # content items neither tagged nor artifact
    artifact_in_tagged: int = 0
    tagged_in_artifact: int = 0
    orphan_mcids: set = field(default_factory=set)  # MCIDs the structure tree does not reach
    text_without_lang: int = 0
    span_alt_without_lang: list = field(default_factory=list)  # keys among ActualText/Alt/E
    mc_langs: list = field(default_factory=list)  # /Lang values on marked content
    forms_with_mcids: list = field(default_factory=list)  # objgen of Form XObjects drawn
    reference_xobjects: int = 0
    box: tuple = (0.0, 0.0, 612.0, 792.0)  # the crop box (x0, y0, x1, y1): what a reader sees
    runs: list = field(default_factory=list)  # TextRun for each visible string shown, in drawing order
    # what a screen reader reads: each Tj or TJ in tagged content outside artifacts, visible or not,
    # under the structure's key for its marked content, (stream or page objgen, MCID) -> [Shown]
    marked_text: dict = field(default_factory=dict)


class TextRun(NamedTuple):
    """One string shown (a Tj, or one string of a TJ), where it lands on the page (a tuple, quick
    to make: a book shows hundreds of thousands)."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float  # the font size as the reader sees it: Tf size scaled by the text matrix and the CTM
    font: FontUse
    artifact: bool
    width: float  # advance, in the same units
    data: bytes  # the codes shown
    baseline: float  # y where the string starts on its baseline, to tell lines apart
    element: Element | None = None  # the structure element it is tagged in

    def within(self, kinds: frozenset) -> bool:
        """Whether it is tagged inside an element of one of these standard types."""
        element = self.element
        while element is not None and element.std not in kinds:
            element = element.parent
        return element is not None

    @property
    def in_formula(self) -> bool:
        return self.within(FORMULA)

    @property
    def text(self) -> str:
        return self.font.decode(self.data)

    def overlap(self, other: TextRun) -> float:
        """How much of the smaller of the two boxes the other covers, 0 to 1."""
        w = min(self.x1, other.x1) - max(self.x0, other.x0)
        h = min(self.y1, other.y1) - max(self.y0, other.y0)
        if w <= 0 or h <= 0:
            return 0.0
        smaller = min((self.x1 - self.x0) * (self.y1 - self.y0), (other.x1 - other.x0) * (other.y1 - other.y0))
        return w * h / smaller if smaller > 0 else 0.0


class Shown(NamedTuple):
    """One Tj or TJ in tagged content as a reader gets it: its codes, or the ActualText of the
    marked content it is the first string of, with the state it starts in. Kept raw (the walk
    makes one for every string a reader reads) and placed when the reading order asks."""

    font: FontUse
    data: bytes
    tm: tuple
    ctm: tuple
    size: float
    actual: str | None

    @property
    def glyphs(self) -> tuple[str, ...]:
        """Each glyph's text (nothing for a code the font maps to no text), or the ActualText."""
        return (self.actual,) if self.actual is not None else self.font.glyphs(self.data, missing="")

    @property
    def place(self) -> tuple[float, float, float]:
        """Where it starts, its baseline and its font size on the page (1 when it has none)."""
        place = multiply(self.tm, self.ctm)
        return place[4], place[5], abs(self.size * place[3]) or 1.0


@dataclass
class FontUse:
    font: object
    name: str
    codes: set = field(default_factory=set)  # codes shown with a visible rendering mode
    all_codes: set = field(default_factory=set)
    pages: set = field(default_factory=set)
    texts: dict = field(default_factory=dict, repr=False)  # code -> its text, memo (text_of)
    width: int = field(init=False)  # bytes per character code

    def __post_init__(self):
        # composite fonts: the CMaps used in practice (Identity, the CJK ones) have 2-byte codes
        self.width = 2 if self.font.get("/Subtype") == "/Type0" else 1

    @cached_property
    def metrics(self) -> FontMetrics:
        return font_metrics(self.font)

    @cached_property
    def program(self) -> Program | None:
        """The embedded font program, read once for all the rules that need it."""
        return embedded(self.font)

    @cached_property
    def to_unicode(self) -> tuple | None:
        """The font's ToUnicode map."""
        cmap = self.font.get("/ToUnicode")
        return unicode_map(read(cmap)) if isinstance(cmap, pikepdf.Stream) else None

    def prints(self, data: bytes) -> bool:
        """Whether the string shows more than spaces (a code with no text counts as shown)."""
        return any(text is None or text.strip() for text in map(self.text_of, self.codes_of(data)))

    def decode(self, data: bytes) -> str:
        """The text of shown codes, through the ToUnicode map; `?` where a code maps to nothing."""
        return "".join(self.glyphs(data))

    def codes_of(self, data: bytes):
        """The character codes of a shown string: one byte each, or two bytes big-endian."""
        return data if self.width == 1 else code_list(data)

    def text_of(self, code: int) -> str | None:
        """A code's text through the ToUnicode map (None: a two-byte code that maps to nothing),
        looked up once a font: a book shows the same few hundred codes hundreds of thousands of times."""
        if code not in self.texts:
            mapped = lookup(self.to_unicode, code) if self.to_unicode else None
            self.texts[code] = mapped.decode("utf-16-be", "replace") if mapped else chr(code) if self.width == 1 else None
        return self.texts[code]

    def glyphs(self, data: bytes, missing: str = "?") -> tuple[str, ...]:
        """Each shown code's text through the ToUnicode map (a ligature's, or a letter's with its
        marks, is several characters, in logical order); `missing` where a two-byte code maps to nothing."""
        return tuple(missing if text is None else text for text in map(self.text_of, self.codes_of(data)))


@dataclass(frozen=True)
class FontMetrics:
    """What placing text needs from a font: advance widths (in text space per unit of size),
    the extent above and below the baseline, and whether the face is italic."""

    widths: dict
    default: float
    ascent: float
    descent: float
    italic: bool


def cid_widths(kid) -> dict[int, float]:
    """The W array of a CIDFont: `c [w1 w2 ...]` and `c_first c_last w` runs. A damaged array (a code
    that is not an integer, a width that is not a number) is read up to the damage."""
    declared = kid.get("/W")
    items, widths, i = list(declared) if isinstance(declared, pikepdf.Array) else [], {}, 0
    while i + 1 < len(items) and isinstance(items[i], int):
        if isinstance(items[i + 1], pikepdf.Array):
            widths.update({items[i] + n: float(w) for n, w in enumerate(items[i + 1]) if isinstance(w, (int, Decimal))})
            i += 2
        elif i + 2 < len(items) and isinstance(items[i + 1], int) and isinstance(items[i + 2], (int, Decimal)):
            last = min(items[i + 1], items[i] + MAX_RANGE)
            widths.update({c: float(items[i + 2]) for c in range(items[i], last + 1)})
            i += 3
        else:
            break
    return widths


def number(value, default: float) -> float:
    return float(value) if isinstance(value, (int, float, Decimal)) else default


def font_metrics(font) -> FontMetrics:
    """Widths from /W and /DW (composite fonts) or /FirstChar and /Widths (simple ones); Type 3
    glyph space is scaled by its FontMatrix. Missing or damaged entries fall back to 1 em wide,
    0.8 em up and 0.2 em down; extents are kept within 1 em up and half an em down."""
    kids = font.get("/DescendantFonts")
    owner = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) and isinstance(kids[0], pikepdf.Dictionary) \
        else font
    matrix = font.get("/FontMatrix")
    scale = number(matrix[0], 0.001) if font.get("/Subtype") == "/Type3" and isinstance(matrix, pikepdf.Array) \
        and len(matrix) == 6 else 0.001
    if owner is not font:
        raw, default = cid_widths(owner), number(owner.get("/DW"), 1000)
    else:
        first, listed = font.get("/FirstChar"), font.get("/Widths")
        first = first if isinstance(first, int) else 0
        raw = {first + n: number(w, 0) for n, w in enumerate(listed)} if isinstance(listed, pikepdf.Array) else {}
        default = 1000.0 if not raw else 0.0
    desc = owner.get("/FontDescriptor")
    desc = desc if isinstance(desc, pikepdf.Dictionary) else pikepdf.Dictionary()
    flags = desc.get("/Flags")
    name = text(font.get("/BaseFont")) or ""
    italic = (isinstance(flags, int) and bool(flags & 64)) or number(desc.get("/ItalicAngle"), 0) != 0 \
        or bool(re.search(r"Italic|Oblique", name))
    # The descriptor's extents are the font's tallest glyphs': a mathematics font's reach
    # several ems (room for stretched brackets and big operators) and would make every glyph,
    # a fraction's digits too, that tall. Letters and digits are drawn within the em square,
    # so a string is placed at most 1 em above its baseline and half an em below.
    ascent = min(abs(number(desc.get("/Ascent"), 800) or 800), ASCENT_MAX)
    descent = min(abs(number(desc.get("/Descent"), -200)), DESCENT_MAX)
    return FontMetrics({c: w * scale for c, w in raw.items()}, default * scale, ascent * 0.001,
                       -descent * 0.001, italic)


class PdfDocument:
    """A pikepdf.Pdf plus its lazily built, cached analyses."""

    def __init__(self, pdf: pikepdf.Pdf, header: bytes = b"%PDF-1.7"):
        self.pdf = pdf
        self.header = header  # the file's first line, "%PDF-1.n"
        self.problems: list[tuple[str, str | None]] = []  # (what could not be checked, location)
        self.repairs = [qpdf_message(w) for w in pdf.get_warnings()]  # what qpdf repaired to open the file
        self.font_uses: dict = {}  # font object -> FontUse, filled in by the content walk
        self.parsed_forms: dict = {}  # Form XObject objgen -> parsed operators
        self.min_text_size: float | None = None  # PDF421's limit in pt, when the caller declares one
        self.page_numbers = {}
        for number, page in enumerate(pdf.pages, start=1):
            self.page_numbers[page.obj.objgen] = number

    @property
    def root(self):
        return self.pdf.Root

    @property
    def tagged(self) -> bool:
        """Whether there is a structure tree at all (PDF101 reports its absence)."""
        return isinstance(self.root.get("/StructTreeRoot"), pikepdf.Dictionary)

    @cached_property
    def catalog_lang(self) -> str | None:
        lang = text(self.root.get("/Lang"))
        return lang if lang and is_pdf_language_tag(lang) else None

    def note(self, what: str, location: str | None = None) -> None:
        self.problems.append((what, location))

    @cached_property
    def structure(self) -> Structure:
        try:
            return build_structure(self)
        except (pikepdf.PdfError, ValueError, TypeError, AttributeError) as exc:
            self.note(f"the structure tree is damaged ({str(exc)[:80]})")
            return Structure()

    @cached_property
    def content(self) -> list[PageContent]:
        return walk_content(self)

    @cached_property
    def fonts(self) -> dict:
        self.content  # noqa: B018 - walking the content fills in font use
        return self.font_uses

    def annotations(self):
        """(page number, annotation dictionary) for every annotation on every page."""
        for number, page in enumerate(self.pdf.pages, start=1):
            try:
                annots = page.obj.get("/Annots")
                for annot in annots if isinstance(annots, pikepdf.Array) else ():
                    if isinstance(annot, pikepdf.Dictionary):
                        yield number, annot
            except (pikepdf.PdfError, ValueError) as exc:
                self.note(f"the annotations could not be read ({str(exc)[:80]})", f"page {number}")


def qpdf_message(text: str) -> str:
    """qpdf's message without the name of the in-memory buffer it read from."""
    return re.sub(r"^.*? object at 0x[0-9a-f]+>(?: \([^)]*\))?:\s*", "", text)


def load(data: bytes) -> PdfDocument:
    try:
        pdf = pikepdf.open(io.BytesIO(data))
        start = data.find(b"%PDF-")
        return PdfDocument(pdf, data[start:start + 32].splitlines()[0] if start >= 0 else b"")
    except pikepdf.PasswordError:
        raise Unreadable("the PDF is encrypted with a password") from None
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        raise Unreadable(f"the PDF is damaged ({qpdf_message(str(exc).splitlines()[0])[:120]})") from None


# --- structure tree ---------------------------------------------------------------


def resolve_role(kind: str, role_map) -> tuple[str | None, bool]:
    """The standard type `kind` maps to, and whether the mapping goes round in a circle."""
    seen = set()
    while kind not in STANDARD_TYPES:
        if kind in seen:
            return None, True
        seen.add(kind)
        target = role_map.get("/" + kind) if role_map is not None else None
        if not isinstance(target, pikepdf.Name):
            return None, False
        kind = str(target)[1:]
    return kind, False


def build_structure(doc: PdfDocument) -> Structure:
    tree = doc.root.get("/StructTreeRoot")
    result = Structure()
    if not isinstance(tree, pikepdf.Dictionary):
        return result
    role_map = tree.get("/RoleMap")
    role_map = role_map if isinstance(role_map, pikepdf.Dictionary) else None
    roles: dict[str, tuple[str | None, bool]] = {}
    seen: set = set()
    catalog_lang = doc.catalog_lang
    # stack of (kid object, parent Element or None, page objgen inherited)
    stack = [(kid, None, None) for kid in reversed(as_list(tree.get("/K")))]
    while stack:
        obj, parent, page = stack.pop()
        if isinstance(obj, int):
            if parent is not None and page is not None:
                result.mcids[(page, obj)] = parent
                parent.marked += 1
            continue
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        if obj.is_indirect:
            if obj.objgen in seen:
                continue
            seen.add(obj.objgen)
        kind = obj.get("/Type")
        pg = obj.get("/Pg")
        own_page = pg.objgen if isinstance(pg, pikepdf.Dictionary) else page
        if kind == "/MCR":
            stm = obj.get("/Stm")
            key = stm.objgen if isinstance(stm, pikepdf.Stream) else own_page
            if parent is not None and key is not None and isinstance(obj.get("/MCID"), int):
                result.mcids[(key, obj.MCID)] = parent
                parent.marked += 1
            continue
        if kind == "/OBJR":
            target = obj.get("/Obj")
            if parent is not None and isinstance(target, pikepdf.Object) and target.is_indirect:
                result.objrs[target.objgen] = parent
                parent.objr.append(target)
                if parent.page is None and own_page in doc.page_numbers:
                    parent.page = doc.page_numbers[own_page]
            continue
        name = obj.get("/S")
        if not isinstance(name, pikepdf.Name):
            continue
        type_name = str(name)[1:]
        if type_name not in roles:
            roles[type_name] = resolve_role(type_name, role_map)
        std, cycle = roles[type_name]
        element = Element(type_name, std, obj, parent, page=doc.page_numbers.get(own_page))
        element.has_parent_entry = "/P" in obj
        lang = text(obj.get("/Lang"))
        element.lang = lang
        element.inherited_lang = lang or (parent.inherited_lang if parent else catalog_lang)
        if parent is not None:
            parent.kids.append(element)
        result.elements.append(element)
        if cycle:
            result.cycles.setdefault(type_name, element)
        elif std is None:
            result.unmapped.setdefault(type_name, element)
        if type_name in STANDARD_TYPES and role_map is not None and "/" + type_name in role_map:
            result.remapped.setdefault(type_name, element)
        for kid in reversed(as_list(obj.get("/K"))):
            stack.append((kid, element, own_page))
    fill_pages(result, doc.page_numbers)
    return result


def fill_pages(structure: Structure, page_numbers: dict) -> None:
    """Give elements without /Pg the page of their first marked content or child."""
    for (key, _), element in structure.mcids.items():
        if element.page is None:
            element.page = page_numbers.get(key)
    for element in reversed(structure.elements):
        if element.page is None:
            element.page = next((k.page for k in element.kids if k.page), None)


def as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [value]


# --- content streams ----------------------------------------------------------------


@dataclass
class Marked:
    """One open marked-content sequence, with what it inherits from the ones around it."""

    tagged: bool  # inside (or is) marked content with an MCID
    artifact: bool  # inside (or is) an Artifact
    lang: str | None  # its own /Lang, else its structure element's, else the enclosing content's
    element: Element | None = None
    key: tuple | None = None  # the structure's key for its content, (stream or page objgen, MCID), inherited
    # its /ActualText and whether a string has been read as it yet, [text, read]; None without one
    actual: list | None = None


class ContentWalker:
    """Walks one page's content, and the Form XObjects it draws, with a marked-content stack."""

    def __init__(self, doc: PdfDocument, page, number: int):
        self.doc, self.page, self.record = doc, page, PageContent(number)
        self.structure = doc.structure
        self.page_key = page.obj.objgen

    def run(self) -> PageContent:
        resources = self.page.obj.get("/Resources")
        try:
            instructions = pikepdf.parse_content_stream(self.page)
        except (pikepdf.PdfError, ValueError) as exc:
            reason = str(exc).splitlines()[0][:120]
            self.doc.note(f"the page content could not be read ({reason})", f"page {self.record.number}")
            return self.record
        self.record.box = crop_box(self.page.obj)
        self.walk(instructions, resources, [], self.page_key, 0, set())
        return self.record

    def walk(self, instructions, resources, stack: list, stream_key, depth: int, forms_open: set,
             ctm: tuple = IDENTITY) -> None:
        fonts = dictionary(resources.get("/Font")) if isinstance(resources, pikepdf.Dictionary) else None
        state, saved = TextState(ctm=ctm), []
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                self.item(stack)
                continue
            op = str(instruction.operator)
            operands = instruction.operands
            if op in TEXT_OPS:
                self.item(stack, is_text=True)
                state.line(op, operands)
                if state.font is not None and operands:
                    self.show(state, operands[-1], stack)
            elif op in PAINT_OPS:
                self.item(stack)
            elif op == "BDC" or op == "BMC":
                self.begin(op, operands, resources, stack, stream_key)
            elif op == "EMC":
                if stack:
                    stack.pop()
            elif op == "Tf" and len(operands) == 2 and fonts is not None:
                state.font = self.font(fonts.get(operands[0]) if isinstance(operands[0], pikepdf.Name) else None)
                state.size = number(operands[1], state.size)
            elif op == "Tr" and operands:
                state.mode = operands[0] if isinstance(operands[0], int) else state.mode
            elif op == "q":
                saved.append(replace(state))
            elif op == "Q" and saved:
                state = replace(saved.pop(), tm=state.tm, tlm=state.tlm)  # the text matrix is not saved
            elif op == "Do" and operands:
                self.draw(operands[0], resources, stack, depth, forms_open, state.ctm)
            else:
                state.apply(op, operands)

    def item(self, stack: list, is_text: bool = False) -> None:
        record = self.record
        top = stack[-1] if stack else None
        if top is None or not (top.tagged or top.artifact):
            record.untagged += 1
        elif is_text and top.tagged and not top.artifact and self.doc.catalog_lang is None and not top.lang:
            record.text_without_lang += 1

    def begin(self, op, operands, resources, stack, stream_key) -> None:
        record = self.record
        tag = text(operands[0]) if operands else ""
        props = operands[1] if op == "BDC" and len(operands) > 1 else None
        if isinstance(props, pikepdf.Name) and isinstance(resources, pikepdf.Dictionary):
            named = resources.get("/Properties")
            props = named.get(props) if isinstance(named, pikepdf.Dictionary) else None
        props = props if isinstance(props, pikepdf.Dictionary) else None
        mcid = props.get("/MCID") if props is not None else None
        mcid = mcid if isinstance(mcid, int) else None
        lang = text(props.get("/Lang")) if props is not None else None
        if lang is not None:
            record.mc_langs.append(lang)
        outer = stack[-1] if stack else None
        in_tagged = outer is not None and outer.tagged
        in_artifact = outer is not None and outer.artifact
        if tag == "Artifact" and in_tagged and not in_artifact:
            record.artifact_in_tagged += 1
        element, key = None, outer.key if outer else None
        if mcid is not None:
            if in_artifact:
                record.tagged_in_artifact += 1
            key = next((k for k in ((stream_key, mcid), (self.page_key, mcid)) if k in self.structure.mcids), None)
            element = self.structure.mcids.get(key)
            if element is None:
                record.orphan_mcids.add(mcid)
        lang = lang or (element.inherited_lang if element is not None else None) or (outer.lang if outer else None)
        if tag == "Span" and props is not None and not lang and self.doc.catalog_lang is None:
            record.span_alt_without_lang += [k[1:] for k in ("/ActualText", "/Alt", "/E") if k in props]
        actual = text(props.get("/ActualText")) if props is not None else None
        # the outermost ActualText stands in for everything inside it
        actual = outer.actual if outer is not None and outer.actual is not None else \
            None if actual is None else [actual, False]
        stack.append(Marked(in_tagged or mcid is not None, in_artifact or tag == "Artifact", lang, element, key,
                            actual))

    def draw(self, name, resources, stack, depth, forms_open, ctm: tuple) -> None:
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        xobject = xobjects.get(name) if isinstance(xobjects, pikepdf.Dictionary) else None
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = xobject.get("/Subtype")
        if subtype != "/Form":
            self.item(stack)
            return
        if "/Ref" in xobject:
            self.record.reference_xobjects += 1
        key = xobject.objgen
        if key in forms_open or depth >= MAX_FORM_DEPTH:
            return
        try:
            instructions = self.doc.parsed_forms.get(key) if key != (0, 0) else None
            if instructions is None:
                instructions = pikepdf.parse_content_stream(xobject)
                if key != (0, 0):
                    self.doc.parsed_forms[key] = instructions
        except (pikepdf.PdfError, ValueError) as exc:
            self.doc.note(f"a drawing (Form XObject) could not be read ({str(exc)[:60]})", f"page {self.record.number}")
            return
        if any(str(i.operator) == "BDC" and len(i.operands) > 1 and isinstance(i.operands[1], pikepdf.Dictionary)
               and "/MCID" in i.operands[1] for i in instructions
               if not isinstance(i, pikepdf.ContentStreamInlineImage)):
            self.record.forms_with_mcids.append(key)
        form_resources = xobject.get("/Resources", resources)
        matrix = xobject.get("/Matrix")
        if isinstance(matrix, pikepdf.Array) and len(matrix) == 6:
            ctm = multiply(tuple(number(v, 0) for v in matrix), ctm)
        self.walk(instructions, form_resources, list(stack), key, depth + 1, forms_open | {key}, ctm)

    def font(self, font):
        if not isinstance(font, pikepdf.Dictionary):
            return None
        key = font.objgen if font.is_indirect else id(font)
        use = self.doc.font_uses.get(key)
        if use is None:
            use = self.doc.font_uses[key] = FontUse(font, text(font.get("/BaseFont")) or "unnamed font")
        return use

    def show(self, state: TextState, operand, stack: list) -> None:
        """Note the codes a font shows, and where each string lands (a TJ's numbers move the pen)."""
        use, mode = state.font, state.mode
        parts = [operand] if isinstance(operand, pikepdf.String) else list(
            operand if isinstance(operand, pikepdf.Array) else ())
        use.pages.add(self.record.number)
        artifact = bool(stack) and stack[-1].artifact
        element = next((m.element for m in reversed(stack) if m.element is not None), None)
        marked = stack[-1] if stack and not artifact else None
        stand_in = marked.actual if marked is not None else None
        read = marked is not None and marked.key is not None and not (stand_in is not None and stand_in[1])
        start, shown = state.tm, []
        for part in parts:
            if not isinstance(part, pikepdf.String):
                state.advance(-number(part, 0) / 1000 * state.size * state.scale)
                continue
            data = bytes(part)
            if read:
                shown.append(data)
            codes = use.codes_of(data)
            use.all_codes.update(codes)
            if mode != 3:
                use.codes.update(codes)
            run = state.run(data, codes, use, artifact, element)
            if run is not None and mode not in (3, 7):
                self.record.runs.append(run)
        data = b"".join(shown)
        if read and (data or stand_in is not None):
            self.read(marked.key, Shown(use, data, start, state.ctm, state.size, None), stand_in)

    def read(self, key: tuple, shown: Shown, stand_in: list | None) -> None:
        """Keep what a reader reads of a Tj or TJ, under its marked content's key: inside an
        ActualText, that text once, where its first string is drawn, and nothing after."""
        if stand_in is not None:
            shown, stand_in[1] = shown._replace(actual=stand_in[0]), True
        self.record.marked_text.setdefault(key, []).append(shown)


def multiply(m: tuple, n: tuple) -> tuple:
    """The matrix product m × n, PDF's way round: m applied first."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


@dataclass
class TextState:
    """The graphics and text state that places text: CTM, text matrices and text parameters."""

    ctm: tuple = IDENTITY
    tm: tuple = IDENTITY
    tlm: tuple = IDENTITY
    font: FontUse | None = None
    size: float = 0.0
    mode: int = 0
    char_spacing: float = 0.0
    word_spacing: float = 0.0
    scale: float = 1.0  # horizontal scaling, Tz / 100
    leading: float = 0.0
    rise: float = 0.0

    def apply(self, op: str, operands) -> None:
        """The operators that change where text goes, other than showing it."""
        values = [number(v, 0) for v in operands]
        if op == "cm" and len(values) == 6:
            self.ctm = multiply(tuple(values), self.ctm)
        elif op == "BT":
            self.tm = self.tlm = IDENTITY
        elif op == "Tm" and len(values) == 6:
            self.tm = self.tlm = tuple(values)
        elif op in ("Td", "TD") and len(values) == 2:
            if op == "TD":
                self.leading = -values[1]
            self.tm = self.tlm = multiply((1, 0, 0, 1, values[0], values[1]), self.tlm)
        elif op == "T*":
            self.next_line()
        elif values and op in ("Tc", "Tw", "Tz", "TL", "Ts"):
            name = {"Tc": "char_spacing", "Tw": "word_spacing", "TL": "leading", "Ts": "rise"}.get(op)
            if name:
                setattr(self, name, values[0])
            else:
                self.scale = values[0] / 100

    def next_line(self) -> None:
        self.tm = self.tlm = multiply((1, 0, 0, 1, 0, -self.leading), self.tlm)

    def line(self, op: str, operands) -> None:
        """' and " move to the next line first; " also sets word and character spacing."""
        if op == '"' and len(operands) == 3:
            self.word_spacing, self.char_spacing = number(operands[0], 0), number(operands[1], 0)
        if op in ("'", '"'):
            self.next_line()

    def advance(self, distance: float) -> None:
        self.tm = multiply((1, 0, 0, 1, distance, 0), self.tm)

    def run(self, data: bytes, codes, use: FontUse, artifact: bool, element: Element | None) -> TextRun | None:
        """Where `data` (its character `codes`) lands, and the pen moved past it; None for an empty string."""
        metrics, width = use.metrics, use.width
        if not codes:
            return None
        total, widths, default, font_size = 0.0, metrics.widths, metrics.default, self.size
        char_spacing, word_spacing, scale = self.char_spacing, self.word_spacing, self.scale
        for code in codes:
            glyph = widths.get(code, default) * font_size + char_spacing
            if width == 1 and code == 32:
                glyph += word_spacing
            total += glyph * scale
        a, b, c, d, e, f = multiply(self.tm, self.ctm)
        low, high = self.rise + metrics.descent * font_size, self.rise + metrics.ascent * font_size
        xs = (low * c + e, high * c + e, total * a + low * c + e, total * a + high * c + e)  # the box's corners
        ys = (low * d + f, high * d + f, total * b + low * d + f, total * b + high * d + f)
        self.advance(total)
        size = abs(font_size) * (c ** 2 + d ** 2) ** 0.5
        advance = abs(total) * (a ** 2 + b ** 2) ** 0.5
        return TextRun(min(xs), min(ys), max(xs), max(ys), size, use, artifact, advance, data,
                       self.rise * d + f, element)


def code_list(data: bytes) -> array.array:
    """The two-byte big-endian codes of a shown string, in order (an odd last byte is no code)."""
    pairs = array.array("H", data[: len(data) // 2 * 2])
    if sys.byteorder == "little":
        pairs.byteswap()
    return pairs


def crop_box(page) -> tuple:
    """The crop box (inherited, defaulting to the media box), normalised to x0 < x1, y0 < y1."""
    for key in ("/CropBox", "/MediaBox"):
        node, seen = page, set()
        while isinstance(node, pikepdf.Dictionary) and node.objgen not in seen:
            seen.add(node.objgen)
            box = node.get(key)
            if isinstance(box, pikepdf.Array) and len(box) == 4:
                x0, y0, x1, y1 = (number(v, 0) for v in box)
                return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)
            node = node.get("/Parent")
    return PageContent.box


def walk_content(doc: PdfDocument) -> list[PageContent]:
    pages = []
    for number, page in enumerate(doc.pdf.pages, start=1):
        try:
            pages.append(ContentWalker(doc, page, number).run())
        except (pikepdf.PdfError, ValueError, TypeError) as exc:
            doc.note(f"the page content could not be checked ({str(exc)[:80]})", f"page {number}")
            pages.append(PageContent(number))
    return pages
