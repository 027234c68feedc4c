"""accessibility.html: an accessibility statement in the UK public-sector shape, then the report.

The statement's status, the content that is not accessible, the alternatives and the
contact all come from the lint results and the front matter. What a machine cannot
check is listed as "needs a person", chosen by what the document contains.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Callable

from publish import __version__, facts
from publish.lint import RULES, Finding, Severity
from publish.pages.html import SEVERITY_WORDS, another_format, contact_html, date_html, in_lang, page
from publish.pages.site import EditionFile, Site

STANDARD = "Web Content Accessibility Guidelines (WCAG) version 2.2, level AA"


@dataclass(frozen=True)
class HumanCheck:
    """A check only a person can make, and when it applies."""

    text: str
    criterion: str
    applies: Callable[[facts.Facts], bool] = lambda found: True
    formats: tuple[str, ...] = ()  # editions it concerns; () for all


HUMAN_CHECKS = (
    HumanCheck("Each image's alt text says what the image shows and why it is there", "1.1.1",
               lambda found: found.images > found.decorative_images),
    HumanCheck("Images marked decorative really carry no information", "1.1.1",
               lambda found: found.decorative_images > 0),
    HumanCheck("Each formula's words say the formula as a listener needs it", "1.1.1", lambda found: found.has("Math")),
    HumanCheck("Table headers name the rows and columns they head, and each table is needed", "1.3.1",
               lambda found: found.has("Table")),
    HumanCheck("The reading order makes sense when the text is read aloud", "1.3.2"),
    HumanCheck("Nothing relies on colour, shape or position alone to carry meaning", "1.3.3"),
    HumanCheck("Each heading describes the section it starts", "2.4.6", lambda found: found.has("Header")),
    HumanCheck("Each link's text says where the link goes", "2.4.4", lambda found: found.has("Link")),
    HumanCheck("Phrases in another language are marked with their language", "3.1.2"),
    HumanCheck("The language is plain: short sentences, everyday words, abbreviations explained", "3.1.5"),
    HumanCheck("The page reads well zoomed to 400% and with the reader's own colours and text spacing",
               "1.4.10", formats=("html",)),
    HumanCheck("The PDF's tags follow the order a sighted reader reads each page in", "1.3.2", formats=("pdf",)),
    HumanCheck("The book reads well in a reading app with its screen reader on", "4.1.2", formats=("epub",)),
    HumanCheck("The headings in Word's Navigation pane match the document's sections", "2.4.6",
               formats=("docx",)),
)


def human_checks(found: facts.Facts, edition: str | None = None) -> list[HumanCheck]:
    """The checks that apply to this document: all of them, or one edition's."""
    return [c for c in HUMAN_CHECKS if c.applies(found) and (edition is None or not c.formats
                                                             or edition in c.formats)]


def wcag(finding: Finding) -> str:
    criteria = [ref.removeprefix("WCAG 2.2 SC ") for ref in finding.refs if ref.startswith("WCAG 2.2 SC ")]
    return f" (WCAG 2.2 success criterion {', '.join(criteria)})" if criteria else ""


def finding_item(finding: Finding, label: str) -> str:
    where = f" at {escape(finding.location)}" if finding.location else ""
    return (f"<li><strong>{escape(label)}</strong>: {escape(finding.message)}{where}. "
            f"{escape(RULES[finding.code].summary)}{wcag(finding)}.</li>")


def edition_label(edition: EditionFile) -> str:
    return f"{edition.format_name}, {edition.name}"


def edition_link(edition: EditionFile) -> str:
    return f'<a href="{escape(edition.href)}">{escape(edition.format_name)}: {escape(edition.name)}</a>'


def status_section(site: Site) -> list[str]:
    failing = [e for e in site.editions if e.errors or e.fmt is None]
    total = len(site.editions)
    if not failing:
        status = (f"On the automated checks, this publication is fully compliant with the {STANDARD}: "
                  f"none of its {total} editions has an error.")
    elif len(failing) < total:
        status = (f"This publication is partially compliant with the {STANDARD}, due to the non-compliances "
                  f"listed below: {len(failing)} of its {total} editions have errors.")
    else:
        status = (f"This publication is not compliant with the {STANDARD}: every one of its {total} editions has "
                  "errors, listed below.")
    people = len(human_checks(site.found))
    return ['<h2 id="compliance">Compliance status</h2>', f'<p class="status">{status}</p>',
            f"<p>A machine cannot judge everything. {people} checks need a person; they are listed below, and "
            "this statement makes no claim about them until someone has made them.</p>"]


