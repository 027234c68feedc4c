"""The Word side of the DOCX editions, with python-docx: the type, the page, the tables, the images.

pandoc writes the DOCX; `finish` then sets every style at least the body size in Arial,
the page (A4 unless the document's language names a region that uses US Letter), tables
that keep each row on one page, repeat their header rows, span the text width with
columns sized to their words and mark a first column of row headers in bold, and one alt
text per image. Imported only when a DOCX edition is written: python-docx takes longer
to load than a whole text edition takes to build.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from typing import TYPE_CHECKING

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from publish import zipfiles
from publish.vocabulary import PRINT_PAGE_STYLE

if TYPE_CHECKING:
    from publish.editions.base import BuildContext
    from publish.editions.docx import Print

BODY_FONT = "Arial"  # installed with Word everywhere; DOCX cannot carry its own fonts reliably
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Word's "Mark as decorative"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
LINK_COLOUR = RGBColor(0x1D, 0x4F, 0x91)  # as the HTML edition: 8.1:1 on white (WCAG 1.4.3 asks 4.5:1)
# CLDR supplemental data, paperSize US-Letter: the regions that print on Letter; the rest of the world uses A4.
LETTER_REGIONS = frozenset("BZ CA CL CO CR GT MX NI PA PH PR SV US VE".split())
PAGES = {"A4": (Mm(210), Mm(297)), "Letter": (Mm(215.9), Mm(279.4))}
MARGIN = Mm(25)
CELL_MARGIN = 108  # twips: pandoc's table style leaves 0.075 inch each side of a cell's text
NARROW = frozenset("fijlrtI.,;:!'|()[] ")  # characters about a quarter of an em wide in Arial
SUPERSCRIPT = 1.6  # a superscript this many times the body size shows at about the body size
RUN_PARTS = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# The order Word requires of run properties (ECMA-376 Part 1, CT_RPr).
RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
             "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl "
             "cs em lang eastAsianLayout specVanish oMath").split()
PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd "
             "tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi "
             "adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc").split()
TBLPR_ORDER = ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing "
               "tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription").split()


def set_property(properties, name: str, value: str | None = None, order: list[str] = RPR_ORDER):
    """Set `w:NAME` in a properties element (run properties by default), where Word's schema places it."""
    tag = f"{{{W}}}{name}"
    element = properties.find(tag)
    if element is None:
        element = properties.makeelement(tag, {})
        later = order[order.index(name) + 1:]
        following = next((e for e in properties if etree.QName(e).localname in later), None)
        if following is None:
            properties.append(element)
        else:
            following.addprevious(element)
    if value is not None:
        element.set(f"{{{W}}}val", value)
    return element


def region(lang: str) -> str | None:
    """The region subtag of a BCP 47 tag (`GB` in `en-GB`, `419` in `es-419`), if it has one."""
    for part in lang.split("-")[1:]:
        if len(part) == 1:  # an extension or private use starts here
            return None
        if re.fullmatch(r"[A-Za-z]{2}|\d{3}", part):
            return part.upper()
    return None


def paper(lang: str) -> str:
    return "Letter" if region(lang) in LETTER_REGIONS else "A4"


