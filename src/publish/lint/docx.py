"""DOCX rules: Word documents that work with screen readers."""

from __future__ import annotations

from dataclasses import dataclass

from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import SafeZip, Unreadable
from publish.xml import NS, text_of

DOCUMENT = "word/document.xml"


@dataclass
class DocxDocument:
    zip: SafeZip
    body: object  # w:document root
    styles: object | None
    core: object | None


def load(data: bytes) -> DocxDocument:
    package = SafeZip(data)
    if DOCUMENT not in package:
        raise Unreadable("not a Word document (no word/document.xml)")
    optional = {name: package.xml(name) if name in package else None
                for name in ("word/styles.xml", "docProps/core.xml")}
    return DocxDocument(package, package.xml(DOCUMENT), optional["word/styles.xml"], optional["docProps/core.xml"])


@rule("DOCX001", "missing-title", Severity.ERROR, "Documents must have a title in their properties",
      fix="Add `title:` to the front matter of source/letter.md",
      fix_file="Set File > Info > Properties > Title",
      refs=("WCAG 2.2 SC 2.4.2", "Word checker: document title"))
def missing_title(doc: DocxDocument):
    """## What it does
    Checks that the core properties (`docProps/core.xml`) have a `dc:title`.

    ## Why is this bad?
    Screen readers and file lists announce the title; without it, the file name.

    ## Example
    ```markdown
    ---
    title: Open letter to party leaders
    ---
    ```
    """
    title = doc.core.find("dc:title", NS) if doc.core is not None else None
    if title is None or not text_of(title).strip():
        yield Hit("core properties have no title", "docProps/core.xml")


@rule("DOCX002", "missing-document-language", Severity.ERROR, "Documents must declare their language",
      fix="Add `lang: en-GB` to the front matter of source/letter.md",
      fix_file="Set the language with Review > Language for the whole document, and in the Normal style",
      refs=("WCAG 2.2 SC 3.1.1", "Word checker: language"))
def missing_document_language(doc: DocxDocument):
    """## What it does
    Checks that the document's default run properties (`w:docDefaults` in
    `word/styles.xml`) set `w:lang`.

    ## Why is this bad?
    Screen readers and Word's proofing tools pick their language from it.

    ## Example
    ```markdown
    ---
    lang: en-GB
    ---
    ```
    """
    lang = None
    if doc.styles is not None:
        lang = doc.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if lang is None or not lang.get(f"{{{NS['w']}}}val"):
        yield Hit("document default language (w:docDefaults w:lang) is not set", "word/styles.xml")
