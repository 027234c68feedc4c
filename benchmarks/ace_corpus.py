"""Measure the EPUB linter against DAISY Ace's own test books, damaged packages, other books, and the clock.

Usage: .venv/bin/python benchmarks/ace_corpus.py CORPUS_DIR [--with-checkers] [--books EPUB_OR_DIR ...]

1. CORPUS_DIR/epub/ace/: for every book MANIFEST.tsv labels pass or fail, the linter's verdict
   (fail = any error or warning; info notes do not fail a book, as Ace's outcome ignores
   best-practice notes) against the outcome Ace's tests assert, and whether the rules Ace
   names fired as their EPUB counterparts. Every disagreement is listed with its reason.
2. CORPUS_DIR/epub/epubcheck/: every package must give findings, never a traceback; damaged
   ones must give a could-not-check finding or a package error.
3. --books: EPUBs this project did not write, labelled live by DAISY Ace and EPUBCheck (through
   publish.checkers): each of their findings that one of our rules covers is a label for that rule.
4. Time to lint build/letter.epub and a generated 500-page EPUB; with --with-checkers, DAISY Ace
   and EPUBCheck on the same files, and Ace's verdict on the letter.

Each part prints a per-rule table: true positives (a labelled defect our rule found), false
negatives (one it missed), false positives (our rule's error or warning on a book labelled clean
for that rule), and, apart, findings on failing books that no label speaks to. Info notes count
as finding a labelled defect but never as a false alarm, as they never fail a book.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import statistics
import sys
import tempfile
import time
import zipfile
from collections import defaultdict
from pathlib import Path

from publish.lint import lint_file
from publish.lint.rule import Severity

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "build" / "letter.epub"

# Ace rule id (as MANIFEST.tsv notes name them) -> the rule of ours that covers it
ACE_RULES = {
    "epub-pagelist-broken": "EPUB312", "epub-pagelist-missing-pagebreak": "EPUB313", "epub-toc-order": "EPUB311",
    "epub-type-has-matching-role": "EPUB120", "epub-pagesource": "EPUB017", "epub-title": "EPUB001",
    "epub-lang": "EPUB023", "epub-pagelist-mediaoverlays": "EPUB314", "metadata-accessmode": "EPUB003",
    "metadata-accessibilityfeature": "EPUB003",
    "metadata-accessibilityhazard": "EPUB003", "metadata-accessibilitysummary": "EPUB010",
    "metadata-accessmodesufficient": "EPUB010", "metadata-accessmode-invalid": "EPUB011",
    "metadata-accessmodesufficient-invalid": "EPUB011", "metadata-accessibilityfeature-invalid": "EPUB011",
    "metadata-conformsto-invalid": "EPUB013", "metadata-accessibilityFeature-printPageNumbers-nopagelist": "EPUB016",
    "metadata-accessibilityFeature-printPageNumbers-nopagebreaks": "EPUB016", "aria-deprecated-role": "EPUB130",
    "image-alt": "EPUB201", "pagebreak-label": "EPUB122",
}
# On live runs Ace also reports axe-core's rules by id; each maps to the rules of ours that cover it
LIVE_RULES = {rule: (code,) for rule, code in ACE_RULES.items()} | {
    "epub-type-has-matching-role": ("EPUB120", "EPUB127"), "color-contrast": ("EPUB420",),
    **{f"landmark-{kind}": ("EPUB121",) for kind in ("unique", "no-duplicate-main", "no-duplicate-banner",
                                                     "no-duplicate-contentinfo")},
    "aria-allowed-role": ("EPUB131",), "duplicate-id": ("EPUB126",), "duplicate-id-aria": ("EPUB126",),
    "duplicate-id-active": ("EPUB126",), "link-name": ("EPUB306",), "heading-order": ("EPUB102",),
    "empty-heading": ("EPUB111",), "html-has-lang": ("EPUB018",), "html-xml-lang-mismatch": ("EPUB018",),
    "html-lang-valid": ("EPUB005",), "valid-lang": ("EPUB005",), "document-title": ("EPUB021",),
    "td-has-header": ("EPUB112",), "scope-attr-valid": ("EPUB107",), "list": ("EPUB125",), "listitem": ("EPUB125",),
    "aria-roles": ("EPUB130",), "svg-img-alt": ("EPUB205",), "role-img-alt": ("EPUB206",), "area-alt": ("EPUB201",),
    "input-image-alt": ("EPUB201",),
}
# EPUBCheck message ids -> the rules of ours that cover them (any one of them finding it counts)
EPUBCHECK_RULES = {
    "OPF-002": ("EPUB901",), "RSC-002": ("EPUB901",), "PKG-005": ("EPUB904",), "PKG-006": ("EPUB904",),
    "PKG-007": ("EPUB904",), "RSC-001": ("EPUB904", "EPUB903"), "RSC-016": ("EPUB903",),
    "RSC-007": ("EPUB308", "EPUB905", "EPUB311", "EPUB312"), "RSC-012": ("EPUB308", "EPUB311", "EPUB312"), "NAV-011": ("EPUB311",),
    "RSC-011": ("EPUB311",), "NAV-010": ("EPUB311",), "OPF-014": ("EPUB024",), "RSC-006": ("EPUB024",),
}
# RSC-005 is every schema error; these are the ones a rule of ours covers, told apart by the message
SCHEMA_ERRORS = {"Duplicate ID": ("EPUB126",), 'attribute "lang" not allowed': ("EPUB023",),
                 'value of attribute "role" is invalid': ("EPUB130", "EPUB131")}


def epubcheck_message_labels(messages) -> tuple[set[tuple[str, ...]], list[str]]:
    """EPUBCheck messages as groups of our rules, and the ids of those no rule of ours covers."""
    labels, uncovered = set(), []
    for m in messages:
        schema = next((rules for words, rules in SCHEMA_ERRORS.items() if words in m["message"]), None)
        if m["id"] in EPUBCHECK_RULES:
            labels.add(EPUBCHECK_RULES[m["id"]])
        elif m["id"] == "RSC-005" and schema:
            labels.add(schema)
        else:
            uncovered.append(f"EPUBCheck {m['id']}" + (f" ({m['message'][:60]})" if m["id"] == "RSC-005" else ""))
    return labels, uncovered
# Labels that do not state Ace's verdict on the book's accessibility, with why
LABEL_CAVEATS = {
    "axerule-bypass.epub": "labelled pass for axe's bypass rule only; its one link reads “link”, which says nothing "
                           "of where it goes (a warning: axe and Ace do not judge link purpose)",
    "epubrules-pagelist-toc-order-pass-FXL.epub": "labelled pass for its page list and toc order; its nav document "
                                                  "also links to `dummyHREF1` and `dummyHREF2`, files the book does "
                                                  "not hold (Ace does not follow links; EPUBCheck reports RSC-007)",
    "packaged-base-epub-30.epub": "labelled pass by unzip.test.js, which asserts only that the packaged book "
                                  "unzips; the book has no accessibility metadata at all, which Ace itself reports "
                                  "as metadata-accessmode/-accessibilityfeature/-accessibilityhazard (serious)",
}


def manifest(corpus: Path, folder: str) -> list[dict]:
    with (corpus / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t")
                if row["kind"] == "epub" and row["local_path"].startswith(f"epub/{folder}/")]


def failing(findings) -> list:
    return [f for f in findings if f.severity in (Severity.ERROR, Severity.WARNING)]


def named_rules(note: str) -> set[str]:
    words = {w.strip("(),;:'") for w in note.replace(",", " ").split()}
    return {ACE_RULES[w] for w in words if w in ACE_RULES}


class Tally:
    """Per-rule true positives, false negatives, false positives, and findings no label speaks to."""

    def __init__(self):
        self.counts = defaultdict(lambda: {"tp": 0, "fn": 0, "fp": 0, "other": 0})

    def book(self, labels: set[tuple[str, ...]], fired: dict[str, Severity], failing_book: bool) -> list[str]:
        """Count one book; `labels` are groups of our rules, one of which should fire for each labelled
        defect. Returns the disagreements, as words."""
        told, said = set(), []
        for group in sorted(labels):
            hit = next((code for code in group if code in fired), None)
            told.update(group)
            if hit:
                self.counts[hit]["tp"] += 1
            else:
                self.counts[group[0]]["fn"] += 1
                said.append(f"missed by {'/'.join(group)}")
        for code, severity in sorted(fired.items()):
            if code in told or severity is Severity.INFO:
                continue
            self.counts[code]["other" if failing_book else "fp"] += 1
            if not failing_book:
                said.append(f"{code} on a book labelled clean")
        return said

    def print(self, title: str) -> None:
        print(f"{title}: per rule (tp = labelled defect found, fn = missed, fp = error or warning on a clean "
              "book, other = finding on a failing book that no label names)")
        print(f"  {'rule':8} {'tp':>4} {'fn':>4} {'fp':>4} {'other':>6}")
        for code, c in sorted(self.counts.items()):
            print(f"  {code:8} {c['tp']:4} {c['fn']:4} {c['fp']:4} {c['other']:6}")
        total = {k: sum(c[k] for c in self.counts.values()) for k in ("tp", "fn", "fp", "other")}
        print(f"  {'all':8} {total['tp']:4} {total['fn']:4} {total['fp']:4} {total['other']:6}")


def fired_codes(findings) -> dict[str, Severity]:
    """Each rule that found something, with its severity."""
    return {f.code: f.severity for f in findings}


def ace_books(corpus: Path) -> int:
    rows = [r for r in manifest(corpus, "ace") if r["expected"] in ("pass", "fail")]
    agree, rule_hits, rule_total, disagreements, tally = 0, 0, 0, [], Tally()
    for row in rows:
        path = corpus / row["local_path"]
        checked = lint_file(path)
        findings, _ = checked.findings, checked.readable
        bad = failing(findings)
        verdict = "fail" if bad else "pass"
        codes = sorted({f.code for f in bad})
        expected_codes = named_rules(row["rule_or_note"]) if row["expected"] == "fail" else set()
        rule_total += bool(expected_codes)
        rule_hits += bool(expected_codes) and expected_codes <= set(codes)
        for said in tally.book({(code,) for code in expected_codes}, fired_codes(findings), row["expected"] == "fail"):
            if path.name not in LABEL_CAVEATS:
                disagreements.append(f"  {path.name}: {said}")
        if verdict == row["expected"]:
            agree += 1
        else:
            reason = LABEL_CAVEATS.get(path.name, "no caveat recorded: a linter bug to fix")
            disagreements.append(f"  {path.name}: Ace test says {row['expected']}, linter says {verdict} "
                                 f"({', '.join(codes) or 'no findings'}); {reason}")
        print(f"  {row['expected']:4}  {verdict:4}  {path.name}  {' '.join(codes)}"
              + (f"  [Ace rules -> {' '.join(sorted(expected_codes))}]" if expected_codes else ""))
    share = agree / len(rows) if rows else 0
    print(f"Ace books: {agree}/{len(rows)} labelled books agree ({share:.1%}); "
          f"named Ace rules found as our rules in {rule_hits}/{rule_total} fail books")
    print("Disagreements:" if disagreements else "Disagreements: none")
    for line in disagreements:
        print(line)
    tally.print("Ace books")
    return 0 if share >= 0.95 else 1


# could not check, or the package itself is broken
PACKAGE_CODES = ("EPUB901", "EPUB903", "EPUB904", "EPUB905", "FILE901")


def epubcheck_labels(ids) -> set[tuple[str, ...]]:
    return {EPUBCHECK_RULES[i] for i in ids if i in EPUBCHECK_RULES}


def damaged_packages(corpus: Path) -> int:
    crashes, damaged, tally = 0, 0, Tally()
    labels = {Path(r["local_path"]).name: r for r in manifest(corpus, "epubcheck")}
    files = sorted((corpus / "epub" / "epubcheck").glob("*.epub"))
    for path in files:
        try:
            checked = lint_file(path)
            findings, _ = checked.findings, checked.readable
        except Exception as exc:  # the point of this run is to prove there are none
            crashes += 1
            print(f"  TRACEBACK  {path.name}: {type(exc).__name__}: {exc}")
            continue
        package = [f"{f.code} {f.message}" for f in findings if f.code in PACKAGE_CODES]
        damaged += bool(package)
        others = " ".join(sorted({f.code for f in failing(findings)} - set(PACKAGE_CODES)))
        print(f"  {path.name}: {'; '.join(package) or 'package readable'}" + (f" | also {others}" if others else ""))
        row = labels.get(path.name)
        if row and row["expected"] in ("pass", "fail"):
            # EPUBCheck judges validity, not accessibility: only the rules that cover its messages are judged
            expected = epubcheck_labels(re.findall(r"[A-Z]{3}-\d{3}", row["rule_or_note"]))
            covering = {code for group in EPUBCHECK_RULES.values() for code in group}
            fired = {c: v for c, v in fired_codes(findings).items() if c in covering}
            for said in tally.book(expected, fired, row["expected"] == "fail"):
                print(f"    disagreement: {said}")
    print(f"EPUBCheck packages: {len(files)} linted, {damaged} with a could-not-check finding or package error, "
          f"{crashes} tracebacks")
    tally.print("EPUBCheck books (only our rules that cover an EPUBCheck message)")
    return 1 if crashes else 0


def live_labels(path: Path) -> tuple[set[tuple[str, ...]], list[str], bool, str]:
    """Ace's and EPUBCheck's findings on a book, as groups of our rules, with the ones no rule of ours covers,
    whether either fails the book, and what each said."""
    from publish import checkers  # the independent checkers, only for this comparison

    outcome, violations = checkers.ace(path)
    messages = [m for m in checkers.epubcheck(path) if m["severity"] in ("FATAL", "ERROR", "WARNING")]
    labels, uncovered = epubcheck_message_labels(messages)
    labels |= {LIVE_RULES[v["rule"]] for v in violations if v["rule"] in LIVE_RULES}
    uncovered = sorted(set(uncovered) | {f"Ace {v['rule']}" for v in violations if v["rule"] not in LIVE_RULES})
    said = (f"Ace {outcome}: {' '.join(sorted({v['rule'] for v in violations})) or 'no violations'}; EPUBCheck: "
            f"{' '.join(sorted({m['id'] for m in messages})) or 'no errors or warnings'}")
    return labels, uncovered, outcome == "fail" or bool(messages), said


def other_books(paths: list[Path]) -> int:
    """EPUBs this project did not write, labelled live by Ace and EPUBCheck."""
    books = sorted(p for given in paths for p in ([given] if given.is_file() else given.rglob("*.epub")))
    tally, clean, flagged, failing_books = Tally(), 0, 0, 0
    for path in books:
        findings = lint_file(path).findings
        labels, uncovered, fails, checkers_said = live_labels(path)
        failing_books += fails
        ours = failing(findings)
        flagged += fails and bool(ours)
        clean += not fails and not ours
        said = tally.book(labels, fired_codes(findings), fails)
        print(f"  {path.name}: checkers {'fail' if fails else 'pass'}, linter {'fail' if ours else 'pass'} "
              f"({' '.join(sorted({f.code for f in ours})) or 'no errors or warnings'})")
        print(f"    {checkers_said}")
        for line in said:
            print(f"    disagreement: {line}")
        if uncovered:
            print(f"    not covered by any rule of ours: {', '.join(uncovered)}")
    print(f"Other books: {len(books)}; {flagged}/{failing_books} that Ace or EPUBCheck fail are flagged, "
          f"{clean}/{len(books) - failing_books} that both pass are free of errors and warnings")
    tally.print("Other books (labels from Ace and EPUBCheck run now)")
    return 0


def big_epub(folder: Path, pages: int = 500) -> Path:
    """A reflowable book of `pages` print pages: 25 chapters, page breaks and a page list."""
    chapters, per = 25, pages // 25
    items, refs, toc, page_list = [], [], [], []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(zipfile.ZipInfo("mimetype"), "application/epub+zip")
        book.writestr("META-INF/container.xml", '<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:'
                      'xmlns:container"><rootfiles><rootfile full-path="EPUB/package.opf" '
                      'media-type="application/oebps-package+xml"/></rootfiles></container>')
        for c in range(1, chapters + 1):
            body = [f'<section id="c{c}"><h1>Chapter {c}</h1>']
            for p in range((c - 1) * per + 1, c * per + 1):
                body.append(f'<span id="p{p}" epub:type="pagebreak" role="doc-pagebreak" aria-label="{p}"/>')
                body += [f"<p>Paragraph {n} of page {p}, long enough to be a real paragraph of a real book "
                         "with words a screen reader would read aloud.</p>" for n in range(12)]
                page_list.append(f'<li><a href="c{c}.xhtml#p{p}">{p}</a></li>')
            book.writestr(f"EPUB/c{c}.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub='
                          f'"http://www.idpf.org/2007/ops" lang="en" xml:lang="en"><head><title>Chapter {c}'
                          f"</title></head><body>{''.join(body)}</section></body></html>")
            items.append(f'<item id="c{c}" href="c{c}.xhtml" media-type="application/xhtml+xml"/>')
            refs.append(f'<itemref idref="c{c}"/>')
            toc.append(f'<li><a href="c{c}.xhtml#c{c}">Chapter {c}</a></li>')
        book.writestr("EPUB/nav.xhtml", '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org'
                      '/2007/ops" lang="en" xml:lang="en"><head><title>Contents</title></head><body>'
                      f'<nav epub:type="toc" role="doc-toc"><ol>{"".join(toc)}</ol></nav>'
                      f'<nav epub:type="page-list" role="doc-pagelist" hidden=""><ol>{"".join(page_list)}</ol></nav>'
                      '<nav epub:type="landmarks" hidden=""><ol><li><a epub:type="bodymatter" href="c1.xhtml">'
                      "Start</a></li></ol></nav></body></html>")
        metas = "".join(f'<meta property="{p}">{v}</meta>' for p, v in (
            ("dcterms:modified", "2024-01-01T00:00:00Z"), ("schema:accessMode", "textual"),
            ("schema:accessModeSufficient", "textual"), ("schema:accessibilityFeature", "pageNavigation"),
            ("schema:accessibilityFeature", "tableOfContents"), ("schema:accessibilityHazard", "none"),
            ("schema:accessibilitySummary", "Text only, with a page list."),
            ("pageBreakSource", "urn:isbn:9780000000002")))
        book.writestr("EPUB/package.opf", '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" xml:lang="en" '
                      'unique-identifier="uid"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
                      '<dc:identifier id="uid">urn:uuid:00000000-0000-4000-8000-000000000500</dc:identifier>'
                      f"<dc:title>Five hundred pages</dc:title><dc:language>en</dc:language>{metas}</metadata>"
                      '<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
                      f"{''.join(items)}</manifest><spine>{''.join(refs)}</spine></package>")
    path = folder / "pages-500.epub"
    path.write_bytes(buffer.getvalue())
    return path


def seconds(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def timing(with_checkers: bool) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        files = ([LETTER] if LETTER.exists() else []) + [big_epub(Path(tmp))]
        if not LETTER.exists():
            print(f"  {LETTER} is missing: run `.venv/bin/publish build epub` to time it")
        for path in files:
            checked = lint_file(path)
            findings, _ = checked.findings, checked.readable
            line = (f"  {path.name:16} {path.stat().st_size / 1024:8.1f} KB  publish lint "
                    f"{seconds(lambda: lint_file(path), 5):7.3f} s (median of 5, {len(failing(findings))} findings)")
            if with_checkers:
                line += checker_times(path)
            print(line)
    return 0


def checker_times(path: Path) -> str:
    from publish import checkers  # the independent checkers, only for this comparison

    shown = []
    for name, run in (("Ace", checkers.ace), ("EPUBCheck", checkers.epubcheck)):
        try:
            start = time.perf_counter()
            result = run(path)
            took = time.perf_counter() - start
            verdict = result[0] if name == "Ace" else f"{len(result)} messages"
            shown.append(f"{name} {took:6.2f} s ({verdict})")
        except (checkers.CheckerMissing, checkers.CheckerFailed) as exc:
            shown.append(f"{name}: {exc}")
    return "; " + "; ".join(shown)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="the corpus folder holding MANIFEST.tsv and epub/")
    parser.add_argument("--with-checkers", action="store_true", help="also time DAISY Ace and EPUBCheck")
    parser.add_argument("--books", type=Path, nargs="*", default=[],
                        help="EPUBs (or folders of them) from elsewhere, to label with Ace and EPUBCheck and compare")
    args = parser.parse_args(argv)
    status = ace_books(args.corpus)
    status |= damaged_packages(args.corpus)
    if args.books:
        status |= other_books(args.books)
    status |= timing(args.with_checkers)
    return status


if __name__ == "__main__":
    sys.exit(main())
