"""PDF rules (PDF/UA-1 and the Matterhorn Protocol's machine-checkable conditions): the
document-level ones. Structure, content, annotation and font rules live in the pdf_*
modules beside this one; importing them here registers them.

Each rule's refs name the veraPDF PDF/UA-1 profile rules it covers ("veraPDF 7.1-9"
is clause 7.1, test 9) and the Matterhorn failure conditions.
"""

from __future__ import annotations

import re

import pikepdf
from lxml import etree

from publish.lint.concerns import INVALID_LANGUAGE_TAG, Labelled
from publish.lint.pdf_document import PdfDocument, count, dictionary, safely, text
from publish.lint.rule import Hit, Severity, rule
from publish.lint.safe import Unreadable, parse_xml
from publish.vocabulary import is_language_tag, is_pdf_language_tag



DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"


def xmp_tree(doc: PdfDocument):
    """The parsed XMP metadata, or None when there is none or it cannot be read."""
    data = metadata_bytes(doc)
    try:
        return parse_xml(data, "XMP metadata") if data else None
    except Unreadable:
        return None


def xmp_title(doc: PdfDocument) -> str:
    tree = xmp_tree(doc)
    titles = tree.iter(DC_TITLE) if tree is not None else ()
    return next((t for title in titles for t in (s.strip() for s in title.itertext()) if t), "")


@rule("PDF001", "missing-title", Severity.ERROR, "PDFs must have a title in their metadata",
      fix="Add `title:` to the front matter of {source}",
      fix_file="Set the document title (dc:title in XMP) in the authoring tool's document properties",
      refs=("ISO 14289-1 7.1", "veraPDF 7.1-9", "Matterhorn 06-003", "WCAG 2.2 SC 2.4.2"))
@safely
def missing_title(doc: PdfDocument):
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
    if not xmp_title(doc):
        yield Hit("XMP metadata has no dc:title")


@rule("PDF022", "title-not-displayed", Severity.ERROR, "PDFs must show their title, not their file name",
      fix="Rebuild with `{build}`; the pipeline sets DisplayDocTitle",
      fix_file="Turn on 'Show document title' in the initial view settings (ViewerPreferences/DisplayDocTitle)",
      refs=("ISO 14289-1 7.1", "veraPDF 7.1-10", "Matterhorn 07-001", "Matterhorn 07-002"))
@safely
def title_not_displayed(doc: PdfDocument):
    """## What it does
    Checks that `ViewerPreferences/DisplayDocTitle` is true.

    ## Why is this bad?
    Without it, the window title and the screen reader announce the file name.

    ## Example
    Every PDF the pipeline builds sets it; a PDF exported without it fails.
    """
    prefs = dictionary(doc.root.get("/ViewerPreferences"))
    if prefs is None or prefs.get("/DisplayDocTitle") is not True:
        yield Hit("ViewerPreferences/DisplayDocTitle is not true")




@rule("PDF002", "missing-document-language", Severity.ERROR, "PDFs must declare their language",
      fix="Add `lang: en-GB` to the front matter of {source}",
      fix_file="Set the document language (catalog /Lang) in the authoring tool",
      refs=("ISO 14289-1 7.2", "veraPDF 7.2-2", "veraPDF 7.2-21", "veraPDF 7.2-22", "veraPDF 7.2-23",
            "veraPDF 7.2-24", "veraPDF 7.2-25", "veraPDF 7.2-30", "veraPDF 7.2-31", "veraPDF 7.2-32",
            "veraPDF 7.2-33", "veraPDF 7.2-34", "Matterhorn 11-001", "Matterhorn 11-002", "Matterhorn 11-003",
            "Matterhorn 11-004", "Matterhorn 11-005", "Matterhorn 11-006", "Matterhorn 11-007",
            "WCAG 2.2 SC 3.1.1"))
