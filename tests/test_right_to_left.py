"""Right-to-left text in the PDF: Typst draws it in visual order, and the linter must read it
back in the order it is written (tests/fixtures/pdf/right-to-left.md: Arabic and Hebrew
paragraphs with digits, an address and Latin letters in them, and an Arabic word in an
English sentence)."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from publish import pipeline
from publish.lint import Settings, lint_file, pdf_document, selector
from publish.lint.reading_order import Piece, line_chunks, pdf_chunks

SOURCE = FIXTURES / "pdf" / "right-to-left.md"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    return pipeline.build(SOURCE, tmp_path_factory.mktemp("rtl"), ["pdf"])[0].path


def reading(path) -> str:
    return " ".join("".join(text for text, _ in pdf_chunks(pdf_document.load(path.read_bytes()))).split())


@pytest.mark.parametrize("written", [
    "سنجمع بقايا الطعام كل أسبوع، يوم الاثنين.",  # the lam-alef ligature is one glyph for two letters
    "اتصل بنا على الرقم 01632 960 555 أو اكتب",  # numbers read left to right inside the Arabic
    "قبل 2 سبتمبر 2024.",
    "שלום עולם, הקובץ PDF נשמר ב־2024.",  # Latin letters in a Hebrew sentence
])
def test_right_to_left_text_reads_in_the_order_it_is_written(pdf, written):
    assert written in reading(pdf)


def test_an_arabic_word_in_an_english_sentence_keeps_its_place(pdf):
    assert "with an Arabic word, السلام, in the middle" in reading(pdf)


def test_the_right_to_left_pdf_passes_parity_and_layout(pdf):
    checked = lint_file(pdf, Settings(selector(["PDF410", "PDF409"]), pipeline.expected_text(SOURCE)))
    assert checked.readable and checked.findings == []


def test_a_glyph_for_several_letters_is_not_turned_round():
    """الان drawn left to right is ن, the ligature لا (its text in written order), then ا; the
    pieces are taken by where they stand, not the order they were drawn."""
    line = [Piece(("ا",), 30, 0, 10), Piece(("ن", "لا"), 0, 0, 10)]
    assert line_chunks(line, "ar", "page 1") == [("الان", "page 1")]
    assert line_chunks([Piece(("ab", "c"), 0, 0, 10)], "en", "page 1") == [("abc", "page 1")]


def test_a_mark_drawn_over_its_letter_is_read_once(tmp_path):
    """Typst draws the tanween of صباحًا raised over its letter on its own, and gives both glyphs
    the letter's text with its mark."""
    source = tmp_path / "marks.md"
    source.write_text("---\ntitle: Marks\nlang: ar\n---\n\nصباحًا، اعتبارًا من الاثنين.\n", encoding="utf-8")
    path = pipeline.build(source, tmp_path, ["pdf"])[0].path
    assert "صباحًا، اعتبارًا من الاثنين." in reading(path)
    checked = lint_file(path, Settings(selector(["PDF410"]), pipeline.expected_text(source)))
    assert checked.findings == []
