"""Markdown that pandoc reads otherwise than the editor meant: each is caught with one line
naming the file, the line and the fix, or reaches every edition as written.

- a pipe table whose `|---|` line, header or rows disagree on the number of columns
  (pandoc drops or pads cells without a word): src/publish/source_tables.py;
- a Windows path such as `target\\debug\\app.exe` (was refused as raw LaTeX): raw TeX is off;
- `$HOME/bin:$PATH` (two dollar signs make a formula): the message says so and how to write `\\$`.
"""

from __future__ import annotations

import json

import pytest

from publish import cli, pandoc
from publish.errors import SourceError, SourceWarning
from publish.source_tables import cells, problems

FRONT = "---\ntitle: A letter\nlang: en-GB\n---\n\n## Part one\n\n"  # the body's text starts on line 8


def source_file(tmp_path, body: str):
    path = tmp_path / "doc.md"
    path.write_text(FRONT + body, encoding="utf-8")
    return path


def build(tmp_path, body: str, capsys, editions=("txt",)) -> tuple[int, str]:
    status = cli.main(["build", *editions, "--source", str(source_file(tmp_path, body)), "--out",
                       str(tmp_path / "out")])
    return status, capsys.readouterr().err


# --- pipe tables ------------------------------------------------------------------------

@pytest.mark.parametrize(("row", "expected"), [
    ("| A | B | C |", [" A ", " B ", " C "]),
    ("A | B", ["A ", " B"]),
    ("| a \\| b | c |", [" a \\| b ", " c "]),
    ("| `x|y` | z |", [" `x|y` ", " z "]),
    ("| ``a ` | b`` | c |", [" ``a ` | b`` ", " c "]),
    ("| `open | c |", [" `open ", " c "]),  # an unclosed backtick is text
    ("|   |   |", ["   ", "   "]),
])
def test_cells_are_split_as_pandoc_splits_them(row, expected):
    assert cells(row) == expected


def pandoc_cells(markdown: str) -> list[int]:
    """The number of cells in each row of the first table pandoc reads from `markdown`."""
    table = next(b for b in pandoc.parse(markdown)["blocks"] if b["t"] == "Table")
    head, bodies = table["c"][3], table["c"][4]
    return [len(row[1]) for row in head[1] + [r for body in bodies for r in body[3]]]


def test_pandoc_really_drops_and_pads_cells():
    """The traps are pandoc's: columns come from the `|---|` line, every row is cut or padded to it."""
    assert pandoc_cells("| A | B | C |\n|---|---|\n| 1 | 2 | 3 |\n") == [2, 2]
    assert pandoc_cells("| A | B |\n|---|---|\n| 1 | 2 | 3 |\n| 4 |\n") == [2, 2, 2]
    assert "Lost" not in json.dumps(pandoc.parse("| A | B | Lost |\n|---|---|\n| 1 | 2 | 3 |\n"))


TABLE_CASES = {
    # name: (body from line 8, [(kind, line, words in the message)])
    "separator short": ("| A | B | C |\n|---|---|\n| 1 | 2 | 3 |\n", [(SourceError, 9, "marks 2 columns")]),
    "header short": ("| A | B |\n|---|---|---|\n| 1 | 2 | 3 |\n", [(SourceError, 8, "column 3 would have no header")]),
    "row long": ("| A | B |\n|---|---|\n| 1 | 2 |\n| 1 | 2 | 3 |\n", [(SourceError, 11, "the last cell")]),
    "rows short": ("A | B | C\n--|--|--\n1 | 2 | 3\n1 |\n| 1 | 2 |\n",
                   [(SourceWarning, 11, "2 empty cells"), (SourceWarning, 12, "an empty cell")]),
    "well made": ("| A | `x|y` | C |\n|:--|:-:|--:|\n| 1 \\| 2 | 3 | 4 |\n\nTable: Caption\n", []),
    "after a heading": ("Text.\n\n### Sub\n| A | B | C |\n|---|---|\n", [(SourceError, 12, "marks 2 columns")]),
    "in a fenced div": ("::: note\n| A | B | C |\n|---|---|\n:::\n", [(SourceError, 10, "marks 2 columns")]),
    "two tables": ("| A | B |\n|---|---|\n| 1 |\n\n| C | D |\n|---|---|\n| 1 | 2 | 3 |\n",
                   [(SourceWarning, 10, "an empty cell"), (SourceError, 14, "the last cell")]),
    # Not tables, so nothing to say: pandoc reads them as code, a comment or a paragraph.
    "in fenced code": ("```\n| A | B | C |\n|---|---|\n```\n\n~~~~ md\n| A |\n|---|---|\n~~~~\n", []),
    "in a comment": ("<!--\n| A | B | C |\n|---|---|\n-->\n", []),
    "indented code": ("    | A | B | C |\n    |---|---|\n", []),
    "inside a paragraph": ("Some text\n| A | B | C |\n|---|---|\n", []),
    "a rule, not a table": ("Some text\n\n---\n\nMore | text\n", []),
}


