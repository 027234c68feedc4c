"""The HTML and EPUB editions of a real document: notes in several chapters, a chart wider than
a phone, a wide data table with row and column headers, a table with no caption, a definition
list and a subtitle (tests/fixtures/web/field-notes.md).

Laid out in Debian's headless chromium at 320 and 1280 px (screenshots in the test's temporary
folder), checked by EPUBCheck, DAISY Ace and axe-core, and read back as markup.
"""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from test_html_edition import assert_reflows, measure
from test_independent_checkers import CHECKERS

from publish import checkers, facts, pipeline
from publish.editions.epub import default_summary
from publish.lint import Settings, Severity, lint_file
from publish.xml import NS

FIXTURE = Path(__file__).parent / "fixtures" / "web"
SOURCE = FIXTURE / "field-notes.md"
NOTES = ["The visits ran from January to June 2024.", "One visit, to Belfast, lasted three days.",
         "The figures are invented for this test.", "Partners may confirm by telephone or in writing."]
CAPTION = "Reports by nation, January to June 2024"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("web")
    return {b.edition.name: b.path for b in pipeline.build(SOURCE, out, ["epub", "html"])}


def build_in(lang: str, folder: Path) -> dict[str, Path]:
    """The fixture with another front-matter language, built into `folder`."""
    shutil.copytree(FIXTURE, folder / "src")
    source = folder / "src" / SOURCE.name
    source.write_text(source.read_text(encoding="utf-8").replace("lang: en-GB", f"lang: {lang}"), encoding="utf-8")
    return {b.edition.name: b.path for b in pipeline.build(source, folder / "out", ["epub", "html"])}


def spine_documents(path: Path) -> dict[str, etree._Element]:
    """The EPUB's content documents in reading order, by file name."""
    with zipfile.ZipFile(path) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
        hrefs = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", NS)}
        names = [hrefs[r.get("idref")] for r in opf.iterfind("opf:spine/opf:itemref", NS)]
        return {name: etree.fromstring(archive.read(f"EPUB/{name}")) for name in names}


def html_page(path: Path):
    return etree.fromstring(path.read_bytes(), etree.HTMLParser(no_network=True))


def pages(built) -> list:
    """The HTML page and every EPUB content document, each as lxml parsed HTML (no namespaces)."""
    with zipfile.ZipFile(built["epub"]) as archive:
        chapters = [html_page_from(archive.read(n)) for n in archive.namelist() if n.endswith(".xhtml")]
    return [html_page(built["html"]), *chapters]


def html_page_from(data: bytes):
    return etree.fromstring(data, etree.HTMLParser(no_network=True))


def words(element) -> str:
    return " ".join("".join(element.itertext()).split())


# 1. Notes are numbered through the book; each note shows its number as a link back.
def test_epub_notes_are_numbered_through_the_book_and_link_back(built):
    refs, notes = [], []
    for name, root in spine_documents(built["epub"]).items():
        ids = {a.get("id"): a for a in root.iterfind(".//xhtml:a[@role='doc-noteref']", NS)}
        refs += [words(a) for a in ids.values()]
        for aside in root.iterfind(".//xhtml:aside[@role='doc-footnote']", NS):
            back = aside.find(".//xhtml:a[@role='doc-backlink']", NS)
            assert back.get("href")[1:] in ids, f"{name}: the link back leads nowhere"
            assert words(ids[back.get("href")[1:]]) == words(back), f"{name}: note and reference differ"
            notes.append((words(back), back.get("aria-label"), words(aside)))
    assert refs == ["1", "2", "3", "4"]
    assert notes == [(str(n), f"Back to reference {n}", f"{n}. {text}") for n, text in enumerate(NOTES, 1)]


def test_epub_notes_follow_their_chapter(built):
    chapters = [root for root in spine_documents(built["epub"]).values()
                if root.find(".//xhtml:aside[@role='doc-footnote']", NS) is not None]
    assert [len(root.findall(".//xhtml:aside", NS)) for root in chapters] == [2, 1, 1]


# 4. Each link back has a name to say, and the notes a heading, in both editions.
def test_html_back_links_are_named_and_notes_have_a_heading(built):
    page = html_page(built["html"])
    backs = page.xpath("//section[@role='doc-endnotes']//a[@role='doc-backlink']")
    assert [a.get("aria-label") for a in backs] == [f"Back to reference {n}" for n in range(1, 5)]
    section = page.xpath("//section[@role='doc-endnotes']")[0]
    heading = section[0]
    assert (heading.tag, heading.text, section.get("aria-labelledby")) == ("h1", "Notes", heading.get("id"))
    assert section.xpath(".//hr") == []


