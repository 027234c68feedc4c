"""A local Piper voice (`publish build --voice MODEL.onnx`), behind the same `say` as eSpeak NG.

Piper (the optional `piper-tts` package, `pip install publish[piper]`) turns text into
phonemes with its own copy of eSpeak NG and its data, the ones its voices were trained
on, and the phonemes into speech with the voice's ONNX model. A voice speaks one
language: text in any other (the document's, when it differs, or a span's `lang`) is
spoken by eSpeak NG and resampled to the voice's rate, so every utterance is still one
run of samples and its clip is still known exactly. Nothing is downloaded: the model
and its `MODEL.onnx.json` must be on disk, and voices whose phonemiser would fetch
resources (piper-tts downloads g2pW for pinyin voices) are refused.
"""

from __future__ import annotations

import json
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape, quoteattr

from publish.errors import PublishError, ToolMissingError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PHONEMISERS = frozenset({"espeak", "text"})  # the ones that need nothing but piper-tts's own files
INPUTS = frozenset({"input", "input_lengths", "scales"})  # what every Piper voice model takes
FIX = "give the path of a Piper voice (MODEL.onnx with MODEL.onnx.json beside it), or leave out --voice for eSpeak NG"


class VoiceError(PublishError):
    """`--voice` names something that is not a usable Piper voice."""

    exit_code = 2


@dataclass(frozen=True)
class Model:
    """A checked Piper voice: where it is, its settings, and the language it speaks."""

    path: Path
    config: dict
    lang: str  # BCP 47, from the config's language code or its eSpeak voice

    def speaks(self, lang: str) -> bool:
        """The voice reads text in `lang` when the primary languages agree (an en-US voice reads en-GB)."""
        return primary(lang) == primary(self.lang)


