"""PDF content rules: every piece of page content is tagged or an artifact, never both."""

from __future__ import annotations

from collections import Counter

from publish.lint.pdf_document import PdfDocument, count, safely
from publish.lint.rule import Hit, Severity, rule


@rule("PDF103", "content-not-tagged", Severity.ERROR,
      "Page content must be tagged as real content or marked as an artifact, never both",
      fix="Rebuild with `{build}`; the pipeline tags all content and marks page furniture as artifacts",
      fix_file="In the PDF editor's content or reading-order panel, tag the untagged content or mark it as "
               "a background artifact",
      refs=("ISO 14289-1 7.1", "ISO 14289-1 7.20", "veraPDF 7.1-1", "veraPDF 7.1-2", "veraPDF 7.1-3",
            "veraPDF 7.20-2", "Matterhorn 01-003", "Matterhorn 01-004", "Matterhorn 01-005",
            "Matterhorn 30-002", "WCAG 2.2 SC 1.3.1"))
@safely
def content_not_tagged(doc: PdfDocument):
    """## What it does
    Walks each page's content once, with its marked-content nesting, and checks that
    every piece of text, every path and every image is inside marked content the
    structure tree reaches (real content) or inside an Artifact, that no Artifact
    sits inside real content or real content inside an Artifact, and that a drawing
    (Form XObject) with tagged content is not drawn twice.

    ## Why is this bad?
    Screen readers read only the tagged content, in tag order; untagged text is
    skipped or read out of order, and tagged page furniture is read aloud on every page.

    ## Example
    A running header added to every page with a PDF editor, neither tagged nor
    marked as an artifact, fails.
    """
    if not doc.tagged:
        return  # an untagged PDF is PDF101's finding
    for page in doc.content:
        where = f"page {page.number}"
        if page.untagged:
            yield Hit(f"{count(page.untagged, 'piece', 'pieces')} of content neither tagged nor marked as artifact",
                      where)
        if page.orphan_mcids:
            first = min(page.orphan_mcids)
            yield Hit(f"{count(len(page.orphan_mcids), 'piece', 'pieces')} of marked content not in the structure "
                      f"tree (first MCID {first})", where)
        if page.artifact_in_tagged:
            yield Hit(f"{count(page.artifact_in_tagged, 'artifact', 'artifacts')} inside tagged content", where)
        if page.tagged_in_artifact:
            yield Hit(f"{count(page.tagged_in_artifact, 'piece', 'pieces')} of tagged content inside an artifact",
                      where)
    draws = Counter(key for page in doc.content for key in page.forms_with_mcids)
    for (num, _), times in draws.items():
        if times > 1:
            yield Hit(f"a drawing (Form XObject obj {num}) with tagged content is drawn {times} times")


@rule("PDF110", "reference-xobject", Severity.ERROR, "PDFs must not draw content from other files",
      fix="Rebuild with `{build}`; the pipeline embeds all content",
      fix_file="Replace the reference XObject with the content it points to (embed the page)",
      refs=("ISO 14289-1 7.20", "veraPDF 7.20-1", "Matterhorn 30-001"))
@safely
def reference_xobject(doc: PdfDocument):
    """## What it does
    Checks that no drawing (Form XObject) is a reference XObject (`/Ref`), which
    shows a page of another file.

    ## Why is this bad?
    Content pulled from another file at viewing time has no tags in this one and
    may not be there at all for the reader.

    ## Example
    A PDF that places a page of a second PDF by reference, not by copy, fails.
    """
    for page in doc.content:
        if page.reference_xobjects:
            yield Hit(f"{count(page.reference_xobjects, 'drawing shows', 'drawings show')} content from another "
                      f"file (reference XObject)", f"page {page.number}")
