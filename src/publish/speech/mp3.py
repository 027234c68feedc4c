"""MP3: encode with LAME (the lameenc wheel), tag with mutagen, and measure by counting frames.

A decoder gives back exactly one frame's worth of samples per MPEG audio frame, so
counting the frames (walking their headers) gives a file's true duration without a
decoder library. LAME's output starts late by its encoder delay plus the decoder's
delay (576 + 529 samples, with no gapless tag to trim it), so clip times are moved by
that much to stay on the words.
"""

from __future__ import annotations

import io


BITRATE = 48  # kbit/s: clear speech at eSpeak's 22 050 Hz mono, about 0.36 MB a minute
DELAY = 576 + 529  # samples of silence before the first encoded sample, as decoded

def encode(pcm: bytes, sample_rate: int) -> bytes:
    """16-bit mono PCM to constant-bitrate MP3."""
    import lameenc

    encoder = lameenc.Encoder()
    encoder.set_bit_rate(BITRATE)
    encoder.set_in_sample_rate(sample_rate)
    encoder.set_channels(1)
    encoder.set_quality(5)  # LAME's -q 5: good speech, about twice as fast as the best
    return bytes(encoder.encode(pcm)) + bytes(encoder.flush())


def tagged(mp3: bytes, title: str, track: int, tracks: int, album: str, artist: str, lang: str) -> bytes:
    """The MP3 with an ID3v2.4 tag: title, track n/N, album (the document's title), artist, language."""
    from mutagen.id3 import ID3, TALB, TIT2, TLAN, TPE1, TRCK

    tag = ID3()
    tag.add(TIT2(encoding=3, text=title))
    tag.add(TRCK(encoding=3, text=f"{track}/{tracks}"))
    tag.add(TALB(encoding=3, text=album))
    if artist:
        tag.add(TPE1(encoding=3, text=artist))
    tag.add(TLAN(encoding=3, text=lang))
    out = io.BytesIO(mp3)
    tag.save(out, padding=lambda info: 0)
    return out.getvalue()
