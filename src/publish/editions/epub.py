"""EPUB 3 for e-readers: pandoc's epub3 writer, then lxml adds what pandoc leaves out.

pandoc claims fixed accessibility metadata; here it is derived from what the document
contains, chapter titles replace file names, the landmarks list the table of contents
and the body, and the conformance claim stays only when the linter passes the book that makes it.
Formulas are MathML (pandoc's EPUB default is TeX source, which a reader would hear as code).
"""

from __future__ import annotations

import io
import posixpath
import uuid
import zipfile
from pathlib import Path

from lxml import etree

from publish import facts, lint, pandoc, report, zipfiles
from publish.editions.base import BuildContext, Edition, Layout
from publish.editions.web import NoteWords, note_words, notes_heading, page_markers, shape
from publish.expected import expected
from publish.lint.compare import Expected
from publish.xml import NS, qname, text_of

CSS = Path(__file__).parent.parent / "templates" / "epub.css"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


def accessibility_metadata(ast: dict, ctx: BuildContext) -> list[tuple[str, str]]:
    """schema.org accessibility properties that describe this document's real content."""
    found = facts.of(ast)
    informative_images = found.images - found.decorative_images
    modes = ["textual"] + (["visual"] if informative_images else [])
    sufficient = ["textual"] + (["textual,visual"] if informative_images else [])
    features = ["displayTransformability", "readingOrder", "tableOfContents", "unlocked"]
    if found.has("Header"):
        features.append("structuralNavigation")
    if informative_images:
        features.append("alternativeText")
    if found.has("Math"):
        features.append("MathML")
    if ctx.pages is not None and ctx.pages.turns:
        features += ["pageBreakMarkers", "pageNavigation"]
    animated = any(str(node["c"][2][0]).lower().endswith((".gif", ".apng")) for node in facts.walk(ast["blocks"])
                   if node["t"] == "Image")
    hazards = ["unknownFlashingHazard", "noSoundHazard", "noMotionSimulationHazard"] if animated else ["none"]
    summary = " ".join(str(ctx.meta.get("accessibility-summary", "")).split()) or default_summary(found)
    return ([("schema:accessMode", m) for m in modes]
            + [("schema:accessModeSufficient", s) for s in sufficient]
            + [("schema:accessibilityFeature", f) for f in sorted(features)]
            + [("schema:accessibilityHazard", h) for h in hazards]
            + [("schema:accessibilitySummary", summary)])


def default_summary(found: facts.Facts) -> str:
    informative, decorative = found.images_with_alt, found.decorative_images
    images = ([f"{report.plural(informative, 'informative image')} with "
               f"{'a text alternative' if informative == 1 else 'text alternatives'}"] if informative else []) + (
        [f"{report.plural(decorative, 'decorative image')} marked as such"] if decorative else [])
    return ("This publication has a table of contents, real headings and lists, and declares its language. "
            + (f"It has {' and '.join(images)}." if images else "It has no images."))


def set_metadata(opf, ast: dict, ctx: BuildContext, conforms: bool) -> None:
    metadata = opf.find("opf:metadata", NS)
    for meta in list(metadata.iterfind("opf:meta", NS)):
        prop = meta.get("property", "")
        if prop.startswith(("schema:access", "dcterms:conformsTo", "a11y:", "pageBreakSource")):
            metadata.remove(meta)
    pairs = accessibility_metadata(ast, ctx)
    if conforms:
        certifier = ctx.meta.get("publisher") or ", ".join(ctx.authors) or "publish"
        pairs += [("dcterms:conformsTo", CONFORMANCE), ("a11y:certifiedBy", str(certifier))]
    if ctx.pages is not None and ctx.pages.turns:
        pairs.append(("pageBreakSource", ctx.pages.edition))
    for prop, value in pairs:
        meta = etree.SubElement(metadata, qname("opf:meta"), property=prop)
        meta.text = value
    for keyword in ctx.keywords:
        subject = etree.SubElement(metadata, qname("dc:subject"))
        subject.text = keyword


def name_chapters(root, fallback: str) -> None:
    """Each content document's <title> is its first heading, not its file name."""
    title = root.find("xhtml:head/xhtml:title", NS)
    heading = next(iter(root.xpath("//xhtml:h1|//xhtml:h2|//xhtml:h3", namespaces=NS)), None)
    if title is not None:
        title.text = " ".join(text_of(heading).split()) if heading is not None else fallback


