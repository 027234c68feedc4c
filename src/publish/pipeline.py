"""Source → one pandoc parse → checks and filters in process → every edition, written atomically."""

from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from publish import facts, filterkit, pandoc, resources, source as source_mod
from publish.editions import EDITIONS, BuildContext, Edition
from publish.errors import SourceError


@dataclass
class Built:
    edition: Edition
    path: Path
    size: int


def parse(path: Path) -> tuple[BuildContext, dict]:
    """Check the source, parse it once, and run the filters on the result (publish.filterkit)."""
    src = source_mod.load(path)
    ast = pandoc.parse(src.text)
    resources.check(src, ast)
    try:
        filtered = filterkit.shared(ast)
    except SourceError as exc:
        raise src.error(exc.message, exc.fix, needle=exc.needle) from None
    return BuildContext(src), filtered


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename: readers see the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
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


def build_one(edition: Edition, ctx: BuildContext, ast: dict, out_dir: Path) -> Built:
    data = edition.write(filterkit.for_format(ast, edition.pandoc_format), ctx)
    target = out_dir / (ctx.source.path.stem + edition.suffix)
    write_atomically(target, data)
    return Built(edition, target, len(data))


def build(
    source: Path,
    out_dir: Path,
    names: Iterable[str] = (),
    progress: Callable[[str], None] = lambda line: None,
) -> list[Built]:
    """Build the named editions (all by default) from one parse of the source."""
    editions = [EDITIONS[name] for name in (names or EDITIONS)]
    ctx, ast = parse(source)
    progress(f"Checked {source} ({facts.of(ast).counts['Header']} headings)")
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(build_one, edition, ctx, ast, out_dir) for edition in editions]
        built = []
        for future in futures:
            result = future.result()
            progress(f"Built {result.edition.name}: {result.path}")
            built.append(result)
    return built
