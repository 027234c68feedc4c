"""Source → one pandoc parse → checks and filters in process → every edition, written atomically."""

from __future__ import annotations

import dataclasses
import glob
import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from publish import expected, facts, filterkit, pandoc, resources, source as source_mod
from publish.editions import EDITIONS, BuildContext, Edition, pdf
from publish.errors import PublishError, SourceError
from publish import lint
from publish.lint.compare import Expected


@dataclass
class Built:
    edition: Edition
    path: Path
    size: int


@dataclass
class Parsed:
    """One version of a source, parsed and filtered, and the document made ready for each pandoc
    writer asked for so far: the build and then its check filter each format once."""

    ctx: BuildContext
    ast: dict
    formats: dict[str, dict] = dataclasses.field(default_factory=dict)

    def for_format(self, fmt: str) -> dict:
        """The document filtered for one pandoc writer; shared, so read it only (a writer gets
        `filterkit.copy_of` it)."""
        if fmt not in self.formats:
            self.formats[fmt] = filterkit.for_format(self.ast, fmt)
        return self.formats[fmt]


PARSED: dict[tuple, Parsed] = {}  # (file, mtime, size) -> parse, this process only


def parsed(path: Path) -> Parsed:
    """Check the source, parse it once, and run the filters on the result (publish.filterkit).

    Kept per version of the file, however its path is written, so building and then
    checking against the source parse it once; callers must not change the document
    (`Parsed.for_format` is shared too: writers get a copy).
    """
    path = Path(path)
    try:
        info = path.stat()
    except OSError:
        return Parsed(*parse_now(path))  # source.load says what is wrong
    version = (path.resolve(), info.st_mtime_ns, info.st_size)
    if version not in PARSED:
        if len(PARSED) >= 4:
            PARSED.clear()
        PARSED[version] = Parsed(*parse_now(path))
    return PARSED[version]


def parse(path: Path) -> tuple[BuildContext, dict]:
    """The source's build context and its filtered document (see `parsed`)."""
    one = parsed(path)
    return one.ctx, one.ast


def parse_now(path: Path) -> tuple[BuildContext, dict]:
    src = source_mod.load(path)
    ast = pandoc.parse(src.text)
    resources.check(src, ast)
    try:
        filtered = filterkit.shared(ast)
    except SourceError as exc:
        raise src.error(exc.message, exc.fix, needle=exc.needle) from None
    return BuildContext(src, facts.typeset(ast["meta"].get("title"))), filtered


def remove_stale_temporaries(path: Path, older_than: float = 600) -> None:
    """Temporary files a killed build left beside `path`; a running build's are younger."""
    cutoff = time.time() - older_than
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if stale.stat().st_mtime < cutoff:
                stale.unlink()
        except OSError:
            pass  # another build removed or replaced it first


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(
    source: Path,
    out_dir: Path,
    names: Iterable[str] = (),
    progress: Callable[[str], None] = lambda line: None,
    braille_page: tuple[int, int] | None = None,
    voice: Path | None = None,
) -> list[Built]:
    """Build the named editions (all by default) from one parse of the source.

    Every edition is made in memory first; only when all of them succeed are they written,
    so a failure leaves the previous set whole, never a mix of old and new editions.
    """
    editions = [EDITIONS[name] for name in (names or EDITIONS)]
    one = parsed(source)
    ctx, ast = one.ctx, one.ast
    if braille_page:
        ctx = dataclasses.replace(ctx, braille_page=braille_page)
    if voice:
        from publish.speech import piper_voice
        ctx = dataclasses.replace(ctx, voice=piper_voice.chosen(voice, ctx.lang))
    headings = facts.of(ast).counts["Header"]
    progress(f"Checked {source} ({headings} heading{'' if headings == 1 else 's'})")
    # Editions that share a pandoc format (the PDF and the large-print PDF, the two braille
    # editions) share its filter run, and so does the check after the build; each writer gets its own copy.
    formatted = {fmt: one.for_format(fmt) for fmt in dict.fromkeys(e.pandoc_format for e in editions)}
    name = ctx.source.name
    standard = None  # the standard PDF, when it is made first
    if any(e.print_pages for e in editions):  # the standard PDF and its page map first: these editions mark its pages
        standard, pages = pdf.with_page_map(filterkit.copy_of(one.for_format(pdf.EDITION.pandoc_format)), ctx)
        ctx = dataclasses.replace(ctx, pages=pages)

    def write(edition: Edition):
        if edition is pdf.EDITION and standard is not None:
            return standard
        return edition.write(filterkit.copy_of(formatted[edition.pandoc_format]), ctx)

    with ThreadPoolExecutor(max_workers=2) as pool:
        made = list(pool.map(write, editions))
    built = []
    for edition, data in zip(editions, made):
        files = data if isinstance(data, dict) else {edition.suffix: data}  # an edition may add files
        for suffix, content in files.items():
            write_atomically(out_dir / (name + suffix), content)
        target = out_dir / (name + edition.suffix)
        progress(f"Built {edition.name}: {target}")
        built.append(Built(edition, target, len(files[edition.suffix])))
    return built


def expected_text(source: Path) -> Callable[[str], Expected]:
    """For the linter: what each edition of `source` (by name: `pdf`, `txt`...) should say.
    Parses once. A source that cannot be read or built is not raised: each *410 rule reports it."""
    try:
        one = parsed(Path(source))
    except PublishError as exc:
        unavailable = Expected.unavailable(f"could not compare with the source: {exc}")
        return lambda _name: unavailable
    except OSError as exc:
        unavailable = Expected.unavailable(f"could not compare with the source: {source}: {exc.strerror or exc}")
        return lambda _name: unavailable
    made: dict[str, Expected] = {}

    def expected_for(name: str) -> Expected:
        if name not in made:
            edition = EDITIONS[name]
            ast = edition.reads_as(one.for_format(edition.pandoc_format))
            made[name] = expected.expected(one.ctx, ast, edition.layout, edition.added_text(one.ctx))
        return made[name]

    return expected_for



def lint_editions(paths: Iterable, source: Path | None, settings: lint.Settings) -> lint.Result:
    """Lint files as the editions their names say they are (`NAME-large.pdf` is the large-print
    PDF, which reads wide tables row by row), each against what that edition should say."""
    expected = expected_text(source) if source else None
    result = lint.Result()
    for path in map(Path, paths):
        fitting = [e for e in EDITIONS.values() if path.name.endswith(e.suffix)]
        edition = max(fitting, key=lambda e: len(e.suffix)).name if fitting else None
        wanted = (lambda fmt, name=edition: expected(name or fmt)) if expected else None
        checked = lint.lint_file(path, dataclasses.replace(settings, expected=wanted))
        result.findings += checked.findings
        result.files += 1
        result.unreadable += not checked.readable
    return result