"""PDF structure-tree rules: tagging present, role map, nesting, headings, notes, alternatives."""

from __future__ import annotations

import re

import pikepdf

from publish.lint.concerns import HEADING_SKIPPED, Heading
from publish.lint.pdf_document import Element, PdfDocument, safely, text
from publish.lint.rule import Hit, Severity, rule


@rule("PDF101", "untagged-pdf", Severity.ERROR, "PDFs must be tagged, with a complete structure tree",
      fix="Rebuild with `{build}`; the pipeline writes a tagged PDF",
      fix_file="Export the PDF with tags (structure) turned on in the authoring tool",
      refs=("ISO 14289-1 7.1", "veraPDF 6.2-1", "veraPDF 7.1-4", "veraPDF 7.1-11", "veraPDF 7.1-12",
            "Matterhorn 01-007", "Matterhorn 01-005", "WCAG 2.2 SC 1.3.1"))
@safely
def untagged_pdf(doc: PdfDocument):
    """## What it does
    Checks that the catalog has a structure tree, `MarkInfo/Marked` true and
    `MarkInfo/Suspects` not true, and that every structure element names its parent.

    ## Why is this bad?
    An untagged PDF has no headings, lists or reading order for a screen reader;
    `Suspects` says the tags themselves cannot be trusted.

    ## Example
    A PDF printed to PDF from a browser is usually untagged and fails.
    """
    mark_info = doc.root.get("/MarkInfo")
    mark_info = mark_info if isinstance(mark_info, pikepdf.Dictionary) else {}
    if not doc.tagged:
        yield Hit("document has no structure tree (StructTreeRoot)")
    if mark_info.get("/Marked") is not True:
        yield Hit("MarkInfo/Marked is not true")
    if mark_info.get("/Suspects") is True:
        yield Hit("MarkInfo/Suspects is true: the tags are marked as unreliable")
    orphan = next((e for e in doc.structure.elements if not e.has_parent_entry), None)
    if orphan is not None:
        count = sum(1 for e in doc.structure.elements if not e.has_parent_entry)
        yield Hit(f"{count} structure elements do not name their parent (P), first {orphan.type}", orphan.where)


@rule("PDF104", "unmapped-structure-type", Severity.ERROR,
      "Structure types must be standard or role-mapped to a standard type, without circles or remapping",
      fix="Rebuild with `{build}`; the pipeline maps its own tags to standard ones",
      fix_file="In the tag tree's role map, map each custom tag to a standard tag; do not remap standard tags",
      refs=("ISO 14289-1 7.1", "veraPDF 7.1-5", "veraPDF 7.1-6", "veraPDF 7.1-7", "Matterhorn 02-001",
            "Matterhorn 02-003", "Matterhorn 02-004"))
@safely
def unmapped_structure_type(doc: PdfDocument):
    """## What it does
    Checks each structure type used: a non-standard type must map (through the role
    map) to a standard type, the mapping must not go round in a circle, and no
    standard type may be mapped to another.

    ## Why is this bad?
    Assistive technology knows only the standard types; an unmapped `Textbody` is
    read as nothing in particular, so its role (paragraph, heading) is lost.

    ## Example
    A PDF from a word processor whose style `Text body` is not role-mapped fails.
    """
    structure = doc.structure
    for kind, element in structure.cycles.items():
        yield Hit(f"the role map sends the type `{kind}` round in a circle", element.where)
    for kind, element in structure.unmapped.items():
        yield Hit(f"the type `{kind}` is not a standard type and is not mapped to one", element.where)
    for kind, element in structure.remapped.items():
        yield Hit(f"the standard type `{kind}` is remapped in the role map", element.where)


ALLOWED_PARENTS = {
    "LI": {"L"}, "LBody": {"LI"}, "TOCI": {"TOC"}, "TR": {"Table", "THead", "TBody", "TFoot"},
    "THead": {"Table"}, "TBody": {"Table"}, "TFoot": {"Table"}, "TH": {"TR"}, "TD": {"TR"},
    "RB": {"Ruby"}, "RT": {"Ruby"}, "RP": {"Ruby"}, "WT": {"Warichu"}, "WP": {"Warichu"},
}
ALLOWED_KIDS = {
    "L": {"L", "LI", "Caption"}, "LI": {"Lbl", "LBody"}, "TOC": {"TOC", "TOCI", "Caption"},
    "Table": {"TR", "THead", "TBody", "TFoot", "Caption"}, "TR": {"TH", "TD"}, "THead": {"TR"},
    "TBody": {"TR"}, "TFoot": {"TR"}, "Ruby": {"RB", "RT", "RP"}, "Warichu": {"WT", "WP"},
}


