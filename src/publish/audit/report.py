"""The audit's reports, written from findings.jsonl one line at a time: SARIF for code
scanning and report.html for the person who has to act on it.

Memory holds counts only (per format, per rule, per number of errors); each file's findings
are read, written out and dropped, so the reports cost the same whatever the archive's size.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Iterator

from publish import __version__, report
from publish.audit.run import AuditError
from publish.lint import RULES, Finding, Severity

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
CSS = "".join((TEMPLATES / name).read_text(encoding="utf-8") for name in ("html.css", "page.css", "audit.css"))
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)", "epub": "EPUB", "html": "Web page (HTML)",
                "txt": "Plain text", "file": "Not recognised"}
BUCKETS = ((0, 0), (1, 1), (2, 2), (3, 5), (6, 10), (11, 20), (21, None))  # files by number of errors
COMMON = 10  # problems listed in "the most common problems"


def records(journal: Path) -> Iterator[dict]:
    with journal.open("rb") as lines:
        for raw in lines:
            yield json.loads(raw)


def findings_of(record: dict) -> Iterator[Finding]:
    for row in record["findings"]:
        rule = RULES.get(row["code"])
        if rule is None:
            raise AuditError(f"{record['path']}: rule {row['code']} in findings.jsonl is not one this version of "
                             "publish knows; another version made the audit, so run it again without --resume")
        yield Finding(row["code"], row["name"], Severity(row["severity"]), record["path"], row["message"],
                      row["fix"], row["location"], rule.refs)


def bucket(errors: int) -> int:
    return next(i for i, (low, high) in enumerate(BUCKETS) if errors >= low and (high is None or errors <= high))


def bucket_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low} to {high}"


@dataclass
class Totals:
    """What the summary needs, counted as the journal streams past."""

    files: Counter = field(default_factory=Counter)  # format -> files
    with_errors: Counter = field(default_factory=Counter)  # format -> files with at least one error
    unreadable: int = 0
    clean: int = 0
    severities: Counter = field(default_factory=Counter)  # severity -> findings
    rule_files: Counter = field(default_factory=Counter)  # code -> files it fired on
    rule_findings: Counter = field(default_factory=Counter)  # code -> findings
    by_errors: Counter = field(default_factory=Counter)  # bucket index -> files

    def add(self, record: dict) -> None:
        fmt, rows = record["format"], record["findings"]
        errors = sum(row["severity"] == "error" for row in rows)
        self.files[fmt] += 1
        self.with_errors[fmt] += errors > 0
        self.unreadable += not record["readable"]
        self.clean += not rows
        self.severities.update(row["severity"] for row in rows)
        self.rule_findings.update(row["code"] for row in rows)
        self.rule_files.update({row["code"] for row in rows})
        self.by_errors[bucket(errors)] += 1

    @property
    def total(self) -> int:
        return sum(self.files.values())


def write_reports(journal: Path, root: Path) -> tuple[Totals, Path, Path]:
    """findings.sarif and report.html beside the journal; returns the counts and both paths."""
    out = journal.parent
    sarif_path, html_path = out / "findings.sarif", out / "report.html"
    totals = write_sarif(journal, sarif_path)
    write_html(journal, html_path, totals, root)
    return totals, sarif_path, html_path


def write_sarif(journal: Path, target: Path) -> Totals:
    """SARIF 2.1.0, results streamed in journal order; the rules they use are listed after them
    (JSON objects are unordered), each numbered as it first appears. Counts the totals on the way."""
    totals, index = Totals(), {}
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("w", encoding="utf-8") as sarif:
        sarif.write('{"$schema":%s,"version":"2.1.0","runs":[{"results":[' % json.dumps(report.SARIF_SCHEMA))
        first = True
        for record in records(journal):
            totals.add(record)
            for finding in findings_of(record):
                result = report.sarif_result(finding, index.setdefault(finding.code, len(index)))
                sarif.write(("" if first else ",") + json.dumps(result, ensure_ascii=False))
                first = False
        sarif.write('],"tool":%s}]}\n' % json.dumps(report.sarif_tool(list(index)), ensure_ascii=False))
    tmp.replace(target)
    return totals


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)}%" if whole else "0%"


def plural(n: int, word: str) -> str:
    return report.plural(n, word).replace(f"{n} ", f"{n:,} ", 1)


def summary_html(totals: Totals, root: Path) -> str:
    total, erring = totals.total, sum(totals.with_errors.values())
    rows = "\n".join(
        f'<tr><th scope="row">{FORMAT_NAMES.get(fmt, escape(fmt))}</th><td>{n:,}</td>'
        f"<td>{totals.with_errors[fmt]:,}</td><td>{percent(totals.with_errors[fmt], n)}</td></tr>"
        for fmt, n in sorted(totals.files.items(), key=lambda item: (-item[1], item[0])))
    facts = [("Files checked", f"{total:,}"),
             ("Files with errors", f"{erring:,} ({percent(erring, total)})"),
             ("Files with warnings only", f"{total - erring - totals.clean:,}"),
             ("Files with no findings", f"{totals.clean:,}"),
             ("Files that could not be checked", f"{totals.unreadable:,}"),
             ("Errors", f"{totals.severities['error']:,}"),
             ("Warnings", f"{totals.severities['warning']:,}")]
    return f"""<h1>Accessibility audit of {escape(root.name or str(root))}</h1>