@safely
def missing_document_language(doc: PdfDocument):
    """## What it does
    When the document catalog has no valid `/Lang`, checks that every text, alternative
    text, expansion, annotation, form field, bookmark and metadata title has a language
    of its own; reports each kind that does not, at its first occurrence.

    ## Why is this bad?
    Screen readers choose their voice and pronunciation from the language.

    ## Example
    ```markdown
    ---
    lang: en-GB
    ---
    ```
    """
    if doc.catalog_lang is not None:
        return
    for what, location in unlanguaged(doc):
        yield Hit(f"document catalog has no valid /Lang, so the language of {what} is unknown", location)


def unlanguaged(doc: PdfDocument):
    """The first item of each kind whose language cannot be determined."""
    page = next((p for p in doc.content if p.text_without_lang), None)
    if page is not None:
        yield count(page.text_without_lang, "piece of text", "pieces of text"), f"page {page.number}"
    page = next((p for p in doc.content if p.span_alt_without_lang), None)
    if page is not None:
        yield f"the {page.span_alt_without_lang[0]} of a span", f"page {page.number}"
    for element in doc.structure.elements:
        keys = [k for k in ("Alt", "ActualText", "E") if element.get("/" + k) is not None]
        if keys and not element.inherited_lang:
            yield f"the {keys[0]} text", element.where
            break
    for number, annot in doc.annotations():
        parent = doc.structure.objrs.get(annot.objgen)
        described = annot.get("/Contents") is not None or annot.get("/TU") is not None
        if described and not (parent and parent.inherited_lang) and "/Lang" not in annot:
            yield "an annotation's description", f"page {number}"
            break
    if "/First" in (dictionary(doc.root.get("/Outlines")) or {}):
        yield "the bookmarks", None
    if default_only_alternatives(doc):
        yield "the metadata title or description (x-default only)", None


XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"


def default_only_alternatives(doc: PdfDocument) -> bool:
    """Whether an XMP language alternative (dc:title, dc:description) gives only x-default."""
    tree = xmp_tree(doc)
    for alt in tree.iter(f"{RDF}Alt") if tree is not None else ():
        langs = {li.get(XML_LANG) for li in alt.iter(f"{RDF}li")}
        if langs == {"x-default"}:
            return True
    return False


def metadata_bytes(doc: PdfDocument) -> bytes:
    stream = doc.root.get("/Metadata")
    try:
        return stream.read_bytes() if isinstance(stream, pikepdf.Stream) else b""
    except pikepdf.PdfError:
        return b""


PDFUA_NS = "http://www.aiim.org/pdfua/ns/id/"
HEADER = re.compile(rb"%PDF-1\.[0-7]")


@rule("PDF004", "missing-pdfua-identifier", Severity.ERROR,
      "PDFs must carry XMP metadata that identifies them as PDF/UA-1",
      fix="Rebuild with `{build}`; the pipeline writes PDF/UA-1 metadata",
      fix_file="Save as PDF/UA-1 (adds XMP metadata with pdfuaid:part 1) in the authoring or remediation tool",
      refs=("ISO 14289-1 5", "ISO 14289-1 6.1", "ISO 14289-1 7.1", "veraPDF 5-1", "veraPDF 5-2", "veraPDF 5-3",
            "veraPDF 5-4", "veraPDF 5-5", "veraPDF 6.1-1", "veraPDF 7.1-8", "Matterhorn 06-001", "Matterhorn 06-002"))
