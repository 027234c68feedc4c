"""The Media Overlay rules (lint/smil.py) and the EPUB contrast rule's stylesheet gathering
(lint/epub_style.py) on small books made by hand, each case asserting the exact findings:
written where mutation testing (`make mutation`) showed a change going unseen. The overlays
read a made-up MP3 of silent frames whose length is known to the millisecond."""

from __future__ import annotations

import pytest

from publish.lint import Settings, lint_file, selector
from publish.lint.compare import Expected
from publish.lint.smil import seconds
from test_lint_epub import epub, generator
from test_rules import render

MAKE = generator()
OPF, CH = MAKE.OPF_, MAKE.CH_
SMIL, MP3 = "EPUB/overlays/ch001.smil", "EPUB/audio/01.mp3"
FRAME = b"\xff\xfb\x94\x00" + bytes(380)  # MPEG-1 Layer III, 128 kbit/s, 48 kHz: 1152 samples, 0.024 s
CHAPTER = """<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">
<head><title>Chapter</title></head>
<body>
<main>
<h1 id="s1">Start</h1>
<p><span id="s2">One two.</span> <span id="s3">Three four.</span></p>
<p id="s4">The end.</p>
</main>
</body>
</html>
"""
PAR = '<par id="p{n}"><text src="../text/ch001.xhtml#{target}"/><audio src="../audio/01.mp3"{clip}/></par>'
CLIPS = (("s1", 0, 0.4), ("s2", 0.4, 0.8), ("s3", 0.8, 1.0), ("s4", 1.0, 1.2))  # a 1.2 s file: 50 frames
SAID = "Start One two. Three four. The end."


def clip(begin, end) -> str:
    return f' clipBegin="{begin}s" clipEnd="{end}s"'


def pars(clips=CLIPS) -> list[str]:
    """One par a line (line 3 onwards of the SMIL): (target, begin, end), or a ready-made par."""
    return [c if isinstance(c, str) else PAR.format(n=n, target=c[0], clip=clip(*c[1:]))
            for n, c in enumerate(clips, 1)]


def overlay(lines: list[str]) -> str:
    return ('<smil xmlns="http://www.w3.org/ns/SMIL" version="3.0">\n<body>\n'
            + "\n".join(lines) + "\n</body>\n</smil>\n")


def book(lines=None, chapter=CHAPTER, audio=FRAME * 50, durations=("0:00:01.200", "0:00:01.200")) -> dict:
    """The fixtures' clean book read aloud: its chapter, its overlay (SMIL `lines`), the MP3 and the
    declared durations (the overlay's, the book's; None leaves one out)."""
    own, whole = durations
    metas = "".join(f'<meta property="media:duration"{refines}>{value}</meta>\n'
                    for refines, value in ((' refines="#mo"', own), ("", whole)) if value is not None)
    files = MAKE.book([
        (OPF, 'href="text/ch001.xhtml"', 'href="text/ch001.xhtml" media-overlay="mo"'),
        (OPF, '  <item id="dot"', '  <item id="mo" href="overlays/ch001.smil" media-type="application/smil+xml"/>\n'
                                  '  <item id="a1" href="audio/01.mp3" media-type="audio/mpeg"/>\n  <item id="dot"'),
        (OPF, MAKE.CLOSE_META, metas + MAKE.CLOSE_META)])
    files[CH] = chapter
    files[SMIL] = overlay(pars() if lines is None else lines)
    if audio is not None:
        files[MP3] = audio
    return files


def lint(tmp_path, code: str, files: dict, says: str = SAID) -> list[str]:
    """The findings of rule `code` (a prefix selects several), rendered one a line."""
    settings = Settings(selector([code]), lambda fmt: Expected(says))
    checked = lint_file(epub(files, tmp_path / "book.epub"), settings)
    assert checked.readable
    return render(checked.findings).splitlines()


def test_the_clean_read_aloud_book_passes_every_overlay_rule(tmp_path):
    assert lint(tmp_path, "EPUB50", book()) + lint(tmp_path, "EPUB411", book()) == []


@pytest.mark.parametrize("value, expected", [
    ("1:02:03.5", 3723.5), ("02:03.5", 123.5), ("62.5s", 62.5), ("62.5", 62.5), ("500ms", 0.5), ("2min", 120),
    ("1h", 3600), (" 7s ", 7), ("", None), (None, None), ("7 s", None), ("1:02:3", None)])
def test_smil_clock_values_in_seconds(value, expected):
    assert seconds(value) == expected


