"""index.html: the download page for partner organisations, one card per edition."""

from __future__ import annotations

from html import escape

from publish import report
from publish.pages import listen
from publish.pages.html import another_format, document_date, in_lang, language_text, page, size_text
from publish.lint import Severity
from publish.pages.site import EditionFile, Site

def checks_line(edition: EditionFile) -> str:
    if edition.fmt is None:
        return "Could not be checked"
    errors = len(edition.errors)
    warnings = sum(f.severity is Severity.WARNING for f in edition.findings)
    verdict = "no errors" if not errors else report.plural(errors, "error")
    return (f"{len(edition.passed)} automated checks passed, {verdict}, {report.plural(warnings, 'warning')} "
            f'(<a href="accessibility.html#report-{edition.edition.name}">details of the '
            f'{edition.format_name} checks</a>)')


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
            f'<p class="download"><a href="{escape(edition.href)}">Download {name}, '
            f'{size_text(edition.size).split(" (")[0]}</a></p>\n'
            "</li>")


def index_page(site: Site, spoken: listen.Spoken) -> bytes:
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
        *listen.section(site, spoken),
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
