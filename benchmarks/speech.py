"""Speed of the spoken edition: seconds of audio per second of wall time, and MP3 size per minute.

Usage: .venv/bin/python benchmarks/speech.py [MARKDOWN ...]
Without arguments it measures source/letter.md and a document of about 50 pages made by
benchmarks/generate.py. The time covers the whole edition (marking, the pandoc EPUB, speech
on both cores, MP3 encoding, the overlays), from the parsed source.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def measure(source: Path) -> tuple[float, float, int]:
    """(seconds of audio, seconds of wall time, bytes of MP3) for one document."""
    from publish import filterkit, pipeline
    from publish.editions import EDITIONS
    from publish.speech import mp3

    ctx, ast = pipeline.parse(source)
    started = time.perf_counter()
    files = EDITIONS["audio"].write(filterkit.for_format(ast, "epub3"), ctx)
    wall = time.perf_counter() - started
    tracks = [data for name, data in files.items() if name.endswith(".mp3")]
    return sum(mp3.duration(data).seconds for data in tracks), wall, sum(len(data) for data in tracks)


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        from generate import generate

        sources = [Path(a) for a in argv] or [ROOT / "source" / "letter.md", generate(50, Path(tmp))]
        print(f"{'document':<24} {'audio':>10} {'wall':>8} {'real time':>10} {'MB/min':>7}")
        for source in sources:
            audio, wall, size = measure(source)
            print(f"{source.name:<24} {audio / 60:>8.1f} m {wall:>6.1f} s {audio / wall:>9.1f}x "
                  f"{size / 1e6 / (audio / 60):>7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
