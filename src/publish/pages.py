"""The pages beside the editions: a download page for partners, and the accessibility report.

`build_pages` finds the editions already built, lints them, and writes index.html,
accessibility.json (the linter's JSON format) and accessibility.html (a statement in
the UK public-sector shape, then the report). Every fact on them comes from the files,
the lint results and the front matter; the page text around the facts is fixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from publish import facts, lint, pipeline, report
from publish.editions import EDITIONS, BuildContext, Edition
from publish.errors import BuildError
from publish.lint import RULES, Finding, Severity
from publish.lint.formats import detect
from publish.lint.safe import Unreadable
from publish.pages_html import another_format, document_date, in_lang, language_text, page, size_text
from publish.pages_report import accessibility_page

FORMAT_NAMES = {
    "html": "Web page (HTML)",
    "epub": "E-book (EPUB 3)",
    "docx": "Word document (DOCX)",
    "pdf": "PDF document (tagged PDF)",
    "txt": "Plain text (TXT)",
    "brf": "Braille, UEB grade 2 (BRF)",
    "brf-g1": "Braille, UEB grade 1 (BRF)",
}
ORDER = ("html", "epub", "docx", "pdf", "txt")  # HTML first, as UK guidance asks; then what screen readers prefer


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
    def format_name(self) -> str:
        return FORMAT_NAMES.get(self.edition.name, f"{self.edition.suffix[1:].upper()} file")

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
        return [code for code, r in RULES.items() if r.fmt == self.fmt and code not in found
                and not code.endswith("901")]


@dataclass
class Site:
    """Everything the pages say: the document's front matter and facts, and its editions."""

    ctx: BuildContext
    found: facts.Facts
    editions: list[EditionFile]
    result: lint.Result
    prepared: dt.date


def check(path: Path, edition: Edition, source: Path, braille_page: tuple[int, int] | None = None) -> EditionFile:
    data = path.read_bytes()
    findings, readable = lint.lint_file(path, from_source=True, source=source, braille_page=braille_page)
    try:
        fmt = detect(data, path) if readable else None
    except Unreadable:
        fmt = None
    return EditionFile(edition, path, data, findings, fmt)


def collect(source: Path, out_dir: Path, braille_page: tuple[int, int] | None = None) -> Site:
    ctx, ast = pipeline.parse(source)
    paths = [(edition, out_dir / (source.stem + edition.suffix)) for edition in EDITIONS.values()]
    found = [check(path, edition, source, braille_page) for edition, path in paths if path.is_file()]
    if not found:
        raise BuildError(f"no editions of {source.name} in {out_dir}: run `publish build` first")
    found.sort(key=lambda e: ORDER.index(e.edition.name) if e.edition.name in ORDER else len(ORDER))
    result = lint.Result(findings=[f for e in found for f in e.findings], files=len(found),
                         unreadable=sum(e.fmt is None for e in found))
    return Site(ctx, facts.of(ast), found, result, prepared_on(e.path for e in found))


def prepared_on(paths) -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else the day the newest edition was written."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    stamp = int(epoch) if epoch.isdigit() else max(p.stat().st_mtime for p in paths)
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date()


def checks_line(edition: EditionFile) -> str:
    if edition.fmt is None:
        return "Could not be checked"
    errors = len(edition.errors)
    warnings = sum(f.severity is Severity.WARNING for f in edition.findings)
    verdict = "no errors" if not errors else report.plural(errors, "error")
    return (f"{len(edition.passed)} automated checks passed, {verdict}, {report.plural(warnings, 'warning')} "
            f'(<a href="accessibility.html#report-{edition.edition.name}">details</a>)')


def edition_item(site: Site, edition: EditionFile) -> str:
    name = escape(edition.name)
    facts_list = [
        ("Who it suits", escape(edition.edition.audience[:1].upper() + edition.edition.audience[1:])),
        ("File", f"<code>{name}</code>"),
        ("Size", size_text(edition.size)),
        ("Language", language_text(site.ctx.lang)),
        ("Accessibility", checks_line(edition)),
        ("SHA-256 checksum", f'<code class="checksum">{edition.sha256}</code>'),
    ]
    rows = "\n".join(f"<dt>{term}</dt><dd>{value}</dd>" for term, value in facts_list)
    return (f'<li>\n<h3 id="edition-{escape(edition.edition.name)}">{escape(edition.format_name)}</h3>\n'
            f'<dl class="facts">\n{rows}\n</dl>\n'
            f'<p class="download"><a href="{name}">Download {name}, {size_text(edition.size).split(" (")[0]}</a></p>\n'
            "</li>")


def index_page(site: Site) -> bytes:
    ctx = site.ctx
    byline = [escape(str(ctx.meta.get("publisher") or ", ".join(ctx.authors)))] if (
        ctx.meta.get("publisher") or ctx.authors) else []
    if ctx.meta.get("date"):
        byline.append(document_date(ctx))
    body = [f"<h1>{in_lang(ctx.title, ctx.lang)}</h1>"]
    if ctx.description:
        body.append(f'<p class="lead">{in_lang(ctx.description, ctx.lang)}</p>')
    if byline:
        body.append(f"<p>Published by {', '.join(byline)}.</p>")
    body += [
        '<h2 id="editions">Choose a format</h2>',
        f"<p>The same text comes in {len(site.editions)} formats. Choose the one that suits how you read. "
        "Each download shows its size and a checksum you can use to check the file arrived whole.</p>",
        '<ul class="editions" role="list">', *(edition_item(site, e) for e in site.editions), "</ul>",
        '<h2 id="accessibility">Accessibility</h2>',
        '<p>Read the <a href="accessibility.html">accessibility statement and check report</a>: what was '
        "checked in each format, what was found, and what still needs a person to check. The results are also "
        'available <a href="accessibility.json">as JSON for software</a>.</p>',
        '<h2 id="another-format">Ask for another format</h2>',
        another_format(ctx),
        '<h2 id="checksums">Check a download</h2>',
        "<p>To check a file, compare its SHA-256 checksum with the one shown here. On Linux or macOS, run "
        "<code>sha256sum</code> followed by the file name in a terminal; on Windows, run "
        "<code>certutil -hashfile</code> followed by the file name and <code>SHA256</code>.</p>",
    ]
    return page(f"Download: {ctx.title}", "index.html", "\n".join(body))


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
