"""The clear-print PDF of documents other than the letter: long tables, long code lines and
addresses, terms and headings at a page's foot, notes, captions, other scripts, row headers.

Each test builds a document from tests/fixtures/pdf/ (or one it writes) and reads the PDF
back through the linter's own content walk (every string, where it lands, its size)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import panflute as pf
import pikepdf
import pytest
from conftest import FIXTURES, SAMPLE

from publish import pagemap, pandoc, pipeline
from publish.braille.document import load
from publish.editions import pdf as pdf_edition
from publish.editions import pdf_large
from publish.errors import SourceError
from publish.lint import Settings, lint_file, pdf_document, selector
from publish.lint.documents import extract_text

PDF_FIXTURES = FIXTURES / "pdf"
LAYOUT_RULES = ["PDF409", "PDF421"]


def build(source: Path, out: Path) -> Path:
    return pipeline.build(source, out, ["pdf"])[0].path


LOADED: dict = {}  # path -> PdfDocument, kept open: its strings read their fonts lazily


def pages(path: Path):
    if path not in LOADED:
        LOADED[path] = pdf_document.load(path.read_bytes())
    return LOADED[path].content


def lines(page, artifacts: bool = False) -> list[list]:
    """The page's strings (tagged only, unless `artifacts`) grouped into lines by baseline, top
    first, each line left to right."""
    found = defaultdict(list)
    for run in page.runs:
        if artifacts or not run.artifact:
            found[round(run.baseline)].append(run)
    return [sorted(found[y], key=lambda r: r.x0) for y in sorted(found, reverse=True)]


def line_text(line: list) -> str:
    """A line's strings joined, with a space only where there is a gap (kerning splits words)."""
    text, previous = "", None
    for run in line:
        gap = previous is not None and run.x0 - previous.x1 > 0.2 * run.size
        text += (" " if gap else "") + run.text
        previous = run
    return text


def page_text(page) -> str:
    return " ".join(line_text(line) for line in lines(page, artifacts=True))


def structure(path: Path, kind: str) -> list:
    from publish.editions.pdf_tags import elements

    with pikepdf.open(path) as pdf:
        return [(str(e.get("/S")), e.get("/Alt"), e.get("/A")) for e in elements(pdf.Root.StructTreeRoot, kind)]


@pytest.fixture(scope="module")
def long_content(tmp_path_factory) -> Path:
    return build(PDF_FIXTURES / "long-content.md", tmp_path_factory.mktemp("long"))


def test_long_table_code_and_addresses_stay_on_the_page_and_never_overprint(long_content):
    checked = lint_file(long_content, Settings(selector(LAYOUT_RULES)))
    findings, readable = checked.findings, checked.readable
    assert readable and [f.message for f in findings] == []


def test_long_table_breaks_across_pages_with_its_header_on_each(long_content):
    table_pages = [p for p in pages(long_content) if "Region" in page_text(p)]
    assert len(table_pages) >= 3
    assert all("What was reported" in page_text(p) for p in table_pages)
    rows = structure(long_content, "TR")
    assert len(rows) == 1 + 60 + 3  # the header once in the tags (its repeats are artifacts), every row


def test_long_code_lines_wrap_with_a_mark_screen_readers_skip(long_content):
    code = [r for p in pages(long_content) for r in p.runs if "Mono" in r.font.name]
    marks = [r for r in code if r.text.strip() == "↪"]
    assert len(marks) >= 3 and all(r.artifact for r in marks)
    assert all(not r.artifact for r in code if r.text.strip() != "↪")


def test_long_words_break_at_sensible_places(long_content):
    body = [line_text(line) for p in pages(long_content) for line in lines(p)]
    assert any(t.endswith("-") and "Donaudampf" in t for t in body)  # hyphenated, not cut letter by letter
    addresses = [t.rstrip(" \u200b") for t in body if "https://example.org" in t]
    assert addresses and all(t.endswith(("/", "-")) for t in addresses)  # at the address's own break points


def test_subtitle_shows_under_the_title(long_content):
    first = [line_text(line) for line in lines(pages(long_content)[0])]
    assert first[0].startswith("Long content")
    assert "A test of page breaking in the clear-print PDF" in " ".join(first[1:3])


