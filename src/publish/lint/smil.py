"""Media Overlay rules: a read-aloud EPUB reads every sentence once, from audio that is there.

They check what a listener relies on and EPUBCheck does not: each sentence has one
`par`; each clip lies inside its audio file's real length (MP3 measured by counting its
frames, publish.lint.mp3_frames); a file's clips neither overlap nor leave it partly unheard;
the declared durations add up; and the text read, SMIL text targets in order, is the
source's text (publish.lint.compare). An EPUB without overlays passes them all.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote, urldefrag

from publish.lint import mp3_frames as mp3
from publish.lint.compare import Expected, compare, words
from publish.lint.epub_package import EpubDocument, Part
from publish.lint.reading_order import NAVIGATION, SKIPPED_HTML, html_chunks, local
from publish.lint.rule import Hit, Severity, capped, rule
from publish.lint.safe import Unreadable
from publish.xml import NS

SMIL = "{http://www.w3.org/ns/SMIL}"
TOLERANCE = 0.05  # seconds: the clips of a file sum to its duration within this
ROUNDING = 0.0015  # seconds: clock values are written to the millisecond
UNITS = {"h": 3600, "min": 60, "s": 1, "ms": 0.001}
CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2}(?:\.\d+)?)$")
TIMECOUNT = re.compile(r"^(\d+(?:\.\d+)?)(h|min|s|ms)?$")
REBUILD = "Rebuild the spoken edition with `{build}`; if it still fails, report the build as a bug"
REFS = ("EPUB Media Overlays 3.3", "EPUB Accessibility 1.1 §4 (synchronizedAudioText)")


@dataclass(frozen=True)
class Par:
    smil: str  # the SMIL document's path in the EPUB
    line: int | None
    document: str  # the content document the text points into
    fragment: str
    audio: str
    begin: float | None  # seconds; None when the clock value cannot be read
    end: float | None

    @property
    def where(self) -> str:
        return f"{self.smil}:{self.line}" if self.line else self.smil


@dataclass(frozen=True)
class Overlay:
    item_id: str
    name: str
    part: Part | None
    pars: list[Par]


def seconds(value: str | None) -> float | None:
    """A SMIL clock value in seconds: `0:01:02.5`, `01:02.5`, `62.5s`, `500ms`, `62.5`."""
    value = (value or "").strip()
    if match := CLOCK.match(value):
        hours, minutes, secs = match.groups()
        return int(hours or 0) * 3600 + int(minutes) * 60 + float(secs)
    if match := TIMECOUNT.match(value):
        return float(match.group(1)) * UNITS[match.group(2) or "s"]
    return None


def overlays(epub: EpubDocument) -> list[Overlay]:
    """Each content document's overlay and its pars, in the SMIL's order."""
    base = posixpath.dirname(epub.opf_path)
    items = {i.get("id"): i for i in epub.opf.iterfind("opf:manifest/opf:item", NS)}
    found = []
    for item in items.values():
        smil_item = items.get(item.get("media-overlay") or "")
        if smil_item is None or not item.get("href"):  # an item without href names no file: EPUB904
            continue
        document = posixpath.normpath(posixpath.join(base, unquote(item.get("href"))))
        name = posixpath.normpath(posixpath.join(base, unquote(smil_item.get("href", ""))))
        root = epub.overlays.get(name)
        if root is None:  # the package model could not read it: EPUB903 or EPUB904 says why
            continue
        pars = []
        for par in root.iter(f"{SMIL}par"):
            text, audio = par.find(f"{SMIL}text"), par.find(f"{SMIL}audio")
            target, fragment = urldefrag(text.get("src", "") if text is not None else "")
            pars.append(Par(name, par.sourceline, posixpath.normpath(posixpath.join(posixpath.dirname(name),
                                                                                     unquote(target))),
                            unquote(fragment),
                            posixpath.normpath(posixpath.join(posixpath.dirname(name), unquote(audio.get("src"))))
                            if audio is not None and audio.get("src") else "",
                            seconds(audio.get("clipBegin", "0")) if audio is not None else None,
                            seconds(audio.get("clipEnd")) if audio is not None else None))
        found.append(Overlay(smil_item.get("id"), name, epub.parts.get(document), pars))
    return found


def durations(epub: EpubDocument, pars: list[Par]) -> dict[str, float | str]:
    """Each audio file's real length in seconds, or why it cannot be known (a par without audio has
    none: EPUB502 says so)."""
    known: dict[str, float | str] = {}
    for name in {p.audio for p in pars if p.audio}:
        if name not in epub.zip:
            known[name] = "is not in the EPUB"
            continue
        try:
            known[name] = mp3.duration(epub.zip.read(name)).seconds
        except mp3.NotMp3 as exc:
            known[name] = f"cannot be measured as MP3 ({exc})"
        except Unreadable as exc:
            known[name] = str(exc)
    return known


def all_pars(epub: EpubDocument) -> list[Par]:
    return [p for overlay in overlays(epub) for p in overlay.pars]


def targets(overlay: Overlay) -> dict[str, object]:
    ids = {}
    if overlay.part is not None:
        ids = {e.get("id"): e for e in overlay.part.root.iter() if isinstance(e.tag, str) and e.get("id")}
    return ids


@rule("EPUB501", "sentence-not-read-once", Severity.ERROR,
      "Every sentence of a read-aloud book must be read by exactly one par",
      fix=REBUILD,
      fix_file="Give every sentence element one <par> in the content document's SMIL, pointing at an id that exists",
      refs=REFS)
def sentence_not_read_once(epub: EpubDocument):
    """## What it does
    For each content document with a media overlay, checks that every SMIL `text`
    points at an element that exists, that no element is pointed at twice, and that
    every word of the document's body lies inside exactly one element a `par` points at
    (none: the listener never hears it; two: it is read twice).

    ## Why is this bad?
    A listener follows the book by ear. A sentence without a `par` is skipped in
    silence; a sentence in two is read twice and the highlight jumps back.

    ## Example
    A content document with `<span id="s4">` that its SMIL never names gives
    `EPUB/text/ch001.xhtml: “Dear party leaders” is not read aloud`.
    """
    yield from capped(_read_once(epub))


def _read_once(epub: EpubDocument):
    for overlay in overlays(epub):
        ids = targets(overlay)
        counts = Counter(p.fragment for p in overlay.pars)
        for par in overlay.pars:
            if not par.fragment:
                yield Hit("par points at no element of the text", par.where)
            elif par.fragment not in ids:
                yield Hit(f"par points at `#{par.fragment}`, which {posixpath.basename(par.document)} does not have",
                          par.where)
        for fragment, count in counts.items():
            if count > 1 and fragment in ids:
                yield Hit(f"`#{fragment}` is read by {count} pars", overlay.name)
        if overlay.part is None:
            continue
        read = {id(ids[f]) for f in counts if f in ids}
        body = overlay.part.root.find("xhtml:body", NS)
        for element in body.iter() if body is not None else ():
            ancestors = list(element.iterancestors())
            own = element.text if isinstance(element.tag, str) else None  # a comment's words are not read
            for text, chain in ((own, [element, *ancestors]), (element.tail, ancestors)):
                spoken = words([(text or "", None)])
                if not spoken or any(local(e.tag) in SKIPPED_HTML or e.get("role") in NAVIGATION for e in chain):
                    continue
                times = sum(id(e) in read for e in chain)
                if times != 1:
                    said = " ".join(w.text for w in spoken[:8])
                    yield Hit(f"“{said}” is {'not read aloud' if not times else f'read {times} times'}",
                              overlay.part.at(element))


@rule("EPUB502", "clip-outside-audio", Severity.ERROR,
      "Every clip of a read-aloud book must lie inside its audio file",
      fix=REBUILD,
      fix_file="Point each <audio> at a file in the EPUB, with clipBegin before clipEnd and clipEnd within the "
               "file's length",
      refs=REFS)
def clip_outside_audio(epub: EpubDocument):
    """## What it does
    Checks each `par`'s audio clip: the file is in the EPUB and can be measured (MP3:
    its frames are counted, which is its decoded length), the clip times can be read,
    begin before end, and the end within the file's real length.

    ## Why is this bad?
    A clip past the end of its file plays nothing or the wrong sentence; a reading
    system may stop reading aloud there.

    ## Example
    `<audio src="../audio/01.mp3" clipBegin="35.0s" clipEnd="36.2s"/>` for a 35-second
    file gives `clip 35.000s–36.200s lies beyond the end of EPUB/audio/01.mp3 (35.010s)`.
    """
    pars = all_pars(epub)
    known = durations(epub, pars)
    yield from capped(_outside(pars, known))


def _outside(pars: list[Par], known: dict):
    for par in pars:
        length = known.get(par.audio)
        if not par.audio or isinstance(length, str):
            yield Hit(f"audio `{par.audio or '(none)'}` {length or 'is not given'}", par.where)
        elif par.begin is None or par.end is None:
            yield Hit("clipBegin or clipEnd is missing or not a SMIL clock value", par.where)
        elif not par.begin < par.end:
            yield Hit(f"clip {par.begin:.3f}s–{par.end:.3f}s ends before it begins", par.where)
        elif par.end > length + ROUNDING:
            yield Hit(f"clip {par.begin:.3f}s–{par.end:.3f}s lies beyond the end of {par.audio} ({length:.3f}s)",
                      par.where)


@rule("EPUB503", "clips-do-not-cover-audio", Severity.ERROR,
      "The clips of each audio file must not overlap and must add up to the file",
      fix=REBUILD,
      fix_file="Make each file's clips follow one another without overlapping, covering the file to within 50 ms",
      refs=REFS)
def clips_do_not_cover_audio(epub: EpubDocument):
    """## What it does
    For each audio file the overlays use, sorts its clips by start and checks that no
    clip starts before the one before it ends, and that their lengths add up to the
    file's real length within 50 ms.

    ## Why is this bad?
    Overlapping clips read part of a sentence twice; a shortfall is audio nobody hears
    in the read-aloud book, most often a sentence whose text lost its `par`.

    ## Example
    Clips of `01.mp3` that add up to 30.2 s in a 35.0 s file give
    `clips of EPUB/audio/01.mp3 add up to 30.200s; the file lasts 35.000s`.
    """
    pars = [p for p in all_pars(epub) if p.begin is not None and p.end is not None]
    known = durations(epub, pars)
    by_file: dict[str, list[Par]] = {}
    for par in pars:
        by_file.setdefault(par.audio, []).append(par)
    for name, clips in by_file.items():
        clips.sort(key=lambda p: (p.begin, p.end))
        for before, after in zip(clips, clips[1:]):
            if after.begin < before.end - ROUNDING:
                yield Hit(f"clip {after.begin:.3f}s–{after.end:.3f}s of {name} overlaps the clip "
                          f"{before.begin:.3f}s–{before.end:.3f}s", after.where)
        total = sum(p.end - p.begin for p in clips)
        length = known.get(name)
        if isinstance(length, float) and abs(total - length) > TOLERANCE:
            yield Hit(f"clips of {name} add up to {total:.3f}s; the file lasts {length:.3f}s", clips[0].smil)


@rule("EPUB504", "overlay-duration-mismatch", Severity.ERROR,
      "Each overlay's declared duration, and the book's, must be the length of its clips",
      fix=REBUILD,
      fix_file="Set <meta property=\"media:duration\" refines=\"#overlay\"> to the sum of the overlay's clips, "
               "and the unrefined media:duration to the sum of them all",
      refs=("EPUB Media Overlays 3.3 §9.3.2 (media:duration)", "EPUBCheck MED-016"))
def overlay_duration_mismatch(epub: EpubDocument):
    """## What it does
    Checks that each overlay has a `media:duration` that equals the sum of its clips,
    and that the book's `media:duration` (without `refines`) equals the sum of the
    overlays', each within 50 ms.

    ## Why is this bad?
    Reading systems show the time left and move through the book by these durations;
    wrong ones make the progress shown to a listener wrong.

    ## Example
    An overlay with clips adding up to 2:16.08 declared as `0:02:00.000` gives
    `overlay-2 declares 0:02:00.000 (120.000s); its clips add up to 136.080s`.
    """
    found = overlays(epub)
    if not found:
        return
    declared = {m.get("refines", "").lstrip("#"): (m, seconds(m.text)) for m in epub.metas("media:duration")}
    total = 0.0
    for overlay in found:
        length = sum(p.end - p.begin for p in overlay.pars if p.begin is not None and p.end is not None)
        total += length
        meta, value = declared.get(overlay.item_id, (None, None))
        if meta is None or value is None:
            yield Hit(f"{overlay.item_id} has no readable media:duration", epub.opf_path)
        elif abs(value - length) > TOLERANCE:
            yield Hit(f"{overlay.item_id} declares {meta.text} ({value:.3f}s); its clips add up to {length:.3f}s",
                      epub.opf_at(meta))
    meta, value = declared.get("", (None, None))
    if meta is None or value is None:
        yield Hit("the book has no readable media:duration (without refines)", epub.opf_path)
    elif abs(value - total) > TOLERANCE:
        yield Hit(f"the book declares {meta.text} ({value:.3f}s); its overlays add up to {total:.3f}s",
                  epub.opf_at(meta))


@rule("EPUB411", "spoken-text-differs-from-source", Severity.ERROR,
      "The text a read-aloud book highlights as it reads must be the source's text, in order",
      fix="Rebuild the spoken edition with `{build}`; if it still differs, the build lost or moved text: tell the "
          "publish maintainers, with {source}",
      fix_file="Point the pars, in order, at every sentence of the text",
      refs=REFS + ("WCAG 2.2 SC 1.3.2",), needs_expected=True)
def spoken_text_differs_from_source(epub: EpubDocument, should_say: Expected):
    """## What it does
    Takes the elements the SMIL `text` targets point at, overlay by overlay in reading
    order and par by par, and compares their words with the Markdown source as the
    `*410` rules do: what the read-aloud book highlights while it reads is what the
    source says, nothing lost, repeated or out of order. The title page may add the
    front matter's title, author and date.

    ## Why is this bad?
    A listener who follows the highlight, or who only listens, meets the text in the
    order of the pars: a par left out drops a sentence, two pars in the wrong order
    read the sentences in the wrong order.

    ## Example
    Swapping the first two pars of a chapter gives `out of order: “We write as
    members…” comes too early, after “…Dear party leaders”`.
    """
    found = overlays(epub)
    if not found:
        return
    spine = {name: index for index, name in enumerate(epub.spine)}
    chunks = []
    for overlay in sorted(found, key=lambda o: spine.get(o.part.name if o.part else "", len(spine))):
        ids = targets(overlay)
        for par in overlay.pars:  # the text each par highlights, placed in its own document
            if par.fragment in ids:
                chunks += html_chunks(ids[par.fragment], overlay.part.name) + [(" ", overlay.part.name)]
    if should_say.problem:
        yield Hit(should_say.problem)
        return
    difference = compare(should_say, words(chunks))
    if difference is not None:
        yield Hit(*difference)
