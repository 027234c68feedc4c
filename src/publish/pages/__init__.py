"""The pages: for each publication a download page and its accessibility report, and for
them all the catalogue and its Atom feed.

`build_pages` finds one publication's editions already built, lints them, and writes into
`build/NAME/`: index.html (the download cards), accessibility.json (the linter's JSON
format), accessibility.html (a statement in the UK public-sector shape, then the report)
and publication.json (what the catalogue lists). `write_catalogue` writes build/index.html
and build/feed.xml from those records. Every fact on them comes from the files, the lint
results and the front matter (gathered once in publish.pages.site); the page text around
the facts is fixed.
"""

from __future__ import annotations

import re
from pathlib import Path

from publish import catalogue, pipeline, report
from publish.editions import BuildContext
from publish.lint import Severity
from publish.pages import listen
from publish.pages.download import index_page
from publish.pages.feed import atom_feed
from publish.pages.listing import catalogue_page
from publish.pages.site import Site, collect
from publish.pages.statement import accessibility_page

__all__ = ["Site", "build_pages", "collect", "folder", "write_catalogue", "write_pages"]


def folder(site: Site, out_dir: Path) -> Path:
    """Where a publication's pages go: build/NAME/, beside its editions build/NAME.pdf..."""
    return Path(out_dir) / site.name


def build_pages(source: Path, out_dir: Path) -> list[Path]:
    """Write the publication's pages into out_dir/NAME/, from its editions in out_dir."""
    return write_pages(collect(Path(source), Path(out_dir)), Path(out_dir))


def write_pages(site: Site, out_dir: Path) -> list[Path]:
    spoken = listen.tracks(site)  # read once: the download page lists the MP3s, the record keeps them for the feed
    outputs = {
        "index.html": index_page(site, spoken),
        "accessibility.json": report.as_json(site.result).encode("utf-8"),
        "accessibility.html": accessibility_page(site),
        catalogue.RECORD: record(site, spoken).to_json(),
    }
    return write_all(folder(site, out_dir), outputs)


def record(site: Site, spoken: listen.Spoken) -> catalogue.Publication:
    """What the catalogue lists about this publication."""
    ctx = site.ctx
    return catalogue.Publication(
        name=site.name, title=ctx.title, lang=ctx.lang, description=ctx.description,
        date=iso_date(ctx), date_text=ctx.date_text,
        publisher=str(ctx.meta.get("publisher") or ", ".join(ctx.authors)), prepared=site.prepared.isoformat(),
        errors=site.result.count(Severity.ERROR), warnings=site.result.count(Severity.WARNING),
        editions=[catalogue.EditionEntry(e.name, e.format_name, e.edition.file_format, e.size)
                  for e in site.editions],
        tracks=[catalogue.TrackEntry(t.file, t.title, t.size, round(t.seconds, 1))
                for t in (spoken[1] if spoken else [])])


def iso_date(ctx: BuildContext) -> str:
    """The front matter's date in ISO form, as precise as it was given (`2019-11`), or ""."""
    raw = str(ctx.meta.get("date", "")).strip()
    if not ctx.date:
        return ""
    return raw if re.fullmatch(r"\d{4}(-\d{2}){0,2}", raw) else ctx.date.isoformat()


def write_catalogue(publications: list[catalogue.Publication], found: catalogue.Settings, out_dir: Path) -> list[Path]:
    """build/index.html, every publication newest first, and build/feed.xml."""
    return write_all(Path(out_dir), {"index.html": catalogue_page(publications, found),
                                     "feed.xml": atom_feed(publications, found)})


def write_all(target: Path, outputs: dict[str, bytes]) -> list[Path]:
    for name, data in outputs.items():
        pipeline.write_atomically(target / name, data)
    return [target / name for name in outputs]
