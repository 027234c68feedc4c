"""PDF annotation rules: links, form fields, media and other annotations tagged and described."""

from __future__ import annotations

import pikepdf

from publish.lint.pdf_document import PdfDocument, safely, text
from publish.lint.pdf_tables import attribute
from publish.lint.rule import Hit, Severity, rule

MAX_FIELD_DEPTH = 32
REQUIRED_PARENT = {"Link": "Link", "Widget": "Form"}  # other visible annotations need Annot


def visible_annotations(doc: PdfDocument):
    """(page, annotation, subtype, structure parent) for annotations shown on the page."""
    crops = {}
    for number, annot in doc.annotations():
        flags = annot.get("/F")
        if isinstance(flags, int) and flags & 2:
            continue
        if number not in crops:
            crops[number] = box(doc.pdf.pages[number - 1].cropbox)
        rect = box(annot.get("/Rect"))
        crop = crops[number]
        if rect and crop and (rect[2] < crop[0] or rect[0] > crop[2] or rect[3] < crop[1] or rect[1] > crop[3]):
            continue
        subtype = text(annot.get("/Subtype")) or "unknown"
        if subtype == "Popup":
            continue  # shown only with its parent annotation, which carries the tag and description
        parent = doc.structure.objrs.get(annot.objgen) if annot.is_indirect else None
        yield number, annot, subtype, parent


def box(value):
    try:
        x0, y0, x1, y1 = (float(v) for v in value)
    except (TypeError, ValueError):
        return None
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def where(number: int, annot, subtype: str) -> str:
    num = annot.objgen[0] if annot.is_indirect else None
    return f"page {number}: {subtype} annotation" + (f" (obj {num})" if num else "")


@rule("PDF303", "untagged-annotation", Severity.ERROR,
      "Annotations must be tagged: links in Link, form fields in Form, others in Annot",
      fix="Rebuild with `{build}`; the pipeline tags every link",
      fix_file="In the tags panel, put each link inside a Link tag, each form field inside a Form tag and each "
               "comment inside an Annot tag; mark printer's marks as artifacts and remove trap networks",
      refs=("ISO 14289-1 7.18", "veraPDF 7.18.1-1", "veraPDF 7.18.2-1", "veraPDF 7.18.4-1", "veraPDF 7.18.4-2",
            "veraPDF 7.18.5-1", "veraPDF 7.18.8-1", "Matterhorn 28-002", "Matterhorn 28-004",
            "Matterhorn 28-011", "Matterhorn 28-016", "Matterhorn 28-017", "WCAG 2.2 SC 1.3.1"))
@safely
def untagged_annotation(doc: PdfDocument):
    """## What it does
    Checks that each visible annotation sits in the structure tree in the right
    element: a link annotation in a Link element, a form field (widget) in a Form
    element, any other annotation in an Annot element; that printer's marks are not
    tagged, that there are no trap-network annotations, and that a Form element
    without a Role holds exactly one form field.

    ## Why is this bad?
    Screen readers reach links and form fields through the tags; an untagged link
    is skipped when reading and missing from the list of links.

    ## Example
    ```markdown
    Read [the full pledge](https://example.org/pledge).
    ```
    becomes a Link element around its annotation; a link added afterwards in a PDF
    editor often is not. In an untagged PDF this is left to PDF101.
    """
    for number, annot, subtype, parent in visible_annotations(doc):
        location = where(number, annot, subtype)
        found = parent.std if parent else None
        if subtype == "TrapNet":
            yield Hit("trap-network annotations are not allowed", location)
        elif subtype == "PrinterMark":
            if parent is not None or "/StructParent" in annot:
                yield Hit("a printer's mark is tagged; it must be an artifact", location)
        elif found != REQUIRED_PARENT.get(subtype, "Annot") and doc.tagged:
            state = f"is inside {parent.type}" if parent else "is not tagged"
            yield Hit(f"{subtype.lower()} annotation {state}; it must be in a {REQUIRED_PARENT.get(subtype, 'Annot')} "
                      f"element", location)
    for element in doc.structure.elements:
        if element.std == "Form" and attribute(element, "/Role") is None:
            if len(element.objr) != 1 or element.kids or element.marked:
                yield Hit(f"form element without a Role holds {len(element.objr)} form fields and "
                          f"{len(element.kids) + element.marked} other items, not exactly one field", element.where)


@rule("PDF204", "annotation-without-description", Severity.ERROR,
      "Links, form fields and other annotations must have a text description",
      fix="Rebuild with `{build}`; the pipeline describes each link with its link text",
      fix_file="Give each annotation a description (Contents, or Alt on its tag), each link Contents, and each "
               "form field a tooltip (TU)",
      refs=("ISO 14289-1 7.18", "veraPDF 7.18.1-2", "veraPDF 7.18.1-3", "veraPDF 7.18.5-2",
            "Matterhorn 28-004", "Matterhorn 28-005", "Matterhorn 28-012", "WCAG 2.2 SC 1.1.1", "WCAG 2.2 SC 4.1.2"))