def test_notes_captions_and_page_numbers_are_12pt_or_more(tmp_path):
    path = build(SAMPLE, tmp_path)
    runs = [r for p in pages(path) for r in p.runs]
    assert min(r.size for r in runs) >= 12
    assert lint_file(path, Settings(selector(LAYOUT_RULES))).findings == []


def test_a_caption_that_repeats_the_alt_text_is_read_once(tmp_path):
    path = build(SAMPLE, tmp_path)
    caption = "Bar chart of reports by region"
    assert [str(alt).startswith(caption) for _, alt, _ in structure(path, "Figure")] == [True]  # a Figure, with its alt
    assert sum(caption in page_text(p) for p in pages(path)) == 1  # the caption drawn once under it
    assert caption not in extract_text(path)  # and an artifact: the alt text is what is read


def test_row_headers_are_th_with_row_scope(tmp_path):
    path = build(SAMPLE, tmp_path)
    with pikepdf.open(path) as pdf:
        from publish.editions.pdf_tags import elements, kids

        body = next(k for k in kids(elements(pdf.Root.StructTreeRoot, "Table")[0]) if k.S == "/TBody")
        for row in kids(body):
            first, *rest = kids(row)
            assert first.S == "/TH"
            owned = [a for a in first.A if a.get("/O") == "/Table"]
            assert owned[0].Scope == "/Row"
            assert all(str(first.ID) in [str(h) for a in c.A if a.get("/O") == "/Table" for h in a.Headers]
                       for c in rest)
    assert lint_file(path, Settings(selector(["PDF1"]))).findings == []


def test_row_headers_pass_pdf_ua_validation(tmp_path):
    page = pytest.importorskip("page")
    report = page.validate_pdf(str(build(SAMPLE, tmp_path)), profile="ua1")
    assert "Checks: 0 failed" in str(report)


def stacked_document(filler: int) -> str:
    """Headings and terms, pushed down the page by `filler` lines of text before them."""
    lead = " ".join(f"Line {n} of text that fills the page before the headings come." for n in range(filler))
    terms = "\n\n".join(f"Term {n}\n:   The description of term {n}, one line long." for n in range(8))
    sections = "\n\n".join(f"## Heading {n}\n\nA paragraph under heading {n}." for n in range(6))
    return f"---\ntitle: Stacked\nlang: en-GB\n---\n\n{lead}\n\n{sections}\n\n## Terms\n\n{terms}\n"


def captioned_tables(filler: int) -> str:
    """Tables with a caption each, pushed down the page by `filler` lines of text before them."""
    lead = " ".join(f"Line {n} of text that fills the page before the tables come." for n in range(filler))
    tables = "\n\n".join(f"| Site | Plots |\n|---|---:|\n| North {n} | {n} |\n| South {n} | {n + 1} |\n\n"
                         f": Plots at site {n}" for n in range(6))
    return f"---\ntitle: Captions\nlang: en-GB\n---\n\n## Plots\n\n{lead}\n\n{tables}\n"


@pytest.mark.parametrize("document, filler, never_last", [
    *((stacked_document, filler, ("Heading", "Term", "Terms")) for filler in (38, 44, 50, 56)),
    *((captioned_tables, filler, ("Table",)) for filler in (40, 43, 46, 49, 52, 55)),  # a caption, its table over
])
def test_headings_terms_and_captions_never_end_a_page(tmp_path, document, filler, never_last):
    source = tmp_path / "stacked.md"
    source.write_text(document(filler), encoding="utf-8")
    path = build(source, tmp_path)
    for page in pages(path)[:-1]:
        last = line_text(lines(page)[-1]).strip()
        assert not last.startswith(never_last), f"page {page.number} ends with {last!r}"


def table_document(separator: str, rows: list[str]) -> str:
    """A pipe table with `separator` as its dash line: pandoc takes its columns' widths from the dashes
    when a source line is longer than 72 characters."""
    return ("---\ntitle: Widths\nlang: en-GB\n---\n\n## Sites\n\n| Site | Notes |\n" + separator + "\n"
            + "\n".join(rows) + "\n\nTable: Sites and notes\n")


LONG_NOTE = "one two three four five six seven eight nine ten one two three four five six seven eight"


def table_words(path: Path) -> list[str]:
    return [line_text(line) for page in pages(path) for line in lines(page)]


