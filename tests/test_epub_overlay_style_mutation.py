"""The Media Overlay rules (lint/smil.py) and the EPUB contrast rule's stylesheet gathering
(lint/epub_style.py) on small books made by hand, each case asserting the exact findings:
written where mutation testing (`make mutation`) showed a change going unseen. The overlays
read a made-up MP3 of silent frames whose length is known to the millisecond."""

from __future__ import annotations

import pytest

from publish.lint import Settings, lint_file, selector
from publish.lint.smil import seconds
from test_epub_rules_mutation import lint_book
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
    files[SMIL], files[MP3] = overlay(pars() if lines is None else lines), audio
    return files


def lint(tmp_path, code: str, files: dict, says: str = SAID) -> list[str]:
    """The findings of the rules `code` names on the book `files`, which should say `says`."""
    return lint_book(tmp_path, code, files, says)


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
    """An `audio` without src gives no audio, as a par without `audio` does (not the SMIL's folder)."""
    text = '<par id="p{}"><text src="../text/ch001.xhtml#s4"/>{}</par>'
    lines = [*pars(CLIPS[:3]), text.format(4, ""), text.format(5, '<audio clipBegin="0s" clipEnd="1s"/>'),
             text.format(6, '<audio src="../audio/02.mp3" clipEnd="1s"/>'),
             text.format(7, '<audio src="../audio/03.mp3" clipEnd="1s"/>')]
    assert lint(tmp_path, "EPUB502", book(lines)) == [
        "EPUB/overlays/ch001.smil:6: EPUB502 error: audio `(none)` is not given",
        "EPUB/overlays/ch001.smil:7: EPUB502 error: audio `(none)` is not given",
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
    lines = pars([*CLIPS[:2], ("s2", 0.4, 0.8), *CLIPS[2:], ("s9", 1.0, 1.1), ("s9", 1.1, 1.2),
                   '<par id="p8"><text src="../text/ch001.xhtml"/><audio src="../audio/01.mp3"/></par>'])
    assert lint(tmp_path, "EPUB501", book(lines)) == [
        "EPUB/overlays/ch001.smil:8: EPUB501 error: par points at `#s9`, which ch001.xhtml does not have",
        "EPUB/overlays/ch001.smil:9: EPUB501 error: par points at `#s9`, which ch001.xhtml does not have",
        "EPUB/overlays/ch001.smil:10: EPUB501 error: par points at no element of the text",
        "EPUB/overlays/ch001.smil: EPUB501 error: `#s2` is read by 2 pars",
    ]


def test_words_after_a_note_a_break_or_a_script_are_read_and_nested_targets_read_twice(tmp_path):
    """A comment's own words and a script are not read; the words after them are, like any others."""
    chapter = (CHAPTER.replace('<p><span id="s2">',
                               '<!-- a note for the editor -->Words after a note.\n<p><span id="s2">')
               .replace("</span></p>", "</span><br/>Words after a break.</p>\n"
                                       "<script>var x = 1;</script>Words after a script.")
               .replace("The end.</p>", 'The end. <span id="s5">Really.</span></p>'))
    lines = pars([*CLIPS, ("s5", 1.1, 1.2)])
    assert lint(tmp_path, "EPUB501", book(lines, chapter)) == [
        "EPUB/text/ch001.xhtml:7: EPUB501 error: “Words after a note.” is not read aloud",
        "EPUB/text/ch001.xhtml:8: EPUB501 error: “Words after a break.” is not read aloud",
        "EPUB/text/ch001.xhtml:9: EPUB501 error: “Words after a script.” is not read aloud",
        "EPUB/text/ch001.xhtml:10: EPUB501 error: “Really.” is read 2 times",
    ]


PALE = "{ color: #aaaaaa; }"  # 2.3:1 on white


def styled(head: str, paragraphs: str, sheets: dict | None = None) -> dict:
    """The fixtures' clean book with `head` (from line 4) after the chapter's title, a pale
    paragraph of each class in `paragraphs` in place of its last one, and stylesheets in EPUB/styles/."""
    body = "".join(f'<p class="{c}">{c.upper()}</p>' for c in paragraphs)
    files = MAKE.book([(CH, "<title>Chapter</title>", "<title>Chapter</title>\n" + head),
                       (CH, "<p>The end.</p>", body)])
    files.update({f"EPUB/styles/{name}": css for name, css in (sheets or {}).items()})
    return files


def pale(letter: str, where: str) -> str:
    return (f"EPUB420 error: text “{letter.upper()}” is #AAAAAA (from `.{letter}` ({where})) on #FFFFFF "
            "(from the reading system's default): contrast 2.3:1, needs 4.5:1")


def test_style_elements_for_the_screen_count_with_their_lines_in_the_file(tmp_path):
    head = ("<style>.a " + PALE + "</style>\n"
            '<style media="print">.b ' + PALE + "</style>\n"
            '<style media="">.c ' + PALE + "</style>\n"
            '<style media="all">.d ' + PALE + "</style>\n"
            '<style media="screen">\n\n.e ' + PALE + "\n</style>\n"
            "<style/>\n")
    where = "EPUB/text/ch001.xhtml"
    assert lint(tmp_path, "EPUB420", styled(head, "abcde")) == [
        f"{where}:21: {pale('a', f'{where}:4')}",
        f"{where}:21: {pale('c', f'{where}:6')}",
        f"{where}:21: {pale('d', f'{where}:7')}",
        f"{where}:21: {pale('e', f'{where}:10')}",
    ]


def test_linked_and_imported_stylesheets_for_the_screen_count_others_do_not(tmp_path):
    link = '<link rel="{}" href="../styles/{}.css"{}/>\n'
    head = ("<style>.a " + PALE + "</style>\n"
            + link.format("stylesheet", "screen", ' media="screen"') + link.format("stylesheet", "all", ' media="all"')
            + link.format("stylesheet", "empty", ' media=""') + link.format("stylesheet", "print", ' media="print"')
            + link.format("alternate stylesheet", "alternate", "") + link.format("icon", "icon", "")
            + link.format("stylesheet", "missing", "") + link.format("stylesheet", "damaged", "")
            + '<link rel="stylesheet"/>\n<link rel="stylesheet" href="https://example.org/remote.css"/>\n')
    sheets = {f"{name}.css": f".{letter} {PALE}"
              for name, letter in (("screen", "b"), ("all", "c"), ("empty", "d"), ("print", "e"), ("alternate", "f"),
                                   ("icon", "g"), ("imported", "i"))}
    sheets["damaged.css"] = ('/* not UTF-8: caf\xe9 */\n@import "imported.css#top";\n'
                             '@import "https://example.org/x.css";\n.h ' + PALE).encode("latin-1")
    where = "EPUB/text/ch001.xhtml:23"
    assert lint(tmp_path, "EPUB420", styled(head, "abcdefghi", sheets)) == [
        f"{where}: {pale('a', 'EPUB/text/ch001.xhtml:4')}",
        f"{where}: {pale('b', 'EPUB/styles/screen.css:1')}",
        f"{where}: {pale('c', 'EPUB/styles/all.css:1')}",
        f"{where}: {pale('d', 'EPUB/styles/empty.css:1')}",
        f"{where}: {pale('h', 'EPUB/styles/damaged.css:4')}",
        f"{where}: {pale('i', 'EPUB/styles/imported.css:1')}",
    ]


GHOST = ('  <item id="ghost" href="text/ghost.xhtml" media-type="application/xhtml+xml" media-overlay="mo2"/>\n'
         '  <item id="mo2" href="overlays/ghost.smil" media-type="application/smil+xml"/>\n')


def test_an_overlay_of_a_missing_document_and_pars_without_text(tmp_path):
    """A content document the book lacks comes first in the manifest: its overlay's pars point
    nowhere, and the next document is still checked."""
    files = book(pars(CLIPS[:3]))
    files[OPF] = files[OPF].replace('  <item id="ch001"', GHOST + '  <item id="ch001"', 1)
    files["EPUB/overlays/ghost.smil"] = overlay([
        '<par id="g1"><text src="../text/ghost.xhtml#g1"/><audio src="../audio/01.mp3"/></par>',
        '<par id="g2"><audio src="../audio/01.mp3"/></par>', '<par id="g3"><text/></par>'])
    assert lint(tmp_path, "EPUB501", files) == [
        "EPUB/overlays/ghost.smil:3: EPUB501 error: par points at `#g1`, which ghost.xhtml does not have",
        "EPUB/overlays/ghost.smil:4: EPUB501 error: par points at no element of the text",
        "EPUB/overlays/ghost.smil:5: EPUB501 error: par points at no element of the text",
        "EPUB/text/ch001.xhtml:8: EPUB501 error: “The end.” is not read aloud",
    ]


def test_overlays_the_package_cannot_read_leave_the_rest_of_the_book_checked(tmp_path):
    """A SMIL item without href, a SMIL file missing or not XML, a content item without href:
    EPUB903 and EPUB904 name them once, and the overlay rules check the overlays that can be read."""
    files = book(pars(CLIPS[:3]))
    files[OPF] = files[OPF].replace('  <item id="ch001"', (  # before the chapter: it is still checked
        '  <item id="mo2" media-type="application/smil+xml"/>\n'
        '  <item id="mo3" href="overlays/gone.smil" media-type="application/smil+xml"/>\n'
        '  <item id="mo4" href="overlays/broken.smil" media-type="application/smil+xml"/>\n'
        '  <item id="a" href="text/a.xhtml" media-type="application/xhtml+xml" media-overlay="mo2"/>\n'
        '  <item id="b" href="text/b.xhtml" media-type="application/xhtml+xml" media-overlay="mo3"/>\n'
        '  <item id="c" href="text/c.xhtml" media-type="application/xhtml+xml" media-overlay="mo4"/>\n'
        '  <item id="d" media-type="application/xhtml+xml" media-overlay="mo"/>\n  <item id="ch001"'), 1)
    files["EPUB/overlays/broken.smil"] = "<smil"
    assert sorted(lint(tmp_path, "EPUB501 EPUB903 EPUB904", files)) == sorted([  # the rules' order is the registry's
        "EPUB/text/ch001.xhtml:8: EPUB501 error: “The end.” is not read aloud",
        "EPUB/package.opf:22: EPUB904 error: manifest item `mo2` has no href, so names no file",
        "EPUB/package.opf:23: EPUB904 error: manifest item `EPUB/overlays/gone.smil` is missing from the EPUB",
        "EPUB/package.opf:25: EPUB904 error: manifest item `EPUB/text/a.xhtml` is missing from the EPUB",
        "EPUB/package.opf:26: EPUB904 error: manifest item `EPUB/text/b.xhtml` is missing from the EPUB",
        "EPUB/package.opf:27: EPUB904 error: manifest item `EPUB/text/c.xhtml` is missing from the EPUB",
        "EPUB/package.opf:28: EPUB904 error: manifest item `d` has no href, so names no file",
        "EPUB/overlays/gone.smil: EPUB903 error: could not check: ZIP has no member `EPUB/overlays/gone.smil`; "
        "reading systems will not show it either",
        "EPUB/overlays/broken.smil: EPUB903 error: could not check: EPUB/overlays/broken.smil is not well-formed "
        "XML (Couldn't find end of Start Tag smil line 1, line 1, column 6); reading systems will not show it either",
    ])


def test_a_content_document_without_body_has_only_its_pars_checked(tmp_path):
    chapter = CHAPTER[:CHAPTER.index("<body>")].replace("<title>", '<title id="s1">') + "</html>\n"
    assert lint(tmp_path, "EPUB501", book(pars(CLIPS[:2]), chapter)) == [
        "EPUB/overlays/ch001.smil:4: EPUB501 error: par points at `#s2`, which ch001.xhtml does not have",
    ]


def test_overlapping_clips_and_audio_left_unheard(tmp_path):
    lines = pars([CLIPS[0], ("s2", 0.3, 0.8), CLIPS[2]])
    assert lint(tmp_path, "EPUB503", book(lines)) == [
        "EPUB/overlays/ch001.smil:4: EPUB503 error: clip 0.300s–0.800s of EPUB/audio/01.mp3 overlaps the clip "
        "0.000s–0.400s",
        "EPUB/overlays/ch001.smil: EPUB503 error: clips of EPUB/audio/01.mp3 add up to 1.100s; the file lasts 1.200s",
    ]


def test_declared_durations_must_be_there_and_add_up(tmp_path):
    assert lint(tmp_path, "EPUB504", book(durations=("0:00:01.000", None))) == [
        "EPUB/package.opf:17: EPUB504 error: mo declares 0:00:01.000 (1.000s); its clips add up to 1.200s",
        "EPUB/package.opf: EPUB504 error: the book has no readable media:duration (without refines)",
    ]
    assert lint(tmp_path, "EPUB504", book(durations=("soon", "0:00:01.250"))) == [
        "EPUB/package.opf: EPUB504 error: mo has no readable media:duration",
        "EPUB/package.opf:18: EPUB504 error: the book declares 0:00:01.250 (1.250s); its overlays add up to 1.200s",
    ]


def test_the_text_highlighted_is_the_source_in_order(tmp_path):
    """The finding points at the words in the content document that the par highlights (it once
    joined the SMIL's name to the content document's line)."""
    lines = pars([CLIPS[0], CLIPS[2], CLIPS[1], CLIPS[3]])
    files = book(lines)
    assert lint(tmp_path, "EPUB411", files) == [
        f"{CH}:7: EPUB411 error: out of order: “Three four.” comes too early, after “…Start” (1 more difference)"]
    chapter = files[CH].decode("utf-8") if isinstance(files[CH], bytes) else files[CH]
    assert "Three four." in chapter.splitlines()[6]
    assert [line.split(": ", 1)[1] for line in lint(tmp_path, "EPUB411", book(), "Start One two. Three four.")] == [
        "EPUB411 error: added: “The end.” after “…Start One two. Three four.”"]
