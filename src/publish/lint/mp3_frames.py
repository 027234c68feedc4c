"""An MP3's decoded length, read from its frame headers (no decoder needed).

The Media Overlay rules check clips against the audio's real length; the spoken
edition measures what it encoded the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

# kbit/s by bitrate index, for Layer III: MPEG-1, then MPEG-2 and 2.5
BITRATES = {1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
            2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160)}
SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}  # by version bits


class NotMp3(ValueError):
    """The bytes hold no MPEG Layer III audio the frame walk can follow."""


@dataclass(frozen=True)
class Duration:
    frames: int
    samples: int
    sample_rate: int

    @property
    def seconds(self) -> float:
        return self.samples / self.sample_rate


def id3_size(data: bytes) -> int:
    """Bytes an ID3v2 tag takes at the start (0 without one)."""
    if data[:3] != b"ID3" or len(data) < 10:
        return 0
    size = 0
    for byte in data[6:10]:
        size = size << 7 | (byte & 0x7F)
    return 10 + size + (10 if data[5] & 0x10 else 0)


def duration(data: bytes) -> Duration:
    """The decoded length of an MP3, from its frame headers; raises NotMp3 when they break off."""
    at, end = id3_size(data), len(data) - (128 if data[-128:-125] == b"TAG" else 0)
    frames = samples = 0
    rate = None
    while at + 4 <= end:
        header = int.from_bytes(data[at:at + 4], "big")
        version, layer = header >> 19 & 3, header >> 17 & 3
        bitrate_index, rate_index, padding = header >> 12 & 15, header >> 10 & 3, header >> 9 & 1
        if header >> 21 != 0x7FF or version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
            raise NotMp3(f"no MP3 frame at byte {at}")
        frame_rate = SAMPLE_RATES[version][rate_index]
        if rate not in (None, frame_rate):
            raise NotMp3(f"the sample rate changes at byte {at}")
        rate = frame_rate
        per_frame = 1152 if version == 3 else 576
        length = (per_frame // 8) * BITRATES[1 if version == 3 else 2][bitrate_index] * 1000 // rate + padding
        info = data[at + 4:at + 40]
        if not (frames == 0 and (b"Xing" in info or b"Info" in info)):  # a VBR/gapless header frame holds no audio
            frames += 1
            samples += per_frame
        at += length
    if not frames or at > end + 1:
        raise NotMp3("the audio ends inside a frame" if frames else "no MP3 frames")
    return Duration(frames, samples, rate)
