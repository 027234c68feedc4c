"""Measure the EPUB linter against DAISY Ace's own test books, damaged packages, and the clock.

Usage: .venv/bin/python benchmarks/ace_corpus.py CORPUS_DIR [--with-checkers]

1. CORPUS_DIR/epub/ace/: for every book MANIFEST.tsv labels pass or fail, the linter's verdict
   (fail = any error or warning; info notes do not fail a book, as Ace's outcome ignores
   best-practice notes) against the outcome Ace's tests assert, and whether the rules Ace
   names fired as their EPUB counterparts. Every disagreement is listed with its reason.
2. CORPUS_DIR/epub/epubcheck/: every package must give findings, never a traceback; damaged
   ones must give a could-not-check finding or a package error.
3. Time to lint build/letter.epub and a generated 500-page EPUB; with --with-checkers, DAISY Ace
   and EPUBCheck on the same files (through publish.checkers), and Ace's verdict on the letter.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from publish.lint import lint_file
from publish.lint.rule import Severity

ROOT = Path(__file__).resolve().parents[1]
LETTER = ROOT / "build" / "letter.epub"

# Ace rule id (as MANIFEST.tsv notes name them) -> the rule of ours that covers it
ACE_RULES = {
    "epub-pagelist-broken": "EPUB312", "epub-pagelist-missing-pagebreak": "EPUB313", "epub-toc-order": "EPUB311",
    "epub-type-has-matching-role": "EPUB120", "epub-pagesource": "EPUB017", "epub-title": "EPUB001",
    "epub-lang": "EPUB002", "metadata-accessmode": "EPUB003", "metadata-accessibilityfeature": "EPUB003",
    "metadata-accessibilityhazard": "EPUB003", "metadata-accessibilitysummary": "EPUB010",
    "metadata-accessmodesufficient": "EPUB010", "metadata-accessmode-invalid": "EPUB011",
    "metadata-accessmodesufficient-invalid": "EPUB011", "metadata-accessibilityfeature-invalid": "EPUB011",
    "metadata-conformsto-invalid": "EPUB013", "metadata-accessibilityFeature-printPageNumbers-nopagelist": "EPUB016",
    "metadata-accessibilityFeature-printPageNumbers-nopagebreaks": "EPUB016", "aria-deprecated-role": "EPUB130",
    "image-alt": "EPUB201", "pagebreak-label": "EPUB122",
}
# Labels that do not state Ace's verdict on the book's accessibility, with why
LABEL_CAVEATS = {
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


def ace_books(corpus: Path) -> int:
    rows = [r for r in manifest(corpus, "ace") if r["expected"] in ("pass", "fail")]
    agree, rule_hits, rule_total, disagreements = 0, 0, 0, []
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
    return 0 if share >= 0.95 else 1


# could not check, or the package itself is broken
PACKAGE_CODES = ("EPUB901", "EPUB903", "EPUB904", "EPUB905", "FILE901")


def damaged_packages(corpus: Path) -> int:
    crashes, damaged = 0, 0
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
    print(f"EPUBCheck packages: {len(files)} linted, {damaged} with a could-not-check finding or package error, "
          f"{crashes} tracebacks")
    return 1 if crashes else 0


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
    args = parser.parse_args(argv)
    status = ace_books(args.corpus)
    status |= damaged_packages(args.corpus)
    status |= timing(args.with_checkers)
    return status


if __name__ == "__main__":
    sys.exit(main())
