"""Read the Markdown master and check what every edition depends on, before pandoc runs.

Each problem becomes one SourceError naming the file, the line and the fix, so the
editor never has to read a converter's stack trace.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from publish import source_tables
from publish.errors import SourceError
from publish.vocabulary import is_language_tag

KNOWN_KEYS = (
    "title", "subtitle", "description", "lang", "date", "author", "publisher",
    "contact", "keywords", "accessibility-summary", "rights", "allow-raw",
    "response-time", "pronounce",
)
REQUIRED_KEYS = {
    "title": 'Add `title: "Your title"` to the front matter',
    "lang": "Add `lang: en-GB` (or the document's BCP 47 language tag) to the front matter",
}
MAX_BYTES = 10 * 1024 * 1024


def publication_name(source: Path) -> str:
    """What a publication's files are called: `letter` for source/letter.md, and `briefing` for
    source/briefing/index.md, whose images live beside it."""
    source = Path(source)
    return source.parent.resolve().name if source.name == "index.md" else source.stem


@dataclass
class Source:
    """The master as read: its text, its front matter and where the body starts."""

    path: Path
    text: str
    meta: dict
    body_line: int  # 1-based line where the body begins
    lines: list[str] = field(default_factory=list)

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def name(self) -> str:
        return publication_name(self.path)

    @property
    def lang(self) -> str:
        return str(self.meta["lang"])

    def locate(self, needle: str | None) -> int | None:
        """The first body line that holds `needle`, so messages can point at it."""
        if not needle:
            return None
        needle = needle.strip()
        for number, line in enumerate(self.lines[self.body_line - 1 :], self.body_line):
            if needle in line:
                return number
        for count in (3, 1):  # the text may be split by markup in the source: try its start
            start = " ".join(needle.split()[:count]).rstrip(",.;:")
            if len(start) >= 3 and start != needle:
                return self.locate(start)
        return None

    def error(self, message: str, fix: str, line: int | None = None, needle: str | None = None) -> SourceError:
        return SourceError(message, fix, path=self.path, line=line or self.locate(needle))


def load(path: Path) -> Source:
    """Read and check the master; raise SourceError on the first problem found."""
    path = Path(path)
    if not path.is_file():
        raise SourceError("source file not found", "check the path given with --source", path=path)
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise SourceError(
            f"file is {len(raw) // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit",
            "split the document into smaller parts", path=path, line=1)
    if not raw.strip():
        raise SourceError("file is empty", "write the document's front matter and text", path=path, line=1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(
            f"not UTF-8 text (byte 0x{raw[exc.start]:02x})",
            "save the file as UTF-8 in your editor", path=path, line=line) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n")
    lines = text.split("\n")
    meta, body_line = _front_matter(path, lines)
    source = Source(path=path, text=text, meta=meta, body_line=body_line, lines=lines)
    _check_meta(source)
    source_tables.check(source)
    return source


def _front_matter(path: Path, lines: list[str]) -> tuple[dict, int]:
    if not lines or lines[0].strip() != "---":
        raise SourceError(
            "no YAML front matter", "start the file with a `---` line, then `title:` and `lang:`, then `---`",
            path=path, line=1)
    for end, line in enumerate(lines[1:], 1):
        if line.strip() in ("---", "..."):
            break
    else:
        raise SourceError("front matter is not closed", "add a `---` line after the front matter", path=path, line=1)
    try:
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise SourceError(
            f"front matter is not valid YAML ({problem})",
            'quote values that contain a colon, e.g. title: "Part one: the letter"',
            path=path, line=line) from None
    if not isinstance(meta, dict):
        raise SourceError("front matter must be `key: value` lines", "write e.g. `title: My letter`", path=path, line=2)
    return meta, end + 2


def meta_line(source: Source, key: str) -> int:
    for number, line in enumerate(source.lines[1 : source.body_line], 2):
        if line.startswith(f"{key}:"):
            return number
    return 1


def _check_meta(source: Source) -> None:
    meta = source.meta
    for key in meta:
        if key in KNOWN_KEYS:
            continue
        close = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1, cutoff=0.75)
        if close:
            raise source.error(f"unknown front-matter key `{key}`", f"did you mean `{close[0]}`? Rename the key",
                               line=meta_line(source, key))
    for key, fix in REQUIRED_KEYS.items():
        value = meta.get(key)
        if value is None or not str(value).strip():
            raise source.error(f"front matter has no `{key}`", fix, line=meta_line(source, key) if key in meta else 1)
    if not is_language_tag(str(meta["lang"])):
        raise source.error(
            f"`lang: {meta['lang']}` is not a BCP 47 language tag",
            "use a tag such as `en-GB`, `cy` or `fr-FR`", line=meta_line(source, "lang"))