def restyle(document: docx.document.Document, type_: Print) -> None:
    """Every style at least the body size and sans serif, left-aligned, dark on white, headings bold."""
    for style in document.styles:
        if style.type not in (WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER, WD_STYLE_TYPE.TABLE):
            continue
        font = style.font
        level = re.fullmatch(r"heading ([1-9])", style.name, re.IGNORECASE)
        size = (type_.heading(int(level[1])) if level else type_.title if style.name == "Title"
                else type_.subtitle if style.name == "Subtitle" else None)
        if size:
            font.size, font.bold, font.italic = Pt(size), True, False
            font.color.rgb = RGBColor(0, 0, 0)
        elif style.type == WD_STYLE_TYPE.PARAGRAPH:
            font.size = Pt(type_.body)
            font.color.rgb = RGBColor(0, 0, 0)
        elif font.size is not None and font.size < Pt(type_.body):  # e.g. Verbatim Char, 11 pt
            font.size = Pt(type_.body)
        if style.type == WD_STYLE_TYPE.PARAGRAPH:
            font.name = BODY_FONT
            fonts = style.element.rPr.rFonts
            for theme in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):  # a theme font wins over Arial
                fonts.attrib.pop(qn(f"w:{theme}"), None)
            style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            style.paragraph_format.line_spacing = 1.4
        if not type_.italic and style.name != "Hyperlink":
            if font.italic or font.underline:
                font.bold = True
            font.italic, font.underline = False, False
    link = document.styles["Hyperlink"].font
    link.color.rgb = LINK_COLOUR  # pandoc's 4F81BD is 4.0:1 on white
    link.underline = True  # links are told from text by more than colour (WCAG 1.4.1)
    if type_.full_size_marks:  # Word shrinks superscript to about two thirds, LibreOffice to 58%
        document.styles["Footnote Reference"].font.size = Pt(round(type_.body * SUPERSCRIPT))
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for name in ("sz", "szCs"):
        set_property(defaults, name, str(round(type_.body * 2)))
    bold_table_headers(document.styles["Table"].element)


def bold_table_headers(table_style) -> None:
    """The table style sets header rows, and first columns of row headers, in bold."""
    for kind in ("firstRow", "firstCol"):
        conditional = next((e for e in table_style.iterfind(qn("w:tblStylePr")) if e.get(qn("w:type")) == kind), None)
        if conditional is None:
            conditional = table_style.makeelement(qn("w:tblStylePr"), {qn("w:type"): kind})
            table_style.append(conditional)
        rpr = conditional.find(qn("w:rPr"))
        if rpr is None:
            rpr = conditional.makeelement(qn("w:rPr"), {})
            conditional.insert(1 if conditional.find(qn("w:pPr")) is not None else 0, rpr)
        for name in ("b", "bCs"):
            set_property(rpr, name)


def set_page(document: docx.document.Document, lang: str) -> None:
    width, height = PAGES[paper(lang)]
    for section in document.sections:
        section.page_width, section.page_height = width, height
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = MARGIN