def test_epub_notes_sections_have_a_heading_below_the_chapter(built):
    headings = [[(h.tag, h.text) for h in section.iterfind("*", NS) if h.tag.endswith(("h1", "h2", "h3"))]
                for root in spine_documents(built["epub"]).values()
                for section in root.xpath("//xhtml:section[@epub:type='footnotes']", namespaces=NS)]
    assert headings == [[(f"{{{NS['xhtml']}}}h2", "Notes")]] * 3


@pytest.mark.parametrize(("lang", "heading", "label", "marked"), [
    ("fr-FR", "Notes", "Retour à l’appel de note 2", None),
    ("de", "Anmerkungen", "Zurück zum Verweis 2", None),
    ("nl", "Notes", "Back to reference 2", "en"),  # no Dutch words here: English, marked as English
])
def test_note_words_follow_the_document_language(tmp_path, lang, heading, label, marked):
    built = build_in(lang, tmp_path)
    page = html_page(built["html"])
    html_heading = page.xpath("//section[@role='doc-endnotes']/*[1]")[0]
    html_back = page.xpath("//a[@role='doc-backlink']")[1]
    chapter = spine_documents(built["epub"])["text/ch001.xhtml"]
    epub_heading = chapter.xpath("//xhtml:section[@epub:type='footnotes']/xhtml:h2", namespaces=NS)[0]
    epub_back = chapter.findall(".//xhtml:a[@role='doc-backlink']", NS)[1]
    assert (html_heading.text, html_heading.get("lang"), epub_heading.text, epub_heading.get("lang")) == (
        heading, marked, heading, marked)
    assert (html_back.get("aria-label"), html_back.get("lang"), epub_back.get("aria-label"),
            epub_back.get("lang")) == (label, marked, label, marked)


# 3. Each table sits in a named, focusable region that scrolls sideways.
def test_tables_sit_in_named_focusable_regions(built):
    for page in pages(built):
        for table in page.iter("table"):
            region = table.getparent()
            assert (region.tag, region.get("role"), region.get("tabindex")) == ("div", "region", "0")
            labelled_by = region.get("aria-labelledby")
            name = words(page.xpath(f"//*[@id='{labelled_by}']")[0]) if labelled_by else region.get("aria-label")
            caption = table.find("caption")
            assert name == (words(caption) if caption is not None else "Month, Visits")
    captions = [words(c) for page in pages(built) for c in page.iter("caption")]
    assert captions == [CAPTION, CAPTION]


# A probe run in each laid-out page: words in table cells broken over lines, each table region
# (does it scroll sideways, can the keyboard reach it) and whether each image fits the width.
LAYOUT_PROBE = r"""(() => {
  const broken = [];
  for (const cell of document.querySelectorAll('th, td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[^\s-]+/g)) {  // a line may break after a hyphen
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) broken.push(m[0]);
      }
    }
  }
  const width = document.documentElement.clientWidth;
  return {
    broken,
    regions: [...document.querySelectorAll('[role=region]')].map(r => ({
      scrolls: r.scrollWidth > r.clientWidth, tabIndex: r.tabIndex, right: r.getBoundingClientRect().right <= width })),
    images: [...document.images].map(i => Math.round(i.getBoundingClientRect().right) <= width && i.width > 0),
  };
})()"""