def test_widths_from_the_source_that_would_break_a_word_give_way_to_the_words(tmp_path):
    source = tmp_path / "narrow.md"
    source.write_text(table_document("|-|------------------------------|", [f"| Yorkshire | {LONG_NOTE} |"]),
                      encoding="utf-8")
    text = table_words(build(source, tmp_path))
    assert any(line.startswith("Yorkshire") for line in text), text


def test_widths_from_the_source_are_kept_when_every_word_fits(tmp_path):
    source = tmp_path / "wide.md"
    source.write_text(table_document("|------------------------------|-----|", [f"| North | {LONG_NOTE} |"]),
                      encoding="utf-8")
    page = pages(build(source, tmp_path))[0]
    left = min(r.x0 for r in page.runs if not r.artifact)
    north = next(r for r in page.runs if r.text.startswith("Nor"))  # kerning may split a word into strings
    note = min((r for r in page.runs if abs(r.baseline - north.baseline) < 1 and r.x0 > north.x1 + 20),
               key=lambda r: r.x0)
    a4_width = 595.28
    assert note.x0 - left > 0.7 * (a4_width - 2 * left)  # the first column keeps its 6 parts in 7


@pytest.fixture(scope="module")
def scripts(tmp_path_factory) -> Path:
    return build(PDF_FIXTURES / "scripts.md", tmp_path_factory.mktemp("scripts"))


@pytest.mark.parametrize("text", ["Καλημέρα κόσμε", "Привет, мир", "你好", "こんにちは", "안녕", "โลก", "😀", "👍"])
def test_other_scripts_reach_the_pdf_as_text(scripts, text):
    """Strings as drawn: Thai's ActualText spans (which readers use) are not read here, so
    only a word Typst draws one glyph per character is compared."""
    assert text in "".join(page_text(p) for p in pages(scripts))


def test_right_to_left_text_is_drawn_in_visual_order(scripts):
    """Hebrew and Arabic strings are drawn right to left: the first letter written is the
    rightmost on the page (text extraction puts it back in reading order)."""
    text = "".join(page_text(p) for p in pages(scripts))
    assert "םולש" in text and "ملاعلاب" in text


def test_other_scripts_are_embedded_with_unicode_maps(scripts):
    checked = lint_file(scripts, Settings(selector(["PDF402", "PDF403", "PDF404", "PDF405"] + LAYOUT_RULES)))
    findings, readable = checked.findings, checked.readable
    assert readable and findings == []
    fonts = {use.name.split("+")[-1] for use in pdf_document.load(scripts.read_bytes()).fonts.values()}
    assert {"IBMPlexSansArabic-Regular", "NotoSans-Regular", "NotoEmoji-Regular"} <= fonts


def test_right_to_left_paragraphs_start_on_the_right(scripts):
    arabic = [line for p in pages(scripts) for line in lines(p) if "ةيبرع" in line_text(line)]  # عربية, drawn right to left
    left_margin = min(r.x0 for p in pages(scripts) for r in p.runs)
    assert arabic and min(r.x0 for r in arabic[0]) > left_margin + 100


