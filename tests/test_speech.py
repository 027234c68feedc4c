"""The spoken edition: what is said, how it is timed, and the files it writes.

A short document (tests/fixtures/speech/short.md) is built once; EPUBCheck and Ace run
on the spoken editions of the letter and the sample in test_independent_checkers, and
the overlay rules on their own fixtures in test_rules.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from mutagen.id3 import ID3

from publish import filterkit, pipeline
from publish.errors import SourceError
from publish.lint import Settings, lint_file, selector
from publish.lint.smil import seconds
from publish.lint import mp3_frames
from publish.speech import mp3, script, synth
from publish.speech.engine import Engine
from publish.speech.normalise import for_speech, lexicon_pattern

SHORT = Path(__file__).parent / "fixtures" / "speech" / "short.md"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("speech")
    pipeline.build(SHORT, out, ["audio"])
    return out


@pytest.fixture(scope="module")
def spoken():
    ctx, ast = pipeline.parse(SHORT)
    return script.mark(filterkit.for_format(ast, "epub3"), ctx.lang, ctx.title, {"Srebrenica": "Sreb-ren-eetsa"})


def member(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as book:
        return book.read(name)


@pytest.mark.parametrize(("written", "said"), [
    ("the 2019 General Election", "the 20 19 General Election"),
    ("in 1905 and 2005", "in 19 oh 5 and 2005"),
    ("10,000 people, 3.5%", "10,000 people, 3.5%"),
    ("UK & ICC", "U K  and  I C C"),
    ("World War II and NATO", "World War II and NATO"),
    ("£20m for No. 5", "20 million pounds for number 5"),
])
def test_english_is_said_as_a_person_reads_it(written, said):
    assert for_speech(written, "en-GB", {}, None) == said


def test_lexicon_replaces_whole_words_in_any_language():
    lexicon = {"Srebrenica": "Sreb-ren-eetsa"}
    said = for_speech("Srebrenica, not Srebrenicas", "fr", lexicon, lexicon_pattern(lexicon))
    assert said == "Sreb-ren-eetsa, not Srebrenicas"


def test_sentences_split_at_ends_not_at_abbreviations(spoken):
    ast, _ = spoken
    first = ast["blocks"][0]["c"]
    texts = [script.plain(node["c"][1]) for node in first if node["t"] == "Span"]
    assert texts == ["In July 2019 the UK & the ICC remembered Srebrenica.", "Mr.\u00a0Smith spoke first."]  # pandoc keeps Mr. with the name


def test_script_announces_lists_and_tables_and_reads_notes_last(spoken):
    _, said = spoken
    lines = [u.ssml for track in said.tracks for u in track.utterances]
    assert [t.title for t in said.tracks] == ["A short read-aloud test", "What was asked"]
    assert lines[0] == "In July 20 19 the U K  and  the I C C remembered Sreb-ren-eetsa."
    assert lines[lines.index("A list of 3 items. 1. A national inquiry") + 1] == "2. A review of the unit"
    assert "A table of 1 rows and 2 columns. Reports by region" in lines
    assert "Region: North" in lines and "2023: 12" in lines
    assert 'A partner said <voice xml:lang="fr">bonjour</voice> to the group.' in lines
    assert lines[-1] == "Notes. Note 1. The note is read at the end."
    heading = next(u for u in said.tracks[1].utterances if u.ssml == "What was asked")
    assert heading.pause == script.HEADING_PAUSE


def test_struck_out_text_is_said_to_be_struck_out(tmp_path):
    source = tmp_path / "struck.md"
    source.write_text("---\ntitle: Struck\nlang: en-GB\n---\n\n## Rules\n\nHedges are cut ~~twice~~ once a year.\n",
                      encoding="utf-8")
    ctx, ast = pipeline.parse(source)
    _, said = script.mark(filterkit.for_format(ast, "epub3"), ctx.lang, ctx.title, {})
    lines = [u.ssml for track in said.tracks for u in track.utterances]
    assert "Hedges are cut struck out, twice, end struck out, once a year." in lines


def test_engine_uses_the_documents_voice():
    engine = Engine.shared()
    engine.set_language("en-GB")
    assert engine.language == "en-gb"
    with pytest.raises(ValueError):
        engine.set_language("qqq")


def test_mp3_duration_counts_frames_and_refuses_damage():
    engine = Engine.shared()
    pcm = engine.say("<speak>One short sentence.</speak>", "en-GB")
    data = mp3.encode(pcm, engine.sample_rate)
    found = mp3_frames.duration(data)
    assert found.sample_rate == engine.sample_rate and found.samples == found.frames * 576
    assert 0 <= found.samples - (len(pcm) // 2 + mp3.DELAY) < 2 * 576  # the delay, then at most the padding
    with pytest.raises(mp3_frames.NotMp3):
        mp3_frames.duration(data[:len(data) // 2] + b"\0" * 10)


def test_clock_values():
    assert [seconds(v) for v in ("0:01:02.500", "01:02.5", "62.5s", "500ms", "1.5min", "62", "soon")] == [
        62.5, 62.5, 62.5, 0.5, 90.0, 62.0, None]


def test_clips_fall_on_sentence_boundaries(built, spoken):
    """Each clip lasts as long as its sentence spoken alone, to within eSpeak's carry-over from the
    sentence before (up to about 50 ms; sentences differ by far more): the boundaries are the sentences'."""
    epub = built / "short-audio.epub"
    smil = etree.fromstring(member(epub, "EPUB/overlays/ch001.smil"))
    ns = {"s": "http://www.w3.org/ns/SMIL"}
    clips = {par.find("s:text", ns).get("src").split("#")[1]: par.find("s:audio", ns) for par in smil.iter(
        "{http://www.w3.org/ns/SMIL}par")}
    tracks = spoken[1].tracks
    # not a track's first clip (it also holds the encoder's delay; the title page comes before the
    # first) nor its last (it runs on to the end of the last MP3 frame)
    inside = tracks[0].utterances[:-1] + tracks[1].utterances[1:-1]
    assert len(inside) >= 5
    for utterance in inside:
        sample_rate, (alone,) = synth.speak([utterance], "en-GB")
        audio = clips[utterance.id]
        length = seconds(audio.get("clipEnd")) - seconds(audio.get("clipBegin"))
        assert abs(length - len(alone) / 2 / sample_rate) < 0.1, utterance.ssml