@safely
def missing_pdfua_identifier(doc: PdfDocument):
    """## What it does
    Checks that the file header says PDF 1.n, that the catalog has an XMP metadata
    stream, that it says `pdfuaid:part` 1, and that the PDF/UA identification
    properties use the `pdfuaid` prefix.

    ## Why is this bad?
    Assistive technology and checkers trust the tagging of a file that claims PDF/UA;
    without the claim they may fall back to guessing the reading order.

    ## Example
    Every PDF the pipeline builds has it; a PDF exported as plain PDF fails.
    """
    if not HEADER.fullmatch(doc.header):
        yield Hit(f"the file header is `{doc.header.decode('latin-1')}`, not %PDF-1.n (PDF/UA-1 is based on PDF 1.7)")
    data = metadata_bytes(doc)
    if not data:
        yield Hit("the document catalog has no XMP metadata stream")
        return
    try:
        tree = parse_xml(data, "XMP metadata")
    except Unreadable as exc:
        yield Hit(f"the XMP metadata cannot be read: {exc}")
        return
    parts = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        found = [(etree.QName(element).localname, element.prefix, (element.text or "").strip())] \
            if etree.QName(element).namespace == PDFUA_NS else []
        prefixes = {uri: prefix for prefix, uri in element.nsmap.items()}
        found += [(etree.QName(name).localname, prefixes.get(PDFUA_NS), value.strip())
                  for name, value in element.attrib.items() if etree.QName(name).namespace == PDFUA_NS]
        for local, prefix, value in found:
            if local in ("part", "amd", "corr") and prefix != "pdfuaid":
                yield Hit(f"PDF/UA property `{local}` uses the prefix `{prefix}`, not `pdfuaid`")
            if local == "part":
                parts.append(value)
    if not parts:
        yield Hit("the XMP metadata has no PDF/UA identifier (pdfuaid:part)")
    elif parts[0] != "1":
        yield Hit(f"the XMP metadata says pdfuaid:part is `{parts[0]}`, not 1")


@INVALID_LANGUAGE_TAG.rule("PDF", fix_file="Correct the language (/Lang) to a BCP 47 tag such as en-GB",
                          summary="Language tags must follow the PDF grammar (RFC 3066, as ISO 32000-1 14.9.2 "
                                  "defines it), and should name a known language",
                          refs=("ISO 14289-1 7.2", "ISO 32000-1 14.9.2", "RFC 3066", "veraPDF 7.2-29",
                                "Matterhorn 11-006"))
@safely
def invalid_language_tag(doc: PdfDocument):
    """## What it does
    Checks every `/Lang` (document, structure elements, marked content) against the
    grammar PDF itself gives: ISO 32000-1 14.9.2 defines a language identifier by
    RFC 3066, a primary subtag of 1 to 8 letters, then subtags of 1 to 8 letters or
    digits. A tag outside it (`en_GB`, `1en`, `portugues`, an empty `/Lang`) fails
    PDF/UA-1 and is an error. A tag inside it that BCP 47 would not accept as naming a
    language (`p`, `portugue`: no registered language subtag has 1 or 4 to 8 letters)
    conforms, so it is only a warning. HTML, EPUB and Word ask for a valid BCP 47 tag
    instead, and their rules hold them to it.

    ## Why is this bad?
    A screen reader cannot pick a voice for a language it cannot recognise, and
    reads the text with the wrong pronunciation: a tag that breaks the grammar is
    unusable, one that names no language leaves the reader's own default voice.

    ## Example
    ```markdown
    ---
    lang: english
    ---
    ```
    uses a language name, not a tag (`en`): the PDF conforms, but no reader knows it.
    """
    tags = [Labelled(text(doc.root.get("/Lang")) or "", None, "the document's language")] if "/Lang" in doc.root else []
    tags += [Labelled(element.lang, element.where, f"the {element.type}'s language")
             for element in doc.structure.elements if element.lang is not None]
    tags += [Labelled(lang, f"page {page.number}", "the language of marked text")
             for page in doc.content for lang in dict.fromkeys(page.mc_langs)]
    yield from INVALID_LANGUAGE_TAG.check(tags, empty_allowed=False, valid=is_pdf_language_tag)
    for tag in tags:
        if is_pdf_language_tag(tag.label) and not is_language_tag(tag.label):
            yield Hit(f"{tag.what} `{tag.label}` names no known language, so a screen reader keeps its own "
                      f"voice: use a BCP 47 tag such as en-GB", tag.where, severity=Severity.WARNING)


@rule("PDF006", "restricted-document", Severity.ERROR,
      "Encrypted PDFs must let assistive technology extract their content",
      fix="Do not encrypt the PDF after the pipeline builds it",
      fix_file="Allow 'content accessibility' (permission bit 10) in the security settings, or remove encryption",
      refs=("ISO 14289-1 7.16", "veraPDF 7.16-1", "Matterhorn 26-001", "Matterhorn 26-002"))
