"""Speak a script on both cores: each worker process runs one eSpeak NG engine.

The utterances are cut into runs of about equal length (not one task per section: a
letter is one long section and a short opening), spoken in two processes, then each
track is joined and encoded to MP3. Each utterance's length in samples is kept, so its
clip in the MP3 is known exactly.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from publish.speech import mp3
from publish.speech.script import Script, Utterance

WORKERS = 2
TASKS_PER_WORKER = 4  # a few runs each, so one slow run does not leave a core idle


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


def speak(utterances: list[Utterance], lang: str) -> tuple[int, list[bytes]]:
    """In a worker: the sample rate and the PCM of each utterance, a heading's pause included."""
    from publish.speech.engine import Engine

    engine = Engine.shared()
    pcm = []
    for utterance in utterances:
        pause = f'<break time="{utterance.pause}ms"/>' if utterance.pause else ""
        pcm.append(engine.say(f'<speak xml:lang="{lang}">{pause}{utterance.ssml}</speak>', lang))
    return engine.sample_rate, pcm


def encode(pcm: list[bytes], sample_rate: int) -> bytes:
    return mp3.encode(b"".join(pcm), sample_rate)


def runs(utterances: list[Utterance], count: int) -> list[list[Utterance]]:
    """Consecutive runs of about equal text length."""
    total = sum(len(u.ssml) for u in utterances) or 1
    out, current, size = [], [], 0
    for utterance in utterances:
        current.append(utterance)
        size += len(utterance.ssml)
        if size >= total / count:
            out.append(current)
            current, size = [], 0
    return out + ([current] if current else [])


def clips(ids: list[str], lengths: list[int], sample_rate: int, decoded: mp3.Duration) -> list[Clip]:
    """Back-to-back clips: each utterance's samples, moved by the encoder's delay; the first
    starts at 0 and the last ends where the decoded audio ends, so they cover the file."""
    edges, at = [0], mp3.DELAY
    for length in lengths[:-1]:
        at += length
        edges.append(round(at * 1000 / sample_rate))
    edges.append(round(decoded.seconds * 1000))
    return [Clip(ident, begin, end) for ident, begin, end in zip(ids, edges, edges[1:])]


def synthesise(script: Script) -> list[Audio]:
    """Every track of the script as MP3, with its clips."""
    flat = [u for track in script.tracks for u in track.utterances]
    context = multiprocessing.get_context("spawn")  # a clean process: the build runs editions in threads
    with ProcessPoolExecutor(max_workers=WORKERS, mp_context=context) as pool:
        spoken = list(pool.map(speak, runs(flat, WORKERS * TASKS_PER_WORKER), [script.lang] * len(flat)))
        sample_rate = spoken[0][0]
        pcm = [chunk for _, chunks in spoken for chunk in chunks]
        per_track, at = [], 0
        for track in script.tracks:
            per_track.append(pcm[at:at + len(track.utterances)])
            at += len(track.utterances)
        encoded = list(pool.map(encode, per_track, [sample_rate] * len(per_track)))
    audio = []
    for track, chunks, data in zip(script.tracks, per_track, encoded):
        decoded = mp3.duration(data)
        lengths = [len(chunk) // 2 for chunk in chunks]
        audio.append(Audio(track.title, data, clips([u.id for u in track.utterances], lengths, sample_rate, decoded),
                           decoded.seconds))
    return audio