def show_date(root, date_text: str) -> None:
    """The title page says the date as readers say it (November 2019); dc:date keeps the ISO form."""
    for date in root.iterfind(".//xhtml:p[@class='date']", NS):
        date.text = date_text


def add_landmarks(nav_root, toc_href: str, body_href: str | None) -> None:
    landmarks = nav_root.find(".//xhtml:nav[@id='landmarks']/xhtml:ol", NS)
    if landmarks is None:
        return
    present = {a.get(qname("epub:type")) for a in landmarks.iter(qname("xhtml:a"))}
    for kind, href, label in (("toc", toc_href, "Table of contents"), ("bodymatter", body_href, "Start of content")):
        if href and kind not in present:
            item = etree.SubElement(landmarks, qname("xhtml:li"))
            link = etree.SubElement(item, qname("xhtml:a"), {"href": href, qname("epub:type"): kind})
            link.text = label


def drop_page_markers(nav_root) -> None:
    """pandoc copies each heading into the table of contents, a heading's page marker with it;
    the marker belongs in the text only."""
    for marker in nav_root.iterfind(".//xhtml:span[@epub:type='pagebreak']", NS):
        parent, previous = marker.getparent(), marker.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + (marker.tail or "")
        else:
            parent.text = (parent.text or "") + (marker.tail or "")
        parent.remove(marker)


def add_page_list(nav_root, nav_name: str, chapters: list[tuple[str, object]]) -> None:
    """The page list: a link to each page marker, in reading order, hidden like pandoc's landmarks
    (reading systems offer it as "go to page")."""
    breaks = [(name, marker) for name, root in chapters
              for marker in root.iterfind(".//xhtml:span[@epub:type='pagebreak']", NS)]
    toc = nav_root.find(".//xhtml:nav[@id='toc']", NS)
    if not breaks or toc is None:
        return
    nav = etree.Element(qname("xhtml:nav"), {qname("epub:type"): "page-list", "role": "doc-pagelist", "id": "page-list",
                                             "hidden": "hidden"})
    listed = etree.SubElement(nav, qname("xhtml:ol"))
    for name, marker in breaks:
        href = posixpath.relpath(name, posixpath.dirname(nav_name)) + "#" + marker.get("id")
        link = etree.SubElement(etree.SubElement(listed, qname("xhtml:li")), qname("xhtml:a"), href=href)
        link.text = marker.get("id").rsplit("-", 1)[-1]
    nav.tail = toc.tail
    toc.addnext(nav)


def add_main(root) -> None:
    """The body's content goes in one <main>, so readers and checkers find the main landmark."""
    body = root.find("xhtml:body", NS)
    if body is None or body.find("xhtml:main", NS) is not None:
        return
    main = etree.Element(qname("xhtml:main"))
    main.text, body.text = body.text, "\n"
    main.extend(list(body))
    body.append(main)
    main.tail = "\n"


def number_notes(chapters: list, words: NoteWords) -> None:
    """Notes are numbered through the book, in reading order, and each note shows its number as
    a link back to where it is referred to.

    pandoc's EPUB writer starts again from 1 in each chapter and writes the note itself with
    neither number nor link back, so a reader cannot tell which note is which.
    """
    number = 0
    for root in chapters:
        numbers = {}
        for ref in root.iterfind(".//xhtml:a[@role='doc-noteref']", NS):
            number += 1
            numbers[ref.get("href", "").lstrip("#")] = (number, ref.get("id"))
            ref.text = None
            for child in list(ref):
                ref.remove(child)
            etree.SubElement(ref, qname("xhtml:sup")).text = str(number)
        for note in root.iterfind(".//xhtml:aside[@role='doc-footnote']", NS):
            if note.get("id") not in numbers:
                continue
            note_number, ref_id = numbers[note.get("id")]
            first = note[0] if len(note) and note[0].tag == qname("xhtml:p") else None
            if first is None:
                first = etree.Element(qname("xhtml:p"))
                note.insert(0, first)
            back = etree.Element(qname("xhtml:a"), {"href": f"#{ref_id}", "class": "footnote-back",
                                                    "role": "doc-backlink", "aria-label": words.back_to(note_number)})
            in_language(back, words)
            back.text, back.tail, first.text = str(note_number), ". " + (first.text or ""), None
            first.insert(0, back)
        head_notes(root, words)


def in_language(element, words: NoteWords) -> None:
    """Words not in the document's language say which language they are in."""
    if words.lang:
        element.set("lang", words.lang)
        element.set(qname("xml:lang"), words.lang)


