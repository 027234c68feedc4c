"""The read-aloud EPUB: the EPUB edition's text, its audio, and EPUB 3 Media Overlays.

pandoc writes the EPUB from the marked AST (editions.epub, so the text, navigation
and accessibility metadata are the EPUB edition's); this module adds one SMIL document
per content document (one `par` per sentence, in document order), the MP3s, their
durations, the class that highlights the sentence being read, the pronunciation
lexicon as a W3C PLS file, and the metadata that says the book can be listened to.
Text pandoc adds from the front matter (the title page, a chapter title) is read too.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree

from publish import zipfiles
from publish.speech.normalise import for_speech, lexicon_pattern
from publish.speech.script import HEADING_PAUSE, Script, Utterance
from publish.speech.synth import Audio
from publish.xml import NS, qname, text_of

SMIL_NS = "http://www.w3.org/ns/SMIL"
PLS_NS = "http://www.w3.org/2005/01/pronunciation-lexicon"
ACTIVE_CLASS = "-epub-media-overlay-active"
HIGHLIGHT_CSS = f"""
/* Read aloud: the sentence being read, in the reader's own highlight colours where they have them */
.{ACTIVE_CLASS} {{ background-color: #fff1a8; color: #000; outline: 2px solid #000; }}
@media (forced-colors: active) {{ .{ACTIVE_CLASS} {{ background-color: Highlight; color: HighlightText; }} }}
"""
READING_BLOCKS = frozenset("h1 h2 h3 h4 h5 h6 p li dt dd th td caption figcaption pre".split())
SUMMARY = ("This read-aloud edition adds synchronised audio: {narrator} reads every sentence, "
           "and the sentence being read is highlighted.")
PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


@dataclass
class Book:
    """The pandoc EPUB, opened: members, the package document and the content documents in reading order."""

    members: dict[str, bytes]
    opf_name: str
    opf: object
    documents: list[tuple[str, object, object]]  # (member name, manifest item, parsed XHTML)

    @classmethod
    def open(cls, data: bytes) -> "Book":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            members = {name: package.read(name) for name in package.namelist()}
        opf_name = next(n for n in members if n.endswith(".opf"))
        opf = etree.fromstring(members[opf_name], PARSER)
        items = {i.get("id"): i for i in opf.iterfind("opf:manifest/opf:item", NS)}
        documents = []
        for ref in opf.iterfind("opf:spine/opf:itemref", NS):
            item = items[ref.get("idref")]
            if item.get("media-type") == "application/xhtml+xml" and "nav" not in (item.get("properties") or ""):
                name = posixpath.join(posixpath.dirname(opf_name), item.get("href"))
                documents.append((name, item, etree.fromstring(members[name], PARSER)))
        return cls(members, opf_name, opf, documents)

    def href(self, name: str) -> str:
        """A member's path relative to the package document."""
        return posixpath.relpath(name, posixpath.dirname(self.opf_name))


def language_of(element, default: str) -> str:
    for node in element.iterancestors():
        if node.get("lang"):
            return node.get("lang")
    return element.get("lang") or default


def read_furniture(book: Book, script: Script, lexicon: dict[str, str]) -> None:
    """Give the text pandoc adds (title page, chapter title) ids and utterances, each said just
    before the next sentence of the script in reading order, so nothing on the page goes unread."""
    where = {u.id: track for track in script.tracks for u in track.utterances}
    pattern = lexicon_pattern(lexicon)
    waiting: list[Utterance] = []
    last_track = script.tracks[-1]
    for _name, _item, root in book.documents:
        for element in root.find("xhtml:body", NS).iter(etree.Element):
            if element.get("id") in where:
                last_track = where[element.get("id")]
                if waiting:
                    index = next(i for i, u in enumerate(last_track.utterances) if u.id == element.get("id"))
                    last_track.utterances[index:index] = waiting
                    where.update((u.id, last_track) for u in waiting)
                    waiting = []
            elif local(element) in READING_BLOCKS and not any(
                    node.get("id") in where for node in (*element.iterancestors(), *element.iter())):
                text = " ".join(text_of(element).split())
                if re.search(r"\w", text):
                    element.set("id", element.get("id") or f"read-aloud-{len(where) + len(waiting)}")
                    said = escape(for_speech(text, language_of(element, script.lang), lexicon, pattern))
                    waiting.append(Utterance(element.get("id"), said, HEADING_PAUSE if local(element)[0] == "h" else 0))
    last_track.utterances += waiting


def local(element) -> str:
    return etree.QName(element).localname


def clock(ms: int) -> str:
    """A SMIL full clock value: 0:01:02.345."""
    seconds, ms = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{ms:03d}"


def smil(document_name: str, order: list[str], clips: dict, audio_names: list[str]) -> tuple[bytes, int]:
    """One overlay: a `par` per sentence in document order; and its length in ms."""
    folder = "EPUB/overlays"
    root = etree.Element(f"{{{SMIL_NS}}}smil", nsmap={None: SMIL_NS, "epub": NS["epub"]}, version="3.0")
    body = etree.SubElement(root, f"{{{SMIL_NS}}}body",
                            {qname("epub:textref"): posixpath.relpath(document_name, folder)})
    total = 0
    for number, ident in enumerate(order, 1):
        track, clip = clips[ident]
        par = etree.SubElement(body, f"{{{SMIL_NS}}}par", id=f"par-{number}")
        etree.SubElement(par, f"{{{SMIL_NS}}}text", src=f"{posixpath.relpath(document_name, folder)}#{ident}")
        etree.SubElement(par, f"{{{SMIL_NS}}}audio", src=posixpath.relpath(audio_names[track], folder),
                         clipBegin=f"{clip.begin / 1000:.3f}s", clipEnd=f"{clip.end / 1000:.3f}s")
        total += clip.end - clip.begin
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True), total


def pls(lexicon: dict[str, str], lang: str) -> bytes:
    """The front matter's `pronounce:` as a W3C Pronunciation Lexicon: each word and what to say."""
    root = etree.Element(f"{{{PLS_NS}}}lexicon", nsmap={None: PLS_NS}, version="1.0", alphabet="ipa")
    root.set(qname("xml:lang"), lang)
    for word, said in lexicon.items():
        lexeme = etree.SubElement(root, f"{{{PLS_NS}}}lexeme")
        etree.SubElement(lexeme, f"{{{PLS_NS}}}grapheme").text = word
        etree.SubElement(lexeme, f"{{{PLS_NS}}}alias").text = said
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


def add_item(book: Book, ident: str, name: str, media_type: str, data: bytes) -> None:
    manifest = book.opf.find("opf:manifest", NS)
    etree.SubElement(manifest, qname("opf:item"), id=ident, href=book.href(name), **{"media-type": media_type})
    book.members[name] = data


def add_meta(book: Book, prop: str, value: str, refines: str | None = None) -> None:
    metadata = book.opf.find("opf:metadata", NS)
    meta = etree.SubElement(metadata, qname("opf:meta"), property=prop, **({"refines": refines} if refines else {}))
    meta.text = value


def say_it_is_audible(book: Book, narrator: str) -> None:
    """Accessibility metadata: the book can be heard, alone or with its text, in sync."""
    metadata = book.opf.find("opf:metadata", NS)
    for meta in metadata.iterfind("opf:meta[@property='schema:accessibilitySummary']", NS):
        meta.text = f"{meta.text} {SUMMARY.format(narrator=narrator)}"
    for prop, value in (("schema:accessMode", "auditory"), ("schema:accessModeSufficient", "auditory"),
                        ("schema:accessibilityFeature", "synchronizedAudioText")):
        add_meta(book, prop, value)


def link_lexicon(root, href: str, lang: str) -> None:
    head = root.find("xhtml:head", NS)
    etree.SubElement(head, qname("xhtml:link"), rel="pronunciation", type="application/pls+xml",
                     hreflang=lang, href=href)


def assemble(book: Book, audio: list[Audio], mp3s: list[bytes], lexicon: dict[str, str], lang: str,
             timestamp: int, narrator: str) -> bytes:
    """The read-aloud EPUB from the opened pandoc EPUB, the spoken tracks and their tagged MP3s."""
    audio_names = [f"EPUB/audio/{number:02d}.mp3" for number in range(1, len(audio) + 1)]
    for number, (name, data) in enumerate(zip(audio_names, mp3s), 1):
        add_item(book, f"audio-{number:02d}", name, "audio/mpeg", data)
    clips = {clip.id: (track, clip) for track, a in enumerate(audio) for clip in a.clips}
    if lexicon:
        add_item(book, "pronunciation", "EPUB/pronunciation.pls", "application/pls+xml", pls(lexicon, lang))
    total = 0
    for number, (name, item, root) in enumerate(book.documents, 1):
        order = [e.get("id") for e in root.find("xhtml:body", NS).iter(etree.Element) if e.get("id") in clips]
        if lexicon:
            link_lexicon(root, posixpath.relpath("EPUB/pronunciation.pls", posixpath.dirname(name)), lang)
        book.members[name] = (b"<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE html>\n"
                              + etree.tostring(root, encoding="utf-8"))
        if not order:
            continue
        overlay, length = smil(name, order, clips, audio_names)
        ident = f"overlay-{number}"
        add_item(book, ident, f"EPUB/overlays/{posixpath.basename(name).rsplit('.', 1)[0]}.smil",
                 "application/smil+xml", overlay)
        item.set("media-overlay", ident)
        add_meta(book, "media:duration", clock(length), refines=f"#{ident}")
        total += length
    add_meta(book, "media:duration", clock(total))
    add_meta(book, "media:active-class", ACTIVE_CLASS)
    say_it_is_audible(book, narrator)
    for name in [n for n in book.members if n.endswith(".css")]:
        book.members[name] += HIGHLIGHT_CSS.encode("utf-8")
    book.members[book.opf_name] = etree.tostring(book.opf, xml_declaration=True, encoding="utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in book.members.items():
            target.writestr(name, data)
    return zipfiles.normalise(out.getvalue(), timestamp, stored_first="mimetype")
