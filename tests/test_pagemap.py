"""One page map (publish.pagemap): every edition marks the standard PDF's pages where the PDF
itself has them, read back here from the PDF with pdfplumber, independently of Typst's answer."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import docx
import pdfplumber
import pytest
from docx.table import Table
from lxml import etree, html

from conftest import ROOT
from publish import facts, filterkit, pagemap, pipeline

EPUB_NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
WORDS = "amber basil cedar delta ember fjord garnet harbour indigo juniper kestrel lantern meadow nutmeg".split()


def paragraph(n: int) -> str:
    """A paragraph whose first words say which it is, then enough words to fill a few lines."""
    return f"Paragraph {n} opens here. " + " ".join(WORDS[(n + i) % len(WORDS)] for i in range(60)) + "."


SOURCE = "\n\n".join([
    "---\ntitle: Pages to turn to\nlang: en-GB\ndate: 2024-05\n---",
    "## First part",
    *(paragraph(n) for n in range(1, 12)),
    "- Item one is a list item.\n- Item two is another.",
    "## Second part",
    "| Row | Value |\n|-----|-------|\n" + "\n".join(f"| Row {n} | {n * 7} |" for n in range(1, 61)),
    "Table: Values by row",
    *(paragraph(n) for n in range(12, 20)),
])


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("pages")
    source = folder / "pages.md"
    source.write_text(SOURCE, encoding="utf-8")
    made = pipeline.build(source, folder / "out", ["pdf", "epub", "html", "brf", "pdf-large"])
    paths = {item.edition.name: item.path for item in made}
    with pdfplumber.open(paths["pdf"]) as pdf:
        paths["pdf pages"] = [words(page.extract_text() or "") for page in pdf.pages]
    with pdfplumber.open(paths["pdf-large"]) as pdf:
        paths["large pages"] = [words(page.extract_text() or "") for page in pdf.pages]
    return paths


HEADINGS = " or ".join(f"local-name()='h{level}'" for level in range(1, 7))
BLOCKS = " or ".join(f"local-name()='{name}'" for name in "p li td th pre".split()) + " or " + HEADINGS


def markers_and_words(root) -> list[tuple[int, str, str]]:
    """Each page marker's page (from its id), the words after it, and the first words of the
    text block before it."""
    found = []
    for marker in root.xpath("//*[@role='doc-pagebreak']"):
        following = " ".join(marker.xpath("following::text()"))
        previous = marker.xpath(f"preceding::*[{BLOCKS}][1]")
        before = " ".join(previous[0].xpath("string()").split()[:3]) if previous else ""
        found.append((int(marker.get("id").rsplit("-", 1)[1]), " ".join(following.split()[:3]), before))
    return found


def check_placed(markers: list[tuple[int, str, str]], pages: list[str]) -> None:
    """Each marker stands before the first block that begins its page: the words after it are
    first found on that page, and the block before it began on an earlier page."""
    for page, after, before in markers:
        assert first_page_with(pages, after) == page, f"“{after}” should begin PDF page {page}"
        if page > 1:
            assert first_page_with(pages, before) < page, f"“{before}” is on page {page}, before its marker"


def first_page_with(pages: list[str], text: str) -> int | None:
    return next((n for n, page in enumerate(pages, 1) if text in page), None)


def test_every_page_is_marked_where_the_pdf_has_it(built):
    pages = built["pdf pages"]
    assert len(pages) >= 4, "the fixture must run over several pages"
    with zipfile.ZipFile(built["epub"]) as book:
        names = book.namelist()
        chapters = {n: etree.fromstring(book.read(n)) for n in names if n.endswith(".xhtml") and "nav" not in n}
        nav = etree.fromstring(book.read(next(n for n in names if n.endswith("nav.xhtml"))))
        opf = book.read(next(n for n in names if n.endswith(".opf"))).decode("utf-8")
    assert not nav.xpath("//x:nav[@epub:type='toc']//*[@role]", namespaces=EPUB_NS), "no marker in the contents"
    page_list = nav.xpath("//x:nav[@epub:type='page-list']//x:a", namespaces=EPUB_NS)
    listed = [int(a.text) for a in page_list]
    assert listed == list(range(1, len(pages) + 1)), "each page of the PDF is listed once, in order"
    for link in page_list:
        chapter, _, target = link.get("href").partition("#")
        root = chapters[next(n for n in chapters if n.endswith(chapter))]
        marker = root.xpath(f"//*[@id='{target}']")
        assert marker and marker[0].get("{http://www.idpf.org/2007/ops}type") == "pagebreak"
    markers = [m for root in chapters.values() for m in markers_and_words(root)]
    assert [page for page, _, _ in markers] == listed
    check_placed(markers, pages)
    assert '<opf:meta property="pageBreakSource">pages.pdf</opf:meta>' in opf
    assert "pageNavigation" in opf and "pageBreakMarkers" in opf


def test_the_page_map_typst_attached_is_taken_out_of_the_published_pdf(built):
    """The page map comes out of the standard PDF's own Typst run as an attached file; a reader
    must not find it in the PDF, and the PDF keeps its other name tree (link targets)."""
    import pikepdf
    with pikepdf.open(built["pdf"]) as pdf:
        assert len(pdf.attachments) == 0
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        assert pagemap.ATTACHMENT.encode() not in built["pdf"].read_bytes()


def test_the_web_page_has_the_same_markers_announced_not_shown(built):
    page = html.fromstring(built["html"].read_bytes())
    markers = page.xpath("//*[@role='doc-pagebreak']")
    assert [m.get("title") for m in markers] == [f"Page {n}" for n in range(1, len(built["pdf pages"]) + 1)]
    assert all(not m.text_content() and len(m) == 0 for m in markers), "a marker shows nothing on screen"
    assert not page.xpath(f"//*[{HEADINGS}]//*[@role]"), "a heading's name is its own words, not its page's"
    check_placed(markers_and_words(page), built["pdf pages"])


def test_braille_shows_each_print_page_where_it_begins(built):
    text = built["brf"].read_text(encoding="ascii")
    indicators = re.findall(r'(?m)^ *"3(#[A-J]+) *$', text)  # a print page indicator line, centred
    numbers = ["#" + "".join("JABCDEFGHI"[int(d)] for d in str(n)) for n in range(1, len(built["pdf pages"]) + 1)]
    assert indicators == numbers


def test_large_print_names_the_standard_pages_it_holds(built):
    shown = []
    for page in built["large pages"]:
        found = re.search(r"print pages? (\d+)(?:–(\d+))?", page)
        assert found, f"a large-print page without its print page: {page[-80:]}"
        shown.append((int(found[1]), int(found[2] or found[1])))
    assert shown[0][0] == 1 and shown[-1][1] == len(built["pdf pages"])
    for (_, last), (first, _) in zip(shown, shown[1:]):
        assert first in (last, last + 1), "the print pages follow on from one large page to the next"
    for number, text, _ in markers_and_words(html.fromstring(built["html"].read_bytes())):
        large = first_page_with(built["large pages"], text)
        assert shown[large - 1][0] <= number <= shown[large - 1][1], f"print page {number} on large page {large}"


@pytest.fixture(scope="module")
def large_word(tmp_path_factory) -> dict:
    """The large-print DOCX of the same source, built and checked as an editor would: the build's
    own words and the accessibility report's findings for it."""
    folder = tmp_path_factory.mktemp("word")
    (folder / "pages.md").write_text(SOURCE, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "publish", "build", "docx-large", "--check", "--source",
                           str(folder / "pages.md"), "--out", str(folder / "out")], capture_output=True, text=True)
    path = folder / "out" / "pages-large.docx"
    report = json.loads((folder / "out" / "pages" / "accessibility.json").read_text(encoding="utf-8"))
    return {"status": done.returncode, "said": done.stdout + done.stderr, "path": path,
            "findings": [f"{f['code']} {f['message']}" for f in report["findings"] if f["path"] == str(path)]}