def head_notes(root, words: NoteWords) -> None:
    """The chapter's notes section gets a heading, one level below the chapter's, instead of a rule."""
    section = next(iter(root.xpath("//xhtml:section[@epub:type='footnotes']", namespaces=NS)), None)
    if section is None:
        return
    top = next(iter(root.xpath("|".join(f"//xhtml:h{n}" for n in range(1, 6)), namespaces=NS)), None)
    level = int(top.tag[-1]) + 1 if top is not None else 2
    heading = etree.Element(qname(f"xhtml:h{level}"), id=f"{section.get('id') or 'footnotes'}-heading")
    heading.text = words.heading
    in_language(heading, words)
    rule = section.find("xhtml:hr", NS)
    if rule is not None:
        heading.tail = rule.tail
        section.replace(rule, heading)
    else:
        section.insert(0, heading)
    section.set("aria-labelledby", heading.get("id"))


def serialise(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", doctype=None)


def post_process(raw: bytes, ast: dict, ctx: BuildContext, conforms: bool) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(raw))
    members = {name: source.read(name) for name in source.namelist()}
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    opf_name = next(n for n in members if n.endswith(".opf"))
    opf = etree.fromstring(members[opf_name], parser)
    base = posixpath.dirname(opf_name)
    set_metadata(opf, ast, ctx, conforms)
    members[opf_name] = serialise(opf)
    items = {i.get("id"): i for i in opf.iterfind("opf:manifest/opf:item", NS)}
    spine = [items[r.get("idref")] for r in opf.iterfind("opf:spine/opf:itemref", NS)]
    body_href = next((i.get("href") for i in spine
                      if "title_page" not in i.get("href") and "nav" not in (i.get("properties") or "")), None)
    documents = {}
    for item in items.values():
        name = posixpath.join(base, item.get("href"))
        if item.get("media-type") != "application/xhtml+xml":
            continue
        root = documents[item.get("id")] = etree.fromstring(
            shape(members[name].decode("utf-8")).encode("utf-8"), parser)
        if "nav" in (item.get("properties") or "").split():
            drop_page_markers(root)
            add_landmarks(root, item.get("href") + "#toc", body_href)
        else:
            name_chapters(root, ctx.title)
            show_date(root, ctx.date_text)
        add_main(root)
    number_notes([documents[i.get("id")] for i in spine if i.get("id") in documents], note_words(ctx.source.lang))
    nav_item = next(i for i in items.values() if "nav" in (i.get("properties") or "").split())
    add_page_list(documents[nav_item.get("id")], nav_item.get("href"),
                  [(i.get("href"), documents[i.get("id")]) for i in spine if i.get("id") in documents])
    for item_id, root in documents.items():
        name = posixpath.join(base, items[item_id].get("href"))
        members[name] = b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n" + etree.tostring(root, encoding="utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in members.items():
            target.writestr(name, data)
    return zipfiles.normalise(out.getvalue(), ctx.timestamp, stored_first="mimetype")


def passes_lint(data: bytes, should_say: Expected) -> bool:
    """Whether the book, text included, passes the linter: only then may it claim conformance."""
    checked = lint.lint_bytes(data, "book.epub", lint.Settings(expected=lambda _fmt: should_say))
    return checked.readable and not any(f.severity is lint.Severity.ERROR for f in checked.findings)


def write(ast: dict, ctx: BuildContext) -> bytes:
    identifier = uuid.uuid5(uuid.NAMESPACE_URL, f"publish:{ctx.title}:{ctx.meta.get('date', '')}")
    options = ["--toc", "--mathml", "--css", str(CSS), "--metadata", f"identifier=urn:uuid:{identifier}", "-o", "-"]
    raw = pandoc.write(page_markers(ast, ctx, epub=True), "epub3", options, cwd=ctx.source.folder,
                       env={"SOURCE_DATE_EPOCH": str(ctx.timestamp)})
    claiming = post_process(raw, ast, ctx, conforms=True)
    should_say = expected(ctx, ast, LAYOUT, notes_heading(ctx))
    return claiming if passes_lint(claiming, should_say) else post_process(raw, ast, ctx, conforms=False)


LAYOUT = Layout(notes="chapter")  # each chapter's notes follow it; a note's number is its link back

EDITION = Edition(
    name="epub",
    label="E-book (EPUB 3)",
    suffix=".epub",
    pandoc_format="epub3",
    audience="e-readers and reading apps: an EPUB 3 with navigation and accessibility metadata",
    write=write,
    layout=LAYOUT,
    added_text=notes_heading,
    print_pages=True,
)