@rule("PDF105", "misnested-structure", Severity.ERROR,
      "Lists, tables, tables of contents, ruby and warichu must nest as PDF defines",
      fix="Rebuild with `{build}`; write lists and tables in plain Markdown so the pipeline tags them",
      fix_file="Fix the tag tree: LI inside L with Lbl/LBody, TR inside Table/THead/TBody/TFoot with TH/TD, "
               "TOCI inside TOC, Caption first (or last in a Table)",
      refs=("ISO 14289-1 7.2", "veraPDF 7.2-3", "veraPDF 7.2-4", "veraPDF 7.2-5", "veraPDF 7.2-6",
            "veraPDF 7.2-7", "veraPDF 7.2-8", "veraPDF 7.2-9", "veraPDF 7.2-10", "veraPDF 7.2-11",
            "veraPDF 7.2-12", "veraPDF 7.2-13", "veraPDF 7.2-14", "veraPDF 7.2-16", "veraPDF 7.2-17",
            "veraPDF 7.2-18", "veraPDF 7.2-19", "veraPDF 7.2-20", "veraPDF 7.2-26", "veraPDF 7.2-27",
            "veraPDF 7.2-28", "veraPDF 7.2-36", "veraPDF 7.2-37", "veraPDF 7.2-38", "veraPDF 7.2-39",
            "veraPDF 7.2-40", "Matterhorn 09-004", "Matterhorn 09-005", "Matterhorn 15-003", "Matterhorn 16-001",
            "Matterhorn 16-002", "WCAG 2.2 SC 1.3.1"))
@safely
def misnested_structure(doc: PdfDocument):
    """## What it does
    Checks the parent-child rules of ISO 32000-1 14.8.4 that PDF/UA-1 makes binding:
    LI in L, containing only Lbl and LBody; TR in Table, THead, TBody or TFoot,
    containing only TH and TD; at most one THead, TFoot and Caption per Table, and a
    TBody wherever there is a THead or TFoot; TOCI in TOC; Caption first in L and TOC
    and first or last in Table; RB/RT/RP in Ruby, WT/WP in Warichu.

    ## Why is this bad?
    Screen readers announce "list, 3 items" and table coordinates from this
    nesting; a list item outside a list or a cell outside a row is read as loose text.

    ## Example
    Write lists as Markdown lists, not lines that start with a dash typed by hand
    inside a table cell or a paragraph.
    """
    for element in doc.structure.elements:
        if element.std is None:
            continue
        problem = nesting_problem(element)
        if problem:
            yield Hit(problem, element.where)


def nesting_problem(element: Element) -> str | None:
    std, kids = element.std, element.kid_types
    parent_std = element.parent.std if element.parent else None
    if std in ALLOWED_PARENTS and parent_std not in ALLOWED_PARENTS[std]:
        return f"{std} is inside {parent_std or 'the document root'}, not {' or '.join(sorted(ALLOWED_PARENTS[std]))}"
    stray = [k for k in kids if k not in ALLOWED_KIDS.get(std, {k})]
    if stray:
        return f"{std} contains {stray[0]}, which it may not"
    captions = [i for i, k in enumerate(kids) if k == "Caption"]
    if std in ("L", "TOC") and any(i != 0 for i in captions):
        return f"{std} has a Caption that is not its first child"
    if std == "Table":
        if any(i not in (0, len(kids) - 1) for i in captions) or len(captions) > 1:
            return "Table has a Caption that is not its one first or last child"
        for part in ("THead", "TFoot"):
            if kids.count(part) > 1:
                return f"Table has {kids.count(part)} {part} elements"
            if part in kids and "TBody" not in kids:
                return f"Table has a {part} but no TBody"
    return None


HN = re.compile(r"H([1-6])")


@HEADING_SKIPPED.rule("PDF", fix_file="Retag the heading with the next level down (H2 after H1, H3 after H2)",
                      refs=("ISO 14289-1 7.4.2", "veraPDF 7.4.2-1", "Matterhorn 14-003"))
@safely
def heading_level_skipped(doc: PdfDocument):
    """## What it does
    Checks numbered headings (H1-H6) in reading order: the first is H1, and each is at
    most one level deeper than the heading before it.

    ## Why is this bad?
    Screen-reader users move by heading level; a jump from H2 to H4 makes them think
    they missed a section.

    ## Example
    ```markdown
    ## Our demands
    #### Housing
    ```
    skips level 3; use `### Housing`.
    """
    return HEADING_SKIPPED.check(
        Heading(int(match.group(1)), label(element), element.where)
        for element in doc.structure.elements if (match := HN.fullmatch(element.std or "")))


def label(element) -> str:
    """The words a heading's tag carries itself (its replacement text, alternative or title), if any."""
    for key in ("/ActualText", "/Alt", "/T"):
        value = text(element.get(key))
        if value and value.strip():
            return " ".join(value.split())
    return ""