def word_paragraphs(container):
    """A Word document's paragraphs in body order, those in table cells included."""
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    yield from word_paragraphs(cell)
        else:
            yield item


def test_large_print_word_marks_each_print_page_before_its_words(built, large_word):
    """Word sets its own pages, so a paragraph "Print page N" stands before the first words of
    page N of the standard PDF, in a style of its own, large and upright, that is not a heading."""
    paragraphs = list(word_paragraphs(docx.Document(large_word["path"])))
    markers = []
    for index, paragraph in enumerate(paragraphs):
        if paragraph.style.name != "Print Page":
            continue
        found = re.fullmatch(r"Print page (\d+)", paragraph.text)
        assert found, f"a print page marker that says “{paragraph.text}”"
        after = " ".join(" ".join(p.text for p in paragraphs[index + 1:index + 3]).split()[:3])
        before = next((p.text for p in reversed(paragraphs[:index]) if p.style.name != "Print Page"), "")
        markers.append((int(found[1]), after, " ".join(before.split()[:3])))
    assert [page for page, _, _ in markers] == list(range(1, len(built["pdf pages"]) + 1))
    check_placed(markers, built["pdf pages"])
    style = paragraphs[0].part.document.styles["Print Page"]
    assert style.font.size.pt >= 16 and style.font.italic is False
    assert style.paragraph_format.keep_with_next, "a marker is never left at the foot of a page, apart from its text"
    assert not style.element.xpath(".//w:outlineLvl") and "heading" not in style.base_style.name.lower()


def test_large_print_word_lints_clean_with_its_markers(large_word):
    """The markers are page furniture to the linter: the text still matches the source word for word."""
    assert large_word["status"] == 0, large_word["said"]
    assert large_word["findings"] == []


@pytest.mark.parametrize("document", ["everything", "book", "report"])
def test_every_edition_counts_the_same_blocks(document):
    """The page map numbers text blocks in the standard PDF's copy of the document; each edition
    marks its own copy by the same numbers, so the walk must find the same blocks in every copy."""
    _ctx, ast = pipeline.parse(ROOT / "tests" / "zoo" / document / "index.md")

    def blocks(fmt: str) -> list[tuple[str, str]]:
        """Each block's kind and words; an image's alt text apart (the PDF writes it as Typst)."""
        copy = filterkit.for_format(ast, fmt)
        for node in facts.walk(copy["blocks"]):
            if node["t"] == "Image":
                node["c"][1] = []
        return [(holder[index]["t"], " ".join(facts.stringify(holder[index]).split()))
                for holder, index in pagemap.anchored(copy["blocks"])]

    standard = blocks("typst")
    assert len(standard) > 20
    for fmt in ("html5", "epub3", "brf"):
        assert blocks(fmt) == standard, fmt