def not_accessible_section(site: Site) -> list[str]:
    body = ['<h2 id="not-accessible">Content that is not accessible</h2>',
            "<h3>Non-compliance with the accessibility standard</h3>"]
    failures = [f'<li><strong>{escape(edition_label(e))}</strong>: could not be checked, so nothing about its '
                "accessibility is known.</li>" for e in site.editions if e.fmt is None]
    failures += [finding_item(f, edition_label(e)) for e in site.editions for f in e.errors]
    body.append(f"<ul>{''.join(failures)}</ul>" if failures else
                "<p>The automated checks found no content that fails the standard.</p>")
    warnings = [finding_item(f, edition_label(e)) for e in site.editions for f in e.findings
                if f.severity is Severity.WARNING]
    if warnings:
        body += ["<h3>Content that may be hard to use</h3>", f"<ul>{''.join(warnings)}</ul>"]
    checks = "".join(f"<li>{escape(c.text)} (WCAG 2.2 success criterion {c.criterion})</li>"
                     for c in human_checks(site.found))
    body += ["<h3>What has not been checked</h3>",
             f"<p>Only a person can judge these. Until someone has, they may hide problems:</p><ul>{checks}</ul>"]
    return body


def alternatives_section(site: Site) -> list[str]:
    passing = [e for e in site.editions if e.fmt is not None and not e.errors]
    failing = [e for e in site.editions if e not in passing]
    if not passing:
        text = "<p>No edition passed the automated checks. Ask for another format (see below).</p>"
    elif failing:
        names = ", ".join(escape(e.format_name) for e in failing)
        text = (f"<p>If you cannot use the {names}, the same content is in these editions, which passed the "
                f"automated checks:</p><ul>{''.join(f'<li>{edition_link(e)}</li>' for e in passing)}</ul>")
    else:
        text = ("<p>Every edition has the same content, so if one format does not work for you, another may:</p>"
                f"<ul>{''.join(f'<li>{edition_link(e)}</li>' for e in passing)}</ul>")
    return ['<h2 id="alternatives">Alternatives</h2>', text]


def contact_section(site: Site) -> list[str]:
    return ['<h2 id="another-format">Ask for another format</h2>', another_format(site.ctx),
            '<h2 id="feedback">Feedback and contact information</h2>',
            f"<p>If you find a problem that is not listed here, or think the publication is not accessible, "
            f"{contact_html(site.ctx)}, and tell us which edition and what happened.</p>"]


def preparation_section(site: Site) -> list[str]:
    return ['<h2 id="preparation">Preparation of this statement</h2>',
            f"<p>This statement was prepared on {date_html(site.prepared)}. It is based on the automated checks "
            f"made by publish {escape(__version__)} on each edition, reported below, and on the document's own "
            'details. The full results are also <a href="accessibility.json">available as JSON</a>.</p>']


def edition_report(site: Site, edition: EditionFile) -> list[str]:
    key = escape(edition.edition.name)
    body = [f'<h3 id="report-{key}">{escape(edition.format_name)}: {escape(edition.name)}</h3>']
    if edition.fmt is None:
        body.append("<p>The file could not be checked.</p>")
    findings = [f"<li><strong>{SEVERITY_WORDS[f.severity]}</strong> <code>{f.code}</code> {escape(f.name)}: "
                f"{escape(f.message)}{' at ' + escape(f.location) if f.location else ''}. "
                f'<span class="finding-fix">Fix: {escape(f.fix)}</span></li>' for f in edition.findings]
    body += [f'<h4 id="findings-{key}">Findings ({len(findings)})</h4>',
             f"<ul>{''.join(findings)}</ul>" if findings else "<p>None.</p>"]
    passed = "".join(f"<li><code>{code}</code> {escape(RULES[code].summary)}</li>" for code in edition.passed)
    body += [f'<h4 id="passed-{key}">Checks passed ({len(edition.passed)})</h4>',
             f"<details><summary>Show the {len(edition.passed)} checks that found nothing</summary>"
             f"<ul>{passed}</ul></details>" if passed else "<p>None.</p>"]
    people = human_checks(site.found, edition.edition.file_format)
    body += [f'<h4 id="person-{key}">Needs a person ({len(people)})</h4>',
             "<ul>" + "".join(f"<li>{escape(c.text)}</li>" for c in people) + "</ul>"]
    return body


def report_section(site: Site) -> list[str]:
    counts = ", ".join(f"{site.result.count(s)} {SEVERITY_WORDS[s]}{'' if site.result.count(s) == 1 else 's'}"
                       for s in Severity)
    body = ['<h2 id="report">Report: what was checked</h2>',
            f"<p>{site.result.files} editions checked: {counts}.</p>"]
    for edition in site.editions:
        body += edition_report(site, edition)
    return body


def accessibility_page(site: Site) -> bytes:
    ctx = site.ctx
    editions = ", ".join(edition_link(e) for e in site.editions)
    body = [f"<h1>Accessibility statement for “{in_lang(ctx.title, ctx.lang)}”</h1>",
            f"<p>This statement covers the {len(site.editions)} editions of this publication: {editions}. "
            'They are listed with their sizes and checksums on the <a href="index.html">download page</a>.</p>',
            *status_section(site), *not_accessible_section(site), *alternatives_section(site),
            *contact_section(site), *preparation_section(site), *report_section(site)]
    return page(f"Accessibility: {ctx.title}", "accessibility.html", "\n".join(body))