def primary(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def refuse(path: Path, problem: str) -> VoiceError:
    return VoiceError(f"publish: error: --voice {path}: {problem}. Fix: {FIX}")


def check(path: Path) -> Model:
    """The voice at `path`, or a one-line VoiceError naming the file and the fix; needs piper-tts."""
    try:
        import onnxruntime
        import piper  # noqa: F401 (only its presence is checked here)
    except ImportError:
        raise ToolMissingError(f"publish: error: --voice {path} needs Piper, which is not installed. "
                               "Fix: pip install 'publish[piper]' (or leave out --voice for eSpeak NG)") from None
    config_path = path.with_name(path.name + ".json")
    if not path.is_file():
        raise refuse(path, "there is no such file")
    if not config_path.is_file():
        raise refuse(path, f"its settings file {config_path.name} is missing beside it")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        rate, voice, ids = config["audio"]["sample_rate"], config["espeak"]["voice"], config["phoneme_id_map"]
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise refuse(path, f"{config_path.name} is not a Piper voice's settings (it needs audio.sample_rate, "
                           "espeak.voice and phoneme_id_map)") from None
    if not (isinstance(rate, int) and rate > 0 and isinstance(voice, str) and isinstance(ids, dict)):
        raise refuse(path, f"{config_path.name} has no usable sample rate, eSpeak voice or phoneme map")
    phonemes = config.get("phoneme_type", "espeak")
    if phonemes not in PHONEMISERS:
        raise refuse(path, f"its phonemes ({phonemes}) need resources Piper would download; publish never "
                           "downloads, so it reads voices whose phonemes come from eSpeak NG")
    try:
        inputs = {i.name for i in onnxruntime.InferenceSession(str(path)).get_inputs()}
    except Exception as exc:  # onnxruntime raises its own classes for every unreadable model
        raise refuse(path, f"it is not an ONNX model ({str(exc).splitlines()[0][:120]})") from None
    if not INPUTS <= inputs:
        raise refuse(path, f"its model takes {', '.join(sorted(inputs))}, not a Piper voice's "
                           f"{', '.join(sorted(INPUTS))}")
    language = config.get("language")
    code = language.get("code") if isinstance(language, dict) else None
    return Model(path, config, str(code or voice).replace("_", "-"))


def chosen(path: Path, lang: str) -> Path:
    """The checked voice for a document in `lang`; says so when eSpeak NG will read it instead."""
    model = check(path)
    if not model.speaks(lang):
        print(f"publish: warning: --voice {path} speaks {model.lang} and the document is in {lang}, so eSpeak NG "
              f"reads it; give a {primary(lang)} Piper voice to hear Piper", file=sys.stderr)
    return model.path


class Piper:
    """The process's Piper voice, with eSpeak NG for other languages; `say` as in engine.Engine."""

    _lock = threading.Lock()
    _loaded: dict[Path, "Piper"] = {}

    def __init__(self, model: Model):
        import onnxruntime
        from piper import PiperVoice
        from piper.config import PiperConfig

        from publish.speech.engine import Engine

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # synthesis already runs one process per core
        session = onnxruntime.InferenceSession(str(model.path), sess_options=options,
                                               providers=["CPUExecutionProvider"])
        self.model, self.voice = model, PiperVoice(session=session, config=PiperConfig.from_dict(model.config))
        self.sample_rate = self.voice.config.sample_rate
        self.espeak = Engine.shared()

    @classmethod
    def shared(cls, path: Path) -> "Piper":
        """The voice at `path`, loaded once per process."""
        with cls._lock:
            if path not in cls._loaded:
                cls._loaded[path] = cls(check(path))
            return cls._loaded[path]

    def say(self, ssml: str, lang: str) -> bytes:
        """16-bit mono PCM at `sample_rate`: runs in the voice's language by Piper, others by eSpeak NG,
        breaks as silence."""
        return b"".join(self.run(kind, value, run_lang) for kind, value, run_lang in runs(ssml, lang))

    def run(self, kind: str, value: str, lang: str) -> bytes:
        """One run's PCM at the voice's rate."""
        if kind == "break":
            return bytes(2 * (int(value) * self.sample_rate // 1000))
        if self.model.speaks(lang):
            return b"".join(chunk.audio_int16_bytes for chunk in self.voice.synthesize(value))
        pcm = self.espeak.say(f"<speak xml:lang={quoteattr(lang)}>{escape(value)}</speak>", lang)
        return resampled(pcm, self.espeak.sample_rate, self.sample_rate)


def runs(ssml: str, lang: str) -> list[tuple[str, str, str]]:
    """The utterance as ("text", words, lang) and ("break", ms, lang) runs, in order, neighbouring
    text in one language joined."""
    out: list[tuple[str, str, str]] = []

    def add(kind: str, value: str, in_lang: str) -> None:
        if kind == "text" and out and out[-1][0] == "text" and out[-1][2] == in_lang:
            out[-1] = ("text", out[-1][1] + value, in_lang)
        else:
            out.append((kind, value, in_lang))

    def walk(element, in_lang: str) -> None:
        in_lang = element.get(XML_LANG) or in_lang
        if element.tag == "break":
            add("break", element.get("time", "0ms").removesuffix("ms"), in_lang)
        add("text", element.text or "", in_lang)
        for child in element:
            walk(child, in_lang)
            add("text", child.tail or "", in_lang)

    walk(ElementTree.fromstring(ssml), lang)
    return [(kind, value, in_lang) for kind, value, in_lang in out if kind == "break" or value.strip()]


def resampled(pcm: bytes, rate: int, wanted: int) -> bytes:
    """16-bit mono PCM from `rate` to `wanted` samples a second, by linear interpolation."""
    if rate == wanted or not pcm:
        return pcm
    import numpy

    samples = numpy.frombuffer(pcm, dtype=numpy.int16).astype(numpy.float32)
    count = len(samples) * wanted // rate
    times = numpy.arange(count, dtype=numpy.float64) * rate / wanted
    return numpy.interp(times, numpy.arange(len(samples)), samples).round().astype(numpy.int16).tobytes()