@safely
def content_extraction_forbidden(doc: PdfDocument):
    """## What it does
    Checks that an encrypted file has a `/P` permissions entry with bit 10
    (extract content for accessibility) set.

    ## Why is this bad?
    Screen readers read a PDF by extracting its text; a file that forbids it is silent.

    ## Example
    A PDF saved with 'restrict copying' in older tools often fails.
    """
    if not doc.pdf.is_encrypted:
        return
    encrypt = doc.pdf.trailer.get("/Encrypt")
    p = encrypt.get("/P") if isinstance(encrypt, pikepdf.Dictionary) else None
    if not isinstance(p, int):
        yield Hit("the encryption settings have no permissions entry (P)")
    elif not p & 512:
        yield Hit("the encryption settings forbid extracting content for accessibility (bit 10 of P is off)")


@rule("PDF007", "unnamed-optional-content", Severity.ERROR,
      "Optional content configurations must have names and no automatic state",
      fix="Rebuild with `{build}`; the pipeline writes no optional content",
      fix_file="Name every layer configuration (optional content /Name) and remove its /AS entry",
      refs=("ISO 14289-1 7.10", "veraPDF 7.10-1", "veraPDF 7.10-2", "Matterhorn 20-001", "Matterhorn 20-002",
            "Matterhorn 20-003"))
@safely
def unnamed_optional_content(doc: PdfDocument):
    """## What it does
    Checks each optional content (layer) configuration: it has a non-empty `/Name`
    and no `/AS` (automatic state) entry.

    ## Why is this bad?
    A viewer lists layer configurations by name so a reader can choose one; `AS`
    switches layers behind the reader's back.

    ## Example
    A map exported with unnamed layer sets fails.
    """
    props = doc.root.get("/OCProperties")
    if not isinstance(props, pikepdf.Dictionary):
        return
    configs = [props.get("/D")] + list(props.get("/Configs") or ())
    for number, config in enumerate(configs):
        if not isinstance(config, pikepdf.Dictionary):
            continue
        which = "the default layer configuration" if number == 0 else f"layer configuration {number}"
        if not text(config.get("/Name")):
            yield Hit(f"{which} has no name")
        if "/AS" in config:
            yield Hit(f"{which} sets layers automatically (AS)")


@rule("PDF008", "embedded-file-without-name", Severity.ERROR, "Embedded files must have file names (F and UF)",
      fix="Rebuild with `{build}`; the pipeline embeds no files",
      fix_file="Re-attach the file so that its file specification has both F and UF names",
      refs=("ISO 14289-1 7.11", "veraPDF 7.11-1", "Matterhorn 21-001"))
@safely
def embedded_file_without_name(doc: PdfDocument):
    """## What it does
    Checks that each embedded file's specification has non-empty `/F` and `/UF`.

    ## Why is this bad?
    A screen reader names an attachment by its file name; without one the reader
    cannot tell attachments apart.

    ## Example
    A PDF with an attachment added by a script that wrote only `/F` fails.
    """
    for spec, location in file_specs(doc):
        missing = [k for k in ("F", "UF") if not text(spec.get("/" + k))]
        if missing:
            name = text(spec.get("/UF")) or text(spec.get("/F")) or "an embedded file"
            yield Hit(f"{name} has no {' or '.join(missing)} file name", location)


def file_specs(doc: PdfDocument):
    """Embedded file specifications: the EmbeddedFiles name tree and file attachment annotations."""
    names = doc.root.get("/Names")
    tree = names.get("/EmbeddedFiles") if isinstance(names, pikepdf.Dictionary) else None
    stack, seen = ([tree] if isinstance(tree, pikepdf.Dictionary) else []), set()
    while stack:
        node = stack.pop()
        if node.objgen in seen and node.is_indirect:
            continue
        seen.add(node.objgen)
        stack += [kid for kid in node.get("/Kids") or () if isinstance(kid, pikepdf.Dictionary)]
        pairs = list(node.get("/Names") or ())
        for spec in pairs[1::2]:
            if isinstance(spec, pikepdf.Dictionary) and "/EF" in spec:
                yield spec, None
    for number, annot in doc.annotations():
        spec = annot.get("/FS")
        if isinstance(spec, pikepdf.Dictionary) and "/EF" in spec:
            yield spec, f"page {number}"