def set_language(document: docx.document.Document, lang: str) -> None:
    """Every run without its own language inherits the document default."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = set_property(rpr, "lang", lang)
    lang_el.set(qn("w:eastAsia"), lang)
    lang_el.set(qn("w:bidi"), lang)


def ast_tables(node):
    """The body's tables in the order pandoc writes them, outer before inner: (header rows, row-header
    columns). Tables in notes go to footnotes.xml, so they are left out."""
    if isinstance(node, dict):
        if node.get("t") == "Note":
            return
        if node.get("t") == "Table":
            _attr, _caption, _colspecs, head, bodies, _foot = node["c"]
            yield len(head[1]), max((body[1] for body in bodies), default=0)
        yield from ast_tables(node.get("c"))
    elif isinstance(node, list):
        for item in node:
            yield from ast_tables(item)


def cell_text(cell) -> str:
    return " ".join(t.text or "" for t in cell.iter(qn("w:t")))


def ems(text: str, bold: bool) -> float:
    """The width of `text` in ems, by Arial's (Helvetica's) widths in three bands; bold is about a tenth wider."""
    plain = sum(0.28 if c in NARROW else 0.86 if c in "mwMW" else 0.7 if c.isupper() else 0.56 for c in text)
    return plain * (1.1 if bold else 1.02)


def capped_at(widths: list[float], available: float) -> list[float]:
    """The widest columns narrowed to one cap so the total is `available`, the narrower ones left whole."""
    ordered, kept = sorted(widths), 0.0
    for count, width in enumerate(ordered):
        cap = (available - kept) / (len(ordered) - count)
        if width > cap:
            return [min(w, cap) for w in widths]
        kept += width
    return list(widths)


def text_widths(rows, size: float, head_rows: int) -> tuple[list[float], list[float]]:
    """Per column, in twips, the room its longest word needs and the room its longest cell needs
    on one line (header rows are bold); a merged cell says nothing about one column."""
    columns = max(len(row) for row in rows)
    narrow, wide = [0.0] * columns, [0.0] * columns
    for number, row in enumerate(rows):
        for index, cell in enumerate(row):
            if cell.find(qn("w:tcPr") + "/" + qn("w:gridSpan")) is None:
                text, bold = cell_text(cell), number < head_rows
                longest = max((ems(word, bold) for word in text.split()), default=0)
                narrow[index] = max(narrow[index], size * 20 * longest)
                wide[index] = max(wide[index], size * 20 * ems(text, bold))
    return narrow, wide


def column_widths(narrow: list[float], wide: list[float], available: int) -> list[int]:
    """Widths filling `available`: each column gets room for its longest word first, then the rest
    is shared by how much more its longest cell needs (as HTML's automatic layout does). When the
    words cannot all fit, only the columns with the longest words give way."""
    if sum(narrow) >= available:
        return [round(w) for w in capped_at(narrow, available)]
    spare, wanted = available - sum(narrow), sum(wide) - sum(narrow)
    if wanted <= spare:  # every cell fits on one line: widen alike
        return [round(w * available / sum(wide)) for w in wide]
    return [round(n + (w - n) * spare / wanted) for n, w in zip(narrow, wide)]


def set_widths(table, head_rows: int, available: int, size: float) -> None:
    """Columns sized to their words across the text width; where the words do not fit with the
    table style's cell margins, the table's margins are halved before any word is broken."""
    narrow, wide = text_widths([row.findall(qn("w:tc")) for row in table.findall(qn("w:tr"))], size, head_rows)
    margin = CELL_MARGIN if sum(narrow) + 2 * CELL_MARGIN * len(narrow) <= available else CELL_MARGIN // 2
    widths = column_widths([n + 2 * margin for n in narrow], [w + 2 * margin for w in wide], available)
    for column, width in zip(table.find(qn("w:tblGrid")).findall(qn("w:gridCol")), widths):
        column.set(qn("w:w"), str(width))
    tbl_pr = table.find(qn("w:tblPr"))
    set_property(tbl_pr, "tblLayout", order=TBLPR_ORDER).set(qn("w:type"), "autofit")
    if margin != CELL_MARGIN:
        margins = set_property(tbl_pr, "tblCellMar", order=TBLPR_ORDER)
        for side in ("left", "right"):
            margins.append(margins.makeelement(qn(f"w:{side}"), {qn("w:w"): str(margin), qn("w:type"): "dxa"}))


def set_tables(document: docx.document.Document, ast: dict, type_: Print) -> None:
    """Rows never split across pages, header rows repeat, columns fit their words across the
    text width, and a first column of row headers is marked as such (bold, by the table style)."""
    section = document.sections[-1]
    available = int((section.page_width - section.left_margin - section.right_margin) / 635)  # EMU -> twips
    tables = list(document.element.body.iter(qn("w:tbl")))
    for table, (head_rows, row_heads) in zip(tables, ast_tables(ast["blocks"])):
        for number, row in enumerate(table.findall(qn("w:tr"))):
            tr_pr = row.get_or_add_trPr()
            for name in ("w:cantSplit", "w:tblHeader") if number < head_rows else ("w:cantSplit",):
                if tr_pr.find(qn(name)) is None:
                    tr_pr.append(tr_pr.makeelement(qn(name), {}))
        set_widths(table, head_rows, available, type_.body)
        look = table.find(qn("w:tblPr")).find(qn("w:tblLook"))
        if look is not None and row_heads:
            look.set(qn("w:firstColumn"), "1")
            look.set(qn("w:val"), f"{int(look.get(qn('w:val')) or '0', 16) | 0x0080:04X}")


def style_print_pages(document: docx.document.Document, type_: Print) -> None:
    """The markers at the body size, upright and not bold, under a rule across the text that shows
    where the print page begins, and kept on the page of the text they introduce."""
    if PRINT_PAGE_STYLE not in [s.name for s in document.styles]:
        return  # built without the page map: nothing is marked
    style = document.styles[PRINT_PAGE_STYLE]
    style.font.size, style.font.bold, style.font.italic = Pt(type_.body), False, False
    style.paragraph_format.keep_with_next = True
    style.paragraph_format.space_before = Pt(type_.body)
    borders = set_property(style.element.get_or_add_pPr(), "pBdr", order=PPR_ORDER)
    borders.append(borders.makeelement(qn("w:top"), {qn("w:val"): "single", qn("w:sz"): "12", qn("w:space"): "4",
                                                     qn("w:color"): "000000"}))


def describe_images(document: docx.document.Document) -> None:
    """One alt text per image, the source's: pandoc puts the file name on the inner picture.

    Images the source marks `{.decorative}` arrive with empty alt text: Word is told so.
    """
    for doc_pr in document.element.body.iter(qn("wp:docPr")):
        for picture in doc_pr.getparent().iter(qn("pic:cNvPr")):
            picture.set("descr", doc_pr.get("descr", ""))
        if doc_pr.get("descr"):
            continue
        ext_list = doc_pr.makeelement(qn("a:extLst"), {})
        ext = ext_list.makeelement(qn("a:ext"), {"uri": DECORATIVE_EXT})
        ext.append(ext.makeelement(f"{{{ADEC}}}decorative", {"val": "1"}, nsmap={"adec": ADEC}))
        ext_list.append(ext)
        doc_pr.append(ext_list)


def upright(root) -> None:
    """Large print: italic and underlined runs (links apart) become bold, and every paragraph left-aligned."""
    w = f"{{{W}}}"
    for rpr in root.iter(f"{w}rPr"):
        if any(a.tag == f"{w}hyperlink" for a in rpr.iterancestors()):
            continue
        slanted = [e for e in rpr if e.tag in (f"{w}i", f"{w}iCs", f"{w}u") and e.get(f"{w}val") not in
                   ("0", "false", "off", "none")]
        for element in slanted:
            rpr.remove(element)
        if slanted:
            set_property(rpr, "b").attrib.pop(f"{w}val", None)  # on, even where it was switched off
    for jc in list(root.iter(f"{w}jc")):
        if jc.getparent().tag == f"{w}pPr":
            jc.getparent().remove(jc)


def full_size_shifts(root, body: float) -> None:
    """Large print: a superscript or subscript run (m², CO₂) keeps the body size and is raised or
    lowered instead, as Word and LibreOffice shrink a `w:vertAlign` run to about two thirds."""
    w = f"{{{W}}}"
    for shift in list(root.iter(f"{w}vertAlign")):
        rpr = shift.getparent()
        if rpr.tag != f"{w}rPr" or shift.get(f"{w}val") not in ("superscript", "subscript"):
            continue
        half_points = round(body * (2 / 3 if shift.get(f"{w}val") == "superscript" else -1 / 3))
        rpr.remove(shift)
        set_property(rpr, "position", str(half_points))


def rewrite_runs(data: bytes, type_: Print) -> bytes:
    """`upright` (no italic) and `full_size_shifts` (full-size marks), as `type_` asks, on every part
    that holds text: body, notes, headers and footers."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info)
            if RUN_PARTS.fullmatch(info.filename):
                root = etree.fromstring(member, etree.XMLParser(resolve_entities=False, no_network=True))
                if not type_.italic:
                    upright(root)
                if type_.full_size_marks:
                    full_size_shifts(root, type_.body)
                member = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, member)
    return out.getvalue()


def finish(raw: bytes, ast: dict, ctx: BuildContext, type_: Print) -> bytes:
    """pandoc's DOCX with its properties, styles, page, tables and images set as `type_` says."""
    document = docx.Document(io.BytesIO(raw))
    props = document.core_properties
    props.title = ctx.title
    props.subject = ctx.description
    props.author = ", ".join(ctx.authors)
    props.keywords = ", ".join(ctx.keywords)
    props.language = ctx.lang
    props.comments = ctx.description
    stamp = dt.datetime.fromtimestamp(ctx.timestamp, dt.timezone.utc).replace(tzinfo=None)
    props.created = props.modified = stamp
    props.last_modified_by = props.author
    props.revision = 1
    props.category = type_.category
    restyle(document, type_)
    set_language(document, ctx.lang)
    set_page(document, ctx.lang)
    set_tables(document, ast, type_)
    describe_images(document)
    if type_.print_pages:
        style_print_pages(document, type_)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue() if type_.italic and not type_.full_size_marks else rewrite_runs(out.getvalue(), type_)
    return zipfiles.normalise(data, ctx.timestamp)
