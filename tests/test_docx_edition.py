"""The DOCX and large-print DOCX editions of a long report: page size from the language's
region, tables that keep rows whole and fit their words, every style large enough."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree

from publish import filterkit, lint, pipeline
from publish.editions import docx_large
from publish.editions.word import column_widths, ems, paper, region
from publish.lint import docx_document
from publish.lint.docx_print import LARGE_PRINT, PrintCheck, settings, text_too_small
from publish.xml import NS

REPORT = Path(__file__).parent / "fixtures" / "txtdocx" / "report.md"
W = f"{{{NS['w']}}}"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Both DOCX editions of the report; the large-print one written as the pipeline writes any edition."""
    out = tmp_path_factory.mktemp("report")
    [clear] = pipeline.build(REPORT, out, ["docx"])
    ctx, ast = pipeline.parse(REPORT)
    large = out / f"report{docx_large.EDITION.suffix}"
    pipeline.write_atomically(large, docx_large.EDITION.write(filterkit.for_format(ast, "docx"), ctx))
    return {"docx": clear.path, "docx-large": large}


def part(path: Path, name: str = "word/document.xml"):
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read(name))


@pytest.mark.parametrize("lang, expected", [("en-GB", "A4"), ("en-US", "Letter"), ("fr-CA", "Letter"),
                                            ("es-MX", "Letter"), ("en", "A4"), ("es-419", "A4"),
                                            ("zh-Hant-TW", "A4"), ("en-PH", "Letter"), ("de-x-US", "A4")])
def test_paper_follows_the_region(lang, expected):
    assert paper(lang) == expected


def test_region_subtag():
    assert (region("en-GB"), region("sr-Latn-RS"), region("es-419"), region("en")) == ("GB", "RS", "419", None)


@pytest.mark.parametrize("edition", ["docx", "docx-large"])
def test_pages_are_a4_portrait_with_margins(built, edition):
    (size,) = part(built[edition]).iter(f"{W}pgSz")
    assert (size.get(f"{W}w"), size.get(f"{W}h")) == ("11906", "16838")
    (margins,) = part(built[edition]).iter(f"{W}pgMar")
    assert {margins.get(f"{W}{side}") for side in ("left", "right", "top", "bottom")} == {"1417"}


@pytest.mark.parametrize("edition", ["docx", "docx-large"])
def test_table_rows_stay_whole_and_headers_repeat(built, edition):
    tables = list(part(built[edition]).iter(f"{W}tbl"))
    assert len(tables) == 2
    for table in tables:
        rows = table.findall(f"{W}tr")
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        assert [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows] == [True] + [False] * (len(rows) - 1)
    assert len(tables[0].findall(f"{W}tr")) == 40


def test_columns_fill_the_text_width_and_fit_their_words(built):
    long_table, wide_table = part(built["docx"]).iter(f"{W}tbl")
    available = 11906 - 2 * 1417
    for table in (long_table, wide_table):
        widths = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
        assert abs(sum(widths) - available) <= len(widths)
        assert table.find(f"{W}tblPr/{W}tblLayout").get(f"{W}type") == "autofit"
    widths = [int(c.get(f"{W}w")) for c in long_table.iter(f"{W}gridCol")]
    header = ["Region and year", "Reports received", "Reports confirmed", "Confirmation status"]
    for width, text in zip(widths, header):
        assert width >= 2 * 108 + 12 * 20 * max(ems(word, True) for word in text.split())
    assert widths[3] == max(widths)  # the column with the most to say is widest


def test_words_that_cannot_fit_narrow_only_the_widest_columns():
    widths = column_widths([500, 3000, 600], [900, 6000, 800], 3000)
    assert widths[0] == 500 and widths[2] == 600 and sum(widths) == 3000


def test_row_header_tables_mark_their_first_column(built):
    long_table, wide_table = part(built["docx"]).iter(f"{W}tbl")
    assert long_table.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstColumn") == "1"
    assert wide_table.find(f"{W}tblPr/{W}tblLook").get(f"{W}firstColumn") == "0"
    styles = part(built["docx"], "word/styles.xml")
    table_style = styles.find(f"{W}style[@{W}styleId='Table']")
    kinds = {p.get(f"{W}type"): p for p in table_style.iterfind(f"{W}tblStylePr")}
    assert kinds["firstCol"].find(f"{W}rPr/{W}b") is not None and kinds["firstRow"].find(f"{W}rPr/{W}b") is not None


@pytest.mark.parametrize("edition", ["docx", "docx-large"])
def test_subtitle_shows_under_the_title(built, edition):
    paragraphs = [(p.find(f"{W}pPr/{W}pStyle").get(f"{W}val"), "".join(p.itertext()))
                  for p in part(built[edition]).iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle") is not None]
    assert paragraphs[:2] == [("Title", "Monitoring report on early warnings of mass atrocities across regions"),
                              ("Subtitle", "Quarterly figures, methods and notes for partner organisations")]


def load(path: Path, check: PrintCheck | None = None):
    document = docx_document.load(path.read_bytes())
    if check:
        document.print_check = check
    return document


def test_large_print_declares_itself_and_every_run_is_18_pt_upright(built):
    document = load(built["docx-large"])
    assert settings(document) == LARGE_PRINT
    assert list(text_too_small(load(built["docx-large"], PrintCheck(18, True)))) == []
    result = lint.run([built["docx-large"], built["docx"]], lint.Settings(lint.selector(["DOCX"])))
    assert result.findings == []


def test_clear_print_is_not_large_print(built):
    hits = list(text_too_small(load(built["docx"], LARGE_PRINT)))
    assert hits and "large print needs 16 pt" in hits[0].message


def test_large_print_sets_emphasis_in_bold_links_underlined_and_text_left(built):
    body = part(built["docx-large"])
    emphasis = next(r for r in body.iter(f"{W}r") if "".join(r.itertext()) == "emphasis")
    assert emphasis.find(f"{W}rPr/{W}b") is not None and emphasis.find(f"{W}rPr/{W}i") is None
    assert not list(body.iter(f"{W}jc"))
    styles = part(built["docx-large"], "word/styles.xml")
    link = styles.find(f"{W}style[@{W}styleId='Hyperlink']/{W}rPr")
    assert link.find(f"{W}u").get(f"{W}val") == "single"
    assert not [s for s in styles.iter(f"{W}i") if s.get(f"{W}val") not in ("0", "false")]
