"""Build every Markdown file of a corpus with `publish build`, and sort the outcomes.

    python benchmarks/md_corpus.py CORPUS_DIR [--jobs 2] [--timeout 120] [--only TEXT]

CORPUS_DIR holds md/: every .md, .markdown and .txt file under it (not LICENSE or
COPYRIGHT) is one document, built from a copy of its folder (so its images come along);
each example of a spec-examples.json (CommonMark) is one document on its own. A document
with no front matter gets a minimal one (a title and `lang: en`); a front matter without
title or lang gets the missing keys; the output says how many were given what.

Each document is built into a fresh folder by `publish build` in its own process, two at
a time, with a time cap; the editions it writes are then linted in process. Outcomes:

- built: exit 0 with every edition written (and how many of those lint without errors);
- stopped: exit 1 with one clear line (grouped by message, without location, fix or specifics);
- failed: anything else (a traceback, a converter's BuildError, a time-out, an edition
  missing, the linter crashing). This number must be zero: each is listed with its
  reason. The exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from publish import lint
from publish.editions import EDITIONS

SUFFIXES = {".md", ".markdown", ".txt"}
NOT_MARKDOWN = {"LICENSE", "COPYRIGHT"}
CAPPED = 2000  # characters of a failure's output kept for the report


@dataclass
class Document:
    name: str
    data: bytes
    folder: Path | None  # copied beside the source, for images; None for a snippet
    added: str = ""  # what front matter we gave it


@dataclass
class Outcome:
    kind: str  # built, stopped, failed
    detail: str = ""  # the message (stopped) or the reason (failed)
    lint_errors: list[str] = field(default_factory=list)  # codes of lint errors, when built


def with_front_matter(data: bytes, title: str, always: bool) -> tuple[bytes, str]:
    """Give the document a title and a language if its front matter lacks them."""
    header = f"---\ntitle: {json.dumps(title)}\nlang: en\n---\n\n".encode()
    if always or not data.startswith(b"---\n"):
        return header + data, "front matter"
    end = re.search(rb"^(---|\.\.\.)[ \t]*$", data[4:], re.MULTILINE)
    try:
        meta = yaml.safe_load(data[4:4 + end.start()]) if end else None
    except yaml.YAMLError:
        meta = None
    if not isinstance(meta, dict):
        return data, ""  # the build will say what is wrong with it
    missing = [key for key in ("title", "lang") if not meta.get(key)]
    lines = {"title": f"title: {json.dumps(title)}\n", "lang": "lang: en\n"}
    return b"---\n" + "".join(lines[key] for key in missing).encode() + data[4:], " and ".join(missing)


def documents(corpus: Path) -> list[Document]:
    found = []
    for path in sorted((corpus / "md").rglob("*")):
        name = path.relative_to(corpus).as_posix()
        if path.suffix in SUFFIXES and path.stem not in NOT_MARKDOWN:
            data, added = with_front_matter(path.read_bytes(), path.stem, always=False)
            found.append(Document(name, data, path.parent, added))
        elif path.name == "spec-examples.json":
            for example in json.loads(path.read_text(encoding="utf-8")):
                title = f"CommonMark example {example['example']}"
                data, added = with_front_matter(example["markdown"].encode(), title, always=True)
                found.append(Document(f"{name}#{example['example']}", data, None, added))
    return found


def message_kind(line: str, source: Path) -> str:
    """The message without the file, line and fix, its specifics folded, for grouping."""
    line = line.replace(str(source), "SOURCE").split(". Fix: ")[0]
    line = re.sub(r"^(publish: error: )?SOURCE(:\d+)?: ", "", line)
    for quoted in (r"\(`.*`\)", r"`[^`]*`", r"“[^”]*”", r"\([^)]*\)"):  # outermost first
        line = re.sub(quoted, "…", line)
    return re.sub(r"\d+", "N", line)


def build(document: Document, timeout: float) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="md-corpus-") as tmp:
        folder, out = Path(tmp) / "source", Path(tmp) / "build"
        if document.folder is not None:
            shutil.copytree(document.folder, folder)
        folder.mkdir(exist_ok=True)
        source = folder / "document.md"
        source.write_bytes(document.data)
        command = [sys.executable, "-m", "publish", "build", "--source", str(source), "--out", str(out)]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=tmp)
        except subprocess.TimeoutExpired:
            return Outcome("failed", f"no result within {timeout:.0f} s")
        errors = result.stderr.strip().splitlines()
        if result.returncode == 1 and len(errors) == 1 and "Traceback" not in result.stderr:
            return Outcome("stopped", message_kind(errors[0], source))
        if result.returncode != 0:
            return Outcome("failed", f"exit {result.returncode}: {result.stderr.strip()[-CAPPED:]}")
        editions = [out / f"document{edition.suffix}" for edition in EDITIONS.values()]
        missing = [p.name for p in editions if not p.is_file()]
        if missing:
            return Outcome("failed", f"exit 0 but no {', '.join(missing)}")
        try:
            findings = lint.run(editions, lint.Settings(built_from=str(source))).findings
        except Exception:  # noqa: BLE001 - a linter crash is a failure to report, not to stop on
            return Outcome("failed", "the linter crashed: " + traceback.format_exc()[-CAPPED:])
        return Outcome("built", lint_errors=[f.code for f in findings if f.severity is lint.Severity.ERROR])


def report(docs: list[Document], outcomes: list[Outcome], seconds: float) -> int:
    added = Counter(doc.added for doc in docs if doc.added)
    built = [o for o in outcomes if o.kind == "built"]
    stopped = Counter(o.detail for o in outcomes if o.kind == "stopped")
    failed = [(doc.name, o.detail) for doc, o in zip(docs, outcomes) if o.kind == "failed"]
    print(f"{len(docs)} documents in {seconds:.0f} s; given by us: "
          + (", ".join(f"{what} ({n})" for what, n in added.most_common()) or "nothing"))
    codes = Counter(code for o in built for code in set(o.lint_errors))
    print(f"\nBuilt every edition: {len(built)} "
          f"({sum(not o.lint_errors for o in built)} of them lint without errors)")
    for code, n in codes.most_common():
        print(f"  {n:5}  lint {code}")
    print(f"\nStopped with a clear message: {sum(stopped.values())}")
    for message, n in stopped.most_common():
        print(f"  {n:5}  {message}")
    print(f"\nFailed in another way: {len(failed)}")
    for name, reason in failed:
        print(f"  {name}: {reason}")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the folder holding md/")
    parser.add_argument("--jobs", type=int, default=2, help="builds at a time (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds per document (default: %(default)s)")
    parser.add_argument("--only", default="", help="only documents whose name contains this")
    args = parser.parse_args()
    docs = [doc for doc in documents(args.corpus) if args.only in doc.name]
    if not docs:
        print(f"no Markdown documents under {args.corpus / 'md'}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        outcomes = list(pool.map(lambda doc: build(doc, args.timeout), docs))
    return report(docs, outcomes, time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(main())
