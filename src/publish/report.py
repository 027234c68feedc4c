"""Formatting lint results: concise text for people, JSON and SARIF 2.1.0 for machines."""

from __future__ import annotations

import json
import os
import sys

from publish import __version__
from publish import lint
from publish.lint import Finding, Result, Severity, policy
from publish.lint.rule import split_location

SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def concise(result: Result, colour: bool | None = None) -> str:
    """One line per finding, the location first, the severity as a word; then a summary."""
    if colour is None:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    paint = {Severity.ERROR: "\x1b[1;31m", Severity.WARNING: "\x1b[1;33m", Severity.INFO: "\x1b[1;36m"}
    lines = []
    for f in result.findings:
        where = f"{f.path}:{f.location}" if f.location else f.path
        severity = f"{paint[f.severity]}{f.severity.value}\x1b[0m" if colour else f.severity.value
        lines.append(f"{where}: {f.code} {severity}: {f.message}")
        lines.append(f"  help: {f.fix}")
    lines.append(
        f"Found {plural(result.count(Severity.ERROR), 'error')} and "
        f"{plural(result.count(Severity.WARNING), 'warning')} in {plural(result.files, 'file')}."
    )
    return "\n".join(lines) + "\n"


def as_json(result: Result) -> str:
    return json.dumps({
        "tool": {"name": "publish", "version": __version__},
        "files": result.files,
        "summary": {s.value: result.count(s) for s in Severity},
        "findings": [{**f.as_dict(), "basis": policy.basis(lint.RULES[f.code])} for f in result.findings],
    }, indent=2, ensure_ascii=False) + "\n"


SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def sarif_rule(code: str) -> dict:
    """A rule as SARIF describes it (the tool's `rules` array)."""
    r = lint.RULES[code]
    return {
        "id": code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.summary},
        "help": {"text": r.fix_file, "markdown": r.doc or r.summary},
        "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
        "properties": {"tags": list(r.refs), "basis": policy.basis(r)},
    }


def sarif_result(f: Finding, rule_index: int) -> dict:
    """One finding as a SARIF result, located by line and column when the location has them."""
    line, column = split_location(f.location)
    physical = {"artifactLocation": {"uri": f.path.replace(os.sep, "/")}}
    if line:
        physical["region"] = {"startLine": line, **({"startColumn": column} if column else {})}
    location = {"physicalLocation": physical}
    if f.location and not line:
        location["message"] = {"text": f.location}
    return {
        "ruleId": f.code, "ruleIndex": rule_index, "level": SARIF_LEVEL[f.severity],
        "message": {"text": f"{f.message}. {f.fix}"}, "locations": [location],
    }


def sarif_tool(codes: list[str]) -> dict:
    return {"driver": {"name": "publish", "version": __version__, "rules": [sarif_rule(code) for code in codes]}}


def sarif(result: Result) -> str:
    used = sorted({f.code for f in result.findings})
    index = {code: i for i, code in enumerate(used)}
    return json.dumps({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": sarif_tool(used), "results": [sarif_result(f, index[f.code]) for f in result.findings]}],
    }, indent=2, ensure_ascii=False) + "\n"


FORMATTERS = {"concise": concise, "json": as_json, "sarif": sarif}


FORMAT_HEADINGS = {"pdf": "PDF", "docx": "DOCX", "epub": "EPUB", "html": "HTML", "txt": "Plain text", "brf": "Braille (BRF)",
                   "file": "Any file"}


def rules_markdown(rules) -> str:
    """Every rule as Markdown tables, one per format: what README.md shows under "The lint rules"."""
    out = []
    for fmt, heading in FORMAT_HEADINGS.items():
        listed = sorted((r for r in rules.values() if r.fmt == fmt), key=lambda r: r.code)
        if not listed:
            continue
        out += [f"### {heading}", "", "| code | severity | name | what must be true | an error because it fails |",
                "|---|---|---|---|---|"]
        out += [f"| {r.code} | {r.severity.value} | {r.name} | {r.summary} | "
                f"{policy.basis(r) if r.severity.value == 'error' else ''} |" for r in listed]
        out.append("")
    return "\n".join(out)