@rule("PDF108", "mixed-heading-kinds", Severity.ERROR,
      "Headings must be either all numbered (H1-H6) or all unnumbered (H, one per section)",
      fix="Rebuild with `{build}`; the pipeline writes numbered headings only",
      fix_file="Retag the headings to use H1-H6 throughout, or H with at most one per section",
      refs=("ISO 14289-1 7.4.4", "veraPDF 7.4.4-1", "veraPDF 7.4.4-2", "veraPDF 7.4.4-3",
            "Matterhorn 14-006", "Matterhorn 14-007"))
@safely
def mixed_heading_kinds(doc: PdfDocument):
    """## What it does
    Checks that the document does not use both H and H1-H6, and that no element
    has more than one H child.

    ## Why is this bad?
    Screen readers build the heading outline either from numbered levels or from
    section nesting; mixing the two gives a wrong outline.

    ## Example
    A PDF assembled from two tools, one writing H, one H1-H6, fails.
    """
    elements = doc.structure.elements
    first_h = next((e for e in elements if e.std == "H"), None)
    first_hn = next((e for e in elements if HN.fullmatch(e.std or "")), None)
    if first_h is not None and first_hn is not None:
        yield Hit(f"the document uses both H and numbered headings (first {first_hn.std})", first_h.where)
    for element in elements:
        if element.kid_types.count("H") > 1:
            yield Hit(f"{element.type} has {element.kid_types.count('H')} H children, more than one", element.where)


@rule("PDF109", "note-without-unique-id", Severity.ERROR, "Notes must have unique IDs",
      fix="Rebuild with `{build}`; give each footnote its own marker in {source}",
      fix_file="Give each Note structure element a unique ID",
      refs=("ISO 14289-1 7.9", "veraPDF 7.9-1", "veraPDF 7.9-2", "Matterhorn 19-003", "Matterhorn 19-004"))
@safely
def note_without_unique_id(doc: PdfDocument):
    """## What it does
    Checks that every Note structure element has a non-empty, unique `/ID`.

    ## Why is this bad?
    Screen readers tie a footnote reference to its note by the ID; without one, or
    with a shared one, the reader cannot jump to the right note and back.

    ## Example
    ```markdown
    The pledge[^1] stands.

    [^1]: Made in 2019.
    ```
    """
    seen = {}
    for element in doc.structure.elements:
        if element.std != "Note":
            continue
        note_id = element.get("/ID")
        note_id = bytes(note_id) if isinstance(note_id, pikepdf.String) else None
        if not note_id:
            yield Hit("note has no ID", element.where)
        elif note_id in seen:
            yield Hit(f"note has the ID `{note_id.decode('latin-1')}`, already used", element.where)
        seen[note_id] = element


def lacks_alternative(element: Element) -> bool:
    alt = element.get("/Alt")
    return not (isinstance(alt, pikepdf.String) and str(alt)) and element.get("/ActualText") is None


@rule("PDF201", "image-without-alt", Severity.ERROR, "Figures must have alternative text",
      fix="Write the image description in the brackets: `![A crowd outside Parliament](crowd.jpg)` in "
          "{source}",
      fix_file="Give each Figure tag alternative text (Alt) in the tags panel of the PDF editor",
      refs=("ISO 14289-1 7.3", "veraPDF 7.3-1", "Matterhorn 13-004", "WCAG 2.2 SC 1.1.1"))
@safely
def image_without_alt(doc: PdfDocument):
    """## What it does
    Checks that every Figure structure element has a non-empty `/Alt` or an `/ActualText`.

    ## Why is this bad?
    A screen reader says only "graphic" for a figure without alternative text.

    ## Example
    ```markdown
    ![](crowd.jpg)
    ```
    has no description; write `![A crowd outside Parliament](crowd.jpg)`.
    """
    for element in doc.structure.elements:
        if element.std == "Figure" and lacks_alternative(element):
            yield Hit("figure has no alternative text (Alt or ActualText)", element.where)


@rule("PDF202", "formula-without-alt", Severity.ERROR, "Formulas must have alternative text",
      fix="Give the equation a spoken form; the pipeline's math_alt filter writes it from `$...$` in "
          "{source}",
      fix_file="Give each Formula tag alternative text (Alt) that reads the formula aloud",
      refs=("ISO 14289-1 7.7", "veraPDF 7.7-1", "Matterhorn 17-002", "WCAG 2.2 SC 1.1.1"))
@safely
def formula_without_alt(doc: PdfDocument):
    """## What it does
    Checks that every Formula structure element has a non-empty `/Alt` or an `/ActualText`.

    ## Why is this bad?
    Screen readers cannot read the drawn glyphs of a formula as mathematics.

    ## Example
    ```markdown
    The rise is $\\frac{a}{b}$.
    ```
    passes only when the pipeline can give the formula a spoken alternative.
    """
    for element in doc.structure.elements:
        if element.std == "Formula" and lacks_alternative(element):
            yield Hit("formula has no alternative text (Alt or ActualText)", element.where)
