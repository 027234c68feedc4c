"""The plain-text edition of documents other than the letter: read line by line, it must still
show every table cell with its header, every heading level, the subtitle, and fit 72 columns."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publish import lint, pipeline
from publish.editions.txt import CONTINUED, WIDTH, fold

REPORT = Path(__file__).parent / "fixtures" / "txtdocx" / "report.md"

SPANS = """---
title: Spans
lang: en-GB
---

+--------+---------------+-------+
| Region | Reports       | Notes |
|        +-------+-------+       |
|        | 2023  | 2024  |       |
+========+=======+=======+=======+
| North  | 12    | 15    | Both  |
+--------+-------+-------+ years |
| South  | 9 in both     |       |
+--------+---------------+-------+

Table: Reports by year {.row-headers}
"""


def build_txt(source: Path, out: Path) -> list[str]:
    [built] = pipeline.build(source, out, ["txt"])
    return built.path.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> list[str]:
    return build_txt(REPORT, tmp_path_factory.mktemp("report"))


def following(lines: list[str], first: str, count: int) -> list[str]:
    at = lines.index(first)
    return lines[at:at + count]


def test_every_line_fits_and_none_ends_in_spaces(report):
    assert max(len(line) for line in report) <= WIDTH
    assert not [line for line in report if line != line.rstrip()]


def test_folded_code_line_joins_back_to_the_source_line(report):
    at = next(n for n, line in enumerate(report) if "source=partner-P1" in line)
    joined = ""
    while report[at].endswith(CONTINUED):
        joined += report[at][:-1]
        at += 1
    joined += report[at].lstrip()
    source_line = next(line for line in REPORT.read_text().split("\n") if "source=partner-P1" in line)
    assert joined.split() == source_line.split()


def test_table_rows_are_linearised_under_their_row_headers(report):
    assert "Table: Reports received and confirmed by region and year (39 rows)" in report
    assert following(report, "Yorkshire and the Humber 2022", 6) == [
        "Yorkshire and the Humber 2022", "",
        "- Reports received: 20",
        "- Reports confirmed: 15",
        "- Confirmation status: Awaiting a second source", ""]
    assert not [line for line in report if line.startswith("- Region and year")]


def test_table_without_row_headers_numbers_its_rows(report):
    assert following(report, "Row 2", 4) == ["Row 2", "", "- Code: P2", "- Partner organisation: Protection Approaches"]
    wrapped = following(report, "- Partner organisation: European Centre for the Responsibility to", 2)
    assert wrapped[1] == "  Protect"
    assert report.count("End of table.") == 2
    assert not [line for line in report if re.match(r"^\s+-{3,}|.*\+-+\+|.*\|.*\|", line)]


def test_each_heading_level_is_marked_differently(report):
    marks = {}
    for heading, level in (("Summary", 1), ("Figures by region", 2), ("Reports and confirmations", 3),
                           ("A wide table without row headers", 4), ("Level five heading", 5),
                           ("Level six heading", 6)):
        at = report.index(heading)
        above = report[at - 1] if report[at - 1] and set(report[at - 1]) == set(report[at + 1]) else ""
        marks[level] = (above, report[at + 1])
        assert len(set(report[at + 1])) == 1 and len(report[at + 1]) == len(heading)
    assert len(set(marks.values())) == 6
    assert marks[1][0] and not any(above for above, _ in list(marks.values())[1:])


def test_subtitle_follows_the_title(report):
    assert report[:5] == ["#" * 69, "Monitoring report on early warnings of mass atrocities across regions", "#" * 69,
                          "Quarterly figures, methods and notes for partner organisations", ""]


def test_text_rules_pass(report, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("\n".join(report), encoding="utf-8")
    result = lint.run([path], lint.Settings(lint.selector(["TXT"]), max_line=WIDTH))
    assert result.findings == []


def test_cells_spanning_rows_and_columns_are_named_by_every_header(tmp_path):
    source = tmp_path / "spans.md"
    source.write_text(SPANS, encoding="utf-8")
    lines = build_txt(source, tmp_path / "out")
    assert following(lines, "North", 5) == ["North", "", "- Reports 2023: 12", "- Reports 2024: 15",
                                            "- Notes: Both years"]
    assert following(lines, "South", 4) == ["South", "", "- Reports 2023, Reports 2024: 9 in both",
                                            "- Notes: Both years"]


def test_struck_out_text_is_said_in_words_not_tildes(tmp_path):
    source = tmp_path / "struck.md"
    source.write_text("---\ntitle: Struck\nlang: en-GB\n---\n\n## Rules\n\nHedges are cut ~~twice~~ once a year, "
                      "~~*not* monthly~~.\n", encoding="utf-8")
    text = " ".join(build_txt(source, tmp_path / "out"))
    assert "Hedges are cut [Struck out: twice] once a year, [Struck out: not monthly]." in text
    assert "~" not in text


@pytest.mark.parametrize("line, pieces", [
    ("short line", ["short line"]),
    ("    " + "word " * 20, ["    " + ("word " * 13).rstrip() + " \\", "    " + ("word " * 7).rstrip()]),
    ("(https://example.org/" + "a" * 60 + "/b)", ["(https://example.org/" + "\\", "a" * 60 + "/b)"]),
    ("x" * 150, ["x" * 71 + "\\", "x" * 71 + "\\", "x" * 8]),
])
def test_fold(line, pieces):
    assert fold(line) == pieces
    assert all(len(piece) <= WIDTH for piece in pieces)
