"""Every rule with a number in it, tested at the number: the last value that passes and the
first that fails, so an off-by-one (`>=` for `>`, 4.4 for 4.5) cannot pass unnoticed.
The files are the rule fixtures' minimal documents (tests/fixtures/rules/*_fixtures.py)
with one value changed."""

from __future__ import annotations

import sys

import pytest

from conftest import RULE_FIXTURES
from publish.lint import Settings, lint_file, selector

sys.path.insert(0, str(RULE_FIXTURES))
import DOCX_fixtures  # noqa: E402
import PDF_fixtures  # noqa: E402
import TXT_fixtures  # noqa: E402


def codes(path, code: str, **settings) -> list[str]:
    checked = lint_file(path, Settings(selector([code]), **settings))
    assert checked.readable
    return [f.code for f in checked.findings]


def text_with_line(length: int) -> str:
    return TXT_fixtures.GOOD + "x" * length + "\n"


@pytest.mark.parametrize(("length", "limit", "flagged"), [
    (80, None, False), (81, None, True),  # the default, WCAG 1.4.8
    (72, 72, False), (73, 72, True),  # --max-line-length
    (100, 100, False), (101, 100, True),
])
def test_line_length_at_the_limit(tmp_path, length, limit, flagged):
    path = TXT_fixtures.written(tmp_path, "line", text_with_line(length))
    assert codes(path, "TXT401", max_line=limit) == (["TXT401"] if flagged else [])


@pytest.mark.parametrize(("lines", "flagged"), [(29, False), (30, True)])
def test_paragraph_run_at_the_limit(tmp_path, lines, flagged):
    path = TXT_fixtures.written(tmp_path, "run", TXT_fixtures.GOOD + "\n" + "A line of running text.\n" * lines)
    assert codes(path, "TXT408") == (["TXT408"] if flagged else [])


def docx_run(tmp_path, colour: str, size: int = 24, bold: bool = False):
    """The clean document with its grey paragraph in `colour` on white, `size` half-points."""
    props = f'<w:color w:val="{colour}"/><w:sz w:val="{size}"/>' + ("<w:b/>" if bold else "")
    return DOCX_fixtures.changed(tmp_path, '<w:color w:val="595959"/>', props)


@pytest.mark.parametrize(("colour", "size", "bold", "flagged"), [
    ("767676", 24, False, False), ("777777", 24, False, True),  # 4.54:1 and 4.48:1 against 4.5:1
    ("949494", 36, False, False), ("959595", 36, False, True),  # 3.03:1 and 2.99:1 against 3:1 at 18 pt
    ("949494", 35, False, True),  # 17.5 pt is not large: 4.5:1 applies
    ("949494", 28, True, False), ("949494", 27, True, True),  # 14 pt bold is large, 13.5 pt bold is not
])
def test_contrast_at_the_limit(tmp_path, colour, size, bold, flagged):
    path = docx_run(tmp_path, colour, size, bold)
    assert codes(path, "DOCX420") == (["DOCX420"] if flagged else [])


@pytest.mark.parametrize(("size", "minimum", "flagged"), [
    (24, None, False), (23, None, True),  # 12 pt and 11.5 pt against clear print's 12 pt
    (32, 16, False), (31, 16, True),  # large print's 16 pt
])
def test_docx_text_size_at_the_limit(tmp_path, size, minimum, flagged):
    """Only the changed paragraph counts: at 16 pt the fixture's other styles are small too."""
    path = docx_run(tmp_path, "595959", size)
    checked = lint_file(path, Settings(selector(["DOCX421"]), min_text_size=minimum))
    assert any("Grey, but dark enough" in f.message for f in checked.findings) == flagged


@pytest.mark.parametrize(("minimum", "flagged"), [(15.9, False), (16, True)])
def test_docx_italic_from_large_print_on(tmp_path, minimum, flagged):
    """Italic is refused from the large-print size on (a caller asking for 16 pt or more)."""
    path = DOCX_fixtures.changed(tmp_path, '<w:color w:val="595959"/>', '<w:color w:val="595959"/><w:i/>')
    assert codes(path, "DOCX422", min_text_size=minimum) == (["DOCX422"] if flagged else [])


def typeset(tmp_path, size: str, minimum: float | None, extra: str = ""):
    """A one-page Typst PDF whose every text (page number included) is `size`."""
    source = (f'#set document(title: [T])\n#set text(lang: "en", size: {size})\n{extra}'
              f"#set page(footer: context counter(page).display())\n= Heading\nText in {size}.\n")
    return PDF_fixtures.typeset(tmp_path, source, "size.pdf")


@pytest.mark.parametrize(("size", "minimum", "flagged"), [
    ("12pt", None, False), ("11.9pt", None, True),
    ("16pt", 16, False), ("15.9pt", 16, True),
])
def test_pdf_text_size_at_the_limit(tmp_path, size, minimum, flagged):
    assert codes(typeset(tmp_path, size, minimum), "PDF421", min_text_size=minimum) == (["PDF421"] if flagged else [])


@pytest.mark.parametrize(("size", "flagged"), [("15.9pt", False), ("16pt", True)])
def test_pdf_italic_from_large_print_on(tmp_path, size, flagged):
    """A PDF is large print, and italic refused, from a running size of 16 pt."""
    path = typeset(tmp_path, size, None, extra="_Emphasis._\n")
    assert codes(path, "PDF422") == (["PDF422"] if flagged else [])


def test_text_file_size_at_the_limit():
    from publish.lint.safe import Unreadable
    from publish.lint.txt import MAX_BYTES, load

    assert load(b"x" * MAX_BYTES).text is not None
    with pytest.raises(Unreadable, match="over the 20 MB"):
        load(b"x" * (MAX_BYTES + 1))


def test_quoted_labels_are_cut_after_sixty_characters():
    """Killed mutants: the quote's cut (`make mutation`); a label with no words is not quoted."""
    from publish.lint.concerns import named, quoted

    assert quoted("x" * 60) == "“" + "x" * 60 + "”"
    assert quoted("x" * 61) == "“" + "x" * 59 + "…”"
    assert named("heading", "  ") == "heading"


@pytest.mark.parametrize("text", ["Click here.", "click here:", "  Read   MORE! "])
def test_vague_link_text_ignores_case_spaces_and_end_punctuation(text):
    from publish.vocabulary import is_vague_link_text

    assert is_vague_link_text(text)


def test_contrast_of_the_darkest_colours_and_of_translucent_colours():
    """Killed mutants in lint/colour.py: sRGB's linear segment (channels up to 10/255: #010101 on
    white is 1.05 / ((1/255)/12.92 + 0.05) = 20.87:1), hex digits at full scale (white on black
    is 21:1), and a translucent colour over a colour other than white."""
    from publish.lint.colour import WHITE, blend, contrast, from_hex

    assert contrast(from_hex("010101"), WHITE) == pytest.approx(20.873, abs=0.001)
    assert contrast(from_hex("FFFFFF"), from_hex("000000")) == pytest.approx(21)
    assert blend((0.0, 0.0, 0.0), 0.25, (0.4, 0.6, 0.8)) == pytest.approx((0.3, 0.45, 0.6))
