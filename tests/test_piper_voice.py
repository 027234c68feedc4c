"""`publish build --voice MODEL.onnx`: a local Piper voice read through the real piper-tts code.

No real voice can be downloaded here, so each test builds a tiny one: an ONNX graph with
a Piper voice's inputs (input, input_lengths, scales) whose output is a 220 Hz tone of
256 samples per phoneme id, so its length grows with the text, and the `.onnx.json`
settings piper-tts reads. Everything from phonemes to MP3 is the real path.
"""

from __future__ import annotations

import json
import socket
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

pytest.importorskip("piper", reason="piper-tts is in the test extra: pip install -e '.[test]'")
onnx = pytest.importorskip("onnx")
from onnx import TensorProto, helper  # noqa: E402
from piper.phoneme_ids import DEFAULT_PHONEME_ID_MAP  # noqa: E402

from publish import checkers, cli, filterkit, pipeline  # noqa: E402
from publish.errors import ToolMissingError  # noqa: E402
from publish.lint import Settings, lint_file, mp3_frames, selector  # noqa: E402
from publish.lint.smil import seconds  # noqa: E402
from publish.speech import piper_voice, script, synth  # noqa: E402
from publish.speech.engine import Engine  # noqa: E402

SHORT = Path(__file__).parent / "fixtures" / "speech" / "short.md"
RATE, HOP = 16000, 256  # not eSpeak's 22 050 Hz, so the MP3s show which engine spoke
SMIL = {"s": "http://www.w3.org/ns/SMIL"}


