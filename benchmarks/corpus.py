"""Run the linter over a corpus of files made by other projects, and compare the DOCX findings with known facts.

    python benchmarks/corpus.py CORPUS_DIR

Lints every file under CORPUS_DIR (e.g. ../shared/corpus) in process, one at a time,
and prints per format how many files each rule fired on, how many could not be checked
and how many crashed the linter (must be 0). For the DOCX files, CORPUS_DIR/MANIFEST.tsv
notes each file's facts (title, language, headings, images with and without alt text,
tables with header rows); the script turns them into the findings they imply, prints per
rule its true positives, false positives and false negatives, and every disagreement.
`--others DIR` lints the DOCX files in DIR, which no label describes, and prints each
error for a person to judge. Exit status 1 when anything crashed or disagreed.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path

from publish.lint import lint_file
from publish.lint.formats import detect
from publish.lint.rule import Severity
from publish.lint.safe import Unreadable

SKIP = {"MANIFEST.tsv", "README.md", "LICENSE", "COPYING"}
MORE = re.compile(r"… and (\d+) more like these")


def facts(manifest: Path) -> dict[str, str]:
    """path inside the corpus -> the `facts:` part of its note, for the DOCX files."""
    found = {}
    for line in manifest.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) > 6 and cells[0] == "docx" and "facts:" in cells[-1]:
            found[cells[1]] = cells[-1].split("facts:", 1)[1]
    return found


def expected(note: str) -> dict[str, int]:
    """The DOCX findings the facts imply: code -> how many."""
    images = re.search(r"images=\d+ DrawingML \((\d+) without descr/title\) \+ \d+ VML \((\d+) without alt\)", note)
    tables = re.search(r"tables=(\d+) \((\d+) with repeat-header first row", note)
    return {
        "DOCX001": int(bool(re.search(r"title=EMPTY;", note))),
        "DOCX002": int(bool(re.search(r"lang=(EMPTY|none)?;", note))),
        "DOCX102": int("SKIPPED LEVEL" in note),
        "DOCX201": int(images[1]) + int(images[2]) if images else 0,
        "DOCX112": int(tables[1]) - int(tables[2]) if tables else 0,
    }


def counted(findings, code: str) -> int:
    """How many times a rule fired, counting the ones a `… and N more` finding stands for."""
    total = 0
    for f in findings:
        if f.code == code:
            more = MORE.fullmatch(f.message)
            total += int(more[1]) if more else 1
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the corpus folder, holding MANIFEST.tsv")
    parser.add_argument("--others", type=Path, help="a folder of other DOCX files whose errors to list")
    args = parser.parse_args()
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.name not in SKIP)
    fired = defaultdict(Counter)  # format -> rule -> files
    per_format, unreadable, crashed, results = Counter(), Counter(), [], {}
    start = time.perf_counter()
    for path in files:
        try:
            fmt = detect(path.read_bytes(), path)
        except Unreadable:
            fmt = "file"
        per_format[fmt] += 1
        try:
            checked = lint_file(path)
            findings, readable = checked.findings, checked.readable
        except Exception:  # the linter must never raise: each one is a bug to fix
            crashed.append((path, traceback.format_exc(limit=3)))
            continue
        results[path.relative_to(args.corpus).as_posix()] = findings
        unreadable[fmt] += not readable
        for code in {f.code for f in findings}:
            fired[fmt][code] += 1
    elapsed = time.perf_counter() - start

    print(f"Linted {len(files)} files in {elapsed:.1f} s: " + ", ".join(f"{n} {fmt}" for fmt, n in per_format.items()))
    for fmt in sorted(fired):
        print(f"\n{fmt.upper()} ({per_format[fmt]} files, {unreadable[fmt]} could not be checked)")
        for code, n in sorted(fired[fmt].items()):
            print(f"  {code:8} {n:4} files")
    print(f"\nCrashed: {len(crashed)}")
    for path, trace in crashed:
        print(f"  {path}\n{trace}")

    disagreements, tally = [], defaultdict(lambda: [0, 0, 0])  # rule -> true pos., false pos., false neg.
    notes = facts(args.corpus / "MANIFEST.tsv") if (args.corpus / "MANIFEST.tsv").exists() else {}
    for name, note in sorted(notes.items()):
        findings = results.get(name)
        if findings is None:
            continue
        for code, want in expected(note).items():
            got = counted(findings, code)
            tally[code][0] += min(got, want)
            tally[code][1] += max(got - want, 0)
            tally[code][2] += max(want - got, 0)
            if got != want:
                disagreements.append(f"  {name}: {code} fired {got} times, the facts say {want}")
    checks = len(notes) * len(expected(""))
    print(f"\nDOCX against the manifest's facts: {len(notes)} files, {checks} checks "
          f"(title, language, skipped heading, images without alt, tables without a header row), "
          f"{len(disagreements)} disagreements")
    print(f"  {'rule':<10}{'TP':>5}{'FP':>5}{'FN':>5}")
    for code in sorted(tally):
        print(f"  {code:<10}" + "".join(f"{n:>5}" for n in tally[code]))
    print("\n".join(disagreements))
    if args.others:
        review(args.others)
    return 1 if crashed or disagreements else 0


def review(folder: Path) -> None:
    """Every error in DOCX files no label describes, to be judged one by one."""
    files = sorted(folder.rglob("*.docx"))
    fired = Counter()
    print(f"\nOther DOCX files in {folder}: {len(files)}")
    for path in files:
        errors = [f for f in lint_file(path).findings if f.severity is Severity.ERROR]
        fired.update(f.code for f in errors)
        for f in errors:
            print(f"  {path.relative_to(folder)}: {f.location or '-'}: {f.code}: {f.message}")
    print("  errors per rule: " + (", ".join(f"{code} {n}" for code, n in sorted(fired.items())) or "none"))


if __name__ == "__main__":
    sys.exit(main())
