"""The document zoo (tests/zoo/NAME/index.md): what editors really write, built and proven.

The letter and the sample are small and tidy; the zoo holds a policy briefing, a 40-page report
with a 200-row table, a multilingual leaflet, a technical manual, a 300-page book, a document
that uses every construct of pandoc's Markdown, a form and a one-paragraph notice. Each is built
once with `publish build --check`, exactly as an editor runs it, then:

- the check itself must find no error in any edition (its accessibility.json);
- the download page's checksums must be those of the editions beside it (partners verify
  downloads with them, and a page written over an edition would break them);
- the independent checkers (EPUBCheck, DAISY Ace, axe-core, page-validation's PDF/UA-1 profile,
  the same as for the letter in test_independent_checkers.py) must find nothing;
- in the PDF, read back by readers no one here wrote, every glyph must lie inside its page
  (PDFium, which keeps the glyphs past the edge) and no two words may be printed over each
  other (poppler's `pdftotext -bbox` words): a table wider than the page, a row over the
  footer. Both are some thirty times faster than pdfplumber on the book.

A build that refuses a document fails every test of that document with the build's own message.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pytest
from lxml import etree
from test_independent_checkers import CHECKERS, reviewed

from publish.editions import EDITIONS

ZOO = Path(__file__).parent / "zoo"
XHTML = "{http://www.w3.org/1999/xhtml}"
DOCUMENTS = sorted(path.parent.name for path in ZOO.glob("*/index.md"))
HANG = 1800  # seconds: a guard against a build that never ends, not a measure of speed
# The spoken edition of the 300-page book is some fifteen hours of speech, twenty minutes of
# synthesis on two cores: it is proven on the letter, the sample and tests/test_speech.py instead.
LEFT_OUT = {"book": {"audio"}}
# Known defects the zoo finds, while one stays unfixed. Each is a strict xfail: when one is
# fixed its test passes, pytest reports it, and it must leave this list.
KNOWN: dict[str, str] = {}  # none at present


@pytest.fixture(autouse=True)
def known_defect(request):
    """Marks a test of a known defect as a strict expected failure, with the defect named."""
    if request.node.name in KNOWN:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN[request.node.name]))
OVERPRINT = 0.5  # two words overprint when their boxes share at least half the shorter word's height...
SLACK = 0.5  # ...and more than this many points of width; a word may stray this far past the page edge


@dataclass
class Build:
    """One zoo document built with the check: what the command said and what it left behind."""

    name: str
    status: int
    said: str  # the last lines the command printed: the refusal, or the check's summary
    out: Path
    editions: dict[str, Path] = field(default_factory=dict)

    def ready(self, edition: str | None = None) -> None:
        """Fail with the build's own words when it made no editions (or not this one)."""
        if not self.editions or (edition and edition not in self.editions):
            what = f"{edition} edition" if edition else "editions"
            pytest.fail(f"{self.name}: the build made no {what} (exit {self.status}): {self.said}")


def wanted(name: str) -> list[str]:
    return [edition for edition in EDITIONS if edition not in LEFT_OUT.get(name, ())]


def build(name: str, out: Path) -> Build:
    source = ZOO / name / "index.md"
    command = [sys.executable, "-m", "publish", "build", *wanted(name), "--check", "--source", str(source),
               "--out", str(out)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=HANG)
    said = [line for line in (done.stderr + done.stdout).splitlines() if line.startswith(("publish:", "Found "))]
    editions = {edition.name: out / f"{name}{edition.suffix}" for edition in EDITIONS.values()}
    return Build(name, done.returncode, " | ".join(said) or f"exit {done.returncode}", out,
                 {edition: path for edition, path in editions.items() if path.is_file()})


@pytest.fixture(scope="module")
def zoo(tmp_path_factory):
    """zoo(name) -> the Build of that document, made on first use, once per test session."""
    made: dict[str, Build] = {}

    def get(name: str) -> Build:
        if name not in made:
            made[name] = build(name, tmp_path_factory.mktemp(name))
        return made[name]

    return get


