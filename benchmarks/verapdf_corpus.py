"""Measure the PDF linter against veraPDF's PDF/UA-1 test corpus, and time it on a long PDF.

    python benchmarks/verapdf_corpus.py CORPUS_DIR [--speed]

CORPUS_DIR holds pdf/verapdf-ua1/ (files named <clause>-tNN-<pass|fail>-x.pdf, each an
atomic test of one veraPDF rule). For each veraPDF rule it prints: fail files flagged by
the linter rule that covers it / fail files, and pass files with no error at all / pass
files; then per linter rule its true positives (fail files it flags), false negatives
(fail files it misses) and false positives (pass files of its veraPDF rules where it
reports an error); then every disagreement with its reason. `--others DIR` lints the PDFs
in DIR (files made by other tools, with no labels) and compares each verdict with
page-validation's. `--speed` also builds a 1,000-page tagged PDF with the pipeline and
times the linter against page-validation on it.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from publish.lint import RULES, lint_file
from publish.lint.rule import Severity

NAME = re.compile(r"(?P<clause>[\d.]+|7-18\.3)-t(?P<test>\d+)-(?P<verdict>pass|fail)-\w+\.pdf")
# corpus files whose number differs from the profile's (the corpus predates a renumbering)
CORPUS_TO_PROFILE = {
    "7-18.3-1": "7.18.3-1", "7.18.7-1": "7.11-1", "7.2-3": "7.2-16", "7.2-19": "7.2-40", "7.2-43": "7.2-42",
}


def covering_rule(profile_id: str) -> str | None:
    ref = f"veraPDF {profile_id}"
    return next((code for code, r in RULES.items() if r.fmt == "pdf" and ref in r.refs), None)


def corpus(folder: Path) -> int:
    files = sorted(folder.glob("*.pdf"))
    if not files:
        print(f"no PDFs in {folder}", file=sys.stderr)
        return 2
    per_rule = defaultdict(lambda: [0, 0, 0, 0])  # flagged, fail files, clean, pass files
    ours = defaultdict(lambda: [0, 0, 0])  # our rule -> true positives, false positives, false negatives
    disagreements = []
    started = time.perf_counter()
    for path in files:
        match = NAME.fullmatch(path.name)
        if not match:
            continue
        corpus_id = f"{match['clause']}-{int(match['test'])}"
        profile_id = CORPUS_TO_PROFILE.get(corpus_id, corpus_id)
        code = covering_rule(profile_id)
        checked = lint_file(path)
        findings, _ = checked.findings, checked.readable
        errors = [f for f in findings if f.severity is Severity.ERROR]
        counts = per_rule[profile_id]
        if code:
            fired = any(f.code == code for f in (findings if match["verdict"] == "fail" else errors))
            if match["verdict"] == "fail":
                ours[code][0 if fired else 2] += 1
            elif fired:
                ours[code][1] += 1
        if match["verdict"] == "fail":
            counts[1] += 1
            if code and any(f.code == code for f in findings):
                counts[0] += 1
            else:
                seen = ", ".join(sorted({f.code for f in findings})) or "nothing"
                disagreements.append(f"{path.name}: fail file, {code or 'no rule'} did not fire (saw {seen})")
        else:
            counts[3] += 1
            if not errors:
                counts[2] += 1
            else:
                disagreements += [f"{path.name}: pass file, {f.code} at {f.location or '-'}: {f.message}"
                                  for f in errors]
    elapsed = time.perf_counter() - started
    print(f"{'veraPDF rule':<14}{'our rule':<10}{'fail flagged':>14}{'pass clean':>12}")
    totals = [0, 0, 0, 0]
    for profile_id in sorted(per_rule, key=sort_key):
        counts = per_rule[profile_id]
        totals = [t + c for t, c in zip(totals, counts)]
        print(f"{profile_id:<14}{covering_rule(profile_id) or '-':<10}"
              f"{counts[0]:>7}/{counts[1]:<6}{counts[2]:>6}/{counts[3]:<5}")
    print(f"{'total':<24}{totals[0]:>7}/{totals[1]:<6}{totals[2]:>6}/{totals[3]:<5}")
    print(f"fail files flagged by the matching rule: {percent(totals[0], totals[1])}; "
          f"pass files with no error: {percent(totals[2], totals[3])}; {len(files)} files in {elapsed:.1f} s")
    print_tally("\nPer linter rule", ours)
    print("\nDisagreements:" if disagreements else "\nNo disagreements.")
    for line in disagreements:
        print(f"  {line}")
    return 0


def print_tally(title: str, tally: dict) -> None:
    """Per rule: true positives, false positives, false negatives."""
    print(f"{title}:\n  {'rule':<10}{'TP':>5}{'FP':>5}{'FN':>5}")
    for code in sorted(tally):
        print(f"  {code:<10}" + "".join(f"{n:>5}" for n in tally[code]))
    totals = [sum(t[i] for t in tally.values()) for i in range(3)]
    print(f"  {'total':<10}" + "".join(f"{n:>5}" for n in totals))


def others(folder: Path) -> int:
    """Lint PDFs no label describes and compare each verdict with page-validation's (PDF/UA-1)."""
    import page

    files = sorted(folder.rglob("*.pdf"))
    fired, disagreements, agree = Counter(), [], 0
    for path in files:
        errors = [f for f in lint_file(path).findings if f.severity is Severity.ERROR]
        report = page.validate_pdf(str(path), profile="ua1")
        fired.update({f.code for f in errors})
        theirs = sorted({f.rule_id for f in report.failures})
        if bool(errors) == (not report.is_compliant):
            agree += 1
        else:
            mine = ", ".join(sorted({f"{f.code} ({f.message})" for f in errors})) or "no error"
            disagreements.append(f"{path.relative_to(folder)}: publish lint: {mine}; "
                                 f"page-validation: {', '.join(theirs) or 'compliant'}")
    print(f"\nOther PDFs in {folder}: {len(files)} files, verdict agrees with page-validation on "
          f"{percent(agree, len(files))}")
    for code, n in sorted(fired.items()):
        print(f"  {code:<10}{n:>4} files with an error")
    for line in disagreements:
        print(f"  {line}")
    return 0