def test_same_source_same_audio(built, tmp_path):
    """eSpeak carries state between utterances; each track is spoken by a fresh engine, so a
    rebuild gives the same bytes."""
    pipeline.build(SHORT, tmp_path, ["audio"])
    assert (tmp_path / "short-audio.epub").read_bytes() == (built / "short-audio.epub").read_bytes()


def test_files_written(built):
    names = sorted(p.relative_to(built).as_posix() for p in built.rglob("*") if p.is_file())
    assert names == ["short-audio.epub", "short-audio/short-01.mp3", "short-audio/short-02.mp3",
                     "short-audio/short.m3u8"]
    tag = ID3(io.BytesIO((built / "short-audio/short-02.mp3").read_bytes()))
    assert (str(tag["TIT2"]), str(tag["TRCK"]), str(tag["TALB"])) == ("What was asked", "2/2",
                                                                     "A short read-aloud test")
    playlist = (built / "short-audio/short.m3u8").read_text(encoding="utf-8").splitlines()
    assert playlist[0] == "#EXTM3U" and playlist[-1] == "short-02.mp3"
    assert re.fullmatch(r"#EXTINF:\d+,What was asked", playlist[-2])


def test_read_aloud_epub_declares_audio_and_lexicon(built):
    epub = built / "short-audio.epub"
    opf = member(epub, "EPUB/content.opf").decode("utf-8")
    for needed in ('property="media:active-class">-epub-media-overlay-active<',
                   'property="schema:accessModeSufficient">auditory<',
                   'property="schema:accessibilityFeature">synchronizedAudioText<',
                   'media-type="application/pls+xml"', 'media-overlay="overlay-2"'):
        assert needed in opf
    assert b"<alias>Sreb-ren-eetsa</alias>" in member(epub, "EPUB/pronunciation.pls")
    assert b'rel="pronunciation"' in member(epub, "EPUB/text/ch001.xhtml")
    assert b".-epub-media-overlay-active" in member(epub, "EPUB/styles/stylesheet1.css")
    expected = pipeline.expected_text(SHORT)
    checked = lint_file(epub, Settings(selector(["EPUB"]), lambda _fmt: expected("audio")))
    findings, readable = checked.findings, checked.readable
    assert readable and findings == []


def test_pronounce_must_be_a_mapping(tmp_path):
    source = tmp_path / "bad.md"
    source.write_text(SHORT.read_text(encoding="utf-8").replace(
        '  Srebrenica: "Sreb-ren-eetsa"\n', "").replace("pronounce:", "pronounce: Srebrenica"), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        pipeline.build(source, tmp_path / "out", ["audio"])
    assert str(raised.value).startswith(f"{source}:6: `pronounce:` must map each word")