def test_the_zoo_holds_every_kind_of_document():
    assert {"briefing", "report", "leaflet", "manual", "book", "everything", "form", "minimal"} <= set(DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_build_makes_every_edition(zoo, name):
    built = zoo(name)
    built.ready()
    assert set(built.editions) == set(wanted(name)), f"{name}: missing {set(wanted(name)) - set(built.editions)}"


@pytest.mark.parametrize(("name", "edition"), [(name, edition) for name in DOCUMENTS for edition in wanted(name)])
def test_check_finds_no_error(zoo, name, edition):
    built = zoo(name)
    built.ready(edition)
    report = json.loads((built.out / name / "accessibility.json").read_text(encoding="utf-8"))
    path = str(built.editions[edition])
    errors = [f"{f['code']} {f.get('location') or ''} {f['message']}" for f in report["findings"]
              if f["severity"] == "error" and f["path"] == path]
    assert errors == [], f"{name} {edition}: {len(errors)} error(s), first: {errors[0]}"


def published_checksums(folder: Path) -> dict[str, str]:
    """File name -> SHA-256, as every page in the folder that lists checksums gives them."""
    found = {}
    for page in folder.glob("*.html"):
        root = etree.fromstring(page.read_bytes(), etree.HTMLParser(no_network=True))
        for item in root.xpath("//li[.//code[contains(@class, 'checksum')]]"):
            names = item.xpath(".//code[not(contains(@class, 'checksum'))]/text()")
            if names:
                found[names[0].strip()] = item.xpath("string(.//code[contains(@class, 'checksum')])").strip()
    return found


@pytest.mark.parametrize("name", DOCUMENTS)
def test_download_page_checksums_match_the_editions(zoo, name):
    built = zoo(name)
    built.ready()
    published = published_checksums(built.out / name)
    wrong = {path.name: "not listed" if path.name not in published else "differs"
             for path in built.editions.values()
             if published.get(path.name) != hashlib.sha256(path.read_bytes()).hexdigest()}
    assert wrong == {}, f"{name}: the download page's checksum of these files is wrong: {wrong}"


CHECKER_CASES = [(name, edition, checker) for name in DOCUMENTS for edition in sorted(CHECKERS)
                 if edition in wanted(name) for checker in sorted(CHECKERS[edition])]


@pytest.mark.parametrize(("name", "edition", "checker"), CHECKER_CASES)
def test_independent_checker_finds_nothing(zoo, name, edition, checker):
    built = zoo(name)
    built.ready(edition)
    found = CHECKERS[edition][checker](built.editions[edition])
    problems = [f for f in found if f.get("outcome") != "incomplete"]
    assert problems == [], f"{name} {edition}: {checker} found {len(problems)} problem(s), first: {problems[0]}"
    undecided = {f["id"] for f in found if f.get("outcome") == "incomplete"}
    assert undecided == reviewed(name, edition, checker), found


@dataclass
class Word:
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


def pdf_words(path: Path) -> list[list[Word]]:
    """Each page's words, with the boxes poppler gives them."""
    done = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, check=True)
    root = etree.fromstring(done.stdout, etree.XMLParser(no_network=True, resolve_entities=False, huge_tree=True))
    return [[Word(number, word.text or "", *(float(word.get(k)) for k in ("xMin", "xMax", "yMin", "yMax")))
             for word in page.iter(XHTML + "word")]
            for number, page in enumerate(root.iter(XHTML + "page"), 1)]


def glyphs_outside_the_page(path: Path) -> list[str]:
    """Each glyph whose box reaches past its page by more than SLACK (poppler drops those)."""
    pdf, stray = pypdfium2.PdfDocument(path), []
    for number, page in enumerate(pdf, 1):
        width, height = page.get_size()
        text = page.get_textpage()
        for at in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(at)
            if left < -SLACK or bottom < -SLACK or right > width + SLACK or top > height + SLACK:
                stray.append(f"“{text.get_text_range(at, 1)}” on page {number} at ({left:.0f}, {bottom:.0f})–"
                             f"({right:.0f}, {top:.0f}), outside {width:.0f} × {height:.0f}")
    pdf.close()
    return stray


def overprinted(words: list[Word]) -> list[tuple[Word, Word]]:
    """Pairs of words whose boxes overlap; swept top to bottom, so only words that share lines are compared."""
    pairs, open_words = [], []
    for word in sorted(words, key=lambda w: w.top):
        open_words = [w for w in open_words if w.bottom > word.top]
        for other in open_words:
            shared_height = min(word.bottom, other.bottom) - max(word.top, other.top)
            shared_width = min(word.x1, other.x1) - max(word.x0, other.x0)
            shorter = min(word.bottom - word.top, other.bottom - other.top)
            if shared_width > SLACK and shared_height >= OVERPRINT * shorter:
                pairs.append((other, word))
        open_words.append(word)
    return pairs


def where(word: Word) -> str:
    return f"“{word.text}” on page {word.page} at ({word.x0:.0f}, {word.top:.0f})–({word.x1:.0f}, {word.bottom:.0f})"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_words_lie_inside_the_page(zoo, name):
    built = zoo(name)
    built.ready("pdf")
    stray = glyphs_outside_the_page(built.editions["pdf"])
    assert stray == [], f"{name}: {len(stray)} glyph(s) outside the page, first: {stray[0]}"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_pdf_words_do_not_overprint(zoo, name):
    built = zoo(name)
    built.ready("pdf")
    clashes = [f"{where(a)} and {where(b)}" for words in pdf_words(built.editions["pdf"]) for a, b in overprinted(words)]
    assert clashes == [], f"{name}: {len(clashes)} pair(s) of words printed over each other, first: {clashes[0]}"


def test_book_reads_as_prose():
    """The book is long because it is a book: no paragraph in it is repeated."""
    body = (ZOO / "book" / "index.md").read_text(encoding="utf-8").split("\n---\n", 1)[1]
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    assert len(body.split()) >= 90_000
    assert len(set(paragraphs)) == len(paragraphs)
