"""Each rule against its own fixtures: the pass file is clean, the fail file gives exactly what is expected."""

from __future__ import annotations

import re

import pytest

from conftest import RULE_FIXTURES, fixture_codes, materialise
from publish import pipeline
from publish.lint import RULES, Settings, lint_file, selector


def render(findings) -> str:
    """`location: CODE severity: message`, one per line; `-` when there is no location."""
    return "".join(f"{f.location or '-'}: {f.code} {f.severity.value}: {f.message}\n" for f in findings)


def lint_fixture(code: str, kind: str, tmp_path):
    """Lint one fixture with only its rule; a `source.md` beside it is the source it is compared with."""
    path = materialise(code, kind, tmp_path)
    source = path.with_name("source.md")
    expected = pipeline.expected_text(source) if source.exists() else None
    return lint_file(path, Settings(selector([code]), expected)).findings


@pytest.mark.parametrize("code", sorted(RULES), ids=str)
def test_rule_passes_clean_fixture(code, tmp_path):
    findings = lint_fixture(code, "pass", tmp_path)
    assert render(findings) == ""


@pytest.mark.parametrize("code", sorted(RULES), ids=str)
def test_rule_flags_failing_fixture(code, tmp_path):
    findings = lint_fixture(code, "fail", tmp_path)
    expected = (RULE_FIXTURES / code / "fail.expected").read_text(encoding="utf-8")
    assert render(findings) == expected
    assert findings, "a fail fixture must produce at least one finding"


def test_every_fixture_folder_names_a_rule():
    assert [code for code in fixture_codes() if code not in RULES] == []


@pytest.mark.parametrize("code", sorted(RULES), ids=str)
def test_rule_is_fully_declared(code):
    r = RULES[code]
    assert re.fullmatch(r"(PDF|DOCX|EPUB|HTML|TXT|BRF|FILE)\d{3}", r.code)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", r.name)
    assert "must" in r.summary
    assert "## What it does" in r.doc and "## Why is this bad?" in r.doc and "## Example" in r.doc
    assert r.fix and r.fix_file and r.refs