DYNAMIC_XFA = re.compile(rb"<dynamicRender\b[^>]*>\s*required\s*<", re.IGNORECASE)


@rule("PDF009", "dynamic-xfa-form", Severity.ERROR, "PDFs must not use dynamic XFA forms",
      fix="Rebuild with `{build}`; the pipeline writes no forms",
      fix_file="Convert the XFA form to a static AcroForm in the form-design tool",
      refs=("ISO 14289-1 7.15", "veraPDF 7.15-1", "Matterhorn 25-001"))
@safely
def dynamic_xfa_form(doc: PdfDocument):
    """## What it does
    Checks the form's XFA configuration for `dynamicRender` set to `required`.

    ## Why is this bad?
    A dynamic XFA form has no tagged PDF content: most readers and all screen
    readers outside Adobe's show an empty page or a 'please wait' message.

    ## Example
    A form designed in LiveCycle and saved as a dynamic form fails.
    """
    form = doc.root.get("/AcroForm")
    xfa = form.get("/XFA") if isinstance(form, pikepdf.Dictionary) else None
    streams = [xfa] if isinstance(xfa, pikepdf.Stream) else [s for s in xfa or () if isinstance(s, pikepdf.Stream)]
    for stream in streams:
        try:
            data = stream.read_bytes()
        except pikepdf.PdfError:
            continue
        if DYNAMIC_XFA.search(data):
            yield Hit("the form is a dynamic XFA form (dynamicRender is required)")
            return


# What qpdf repairs quietly and readers handle too (veraPDF passes such files).
HARMLESS_REPAIRS = ("xref entry for the xref stream itself is missing",)


@rule("PDF902", "damaged-file", Severity.ERROR, "PDFs must be well formed, with a cross-reference table readers can follow",
      fix="Rebuild the edition with `{build}`",
      fix_file="Re-save the PDF from the authoring tool, or repair it with `qpdf in.pdf out.pdf`",
      refs=("ISO 32000-1 7.5.4", "ISO 14289-1 5", "veraPDF 6.1-1"))
def damaged_file(doc: PdfDocument):
    """## What it does
    Reports a PDF whose cross-reference table or objects had to be repaired before it
    could be read at all (not the slips every reader forgives, such as a missing
    entry for the cross-reference stream itself).

    ## Why is this bad?
    The linter repairs what it can and checks the result, but many readers and screen
    readers do not repair: they show a blank page, or nothing, or an error.

    ## Example
    A PDF cut short in a download or edited by hand so its object offsets no longer
    match fails; the same PDF re-saved passes.
    """
    repairs = [r for r in doc.repairs if not r.startswith(HARMLESS_REPAIRS)]
    details = [r for r in repairs if r != "file is damaged"]
    if repairs:
        yield Hit(f"the file is damaged and had to be repaired to be read ({'; '.join(details)[:160]})")


@rule("PDF903", "could-not-check-part", Severity.WARNING, "Every part of a PDF must be readable to be checked",
      fix="Rebuild the edition with `{build}`",
      fix_file="Open and re-save the PDF (or run it through `qpdf`) to repair damaged objects",
      refs=("ISO 32000-1 7.5", "ISO 14289-1 5"))
@safely
def could_not_check_part(doc: PdfDocument):
    """## What it does
    Reports parts of an otherwise readable PDF (a page's content, the structure tree,
    annotations, a font) that are too damaged for the other rules to check.

    ## Why is this bad?
    What the linter cannot read, assistive technology probably cannot either, and
    the other rules say nothing about it.

    ## Example
    A page whose content stream is cut short gives `could not check: ...`.
    """
    doc.structure, doc.content, doc.fonts, list(doc.annotations())  # noqa: B018 - walks that note problems
    for what, location in dict.fromkeys(doc.problems):
        yield Hit(f"could not check: {what}", location)
