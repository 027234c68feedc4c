"""DOCX rules about the document as a whole: title, language, restrictions.

The document model is publish.lint.docx_document; the content rules (headings, tables,
images, links, contrast) are in publish.lint.docx_content.
"""

from __future__ import annotations

from publish.lint.docx_document import DOCUMENT, RESTRICTIONS, DocxDocument, val
from publish.lint.concerns import INVALID_LANGUAGE_TAG, Labelled
from publish.lint.rule import Hit, Severity, capped, rule
from publish.xml import NS, qname, text_of


@rule("DOCX001", "missing-title", Severity.ERROR, "Documents must have a title in their properties",
      fix="Add `title:` to the front matter of {source}",
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
      fix="Add `lang: en-GB` to the front matter of {source}",
      fix_file="Set the language with Review > Language for the whole document, and in the Normal style",
      refs=("WCAG 2.2 SC 3.1.1", "Word checker: language"))
def missing_document_language(doc: DocxDocument):
    """## What it does
    Checks that the document's default run properties (`w:docDefaults` in
    `word/styles.xml`) or its default paragraph style (Normal) set `w:lang`.

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
    if doc.styles_root is not None:
        lang = doc.styles_root.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    if not val(lang):
        lang = doc.style_property(doc.default_paragraph_style, "w:rPr/w:lang")
    if not val(lang):
        yield Hit("neither the document defaults nor the Normal style set a language (w:lang)", "word/styles.xml")


@INVALID_LANGUAGE_TAG.rule("DOCX", fix_file="Choose the language again with Review > Language, for the text and "
                                            "in the styles")
def invalid_language_tag(doc: DocxDocument):
    """## What it does
    Checks every language set in the styles and the text (`w:lang`, including its
    East Asian and right-to-left values) against BCP 47.

    ## Why is this bad?
    A screen reader that cannot read the tag keeps the wrong voice: French words
    read with English rules, or the other way round.

    ## Example
    `w:lang w:val="english"` or `en_GB` fails; `en-GB` passes.
    """
    return capped(INVALID_LANGUAGE_TAG.check(
        Labelled(value, part, "language")
        for part, root in (("word/styles.xml", doc.styles_root), (DOCUMENT, doc.body)) if root is not None
        for lang in root.iter(qname("w:lang"))
        for value in dict.fromkeys((val(lang), val(lang, "eastAsia"), val(lang, "bidi"))) if value))


@rule("DOCX006", "restricted-document", Severity.WARNING,
      "Documents must not restrict reading or editing by assistive technology",
      fix="Rebuild with `{build}`; the pipeline never restricts the document",
      fix_file="Turn off Review > Restrict Editing (Stop Protection) and remove any password",
      refs=("WCAG 2.2 SC 4.1.2", "Word checker: document protection", "Matterhorn 26-002"))
def restricted_document(doc: DocxDocument):
    """## What it does
    Finds enforced document protection (`w:documentProtection` in `word/settings.xml`):
    read-only, comments only, tracked changes only or forms only. Password-encrypted
    documents cannot be opened at all and are reported as could-not-check.

    ## Why is this bad?
    In a protected document some screen readers cannot move the cursor through the
    text, and readers cannot fix the size, spacing or colours they need.

    ## Example
    A document saved with "Restrict editing: No changes (Read only)" fails.
    """
    protection = doc.settings.find("w:documentProtection", NS) if doc.settings is not None else None
    if protection is not None and (val(protection, "enforcement") or "0").lower() in ("1", "true", "on"):
        allowed = RESTRICTIONS.get(val(protection, "edit") or "", "no changes")
        yield Hit(f"editing is restricted to {allowed}, and the restriction is enforced", "word/settings.xml")