def tone_graph(inputs=("input", "input_lengths", "scales")):
    """A Piper-shaped model: HOP samples of a tone for each phoneme id it is given."""
    constants = {"one": (TensorProto.INT64, [], [1]), "hop": (TensorProto.INT64, [], [HOP]),
                 "zero": (TensorProto.FLOAT, [], [0.0]), "step": (TensorProto.FLOAT, [], [1.0]),
                 "omega": (TensorProto.FLOAT, [], [2 * 3.14159265 * 220 / RATE]),
                 "shape": (TensorProto.INT64, [3], [1, 1, -1])}
    nodes = [helper.make_node("Shape", [inputs[0]], ["size"]),
             helper.make_node("Gather", ["size", "one"], ["ids"], axis=0),
             helper.make_node("Mul", ["ids", "hop"], ["count"]),
             helper.make_node("Cast", ["count"], ["samples"], to=TensorProto.FLOAT),
             helper.make_node("Range", ["zero", "samples", "step"], ["time"]),
             helper.make_node("Mul", ["time", "omega"], ["phase"]),
             helper.make_node("Sin", ["phase"], ["wave"]),
             helper.make_node("Reshape", ["wave", "shape"], ["output"])]
    types = [(TensorProto.INT64, [1, "phonemes"]), (TensorProto.INT64, [1]), (TensorProto.FLOAT, [3])]
    declared = [helper.make_tensor_value_info(name, *kind) for name, kind in zip(inputs, types)]
    graph = helper.make_graph(nodes, "tone", declared,
                              [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 1, "audio"])],
                              [helper.make_tensor(name, *spec) for name, spec in constants.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    return model


def make_voice(folder: Path, language: str = "en_GB", espeak: str = "en-gb-x-rp", **settings) -> Path:
    """MODEL.onnx and MODEL.onnx.json as Piper's voices come."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{language}-tone-low.onnx"
    onnx.save(settings.pop("graph", tone_graph()), str(path))
    config = {"audio": {"sample_rate": RATE}, "espeak": {"voice": espeak}, "language": {"code": language},
              "num_symbols": 256, "num_speakers": 1, "phoneme_id_map": DEFAULT_PHONEME_ID_MAP, **settings}
    path.with_name(path.name + ".json").write_text(json.dumps(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def voice(tmp_path_factory) -> Path:
    return make_voice(tmp_path_factory.mktemp("voice"))


@pytest.fixture(scope="module")
def built(voice, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spoken")
    assert cli.main(["build", "audio", "--source", str(SHORT), "--out", str(out), "--voice", str(voice)]) == 0
    return out


def clips(epub: Path) -> dict[str, tuple[str, float, float]]:
    """Each sentence's clip in the read-aloud book: (audio member, begin, end) by text id."""
    found = {}
    with zipfile.ZipFile(epub) as book:
        for name in (n for n in book.namelist() if n.endswith(".smil")):
            for par in etree.fromstring(book.read(name)).iter(f"{{{SMIL['s']}}}par"):
                audio = par.find("s:audio", SMIL)
                found[par.find("s:text", SMIL).get("src").split("#")[1]] = (
                    audio.get("src"), seconds(audio.get("clipBegin")), seconds(audio.get("clipEnd")))
    return found


def test_read_aloud_book_with_a_piper_voice_passes_the_overlay_rules_and_epubcheck(built):
    epub = built / "short-audio.epub"
    assert checkers.epubcheck(epub) == []
    expected = pipeline.expected_text(SHORT)
    checked = lint_file(epub, Settings(selector(["EPUB"]), lambda _fmt: expected("audio")))
    assert checked.readable and checked.findings == []
    with zipfile.ZipFile(epub) as book:
        assert b"Piper, en_GB-tone-low" in book.read("EPUB/content.opf")


def test_clips_are_the_voices_samples(built, voice):
    """Each clip inside a track lasts exactly as long as the voice takes to say its sentence alone
    (the tone model is deterministic); the MP3s are at the voice's rate, so Piper spoke them."""
    _ctx, ast = pipeline.parse(SHORT)
    _, said = script.mark(filterkit.for_format(ast, "epub3"), "en-GB", "A short read-aloud test",
                          {"Srebrenica": "Sreb-ren-eetsa"})
    found = clips(built / "short-audio.epub")
    for number, track in enumerate(said.tracks, 1):
        decoded = mp3_frames.duration((built / "short-audio" / f"short-{number:02d}.mp3").read_bytes())
        assert decoded.sample_rate == RATE
        ends = [end for src, _begin, end in found.values() if src.endswith(f"/{number:02d}.mp3")]
        assert max(ends) == pytest.approx(decoded.seconds, abs=0.001)
        for utterance in track.utterances[1:-1]:  # the first holds the encoder's delay, the last the padding
            rate, (alone,) = synth.speak([utterance], "en-GB", voice)
            _src, begin, end = found[utterance.id]
            assert end - begin == pytest.approx(len(alone) / 2 / rate, abs=0.0015), utterance.ssml


def test_a_voice_reads_only_its_own_language(tmp_path):
    """A German voice reads the German, eSpeak NG the English (at the voice's rate), breaks are silence."""
    german = piper_voice.Piper.shared(make_voice(tmp_path, "de_DE", "de"))
    ssml = ('<speak xml:lang="en-GB"><break time="500ms"/>Good morning, '
            '<voice xml:lang="de">guten Morgen</voice>.</speak>')
    assert piper_voice.runs(ssml, "en-GB") == [("break", "500", "en-GB"), ("text", "Good morning, ", "en-GB"),
                                                ("text", "guten Morgen", "de"), ("text", ".", "en-GB")]
    english = Engine.shared().say('<speak xml:lang="en-GB">Good morning, </speak>', "en-GB")
    said = german.say(ssml, "en-GB")
    spoken_german = german.run("text", "guten Morgen", "de")
    assert len(spoken_german) // 2 % HOP == 0  # the tone model's own length: Piper spoke it
    resampled = len(english) // 2 * RATE // Engine.shared().sample_rate
    parts = RATE // 2 + resampled + len(spoken_german) // 2 + len(german.run("text", ".", "en-GB")) // 2
    assert len(said) // 2 == pytest.approx(parts, abs=RATE // 100)  # eSpeak's carry-over: a few samples


def test_a_voice_in_another_language_is_named(tmp_path, capsys):
    model = make_voice(tmp_path, "de_DE", "de")
    assert pipeline.build(SHORT, tmp_path / "out", ["txt"], voice=model)
    assert "speaks de-DE and the document is in en-GB, so eSpeak NG reads it" in capsys.readouterr().err


@pytest.mark.parametrize(("damage", "says"), [
    ("no model", "there is no such file"),
    ("no settings", "its settings file en_GB-tone-low.onnx.json is missing beside it"),
    ("settings not json", "en_GB-tone-low.onnx.json is not a Piper voice's settings"),
    ("not onnx", "it is not an ONNX model"),
    ("other inputs", "its model takes lengths, scales, text, not a Piper voice's input, input_lengths, scales"),
    ("pinyin", "its phonemes (pinyin) need resources Piper would download"),
])
def test_a_bad_voice_is_refused_in_one_line(tmp_path, capsys, damage, says):
    model = make_voice(tmp_path, phoneme_type="pinyin" if damage == "pinyin" else "espeak",
                       graph=tone_graph(("text", "lengths", "scales")) if damage == "other inputs" else tone_graph())
    settings = model.with_name(model.name + ".json")
    if damage == "no model":
        model.unlink()
    elif damage == "no settings":
        settings.unlink()
    elif damage == "settings not json":
        settings.write_text("{audio: 22050}", encoding="utf-8")
    elif damage == "not onnx":
        model.write_bytes(b"not a model")
    status = cli.main(["build", "txt", "--source", str(SHORT), "--out", str(tmp_path / "out"), "--voice", str(model)])
    error = capsys.readouterr().err
    assert status == 2 and not (tmp_path / "out").exists()
    assert error.startswith(f"publish: error: --voice {model}: {says}") and error.count("\n") == 1
    assert "Fix: give the path of a Piper voice" in error


def test_without_piper_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "piper", None)  # import piper raises ImportError
    with pytest.raises(ToolMissingError, match=r"not installed\. Fix: pip install 'publish\[piper\]'"):
        piper_voice.check(tmp_path / "voice.onnx")


def test_piper_reads_without_the_network(voice, monkeypatch):
    """piper-tts can fetch resources for some phonemisers; the voices publish accepts never do."""
    def refuse(*_args):
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(piper_voice.Piper, "_loaded", {})
    assert piper_voice.Piper.shared(voice).say('<speak xml:lang="en-GB">Read without the network.</speak>', "en-GB")