def coverage(profile: Path) -> None:
    """Our rule for each veraPDF rule of the profile, and the profile rules no rule covers."""
    from publish.lint.safe import parse_xml

    ids = [f"{i.get('clause')}-{i.get('testNumber')}" for i in parse_xml(profile.read_bytes()).iter("{*}id")]
    print(f"\nCoverage of the {len(ids)} rules in {profile.name}:")
    for code, r in RULES.items():
        covered = [ref.split()[1] for ref in r.refs if ref.startswith("veraPDF ")]
        if covered:
            print(f"  {code} {r.name}: {', '.join(covered)}")
    missing = [i for i in ids if not covering_rule(i)]
    print(f"  covered {len(ids) - len(missing)}/{len(ids)}; not covered: {', '.join(missing) or 'none'}")


def sort_key(profile_id: str):
    clause, test = profile_id.rsplit("-", 1)
    return [int(p) for p in clause.split(".")], int(test)


def percent(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0"


def long_markdown(sections: int) -> str:
    """A long document: sections of paragraphs, a list and a link (about 1.5 pages each)."""
    parts = ["---\ntitle: Speed test\nlang: en-GB\n---\n"]
    for n in range(1, sections + 1):
        parts.append(f"# Section {n}\n\n## Part {n}.1\n\n" + " ".join(["Words of a long letter."] * 60)
                     + f"\n\n- first point {n}\n- second point with [a link](https://example.org/{n})\n\n"
                     + " ".join(["More words follow here."] * 80) + "\n")
    return "\n".join(parts)


MEASURE = """
import re, sys, time
{setup}
started = time.perf_counter()
{call}
elapsed = time.perf_counter() - started
peak = re.search(r"VmHWM:\\s*(\\d+)", open("/proc/self/status").read())[1]  # peak RSS of this process image
print(elapsed, int(peak) / 1024)
"""
LINT = ("from pathlib import Path; from publish.lint import lint_file", "lint_file(Path(sys.argv[1]))")
PAGE = ("import page", "page.validate_pdf(sys.argv[1], profile='ua1', limits=page.SafetyLimits.unlimited())")


def measure(code: tuple[str, str], pdf: Path) -> tuple[float, float]:
    """Seconds (imports excluded) and peak MB of one call, in a fresh process so that memory is its own."""
    script = MEASURE.format(setup=code[0], call=code[1])
    out = subprocess.run([sys.executable, "-c", script, str(pdf)], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), float(out[1])


def speed(pages: int = 1000) -> None:
    import pikepdf

    from publish import pipeline

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "long.md"
        source.write_text(long_markdown(pages * 2 // 3), encoding="utf-8")
        pdf = pipeline.build(source, Path(tmp), ["pdf"])[0].path
        count = len(pikepdf.open(pdf).pages)
        ours, our_memory = measure(LINT, pdf)
        theirs, their_memory = measure(PAGE, pdf)
    print(f"\n{count}-page tagged PDF: publish lint {ours:.2f} s, peak {our_memory:.0f} MB; "
          f"page-validation {theirs:.2f} s, peak {their_memory:.0f} MB; time ratio {ours / theirs:.2f}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus_dir", type=Path)
    parser.add_argument("--speed", action="store_true", help="also time a 1,000-page PDF")
    parser.add_argument("--others", type=Path, help="a folder of other PDFs to compare with page-validation")
    args = parser.parse_args(argv)
    status = corpus(args.corpus_dir / "pdf" / "verapdf-ua1")
    if (args.corpus_dir / "pdf" / "PDFUA-1-profile.xml").exists():
        coverage(args.corpus_dir / "pdf" / "PDFUA-1-profile.xml")
    if args.others:
        others(args.others)
    if args.speed:
        speed()
    return status


if __name__ == "__main__":
    sys.exit(main())
