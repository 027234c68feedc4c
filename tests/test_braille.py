"""The braille editions: UEB grades 2 and 1 from one parse, UK page layout, and the BRF linter."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from publish import cli, pipeline
from publish.braille import translate
from publish.braille.layout import Block, PageSize, fill, paginate
from publish.errors import ToolMissingError
from publish.lint import Settings, brf, lint_file
from publish.lint.formats import detect

BRIEFING = FIXTURES / "braille" / "briefing.md"
LETTER = ROOT / "source" / "letter.md"


@pytest.fixture(scope="module")
def briefing(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("briefing")
    return {item.edition.name: item.path for item in pipeline.build(BRIEFING, out, ["brf", "brf-g1"])}


def pages(path: Path) -> brf.BrfDocument:
    return brf.load(path.read_bytes())


def errors(path: Path, source: Path, **options) -> list[str]:
    """Error findings for the file, linted against what the edition of that name built from `source` says."""
    name = "brf-g1" if path.name.endswith("-g1.brf") else "brf"
    expected = pipeline.expected_text(source)
    checked = lint_file(path, Settings(expected=lambda _fmt: expected(name), **options))
    assert checked.readable
    return [f"{f.code} {f.location}: {f.message}" for f in checked.findings if f.severity.value == "error"]


@pytest.mark.parametrize("name", ["brf", "brf-g1"])
def test_letter_reads_back_as_its_source(letter, name):
    doc = pages(letter[name])
    share, grade, difference = brf.read_against(doc, pipeline.expected_text(LETTER)(name))
    assert difference is None
    assert share >= 0.99
    assert grade == (2 if name == "brf" else 1) or share == 1.0  # grade 1 braille reads back with either table
    assert errors(letter[name], LETTER) == []


def test_letter_pages_are_uk_paper_pages(letter):
    data = letter["brf"].read_bytes()
    doc = pages(letter["brf"])
    assert data.endswith(b"\r\n\f") and data.count(b"\f") == len(doc.pages)
    assert all(len(lines) <= 25 and all(len(line) <= 40 for line in lines) for lines in doc.pages)
    numbers = doc.numbers
    prelims = [n for n in numbers if n[0] == "p"]
    assert prelims == [("p", k) for k in range(1, len(prelims) + 1)]
    assert numbers[len(prelims):] == [("", k) for k in range(1, len(numbers) - len(prelims) + 1)]
    title = translate.Translator(2).text("UK Atrocity Prevention")
    assert title in doc.pages[0][1] and doc.pages[0][1].startswith(" ")  # centred on the title page


def test_contents_gives_each_heading_its_page(letter):
    doc = pages(letter["brf"])
    contents = next(lines for lines in doc.pages if translate.Translator(2).text("Contents") in lines[1])
    entries = [line for line in contents[2:] if line.strip()]
    assert len(entries) == 4
    for entry in entries:
        text, dots, number = entry.strip().rsplit(" ", 2)
        assert set(dots) == {'"'} and len(entry) == 40
        page = doc.numbers.index(("", int("".join(brf.DIGITS[c] for c in number[1:]))))
        assert any(line.strip() == text for line in doc.pages[page])


def test_grade_1_is_uncontracted(letter):
    g2, g1 = letter["brf"].read_text("ascii"), letter["brf-g1"].read_text("ascii")
    assert ",DE> \"PY L1D]S1" in g2 and ",DEAR PARTY LEADERS1" in g1


def test_briefing_layout(briefing):
    text = briefing["brf"].read_bytes().decode("ascii")
    t = translate.Translator(2)
    # the French phrase in French braille, between transcriber's notes naming the languages
    assert f"{t.note('French')} BONJOUR ( TOUS {t.note('English')}" in text.replace("\r\n", " ")
    # each table row read with its column headers, in 1-3 margins
    assert "\r\n,REGION3 ,NOR?2 #BJBC3 #AB2 #BJBD3 #AE\r\n" in text
    # a numbered list at cell 1, its nested bullets at cell 3
    assert "\r\n#A4 ,%>E ! W>N+S )9 A WEEK\r\n" in text and "\r\n  _4 ONL9E O!RWISE\r\n" in text
    # a paragraph starts in cell 3; a level 2 heading in cell 5 after a blank line; a note's number raised
    assert "\r\n\r\n    ,:AT WE F.D\r\n" in text and "ONCE4;9#A" in text
    for name, path in briefing.items():
        assert errors(path, BRIEFING) == [], name


def test_struck_out_text_is_set_between_transcribers_notes(tmp_path):
    """UEB has no strikethrough sign; without the notes "cut twice once a year" reads as written."""
    source = tmp_path / "struck.md"
    source.write_text("---\ntitle: Struck\nlang: en-GB\n---\n\n## Rules\n\nHedges are cut ~~twice~~ once a year.\n",
                      encoding="utf-8")
    built = {item.edition.name: item.path for item in pipeline.build(source, tmp_path, ["brf", "brf-g1"])}
    for grade, name in ((2, "brf"), (1, "brf-g1")):
        t = translate.Translator(grade)
        text = " ".join(built[name].read_text("ascii").split())
        assert f"{t.note('struck out')} {t.text('twice')} {t.note('end struck out')}" in text, name
        assert errors(built[name], source) == [], name


def test_braille_page_size_is_a_setting(tmp_path):
    out = tmp_path / "small"
    built = pipeline.build(BRIEFING, out, ["brf"], braille_page=(32, 20))[0].path
    doc = pages(built)
    assert max(len(line) for lines in doc.pages for line in lines) == 32
    assert errors(built, BRIEFING, braille_page=(32, 20)) == []
    wide = pipeline.build(BRIEFING, tmp_path / "wide", ["brf"])[0].path
    assert any(e.startswith("BRF401") for e in errors(wide, BRIEFING, braille_page=(32, 20)))


def test_braille_page_option(capsys):
    assert PageSize.parse("40x25") == PageSize(40, 25)
    with pytest.raises(SystemExit) as exit_:
        cli.main(["build", "brf", "--braille-page", "40 by 25"])
    assert exit_.value.code == 2 and "CELLSxLINES" in capsys.readouterr().err


def test_lost_paragraph_is_found(letter, tmp_path):
    """A paragraph dropped from the middle of a page, as a paging bug would."""
    doc = pages(letter["brf"])
    page = doc.numbers.index(("", 1))
    start = next(n for n, line in enumerate(doc.pages[page]) if line.startswith("  ,WE WRITE Z MEMB]S"))
    end = next(n for n in range(start + 1, len(doc.pages[page])) if doc.pages[page][n].startswith("  "))
    damaged = tmp_path / "damaged.brf"
    kept = doc.pages[page][:start] + doc.pages[page][end:]
    text = doc.text.split("\f")
    text[page] = "\r\n".join(kept) + "\r\n"
    damaged.write_text("\f".join(text), encoding="ascii")
    [finding] = errors(damaged, LETTER)
    assert finding.startswith("BRF410 page 1:") and "missing: “We write as members" in finding


def test_broken_word_is_joined_when_read_back():
    lines = fill(["HTTPS3_/_/WWW4EXAMPLE4ORG_/A_/VERY_/LONG_/PATH"], 20, 0, 0)
    assert lines[0].endswith("-") and all(len(line) <= 20 for line in lines)
    doc = brf.BrfDocument(("#A".rjust(20) + "\r\n" + "\r\n".join(lines) + "\r\n\f").encode(), cells=20)
    assert [line for line, _ in brf.body_lines(doc) if line] == ["HTTPS3_/_/WWW4EXAMPLE4ORG_/A_/VERY_/LONG_/PATH"]


def test_print_page_turns_are_shown():
    """The hook for print page numbers: a block that starts a print page gets the UK indicator."""
    blocks = [Block("TEXT " * 30, 2, 0), Block("MORE", 2, 0, print_page="#BF")]
    laid = paginate(blocks, PageSize(40, 5))
    assert '"3#BF'.center(40).rstrip() in laid.lines[-1] or '"3#BF'.center(40).rstrip() in laid.lines[-2]
    assert laid.print_pages[-1] == "#BF"


def test_braille_is_detected_by_content():
    page = b"#A".rjust(40) + b"\r\n,DE> \"PY L1D]S1\r\n\f"
    assert detect(page, Path("letter.txt")) == "brf"
    assert detect(b"Dear party leaders,\r\n\f", Path("letter.txt")) == "txt"
    assert detect(b",DE> \"PY L1D]S1\r\n", Path("letter.txt")) == "txt"
    assert detect(b",DE> \"PY L1D]S1\r\n", Path("letter.brf")) == "brf"


def test_missing_liblouis_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "louis", None)
    with pytest.raises(ToolMissingError, match="make venv"):
        translate.louis()


SYMBOLS = FIXTURES / "braille" / "symbols.md"  # tick boxes, emoji, m³, Arabic, Greek and Hindi


@pytest.fixture(scope="module")
def symbols(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("symbols")
    return {item.edition.name: item.path for item in pipeline.build(SYMBOLS, out, ["brf", "brf-g1"])}


@pytest.mark.parametrize("name", ["brf", "brf-g1"])
def test_what_braille_has_no_sign_for_is_spelled_and_reads_back(symbols, name):
    text = symbols[name].read_text("ascii")
    assert "'\\X" not in text.upper() and "'\\Y" not in text.upper()  # no code points in cells
    assert errors(symbols[name], SYMBOLS) == []


def test_tick_boxes_symbols_and_scripts_are_given_in_words():
    english = ("en-us-brf.dis", "en-ueb-g2.ctb")
    assert translate.spell("☐ Yes ☒ No", english) == [("tick box Yes crossed box No", False)]
    assert translate.spell("Rain 🌧️ today", english) == [("Rain ", False), ("cloud with rain", True), (" today", False)]
    # one note for a passage in a script with no table, its vowel signs and spaces included
    assert translate.spell("नमस्ते दुनिया", english) == [("Devanagari script not brailled", True), (" ", False)]
    assert translate.as_read("Rain 🌧️ ☐", english) == "Rain   tick box"


def test_a_block_in_another_language_is_brailled_with_its_table(symbols):
    lines = [line.strip() for line in symbols["brf"].read_text("ascii").splitlines()]
    assert "@.<,>ABIC@.> AL(RBI* @.<,5GLI%@.>" in lines  # the heading العربية in Arabic braille, in notes
    assert translate.back("AL(RBI*", [translate.DISPLAY, "ar-ar-g1.utb"]) == "العربية"


def test_a_misreading_by_another_table_is_not_a_lost_word():
    """liblouis reads Welsh braille's `ae` back as `æ`: in place, through the Welsh table, it is
    the table's misreading; the same change in English braille counts against the share."""
    expected = [brf.Word("Cymraeg", "cymraeg"), brf.Word("da", "da")]
    read = [brf.Word("CymrÆg", "cymræg"), brf.Word("da", "da")]
    assert brf.agreement(expected, brf.Reading(read, {0}))[0] == 1
    assert brf.agreement(expected, brf.Reading(read, set()))[0] == 0.5
