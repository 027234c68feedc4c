"""Where people already work: the pre-commit hooks (through `pre-commit try-repo`, which installs
this repository as pre-commit does) and the GitHub Action's run: steps, executed as a runner would.

Both install the project from its folder into a new virtual environment. Its dependencies
come from the test's own environment (PYTHONPATH), so the tests download nothing from PyPI;
publish itself is built and installed from the repository each time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, RULE_FIXTURES
from publish import cli
from publish.editions import EDITIONS

DEPENDENCIES = {"PYTHONPATH": sysconfig.get_paths()["purelib"]}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=repo, check=True,
                   capture_output=True)


@pytest.fixture()
def repo(tmp_path) -> Path:
    """A project that uses the hooks: a Markdown source, two committed web pages, and a text
    file outside build/ that the lint hook must leave alone."""
    repo = tmp_path / "project"
    shutil.copytree(ROOT / "source", repo / "source")
    (repo / "site").mkdir()
    shutil.copyfile(RULE_FIXTURES / "HTML201" / "fail.html", repo / "site" / "bad.html")
    shutil.copyfile(RULE_FIXTURES / "HTML201" / "pass.html", repo / "site" / "good.html")
    (repo / "notes.txt").write_text("x" * 200 + "\n")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def try_repo(repo: Path, hook: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, **DEPENDENCIES, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--verbose", *args],
                          cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def test_hooks_lint_built_files_and_check_sources(repo):
    """Every hook of the repository at once (try-repo installs a new environment per call)."""
    done = try_repo(repo, "--all-files")
    hooks = dict(re.findall(r"^(publish \w+) .*?\.+(Passed|Failed)$", done.stdout, re.MULTILINE))
    assert hooks == {"publish lint": "Failed", "publish check": "Passed"}, done.stdout + done.stderr
    assert "site/bad.html" in done.stdout and "HTML201" in done.stdout and "good.html" not in done.stdout
    assert "notes.txt" not in done.stdout  # a text file outside build/ is not an edition
    assert "source/letter.md: every edition built and linted against it" in done.stdout
    assert f"Found 0 errors and 0 warnings in {len(EDITIONS)} files." in done.stdout


def test_publish_check_names_the_source_line_and_fix(tmp_path, capsys):
    source = tmp_path / "source" / "broken.md"
    source.parent.mkdir()
    source.write_text("---\ntitle: T\nlang: en-GB\n---\n\n# T\n\n#### Skipped\n")
    assert cli.main(["check", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"publish: error: {source}:8: ") and "Fix:" in err and err.count("\n") == 1


EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def run_action(workspace: Path, inputs: dict[str, str], after_build=lambda: None) -> tuple[int, dict[str, str], str]:
    """Run action.yml's steps in order as a runner would: each run: script in bash -eo pipefail
    with its env, expressions taken from the inputs and the earlier steps' outputs. Steps that
    use another action (setup-python, upload-sarif) are GitHub's own and are left out. Returns
    the exit status of the first failing step (0 when none fails), the outputs and the log;
    `after_build` runs between the build and the lint, to damage an edition."""
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    context = {f"inputs.{name}": str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    context |= {f"inputs.{name}": value for name, value in inputs.items()}
    context["github.action_path"] = str(ROOT)
    python = workspace / "runner-python"
    venv.create(python, with_pip=True)
    log = []
    for number, step in enumerate(action["runs"]["steps"]):
        if "uses" in step:
            continue
        assert "if" not in step and step["shell"] == "bash"
        outputs = workspace / f"output-{number}"
        outputs.touch()
        env = {**os.environ, **DEPENDENCIES, "GITHUB_OUTPUT": str(outputs),
               "PATH": f"{python / 'bin'}{os.pathsep}{os.environ['PATH']}",
               **{key: EXPRESSION.sub(lambda m: context[m[1]], value) for key, value in step.get("env", {}).items()}}
        assert not EXPRESSION.search(step["run"]), "expressions reach a script only through env"
        done = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]], cwd=workspace,
                              env=env, capture_output=True, text=True, timeout=600)
        log.append(done.stdout + done.stderr)
        for line in outputs.read_text().splitlines():
            key, value = line.split("=", 1)
            context[f"steps.{step.get('id')}.outputs.{key}"] = value
        if done.returncode:
            return done.returncode, context, "".join(log)
        if step["name"] == "Build the editions":
            after_build()
    return 0, context, "".join(log)


def test_action_builds_lints_writes_sarif_and_fails_on_errors(tmp_path):
    shutil.copytree(ROOT / "source", tmp_path / "source")
    status, context, log = run_action(tmp_path, {})
    assert status == 0, log
    sarif = json.loads((tmp_path / context["steps.lint.outputs.sarif-file"]).read_text())
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"] == []
    assert f"Found 0 errors and 0 warnings in {len(EDITIONS)} files." in log

    def drop_language():
        html = tmp_path / "out" / "letter.html"
        html.write_text(re.sub(r'<html[^>]*>', "<html>", html.read_text(encoding="utf-8"), count=1), encoding="utf-8")

    status, context, log = run_action(tmp_path, {"out": "out"}, after_build=drop_language)
    assert status == 1 and context["steps.lint.outputs.status"] == "1", log
    assert "HTML002" in log and "::error::publish found accessibility errors" in log
    sarif = json.loads((tmp_path / context["steps.lint.outputs.sarif-file"]).read_text())
    assert "HTML002" in {result["ruleId"] for result in sarif["runs"][0]["results"]}
