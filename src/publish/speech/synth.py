"""Speak a script on both cores: one track (top-level section) per task, in a process of its own.

One interface, two engines: eSpeak NG (engine.Engine) by default, a local Piper voice
(piper_voice.Piper) when `--voice` names one; each gives `sample_rate` and `say(ssml,
lang)` -> PCM, and everything after that (clips, MP3) is the same for both.

eSpeak NG carries state from one utterance to the next (the same sentence can come out
a few milliseconds longer or shorter after another one), so each track is spoken by a
fresh engine in a fresh process: with eSpeak NG the same source always gives the same audio. Each
task also encodes its track to MP3, which takes longer than the speech itself. Each
utterance's length in samples is kept, so its clip in the MP3 is known exactly.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from publish.lint import mp3_frames
from publish.speech import mp3
from publish.speech.script import Script, Utterance

WORKERS = 2


@dataclass(frozen=True)
class Clip:
    id: str
    begin: int  # milliseconds in the decoded MP3
    end: int


@dataclass(frozen=True)
class Audio:
    title: str
    mp3: bytes  # untagged
    clips: list[Clip]
    seconds: float  # the decoded length


class Speaker(Protocol):
    """What both engines offer: their sample rate, and one SSML utterance as 16-bit mono PCM."""

    sample_rate: int

    def say(self, ssml: str, lang: str) -> bytes: ...


def narrator(voice: Path | None) -> str:
    """Who reads, in words for the book's accessibility summary."""
    if voice is None:
        return "a synthetic voice (eSpeak NG)"
    return f"a synthetic voice (Piper, {voice.stem}; eSpeak NG for passages in other languages)"


def engine_for(voice: Path | None) -> Speaker:
    """This process's engine: the Piper voice at `voice`, else eSpeak NG."""
    if voice is None:
        from publish.speech.engine import Engine
        return Engine.shared()
    from publish.speech.piper_voice import Piper
    return Piper.shared(voice)


def speak(utterances: list[Utterance], lang: str, voice: Path | None = None) -> tuple[int, list[bytes]]:
    """In a worker: the sample rate and the PCM of each utterance, a heading's pause included."""
    engine = engine_for(voice)
    pcm = []
    for utterance in utterances:
        pause = f'<break time="{utterance.pause}ms"/>' if utterance.pause else ""
        pcm.append(engine.say(f'<speak xml:lang="{lang}">{pause}{utterance.ssml}</speak>', lang))
    return engine.sample_rate, pcm


def track(utterances: list[Utterance], lang: str, voice: Path | None) -> tuple[int, list[int], bytes]:
    """In a worker: the sample rate, each utterance's length in samples, and the track as MP3."""
    sample_rate, pcm = speak(utterances, lang, voice)
    return sample_rate, [len(chunk) // 2 for chunk in pcm], mp3.encode(b"".join(pcm), sample_rate)


def clips(ids: list[str], lengths: list[int], sample_rate: int, decoded: mp3_frames.Duration) -> list[Clip]:
    """Back-to-back clips: each utterance's samples, moved by the encoder's delay; the first
    starts at 0 and the last ends where the decoded audio ends, so they cover the file."""
    edges, at = [0], mp3.DELAY
    for length in lengths[:-1]:
        at += length
        edges.append(round(at * 1000 / sample_rate))
    edges.append(round(decoded.seconds * 1000))
    return [Clip(ident, begin, end) for ident, begin, end in zip(ids, edges, edges[1:])]


def synthesise(script: Script, voice: Path | None = None) -> list[Audio]:
    """Every track of the script as MP3, with its clips; the longest tracks start first."""
    context = multiprocessing.get_context("spawn")  # a clean process: the build runs editions in threads
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context, max_tasks_per_child=1) as pool:
        longest_first = sorted(script.tracks, key=lambda t: -sum(len(u.ssml) for u in t.utterances))
        futures = {id(t): pool.submit(track, t.utterances, script.lang, voice) for t in longest_first}
        done = [futures[id(t)].result() for t in script.tracks]
    audio = []
    for spoken, (sample_rate, lengths, data) in zip(script.tracks, done):
        decoded = mp3_frames.duration(data)
        audio.append(Audio(spoken.title, data, clips([u.id for u in spoken.utterances], lengths, sample_rate, decoded),
                           decoded.seconds))
    return audio
