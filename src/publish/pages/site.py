"""What the pages say, gathered once: the document's front matter and facts, and each
edition with its size, checksum and lint results."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from publish import facts, lint, pipeline
from publish.source import publication_name
from publish.editions import EDITIONS, BuildContext, Edition
from publish.errors import BuildError
from publish.lint import RULES, Finding, Severity


@dataclass
class EditionFile:
    """One built edition and what is known about it."""

    edition: Edition
    path: Path
    data: bytes
    findings: list[Finding]
    fmt: str | None  # the linter's format, None when the file could not be read

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def href(self) -> str:
        """The link from the publication's pages, one folder below the editions."""
        return f"../{quote(self.name)}"

    @property
    def format_name(self) -> str:
        return self.edition.label

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def passed(self) -> list[str]:
        """Codes of the format's rules that ran and found nothing."""
        if self.fmt is None:
            return []
        found = {f.code for f in self.findings}
        return sorted(code for code, r in RULES.items() if r.fmt == self.fmt and code not in found
                      and not code.endswith("901"))


@dataclass
class Site:
    """Everything the pages say: the document's front matter and facts, and its editions."""

    name: str  # the publication's name: its editions are NAME.pdf..., its pages are in NAME/
    ctx: BuildContext
    found: facts.Facts
    editions: list[EditionFile]
    result: lint.Result
    prepared: dt.date


def check(path: Path, edition: Edition, settings: lint.Settings) -> EditionFile:
    """Lint one edition against what it should say."""
    checked = lint.lint_file(path, settings)
    return EditionFile(edition, path, path.read_bytes(), checked.findings, checked.format if checked.readable else None)


def collect(source: Path, out_dir: Path, braille_page: tuple[int, int] | None = None) -> Site:
    ctx, ast = pipeline.parse(source)
    expected = pipeline.expected_text(source)
    settings = lint.Settings(built_from=str(source), braille_page=braille_page)
    name = publication_name(source)
    paths = [(edition, out_dir / (name + edition.suffix)) for edition in EDITIONS.values()]
    found = [check(path, edition, replace(settings, expected=lambda _fmt, name=edition.name: expected(name),
                                          min_text_size=edition.min_text_size))
             for edition, path in paths if path.is_file()]
    if not found:
        raise BuildError(f"no editions of {source.name} in {out_dir}: run `publish build` first")
    result = lint.Result(findings=[f for e in found for f in e.findings], files=len(found),
                         unreadable=sum(e.fmt is None for e in found))
    return Site(name, ctx, facts.of(ast), found, result, prepared_on(e.path for e in found))


def prepared_on(paths) -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the day the newest edition was written."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    stamp = int(epoch) if epoch.isdigit() else max(p.stat().st_mtime for p in paths)
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date()
