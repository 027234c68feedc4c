"""The spoken edition: a read-aloud EPUB 3 (text and audio in sync) and the audio on its own.

Made offline from the same filtered AST as the other editions, with eSpeak NG in process
(publish.speech), or a local Piper voice given with `publish build --voice MODEL.onnx`.
Besides `NAME-audio.epub` it writes `NAME-audio/`: one MP3 per top-level section,
tagged (title, track, album = the document's title), and an M3U playlist in UTF-8.
"""

from __future__ import annotations

from publish.editions import epub
from publish.editions.base import BuildContext, Edition
from publish.editions.web import notes_heading
from publish.source import meta_line


def lexicon(ctx: BuildContext) -> dict[str, str]:
    """The front matter's `pronounce:` mapping, word: how to say it."""
    value = ctx.meta.get("pronounce") or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
                                              for k, v in value.items()):
        raise ctx.source.error("`pronounce:` must map each word to how it is said",
                               'write it as `pronounce: {Srebrenica: "Sreb-ren-eetsa"}`, one word: spelling each',
                               line=meta_line(ctx.source, "pronounce"))
    return {k.strip(): v.strip() for k, v in value.items()}


def playlist(ctx: BuildContext, audio: list, names: list[str]) -> bytes:
    """The M3U playlist of the MP3s (`audio`: their synth.Audio), in order."""
    lines = ["#EXTM3U", f"#PLAYLIST:{ctx.title}"]
    for track, name in zip(audio, names):
        lines += [f"#EXTINF:{round(track.seconds)},{track.title}", name]
    return ("\n".join(lines) + "\n").encode("utf-8")


def playlist_suffix(ctx: BuildContext) -> str:
    """Where the playlist goes, after the publication's name (the download page reads it)."""
    return f"-audio/{ctx.source.name}.m3u8"


def write(ast: dict, ctx: BuildContext) -> dict[str, bytes]:
    from publish.speech import mp3, overlay, script, synth  # only a build of this edition needs speech

    words = lexicon(ctx)
    marked, spoken = script.mark(ast, ctx.lang, ctx.title, words)
    book = overlay.Book.open(epub.write(marked, ctx))
    overlay.read_furniture(book, spoken, words)
    audio = synth.synthesise(spoken, ctx.voice)
    artist = str(ctx.meta.get("publisher") or ", ".join(ctx.authors))
    tagged = [mp3.tagged(a.mp3, a.title, number, len(audio), ctx.title, artist, ctx.lang)
              for number, a in enumerate(audio, 1)]
    stem = ctx.source.name
    names = [f"{stem}-{number:02d}.mp3" for number in range(1, len(audio) + 1)]
    files = {"-audio.epub": overlay.assemble(book, audio, tagged, words, ctx.lang, ctx.timestamp,
                                                   synth.narrator(ctx.voice))}
    files.update((f"-audio/{name}", data) for name, data in zip(names, tagged))
    files[playlist_suffix(ctx)] = playlist(ctx, audio, names)
    return files


EDITION = Edition(
    name="audio",
    label="Read-aloud e-book and audio (EPUB 3 with synchronised speech, MP3)",
    suffix="-audio.epub",
    pandoc_format="epub3",
    audience="listening: a read-aloud EPUB 3 whose text is highlighted as a synthetic voice reads it, "
             "and the same audio as MP3s with a playlist",
    write=write,
    layout=epub.LAYOUT,
    added_text=notes_heading,
    print_pages=True,  # the read-aloud book is the EPUB edition, its page list included
)
