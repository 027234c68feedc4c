"""Many publications: the catalogue's settings, its sources, what each checked publication
records for the catalogue, and `publish new`.

Every `source/NAME.md`, or `source/NAME/index.md` with its images beside it, is a
publication. Checking one (`publish build --check`) writes `build/NAME/publication.json`;
the catalogue page and feed are made from those records alone, so writing them parses
nothing and takes no longer for twenty publications than for one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from publish.errors import PublishError
from publish.source import publication_name
from publish.vocabulary import is_language_tag

RECORD = "publication.json"  # in build/NAME/, beside the publication's pages


class CatalogueError(PublishError):
    """A problem with the catalogue's settings or sources, told in one line."""


@dataclass(frozen=True)
class Settings:
    """What the catalogue says about itself, and what `publish new` fills in."""

    title: str = "Publications"
    description: str = ""
    lang: str = "en-GB"  # the language new publications start in
    publisher: str = ""
    contact: str = ""
    url: str = ""  # where build/ is served: makes the feed's ids and links absolute


def settings(folder: Path = Path(".")) -> Settings:
    """The settings in `folder`: publish.toml if there is one, else pyproject.toml's [tool.publish]."""
    for name, table in (("publish.toml", ()), ("pyproject.toml", ("tool", "publish"))):
        path = Path(folder) / name
        if not path.is_file():
            continue
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise CatalogueError(f"{path}: not valid TOML ({exc}); fix the file") from None
        for key in table:
            data = data.get(key, {})
        return checked_settings(data, f"{path}{' [' + '.'.join(table) + ']' if table else ''}")
    return Settings()


def checked_settings(data: dict, where: str) -> Settings:
    known = [f.name for f in dataclasses.fields(Settings)]
    for key, value in data.items():
        if key not in known:
            raise CatalogueError(f"{where}: unknown setting `{key}`; the settings are {', '.join(known)}")
        if not isinstance(value, str):
            raise CatalogueError(f'{where}: `{key}` must be text in quotes, e.g. {key} = "..."')
    found = Settings(**data)
    if not is_language_tag(found.lang):
        raise CatalogueError(f"{where}: `lang = \"{found.lang}\"` is not a BCP 47 language tag; use e.g. \"en-GB\"")
    return found


def discover(folder: Path) -> list[Path]:
    """Every publication's source in `folder`, in name order; two sources with one name are refused."""
    folder = Path(folder)
    sources = sorted([*folder.glob("*.md"), *folder.glob("*/index.md")], key=lambda p: (publication_name(p), str(p)))
    for first, second in zip(sources, sources[1:]):
        if publication_name(first) == publication_name(second):
            raise CatalogueError(f"{first} and {second} would both be built as `{publication_name(first)}`; "
                                 "rename or remove one")
    return sources


@dataclass
class EditionEntry:
    """One edition as the catalogue lists it."""

    file: str
    label: str
    file_format: str
    size: int


@dataclass
class TrackEntry:
    """One MP3 of the spoken edition, a section read aloud: the feed encloses each."""

    file: str  # in the build folder: `letter-audio/letter-01.mp3`
    title: str
    size: int
    seconds: float


@dataclass
class Publication:
    """What the catalogue and the feed say about one checked publication."""

    name: str
    title: str
    lang: str
    description: str
    date: str  # the front matter's date in ISO form, as precise as given ("2019-11"), "" when it gives none
    date_text: str  # the date as the reader sees it ("November 2019")
    publisher: str
    prepared: str  # ISO date the publication was last built and checked
    errors: int
    warnings: int
    editions: list[EditionEntry] = field(default_factory=list)
    tracks: list[TrackEntry] = field(default_factory=list)  # none when the spoken edition was not built

    @property
    def when(self) -> dt.date:
        """Its date for ordering and the feed: the front matter's, else the day it was checked."""
        return dt.date.fromisoformat((self.date + "-01-01")[:10] if self.date else self.prepared)

    def to_json(self) -> bytes:
        return (json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: dict) -> Publication:
        return cls(**{**data, "editions": [EditionEntry(**e) for e in data["editions"]],
                      "tracks": [TrackEntry(**t) for t in data.get("tracks", [])]})


def gather(sources: list[Path], out_dir: Path) -> list[Publication]:
    """The checked publications built from `sources` into `out_dir`, newest first."""
    found = []
    for source in sources:
        path = Path(out_dir) / publication_name(source) / RECORD
        try:
            found.append(Publication.from_json(json.loads(path.read_text(encoding="utf-8"))))
        except FileNotFoundError:
            raise CatalogueError(f"{source} has not been checked ({path} is missing); run "
                                 f"`publish build --check --source {source} --out {out_dir}` first") from None
        except (ValueError, TypeError, KeyError) as exc:
            raise CatalogueError(f"{path} is damaged ({exc}); check {source} again with "
                                 "`publish build --check`") from None
    return sorted(found, key=lambda p: (p.when, p.title), reverse=True)


def slug(title: str) -> str:
    """A file name from a title: lower-case ASCII words joined by hyphens, at most 60 characters."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    name = ""
    for word in words:
        if name and len(name) + 1 + len(word) > 60:
            break
        name = f"{name}-{word}" if name else word[:60]
    return name


def new(title: str, folder: Path, found: Settings, today: dt.date) -> Path:
    """Write `folder/SLUG.md` with its front matter filled in; never overwrite a publication."""
    title = " ".join(title.split())
    name = slug(title)
    if not name:
        raise CatalogueError(f"the title “{title}” has no letters or digits to make a file name from; "
                             "give a title with words in it")
    target = Path(folder) / f"{name}.md"
    taken = [p for p in (target, Path(folder) / name / "index.md") if p.exists()]
    if taken:
        raise CatalogueError(f"{taken[0]} already exists; choose another title, or edit that file")
    meta = {"title": title, "lang": found.lang, "date": today.isoformat(),
            **{key: value for key, value in (("publisher", found.publisher), ("contact", found.contact)) if value}}
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    Path(folder).mkdir(parents=True, exist_ok=True)
    try:
        with open(target, "x", encoding="utf-8") as handle:
            handle.write(f"---\n{front}# description: one or two sentences the catalogue shows under the title\n"
                         "---\n\nWrite the publication here.\n")
    except FileExistsError:
        raise CatalogueError(f"{target} already exists; choose another title, or edit that file") from None
    return target
