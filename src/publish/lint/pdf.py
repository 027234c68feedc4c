"""PDF rules (PDF/UA-1 and the Matterhorn Protocol's machine-checkable conditions)."""

from __future__ import annotations

import io

import pikepdf

from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import Unreadable


def load(data: bytes) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(data))
    except pikepdf.PasswordError:
        raise Unreadable("the PDF is encrypted with a password") from None
    except (pikepdf.PdfError, ValueError, RecursionError) as exc:
        raise Unreadable(f"the PDF is damaged ({str(exc).splitlines()[0][:120]})") from None


def xmp_title(pdf: pikepdf.Pdf) -> str:
    try:
        meta = pdf.open_metadata()
        return str(meta.get("dc:title", "") or "").strip()
    except Exception:  # noqa: BLE001 - damaged XMP is reported as missing
        return ""


@rule("PDF001", "missing-title", Severity.ERROR, "PDFs must have a title in their metadata",
      fix="Add `title:` to the front matter of source/letter.md",
      fix_file="Set the document title (dc:title in XMP) in the authoring tool's document properties",
      refs=("ISO 14289-1 7.1 t8", "Matterhorn 06-003", "WCAG 2.2 SC 2.4.2"))
def missing_title(pdf: pikepdf.Pdf):
    """## What it does
    Checks that the XMP metadata has a non-empty `dc:title`.

    ## Why is this bad?
    The title is what a screen reader announces when the document opens.

    ## Example
    ```markdown
    ---
    title: Open letter to party leaders
    ---
    ```
    """
    if not xmp_title(pdf):
        yield Hit("XMP metadata has no dc:title")


@rule("PDF002", "missing-document-language", Severity.ERROR, "PDFs must declare their language",
      fix="Add `lang: en-GB` to the front matter of source/letter.md",
      fix_file="Set the document language (catalog /Lang) in the authoring tool",
      refs=("ISO 14289-1 7.2 t34", "Matterhorn 11-001", "WCAG 2.2 SC 3.1.1"))
def missing_document_language(pdf: pikepdf.Pdf):
    """## What it does
    Checks that the document catalog has a non-empty `/Lang`.

    ## Why is this bad?
    Screen readers choose their voice and pronunciation from the language.

    ## Example
    ```markdown
    ---
    lang: en-GB
    ---
    ```
    """
    lang = pdf.Root.get("/Lang")
    if lang is None or not str(lang).strip():
        yield Hit("document catalog has no /Lang")


@rule("PDF003", "title-not-displayed", Severity.ERROR, "PDFs must show their title, not their file name",
      fix="Rebuild with `make pdf`; the pipeline sets DisplayDocTitle",
      fix_file="Turn on 'Show document title' in the initial view settings (ViewerPreferences/DisplayDocTitle)",
      refs=("ISO 14289-1 7.1 t10", "Matterhorn 07-001", "Matterhorn 07-002"))
def title_not_displayed(pdf: pikepdf.Pdf):
    """## What it does
    Checks that `ViewerPreferences/DisplayDocTitle` is true.

    ## Why is this bad?
    Without it, the window title and the screen reader announce the file name.

    ## Example
    Every PDF the pipeline builds sets it; a PDF exported without it fails.
    """
    prefs = pdf.Root.get("/ViewerPreferences")
    if prefs is None or not bool(prefs.get("/DisplayDocTitle", False)):
        yield Hit("ViewerPreferences/DisplayDocTitle is not true")


@rule("PDF101", "untagged-pdf", Severity.ERROR, "PDFs must be tagged",
      fix="Rebuild with `make pdf`; the pipeline writes a tagged PDF",
      fix_file="Export the PDF with tags (structure) turned on in the authoring tool",
      refs=("ISO 14289-1 7.1 t3", "Matterhorn 01-005", "WCAG 2.2 SC 1.3.1"))
def untagged_pdf(pdf: pikepdf.Pdf):
    """## What it does
    Checks that the catalog has a structure tree and `MarkInfo/Marked` true.

    ## Why is this bad?
    An untagged PDF has no headings, lists or reading order for a screen reader.

    ## Example
    A PDF printed to PDF from a browser is usually untagged and fails.
    """
    mark_info = pdf.Root.get("/MarkInfo")
    if "/StructTreeRoot" not in pdf.Root:
        yield Hit("document has no structure tree (StructTreeRoot)")
    elif mark_info is None or not bool(mark_info.get("/Marked", False)):
        yield Hit("MarkInfo/Marked is not true")