def test_clips_that_cannot_be_played_are_named_with_their_par(tmp_path):
    lines = [*pars(CLIPS[:3]),  # a missing clipBegin is 0
             '<par id="p4"><text src="../text/ch001.xhtml#s4"/><audio src="../audio/01.mp3" clipEnd="1.2s"/></par>',
             PAR.format(n=5, target="s4", clip=' clipBegin="1.0s"'),
             PAR.format(n=6, target="s4", clip=clip(1.1, 1.1)),
             PAR.format(n=7, target="s4", clip=clip(1.1, 1.2015)),  # within the millisecond clock values round to
             PAR.format(n=8, target="s4", clip=clip(1.1, 1.202)),
             PAR.format(n=9, target="s4", clip=' clipBegin="1.0s" clipEnd="soon"')]
    assert lint(tmp_path, "EPUB502", book(lines)) == [
        "EPUB/overlays/ch001.smil:7: EPUB502 error: clipBegin or clipEnd is missing or not a SMIL clock value",
        "EPUB/overlays/ch001.smil:8: EPUB502 error: clip 1.100s–1.100s ends before it begins",
        "EPUB/overlays/ch001.smil:10: EPUB502 error: clip 1.100s–1.202s lies beyond the end of EPUB/audio/01.mp3 "
        "(1.200s)",
        "EPUB/overlays/ch001.smil:11: EPUB502 error: clipBegin or clipEnd is missing or not a SMIL clock value",
    ]


def test_pars_without_audio_or_with_audio_the_book_lacks_are_named(tmp_path):
    text = '<par id="p{}"><text src="../text/ch001.xhtml#s4"/>{}</par>'
    lines = [*pars(CLIPS[:3]), text.format(4, ""), text.format(5, '<audio clipBegin="0s" clipEnd="1s"/>'),
             text.format(6, '<audio src="../audio/02.mp3" clipEnd="1s"/>'),
             text.format(7, '<audio src="../audio/03.mp3" clipEnd="1s"/>')]
    assert lint(tmp_path, "EPUB502", book(lines)) == [
        "EPUB/overlays/ch001.smil:6: EPUB502 error: audio `(none)` is not given",
        "EPUB/overlays/ch001.smil:7: EPUB502 error: audio `EPUB/overlays` is not in the EPUB",
        "EPUB/overlays/ch001.smil:8: EPUB502 error: audio `EPUB/audio/02.mp3` is not in the EPUB",
        "EPUB/overlays/ch001.smil:9: EPUB502 error: audio `EPUB/audio/03.mp3` is not in the EPUB",
    ]


def test_audio_that_is_no_mp3_or_cannot_be_read_is_named(tmp_path):
    assert lint(tmp_path, "EPUB502", book(pars(CLIPS[:1]), audio=b"RIFF....WAVE")) == [
        "EPUB/overlays/ch001.smil:3: EPUB502 error: audio `EPUB/audio/01.mp3` cannot be measured as MP3 "
        "(no MP3 frame at byte 0)",
    ]
    path = epub(book(pars(CLIPS[:1])), tmp_path / "damaged.epub")
    data = path.read_bytes()
    at = data.index(FRAME * 50) + 100
    path.write_bytes(data[:at] + b"\x01" + data[at + 1:])  # the stored MP3 no longer matches its checksum
    assert render(lint_file(path, Settings(selector(["EPUB502"]))).findings).splitlines() == [
        "EPUB/overlays/ch001.smil:3: EPUB502 error: audio `EPUB/audio/01.mp3` ZIP member `EPUB/audio/01.mp3` "
        "cannot be read (Bad CRC-32 for file 'EPUB/audio/01.mp3')",
    ]


def test_pars_pointing_at_no_element_or_twice_at_one(tmp_path):
    chapter = CHAPTER.replace('<p id="s4">', '<hr id=""/><p id="s4">')
    lines = pars([*CLIPS[:2], ("s2", 0.4, 0.8), *CLIPS[2:], ("s9", 1.0, 1.1), ("s9", 1.1, 1.2),
                   '<par id="p8"><text src="../text/ch001.xhtml"/><audio src="../audio/01.mp3"/></par>'])
    assert lint(tmp_path, "EPUB501", book(lines, chapter)) == [
        "EPUB/overlays/ch001.smil:8: EPUB501 error: par points at `#s9`, which ch001.xhtml does not have",
        "EPUB/overlays/ch001.smil:9: EPUB501 error: par points at `#s9`, which ch001.xhtml does not have",
        "EPUB/overlays/ch001.smil:10: EPUB501 error: par points at `#`, which ch001.xhtml does not have",
        "EPUB/overlays/ch001.smil: EPUB501 error: `#s2` is read by 2 pars",
    ]


def test_words_after_a_note_a_break_or_a_script_are_read_and_nested_targets_read_twice(tmp_path):
    """A comment's own words and a script are not read; the words after them are, like any others."""
    chapter = CHAPTER.replace('<p><span id="s2">', '<!-- a note for the editor -->Words after a note.\n<p><span id="s2">'
                              ).replace("</span></p>", "</span><br/>Words after a break.</p>\n"
                                                       "<script>var x = 1;</script>Words after a script."
                                        ).replace("The end.</p>", 'The end. <span id="s5">Really.</span></p>')
    lines = pars([*CLIPS, ("s5", 1.1, 1.2)])
    assert lint(tmp_path, "EPUB501", book(lines, chapter)) == [
        "EPUB/text/ch001.xhtml:7: EPUB501 error: “Words after a note.” is not read aloud",
        "EPUB/text/ch001.xhtml:8: EPUB501 error: “Words after a break.” is not read aloud",
        "EPUB/text/ch001.xhtml:9: EPUB501 error: “Words after a script.” is not read aloud",
        "EPUB/text/ch001.xhtml:10: EPUB501 error: “Really.” is read 2 times",
    ]