@safely
def annotation_without_description(doc: PdfDocument):
    """## What it does
    Checks that each visible link has a non-empty `Contents`, each other annotation a
    non-empty `Contents` or an `Alt` on its tag, and each form field a tooltip (`TU`)
    or an `Alt` on its tag. A `TU` on a widget that is only a kid of its field does not
    count (PDF/UA-1 7.18.1: the field has the TU, or every widget an Alt).

    ## Why is this bad?
    The description is what a screen reader says for the annotation; without it a
    form field is announced as "edit text" with no label.

    ## Example
    ```markdown
    [Read the pledge](https://example.org/pledge)
    ```
    gives the link the description "Read the pledge".
    """
    for number, annot, subtype, parent in visible_annotations(doc):
        alt = text(parent.get("/Alt")) if parent is not None else None
        if subtype == "Widget":
            if not (field_tooltip(annot) or alt):
                yield Hit("form field has no tooltip (TU) or alternative text", where(number, annot, subtype))
        elif subtype == "Link":
            if not text(annot.get("/Contents")):
                yield Hit("link has no description (Contents)", where(number, annot, subtype))
        elif subtype not in ("TrapNet", "PrinterMark") and not (text(annot.get("/Contents")) or alt):
            yield Hit(f"{subtype.lower()} annotation has no description (Contents or Alt)",
                      where(number, annot, subtype))


def field_tooltip(annot) -> str | None:
    """The field's TU, looked up through the widget's parent fields. A widget's own TU
    counts only when the widget is its field too (no Parent, or a name of its own): on a
    widget that is only a kid of a field, TU is not a field entry and readers ignore it."""
    node, seen = annot, set()
    if "/Parent" in annot and "/T" not in annot:
        node = annot.get("/Parent")
    for _ in range(MAX_FIELD_DEPTH):
        if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen:
            return None
        seen.add(node.objgen)
        if text(node.get("/TU")):
            return text(node.get("/TU"))
        node = node.get("/Parent")
    return None


@rule("PDF304", "tab-order-not-structure", Severity.ERROR,
      "Pages with annotations must use the structure order for tabbing",
      fix="Rebuild with `{build}`; the pipeline sets the tab order",
      fix_file="Set each page's tab order to 'Use document structure' (Tabs /S)",
      refs=("ISO 14289-1 7.18.3", "veraPDF 7.18.3-1", "Matterhorn 28-010", "WCAG 2.2 SC 2.4.3"))
@safely
def tab_order_not_structure(doc: PdfDocument):
    """## What it does
    Checks that every page with annotations has `/Tabs /S` (tab order follows the structure).

    ## Why is this bad?
    Keyboard users tab through links and form fields; in row or column order the
    focus jumps about instead of following the reading order.

    ## Example
    A PDF whose links were added in an editor that sets row order (`/Tabs /R`) fails.
    """
    pages = dict.fromkeys(number for number, _ in doc.annotations())
    for number in pages:
        tabs = doc.pdf.pages[number - 1].obj.get("/Tabs")
        if isinstance(tabs, pikepdf.String):
            yield Hit(f"page tab order is the text `{tabs}`, not the name S (structure order)", f"page {number}")
        elif tabs != "/S":
            yield Hit(f"page tab order is {text(tabs) or 'not set'}, not the structure order (S)", f"page {number}")


@rule("PDF203", "media-without-alt", Severity.ERROR, "Media clips must have a content type and alternative text",
      fix="Rebuild with `{build}`; the pipeline embeds no media",
      fix_file="Give each media clip its content type (CT) and an alternative description (Alt)",
      refs=("ISO 14289-1 7.18.6.2", "veraPDF 7.18.6.2-1", "veraPDF 7.18.6.2-2", "Matterhorn 28-014",
            "Matterhorn 28-015", "WCAG 2.2 SC 1.1.1"))
@safely
def media_without_alt(doc: PdfDocument):
    """## What it does
    Checks each media clip played by a screen annotation: it has a `CT` (content
    type) and an `Alt` array of language and description pairs, each description
    with text (an empty one is read as no description at all).

    ## Why is this bad?
    Without a description a screen reader cannot say what the video or sound is,
    and without a content type a player may not be able to play it.

    ## Example
    A PDF with an embedded video added by a slide-show tool fails.
    """
    for number, annot in doc.annotations():
        for clip in media_clips(annot):
            location = where(number, annot, "Screen")
            if clip.get("/CT") is None:
                yield Hit("media clip has no content type (CT)", location)
            alt = clip.get("/Alt")
            pairs = list(alt) if isinstance(alt, pikepdf.Array) and len(alt) % 2 == 0 else []
            if not pairs:
                yield Hit("media clip has no alternative description (Alt)", location)
            elif not all(text(description) for description in pairs[1::2]):
                yield Hit("media clip's alternative description (Alt) has an empty text", location)


def media_clips(annot):
    """Media clip data dictionaries reached from an annotation's rendition actions."""
    actions = [annot.get("/A")]
    extra = annot.get("/AA")
    if isinstance(extra, pikepdf.Dictionary):
        actions += list(extra.values())
    renditions = [a.get("/R") for a in actions if isinstance(a, pikepdf.Dictionary) and a.get("/S") == "/Rendition"]
    seen = set()
    while renditions:
        rendition = renditions.pop()
        if not isinstance(rendition, pikepdf.Dictionary) or (rendition.is_indirect and rendition.objgen in seen):
            continue
        seen.add(rendition.objgen)
        if rendition.get("/S") == "/SR":
            renditions += list(rendition.get("/R") or ())
        clip = rendition.get("/C")
        if isinstance(clip, pikepdf.Dictionary) and clip.get("/S") == "/MCD":
            yield clip