@pytest.fixture(scope="module")
def laid_out(built, tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("layout")
    chapters = checkers.unpack_content_documents(built["epub"].read_bytes(), folder / "epub")
    chapters = [c for c in chapters if c.name.startswith("ch")]
    return measure([built["html"], *chapters], folder, probe=LAYOUT_PROBE)


# 2. and 3. Images scale to the width; tables keep their words whole and scroll in their region.
def test_pages_fit_a_phone_and_a_desktop(laid_out):
    assert_reflows(laid_out)
    assert {(Path(r["file"]).name, r["width"]) for r in laid_out} >= {("field-notes.html", 320), ("ch001.xhtml", 320)}


def test_images_scale_to_the_width(laid_out):
    assert [(Path(r["file"]).name, r["width"]) for r in laid_out if not all(r["probe"]["images"])] == []
    assert sum(len(r["probe"]["images"]) for r in laid_out) == 8  # chart and rule, in each edition, at each width


def test_table_words_stay_whole(laid_out):
    assert {(Path(r["file"]).name, r["width"]): r["probe"]["broken"] for r in laid_out if r["probe"]["broken"]} == {}


def test_wide_table_scrolls_in_its_region_on_a_phone(laid_out):
    regions = {(Path(r["file"]).name, r["width"]): r["probe"]["regions"] for r in laid_out if r["probe"]["regions"]}
    assert regions == {
        (name, width): [{"scrolls": width == 320, "tabIndex": 0, "right": True},
                        {"scrolls": False, "tabIndex": 0, "right": True}]
        for name in ("field-notes.html", "ch002.xhtml") for width in (320, 1280)}


# 5. The accessibility summary counts in good English.
@pytest.mark.parametrize(("informative", "decorative", "sentence"), [
    (1, 1, "It has 1 informative image with a text alternative and 1 decorative image marked as such."),
    (2, 0, "It has 2 informative images with text alternatives."),
    (0, 3, "It has 3 decorative images marked as such."),
    (0, 0, "It has no images."),
])
def test_accessibility_summary_grammar(informative, decorative, sentence):
    from collections import Counter

    found = facts.Facts(Counter(Image=informative + decorative), informative, decorative)
    assert default_summary(found).endswith(" declares its language. " + sentence)


def test_epub_summary_of_this_document(built):
    with zipfile.ZipFile(built["epub"]) as archive:
        opf = etree.fromstring(archive.read("EPUB/content.opf"))
    summary = opf.findtext("opf:metadata/opf:meta[@property='schema:accessibilitySummary']", namespaces=NS)
    assert summary.endswith("It has 1 informative image with a text alternative and 1 decorative image marked as such.")


# 6. The subtitle is shown under the title.
def test_subtitle_in_both_editions(built):
    page = html_page(built["html"])
    assert page.xpath("//header/h1/following-sibling::p[1][@class='subtitle']/text()") == [
        "A test document for the web editions"]
    title_page = spine_documents(built["epub"])["text/title_page.xhtml"]
    assert title_page.xpath("//xhtml:p[@class='subtitle']/text()", namespaces=NS) == [
        "A test document for the web editions"]


# The editions pass our linter (the table without a caption is meant: it tests the region's
# name from its header row) and the checkers the field trusts.
@pytest.mark.parametrize("edition", ["epub", "html"])
def test_linter_passes_both_editions(built, edition):
    checked = lint_file(built[edition], Settings(expected=pipeline.expected_text(SOURCE)))
    findings = checked.findings
    assert checked.readable
    assert [f.code for f in findings if f.severity is not Severity.INFO] == (["EPUB113"] if edition == "epub" else [])


@pytest.mark.parametrize(("edition", "checker"), [(e, c) for e in ("epub", "html") for c in CHECKERS[e]])
def test_independent_checkers_pass(built, edition, checker):
    # Nothing is left undecided either: the notes' back links show their number beside the arrow,
    # so axe can measure their colour and find their words in their name.
    assert CHECKERS[edition][checker](built[edition]) == []


# 7. Numbered code lines are drawn, not read; an empty corner over row headers is no header.
CODE_AND_FORM = """---
title: "Rent and signatures"
lang: en-GB
---

``` {#rent .python .numberLines startFrom="10"}
def new_rent(old_rent, inflation):
    return round(old_rent * (1 + inflation))
```

| | First person | Second person |
|---|---|---|
| Name | Write here | Write here |

Table: Signatures {.row-headers}
"""


@pytest.fixture(scope="module")
def code_and_form(tmp_path_factory) -> list:
    """The HTML page and the EPUB's chapter made from CODE_AND_FORM, parsed without namespaces."""
    folder = tmp_path_factory.mktemp("code-and-form")
    (folder / "rent.md").write_text(CODE_AND_FORM, encoding="utf-8")
    built = {b.edition.name: b.path for b in pipeline.build(folder / "rent.md", folder / "out", ["epub", "html"])}
    return [page for page in pages(built) if page.xpath("//pre")]


def test_numbered_code_lines_are_drawn_not_read(code_and_form):
    for page in code_and_form:
        lines = page.xpath("//pre//code/span")
        assert [line.get("id") for line in lines] == ["rent-10", "rent-11"]
        assert [(a.get("href"), a.get("aria-hidden"), words(a)) for line in lines for a in line.xpath("a")] == [
            (None, "true", "")] * 2
        assert "counter-reset: source-line 9" in page.xpath("string(//pre//code/@style)")
        assert page.xpath("//@*[starts-with(name(), 'data-')]") == []


def test_empty_corner_over_row_headers_is_a_plain_cell(code_and_form):
    for page in code_and_form:
        assert [(cell.tag, words(cell)) for cell in page.xpath("//thead/tr/*")] == [
            ("td", ""), ("th", "First person"), ("th", "Second person")]
        assert [(cell.get("scope"), words(cell)) for cell in page.xpath("//tbody//th")] == [("row", "Name")]
