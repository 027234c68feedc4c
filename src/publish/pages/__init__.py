"""The pages beside the editions: a download page for partners, and the accessibility report.

`build_pages` finds the editions already built, lints them, and writes index.html,
accessibility.json (the linter's JSON format) and accessibility.html (a statement in
the UK public-sector shape, then the report). Every fact on them comes from the files,
the lint results and the front matter (gathered once in publish.pages.site); the page
text around the facts is fixed.
"""

from __future__ import annotations

from pathlib import Path

from publish import pipeline, report
from publish.pages.download import index_page
from publish.pages.site import Site, collect
from publish.pages.statement import accessibility_page

__all__ = ["Site", "build_pages", "collect", "write_pages"]


def build_pages(source: Path, out_dir: Path) -> list[Path]:
    """Write index.html, accessibility.json and accessibility.html beside the editions in out_dir."""
    return write_pages(collect(Path(source), Path(out_dir)), Path(out_dir))


def write_pages(site: Site, out_dir: Path) -> list[Path]:
    outputs = {
        "index.html": index_page(site),
        "accessibility.json": report.as_json(site.result).encode("utf-8"),
        "accessibility.html": accessibility_page(site),
    }
    written = []
    for name, data in outputs.items():
        pipeline.write_atomically(out_dir / name, data)
        written.append(out_dir / name)
    return written