@pytest.mark.parametrize("name", sorted(TABLE_CASES))
def test_table_problems_name_their_line(name):
    body, expected = TABLE_CASES[name]
    lines = (FRONT + body).split("\n")
    found = problems(lines, 5, "doc.md")
    assert [(type(p), p.line) for p in found] == [(kind, line) for kind, line, _ in expected]
    for problem, (_, _, words) in zip(found, expected):
        assert words in problem.message, problem.message


def test_lost_column_stops_the_build_with_one_line(tmp_path, capsys):
    status, err = build(tmp_path, TABLE_CASES["separator short"][0], capsys)
    assert status == 1 and len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"publish: error: {tmp_path / 'doc.md'}:9: this `|---|` line marks 2 columns but the "
                          "header row above it has 3 cells, so the last column would be left out of every edition. "
                          "Fix: give the `|---|` line one `---` for each column: `|---|---|---|`"), err
    assert not (tmp_path / "out").exists()


def test_short_row_is_a_warning_and_the_build_goes_on(tmp_path, capsys):
    status, err = build(tmp_path, "| A | B |\n|---|---|\n| 1 |\n", capsys)
    assert status == 0
    assert err.splitlines() == [
        f"publish: warning: {tmp_path / 'doc.md'}:10: this table row has 1 cells but the table has 2 columns; "
        "every edition adds an empty cell at its end. Fix: end the row with `|  |` for each empty cell, so it is "
        "clear where its cells belong"]
    assert (tmp_path / "out" / "doc.txt").is_file()


# --- backslashes: raw TeX is off -------------------------------------------------------

def test_a_windows_path_is_text_in_every_edition(tmp_path, capsys):
    body = "Run _target\\debug\\app.exe_ for \\$5, not \\*all\\* of it; \\newpage stays.\n"
    status, err = build(tmp_path, body, capsys, ("txt", "html", "pdf"))
    assert (status, err) == (0, "")
    text = (tmp_path / "out" / "doc.txt").read_text(encoding="utf-8")
    assert "Run target\\debug\\app.exe for $5, not *all* of it; \\newpage stays." in text
    html = (tmp_path / "out" / "doc.html").read_text(encoding="utf-8")
    assert "<em>target\\debug\\app.exe</em> for $5, not *all* of it; \\newpage stays." in html


@pytest.mark.parametrize(("body", "line"), [
    ("Text.\n\n```{=latex}\n\\newpage\n```\n", 11),
    ("Text with `\\vspace{1em}`{=latex} inline.\n", 8),
])
def test_raw_latex_is_still_refused(tmp_path, capsys, body, line):
    status, err = build(tmp_path, body, capsys)
    assert status == 1 and len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"publish: error: {tmp_path / 'doc.md'}:{line}: raw LaTeX markup"), err


# --- dollar signs ----------------------------------------------------------------------

def test_two_dollar_signs_say_they_made_a_formula(tmp_path, capsys):
    status, err = build(tmp_path, "Add the folder to your path:\nexport PATH=$HOME/bin:$PATH and log in again.\n",
                        capsys)
    assert status == 1 and len(err.strip().splitlines()) == 1, err
    assert err.strip() == (
        f"publish: error: {tmp_path / 'doc.md'}:9: two dollar signs made `HOME/bin:` a formula, and it has no text "
        "alternative. Fix: to write a dollar sign, type `\\$` (as in `\\$HOME`); if it is a formula, give it words "
        'for a listener: [$…$]{alt="…"}')


def test_escaped_dollar_signs_are_text(tmp_path, capsys):
    status, err = build(tmp_path, "Add the folder to your path:\nexport PATH=\\$HOME/bin:\\$PATH and log in again.\n",
                        capsys)
    assert (status, err) == (0, "")
    assert "export PATH=$HOME/bin:$PATH and" in (tmp_path / "out" / "doc.txt").read_text(encoding="utf-8")


def test_a_long_display_formula_is_shortened_in_the_message(tmp_path, capsys):
    status, err = build(tmp_path, "Energy:\n\n$$E = mc^2 + \\frac{1}{2} m v^2 + \\text{a long tail of more terms}$$\n",
                        capsys)
    assert status == 1
    assert ":10: the `$$` marks made `E = mc^2 + \\frac{1}{2} m v^2 + \\text{a…` a formula" in err, err


def test_parse_reads_no_raw_tex():
    blocks = pandoc.parse("\\begin{center}x\\end{center}\n")["blocks"]
    assert [b["t"] for b in blocks] == ["Para"]
