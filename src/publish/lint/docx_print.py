"""DOCX print rules: text large enough to read, and no italic in large print.

Each run's size and slant are resolved through Word's style chain (direct formatting,
character style, paragraph style, document defaults: `DocxDocument.run_property`), in
the body, the notes, and the headers and footers. The minimum is the caller's
(`document.print_check = PrintCheck(...)` after loading, as `max_line` is for plain
text); by default 12 pt (clear print), or 16 pt and no italic when the document says it
is large print (core property `category` "Large print", as the pipeline writes it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publish.lint.docx_document import DocxDocument, Paragraph, is_on, paragraph_text, val
from publish.lint.rule import Hit, Severity, capped, rule
from publish.vocabulary import CLEAR_PRINT_PT, LARGE_PRINT_PT
from publish.xml import NS, qname, text_of

PARTS = re.compile(r"word/(footnotes|endnotes|header\d*|footer\d*)\.xml")
UNSET_SIZE = 20  # half-points: what Word shows when no style sets a size
SHRUNK = 2 / 3  # superscript and subscript are drawn at about two thirds of their size
LARGE_PRINT_CATEGORY = "large print"


@dataclass(frozen=True)
class PrintCheck:
    """The smallest text allowed, in points, and whether the document is large print (no italic)."""

    min_size: float = CLEAR_PRINT_PT  # UKAAF clear print; GOV.UK asks 12 pt at least
    large_print: bool = False
    declared: bool = True  # by the caller or the document itself; else a default for a file of unknown purpose


CLEAR_PRINT = PrintCheck(CLEAR_PRINT_PT)
LARGE_PRINT = PrintCheck(LARGE_PRINT_PT, True)  # UKAAF large print: 16 pt at least, ideally 18
UNDECLARED = PrintCheck(CLEAR_PRINT_PT, declared=False)


def settings(doc: DocxDocument) -> PrintCheck:
    """The caller's check, else the one the document's own claim to be large print calls for."""
    given = getattr(doc, "print_check", None)
    if given is not None:
        return given
    category = doc.core.find("cp:category", NS) if doc.core is not None else None
    return LARGE_PRINT if category is not None and text_of(category).strip().lower() == LARGE_PRINT_CATEGORY \
        else UNDECLARED


def paragraphs(doc: DocxDocument):
    """The body's paragraphs, then those of notes, headers and footers, each with where it is."""
    for para in doc.paragraphs:
        yield para, para.location
    for name in sorted(n for n in doc.zip.names() if PARTS.fullmatch(n)):
        for number, p in enumerate(doc.zip.xml(name).iter(qname("w:p")), start=1):
            style_id = doc.paragraph_style(p)
            para = Paragraph(number, p, style_id, style_id or "Normal", None, paragraph_text(p), False, False)
            yield para, f"{name} paragraph {number}"


def text_runs(doc: DocxDocument):
    """(paragraph, where, run) for every run that shows text."""
    for para, where in paragraphs(doc):
        for run in para.element.iter(qname("w:r")):
            if doc.run_text(run).strip():
                yield para, where, run


def shown_size(doc: DocxDocument, para: Paragraph, run, large_print: bool) -> float:
    """The run's size in points; in large print, as drawn (a superscript is smaller)."""
    size = int(val(doc.run_property(run, para, "sz")) or UNSET_SIZE) / 2
    shifted = val(doc.run_property(run, para, "vertAlign")) in ("superscript", "subscript")
    return size * SHRUNK if large_print and shifted else size


def small_text(doc: DocxDocument):
    check = settings(doc)
    seen = set()
    for para, where, run in text_runs(doc):
        size = shown_size(doc, para, run, check.large_print)
        if size < check.min_size and where not in seen:
            seen.add(where)
            kind = "large print needs" if check.large_print else "the minimum is"
            yield Hit(f"text is {size:g} pt ({kind} {check.min_size:g} pt) in {para.quote}", where,
                      severity=Severity.ERROR if check.declared else None)


@rule("DOCX421", "text-too-small", Severity.WARNING,
      "Text must be at least 12 pt, or 16 pt in large print, notes, captions and page numbers included",
      fix="Rebuild with `{build}`; the pipeline sets every style at the body size or larger",
      fix_file="Enlarge the style that sets the small text (Home > Styles > Modify > Font size): "
               "Footnote Text, Caption and table styles too",
      refs=("UKAAF G003 clear and large print", "GOV.UK: writing accessible documents", "WCAG 2.2 SC 1.4.4"))
def text_too_small(doc: DocxDocument):
    """## What it does
    Works out each run's size through the style chain (direct formatting, character
    style, paragraph style, document defaults) in the body, notes, headers and footers,
    and finds text under 12 pt, or under 16 pt in a large-print document (one whose
    Category property is "Large print", or when the caller asks). In large print a
    superscript or subscript counts at the two thirds of its size it is drawn at.

    ## Why is this bad?
    Partially sighted readers who print the document, or read it at the page size,
    cannot read small footnotes, captions or table text; large print is only large
    if every part of it is.

    ## Example
    Footnote Text at 10 pt fails; at 12 pt (16 pt in large print) it passes.
    """
    yield from capped(small_text(doc))


def italic_text(doc: DocxDocument):
    if not settings(doc).large_print:
        return
    seen = set()
    for para, where, run in text_runs(doc):
        if is_on(doc.run_property(run, para, "i")) and where not in seen:
            seen.add(where)
            yield Hit(f"italic text in a large-print document: {para.quote}", where)


@rule("DOCX422", "italic-in-large-print", Severity.ERROR, "Large-print documents must not use italic",
      fix="Rebuild with `{build}`; the pipeline sets emphasis in bold in large print",
      fix_file="Replace italic with bold, in the text and in the styles (Emphasis, Caption, Quote)",
      refs=("UKAAF G003 large print", "RNIB clear print guidelines"))
def italic_in_large_print(doc: DocxDocument):
    """## What it does
    In a large-print document (Category "Large print", or when the caller asks),
    finds italic text, resolving each run's italic through the style chain.

    ## Why is this bad?
    Slanted letters are harder to make out for many partially sighted readers;
    UK large print guidance asks for bold wherever print would use italic.

    ## Example
    `*emphasis*` set in italic in the large-print edition fails; in bold it passes.
    """
    yield from capped(italic_text(doc))
