"""Scale documents for the benchmark: Markdown of about N printed pages, with a realistic mix.

    python benchmarks/generate.py PAGES FOLDER

Each printed page of the tagged PDF holds about one "unit": a heading (levels 2 and 3,
the title being level 1), paragraphs with a link and a footnote, and in turn a bullet
or numbered list, a table with a header row, or an image with alt text (a small PNG
made here). The text is drawn from a fixed seed, so every run gets the same document.
The files go into FOLDER (a temporary folder): they are never committed.
"""

from __future__ import annotations

import random
import struct
import sys
import zlib
from pathlib import Path

# One unit prints as about one A4 page in the clear-print PDF (checked: 500 units ≈ 500 pages).
UNITS_PER_PAGE = 1.0
IMAGE = "figure.png"
WORDS = (
    "prevention atrocity policy government civil society report evidence analysis risk community "
    "protection response early warning mechanism accountability justice support funding review "
    "department strategy region partner programme outcome monitoring capacity coordination "
    "violence conflict resilience dialogue mediation inquiry assessment commitment framework "
    "population border election council minister budget training research data indicator "
    "the a of and to in for with on by from that which across within between under over"
).split()


def png(width: int = 96, height: int = 48) -> bytes:
    """A small RGB gradient PNG, written by hand so no imaging library is needed."""
    rows = b"".join(b"\x00" + bytes(v for x in range(width) for v in (x * 255 // width, y * 255 // height, 128))
                    for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


class Writer:
    """Draws sentences and blocks from one seeded random source."""

    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.footnotes: list[str] = []

    def words(self, low: int, high: int) -> str:
        return " ".join(self.random.choice(WORDS) for _ in range(self.random.randint(low, high)))

    def sentence(self) -> str:
        text = self.words(8, 18)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, unit: int, index: int) -> str:
        sentences = [self.sentence() for _ in range(self.random.randint(4, 6))]
        if index == 0:
            sentences[1] = sentences[1][:-1] + f" as the [annual review of section {unit}]" \
                f"(https://example.org/reports/{unit}) shows."
        if index == 1:
            label = f"n{unit}"
            self.footnotes.append(f"[^{label}]: {self.sentence()} {self.sentence()}")
            sentences[-1] = sentences[-1][:-1] + f".[^{label}]"
        return "\n".join(sentences)

    def bullet_list(self, numbered: bool) -> str:
        marks = (f"{n}." for n in range(1, 100)) if numbered else iter(lambda: "-", None)
        return "\n".join(f"{next(marks)} {self.sentence()}" for _ in range(self.random.randint(3, 5)))

    def table(self, unit: int) -> str:
        rows = ["| Region | Indicator | Year | Score |", "|---|---|---:|---:|"]
        for _ in range(self.random.randint(4, 6)):
            rows.append(f"| {self.words(1, 2).title()} | {self.words(2, 4)} | "
                        f"{self.random.randint(2000, 2024)} | {self.random.randint(1, 100)} |")
        return "\n".join(rows) + f"\n\n: Indicators for section {unit}"

    def image(self, unit: int) -> str:
        return f"![Chart of the indicators for section {unit}, rising from left to right]({IMAGE}){{width=40%}}"

    def unit(self, number: int) -> str:
        level = "##" if number % 3 == 1 else "###"
        blocks = [f"{level} Section {number}: {self.words(2, 4)}"]
        blocks += [self.paragraph(number, i) for i in range(2)]
        extra = number % 4
        if extra == 0:
            blocks.append(self.bullet_list(numbered=False))
        elif extra == 1:
            blocks.append(self.table(number))
        elif extra == 2:
            blocks.append(self.image(number))
        else:
            blocks.append(self.bullet_list(numbered=True))
        blocks.append(self.paragraph(number, 2))
        return "\n\n".join(blocks)


def generate(pages: int, folder: Path) -> Path:
    """Write `scale-<pages>.md` and its image into `folder`; return the Markdown's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / IMAGE).write_bytes(png())
    writer = Writer(seed=pages)
    units = max(1, round(pages * UNITS_PER_PAGE))
    body = "\n\n".join(writer.unit(n) for n in range(1, units + 1))
    front = (f'---\ntitle: "Scale test of {pages} pages"\nlang: en-GB\ndate: "2024-05"\n'
             "author: Benchmark Working Group\npublisher: Benchmark Working Group\n"
             "description: A generated document for timing the publish pipeline.\n"
             "keywords:\n  - benchmark\n  - scale\n---\n\n")
    path = folder / f"scale-{pages}.md"
    path.write_text(front + body + "\n\n" + "\n\n".join(writer.footnotes) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    print(generate(int(sys.argv[1]), Path(sys.argv[2])))
