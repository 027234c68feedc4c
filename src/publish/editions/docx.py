"""DOCX for editing and re-use: pandoc with a clear-print reference document, then python-docx."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from functools import cache

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from publish import pandoc, zipfiles
from publish.editions.base import BuildContext, Edition, Layout

BODY_FONT = "Arial"  # installed with Word everywhere; DOCX cannot carry its own fonts reliably
DECORATIVE_EXT = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"  # Word's "Mark as decorative"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"
HEADING_SIZES = {1: 22, 2: 18, 3: 15}  # levels 4 to 9: 13 pt
LINK_COLOUR = RGBColor(0x1D, 0x4F, 0x91)  # as the HTML edition: 8.1:1 on white (WCAG 1.4.3 asks 4.5:1)


@cache
def reference_docx() -> bytes:
    """pandoc's own reference document restyled for clear print."""
    document = docx.Document(io.BytesIO(pandoc.run(["--print-default-data-file", "reference.docx"])))
    for style in document.styles:
        if style.type != 1:  # paragraph and character styles only
            continue
        font = style.font
        font.name = BODY_FONT
        if style.name.startswith("Heading ") and style.name[-1].isdigit():
            font.size = Pt(HEADING_SIZES.get(int(style.name[-1]), 13))
            font.bold = True
            font.italic = False
            font.color.rgb = RGBColor(0, 0, 0)
        elif style.name == "Title":
            font.size = Pt(26)
            font.bold = True
            font.color.rgb = RGBColor(0, 0, 0)
        elif style.name in ("Normal", "Body Text", "First Paragraph", "Compact", "Subtitle", "Author", "Date"):
            font.size = Pt(12)
            font.color.rgb = RGBColor(0, 0, 0)
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT
        fmt.line_spacing = 1.4
    document.styles["Hyperlink"].font.color.rgb = LINK_COLOUR  # pandoc's 4F81BD is 4.0:1 on white
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def set_language(document: docx.document.Document, lang: str) -> None:
    """Every run without its own language inherits the document default."""
    styles = document.styles.element
    rpr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang_el = rpr.find(qn("w:lang"))
    if lang_el is None:
        lang_el = rpr.makeelement(qn("w:lang"), {})
        rpr.append(lang_el)
    lang_el.set(qn("w:val"), lang)
    lang_el.set(qn("w:eastAsia"), lang)
    lang_el.set(qn("w:bidi"), lang)


def mark_header_rows(document: docx.document.Document) -> None:
    """The first row of every table repeats as a header row, so it is read as one."""
    for table in document.tables:
        tr_pr = table.rows[0]._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:tblHeader")) is None:
            tr_pr.append(tr_pr.makeelement(qn("w:tblHeader"), {}))


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


def write(ast: dict, ctx: BuildContext) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".docx") as reference:
        reference.write(reference_docx())
        reference.flush()
        raw = pandoc.write(ast, "docx", ["--reference-doc", reference.name, "--metadata", f"date={ctx.date_text}",
                                         "-o", "-"], cwd=ctx.source.folder)  # "November 2019", not "2019-11"
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
    set_language(document, ctx.lang)
    mark_header_rows(document)
    describe_images(document)
    out = io.BytesIO()
    document.save(out)
    return zipfiles.normalise(out.getvalue(), ctx.timestamp)


EDITION = Edition(
    name="docx",
    suffix=".docx",
    pandoc_format="docx",
    audience="editing and re-use: a Word document with real headings, lists and document properties",
    write=write,
    layout=Layout(note_markers=False, notes="omitted"),  # Word numbers notes and keeps them in footnotes.xml
)