<p class="lead">{plural(total, 'file')} checked under <code>{escape(str(root))}</code> on
{dt.date.today():%d %B %Y}: {plural(erring, 'file')} ({percent(erring, total)}) have errors that stop some
readers using them.</p>
<nav aria-label="This report"><ul>
<li><a href="#totals">Totals</a></li><li><a href="#formats">Errors by format</a></li>
<li><a href="#problems">The most common problems</a></li><li><a href="#chart">Files by number of errors</a></li>
<li><a href="#files">Every file’s findings</a></li>
</ul></nav>
<h2 id="totals">Totals</h2>
<dl class="facts">
{"".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)}
</dl>
<h2 id="formats">Files with errors, by format</h2>
<div class="scroll" role="region" aria-labelledby="formats" tabindex="0">
<table>
<thead><tr><th scope="col">Format</th><th scope="col">Files</th><th scope="col">With errors</th>
<th scope="col">Share</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</div>
{problems_html(totals)}
{chart_html(totals)}"""


def problems_html(totals: Totals) -> str:
    if not totals.rule_files:
        return '<h2 id="problems">The most common problems</h2>\n<p>The linter found no problems.</p>'
    items = []
    rank = list(Severity)
    common = sorted(totals.rule_files.items(), key=lambda item: (rank.index(RULES[item[0]].severity), -item[1], item[0]))
    for code, files in common[:COMMON]:
        rule = RULES[code]
        items.append(f"""<li>
<h3>{escape(rule.summary)}</h3>
<p><strong>{rule.severity.value.capitalize()}</strong>, rule {code} ({escape(rule.name)}):
in {plural(files, 'file')}, {plural(totals.rule_findings[code], 'time')} in all.</p>
<p class="finding-fix">How to fix: {escape(rule.fix_file)}. <code>publish explain {code}</code> says more.</p>
</li>""")
    return ('<h2 id="problems">The most common problems</h2>\n'
            "<p>Errors first, then warnings, then notes; each by the number of files it is in.</p>\n"
            f'<ol class="problems">\n{"".join(items)}\n</ol>')


def chart_html(totals: Totals) -> str:
    """A bar chart in inline SVG for the eye, and beside it the same figures as a table for
    screen readers and anyone who wants the numbers; the picture itself is hidden from them."""
    counts = [totals.by_errors[i] for i in range(len(BUCKETS))]
    labels = [bucket_label(low, high) for low, high in BUCKETS]
    most, row, left, width = max(counts) or 1, 30, 120, 200
    bars = "\n".join(
        f'<text x="{left - 8}" y="{i * row + 20}" text-anchor="end">{label}</text>'
        f'<rect class="bar" x="{left}" y="{i * row + 6}" width="{count / most * width:.1f}" height="{row - 10}"/>'
        f'<text x="{left + count / most * width + 6:.1f}" y="{i * row + 20}">{count:,}</text>'
        for i, (label, count) in enumerate(zip(labels, counts)))
    rows = "\n".join(f'<tr><th scope="row">{label}</th><td>{count:,}</td></tr>' for label, count in zip(labels, counts))
    return f"""<h2 id="chart">Files by number of errors</h2>
<div class="chart">
<figure>
<svg aria-hidden="true" focusable="false" viewBox="0 0 {left + width + 60} {row * len(BUCKETS)}" width="100%">
{bars}
</svg>
<figcaption>Bars: how many files have each number of errors. The table gives the same figures.</figcaption>
</figure>
<table>
<caption>Files by number of errors</caption>
<thead><tr><th scope="col">Errors in the file</th><th scope="col">Files</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</div>"""


def file_html(record: dict) -> str:
    """One file: its findings one click away (a disclosure), or a line saying it has none."""
    fmt = FORMAT_NAMES.get(record["format"], escape(record["format"]))
    rows = record["findings"]
    if not rows:
        return f'<li><code>{escape(record["path"])}</code>: {fmt}, no findings</li>'
    count = Counter(row["severity"] for row in rows)
    said = ", ".join(plural(count[s.value], s.value) for s in Severity if count[s.value])
    items = "".join(finding_html(row) for row in rows)
    return (f'<li><details><summary><code>{escape(record["path"])}</code>: {fmt}, {said}</summary>'
            f"<ul>{items}</ul></details></li>")


def finding_html(row: dict) -> str:
    where = f" ({escape(row['location'])})" if row["location"] else ""
    return (f"<li><strong>{row['severity'].capitalize()}</strong> {row['code']}: {escape(row['message'])}{where}"
            f'<p class="finding-fix">Fix: {escape(row["fix"])}</p></li>')


def write_html(journal: Path, target: Path, totals: Totals, root: Path) -> None:
    head = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="publish {__version__}">
<title>Accessibility audit of {escape(root.name or str(root))}</title>
<style>
{CSS}
</style>
</head>
<body>
<a class="skip-link" href="#content">Skip to the content</a>
<main id="content" tabindex="-1">
{summary_html(totals, root)}
<h2 id="files">Every file’s findings</h2>
<p>Open a file to see what the linter found in it and how to fix each problem.</p>
<ul class="files">
"""
    tmp = target.with_name(f".{target.name}.tmp")
    with tmp.open("w", encoding="utf-8") as html:
        html.write(head)
        for record in records(journal):
            html.write(file_html(record) + "\n")
        html.write("</ul>\n</main>\n</body>\n</html>\n")
    tmp.replace(target)