def test_a_character_no_font_has_is_refused_with_its_line(tmp_path):
    source = tmp_path / "tibetan.md"
    source.write_text("---\ntitle: T\nlang: en-GB\n---\n\nFirst line.\n\nTibetan: ཀཁག here.\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        build(source, tmp_path)
    assert "tibetan.md:8" in str(caught.value) and "cannot be shown in the PDF" in str(caught.value)


def test_a_long_document_is_typeset_apart_to_the_same_pdf(tmp_path, monkeypatch):
    """Typst keeps a compile's memory until its process ends: a long document is typeset in a
    child process, which must make the very same PDF and report Typst's errors the same way."""
    alone = build(SAMPLE, tmp_path / "here").read_bytes()
    monkeypatch.setattr(pdf_edition, "APART", 0)
    assert build(SAMPLE, tmp_path / "apart").read_bytes() == alone
    test_a_character_no_font_has_is_refused_with_its_line(tmp_path)


def test_the_minimum_text_size_is_set_by_the_caller(tmp_path):
    path = build(SAMPLE, tmp_path)
    assert lint_file(path, Settings(selector(["PDF421"]))).findings == []
    findings = lint_file(path, Settings(selector(["PDF421"]), min_text_size=16)).findings
    assert findings and "under 16 pt" in findings[0].message


ADDRESSES = ("/var/lib/riverwatch/queue/outgoing/readings/pending/tyne-017/2024/spring",
             "https://ingest.riverwatch.example.org.uk/v3/gauges/tyne-017/readings/latest/summary/weekly/archive",
             "https://ingest.riverwatch.example.org.uk/v3/gauges/tyne-017/readings?format=ndjson")


@pytest.mark.parametrize("edition", ["pdf", "pdf-large"])
def test_an_address_broken_at_a_line_end_reads_back_whole(tmp_path, edition):
    """A break inside an address (after a slash, or where a code line is full) is marked in the
    text with a zero-width space, so the reading order joins the pieces instead of adding a space."""
    source = PDF_FIXTURES / "addresses.md"
    path = pipeline.build(source, tmp_path, [edition])[0].path
    shown = [line_text(line).replace("\u200b", "") for p in pages(path) for line in lines(p)]
    for address in ADDRESSES:  # each is broken: no line holds it whole
        assert any(address[:5] in line for line in shown) and not any(address in line for line in shown), address
    checked = pipeline.lint_editions([path], source, Settings(selector(["PDF410"])))
    assert checked.unreadable == 0 and [f.message for f in checked.findings] == []


@pytest.mark.parametrize("edition", ["pdf", "pdf-large"])
def test_code_that_fits_its_cell_is_stored_whole_so_a_search_finds_it(tmp_path, edition):
    """A cell once took the code font's extra width for a list's indent, and its narrowed margins for
    the usual ones: code the column was sized for was split into letters by zero-width spaces."""
    path = pipeline.build(PDF_FIXTURES / "addresses.md", tmp_path, [edition])[0].path
    assert any("queue_dir" in line_text(line) for p in pages(path) for line in lines(p))


def tables_document() -> str:
    """A narrow table, then one of ten columns whose numbers and words cannot all fit A4 at 18 pt."""
    wide_head = "| Ref | Building | Ward | Type | Built | Floor area (m²) | Condition | Running cost (£ a year) | Hours booked | Entrance |"
    wide_rows = "\n".join(f"| CB{n:03} | Fairholme Community centre | Greenbank | Community centre | 19{n:02} | 1,{n:03} | "
                          f"B satisfactory | 45,{n:03} | {n} | ramp to side door |" for n in range(1, 6))
    return ("---\ntitle: Tables\nlang: en-GB\n---\n\n## Two tables\n\n| Ward | Buildings |\n|---|--:|\n| Abbey | 12 |\n"
            f"| Castle | 9 |\n\n{wide_head}\n|{'---|' * 10}\n{wide_rows}\n")


def test_a_table_too_wide_for_large_print_is_set_row_by_row(tmp_path):
    """Clear print keeps both tables (columns by content, words hyphenated in their cells); large
    print keeps the narrow one and sets the other row by row, each cell after its header."""
    source = tmp_path / "tables.md"
    source.write_text(tables_document(), encoding="utf-8")
    built = {b.edition.name: b.path for b in pipeline.build(source, tmp_path, ["pdf", "pdf-large"])}
    assert len(structure(built["pdf"], "Table")) == 2
    assert len(structure(built["pdf-large"], "Table")) == 1
    large = " ".join(page_text(p) for p in pages(built["pdf-large"]))
    assert "Ref: CB001; Building: Fairholme Community centre; Ward: Greenbank" in " ".join(large.split())
    result = pipeline.lint_editions(built.values(), source, Settings(selector(["PDF409", "PDF410"])))
    assert result.unreadable == 0 and [f.message for f in result.findings] == []


def test_page_anchors_in_cells_take_no_room_in_large_print():
    """The page map's anchors are markup in every cell, not words: the large print judges a
    table's width by what it prints, so a table that fits stays a table (it did not)."""
    ast = pandoc.parse("| Ward | Buildings |\n|---|--:|\n| Abbey | 12 |\n| Castle | 9 |\n")
    table = next(b for b in load(ast).content if isinstance(b, pf.Table))
    anchored = next(b for b in load(pagemap.mark(ast, pagemap.typst_anchor)).content if isinstance(b, pf.Table))
    assert "block-anchor" in pf.stringify(anchored)
    assert pdf_large.needs(anchored) == pdf_large.needs(table) < pdf_large.MEASURE
