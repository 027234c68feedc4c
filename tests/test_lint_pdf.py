"""The PDF linter beyond one-rule fixtures: the pipeline's PDF is clean, damaged and
hostile files end in a finding (never a hang or a traceback), content is walked once,
and rules hold on either side of their thresholds."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pikepdf
import pytest

from conftest import RULE_FIXTURES
from publish.lint import RULES, Settings, lint_file, pdf_document, selector
from publish.lint.reading_order import pdf_chunks

sys.path.insert(0, str(RULE_FIXTURES))
from PDF_fixtures import append_content, base, changed, elements, typeset  # noqa: E402


def lint(path: Path, *codes: str):
    checked = lint_file(path, Settings(selector(codes)))
    findings, readable = checked.findings, checked.readable
    return [(f.code, f.location, f.message) for f in findings], readable


def test_pipeline_pdf_lints_clean(letter):
    findings, readable = lint(letter["pdf"], "PDF")
    assert readable and findings == []


def test_typst_base_lints_clean(tmp_path):
    path = tmp_path / "base.pdf"
    path.write_bytes(base())
    assert lint(path, "PDF") == ([], True)


def test_structure_cycle_ends(tmp_path):
    def change(pdf):
        paragraph = elements(pdf, "P")[0]
        paragraph.K = pikepdf.Array([elements(pdf, "Document")[0]])

    findings, readable = lint(changed(tmp_path, change), "PDF")
    assert readable
    # the paragraph's own content and its link are cut off from the tree; the walk ends
    assert [(code, message) for code, _, message in findings] == [
        ("PDF303", "link annotation is not tagged; it must be in a Link element"),
        ("PDF103", "3 pieces of marked content not in the structure tree (first MCID 2)"),
    ]


def test_role_map_cycle_is_reported(tmp_path):
    def change(pdf):
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(Body=pikepdf.Name.Text, Text=pikepdf.Name.Body)
        elements(pdf, "P")[0].S = pikepdf.Name.Body

    findings, _ = lint(changed(tmp_path, change), "PDF104")
    assert [m for _, _, m in findings] == ["the role map sends the type `Body` round in a circle"]


def test_ten_thousand_deep_nesting(tmp_path):
    def change(pdf):
        parent = elements(pdf, "Document")[0]
        for _ in range(10_000):
            child = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Div, P=parent))
            parent.K = pikepdf.Array([*parent.K, child]) if parent.get("/S") == "/Document" else child
            parent = child

    findings, readable = lint(changed(tmp_path, change), "PDF1")
    assert readable and findings == []


def test_ten_thousand_deep_marked_content(tmp_path):
    def change(pdf):
        append_content(pdf, b"/Artifact BMC " + b"/Span BMC " * 10_000 + b"0 0 1 1 re f " + b"EMC " * 10_001)

    findings, readable = lint(changed(tmp_path, change), "PDF")
    assert readable and findings == []


def test_huge_table_spans_are_bounded(tmp_path):
    def change(pdf):
        for cell in elements(pdf, "TD") + elements(pdf, "TH"):
            cell.A = pikepdf.Dictionary(O=pikepdf.Name.Table, RowSpan=10**9, ColSpan=10**9)

    findings, readable = lint(changed(tmp_path, change), "PDF106")
    assert readable
    assert [m for _, _, m in findings] == ["a cell spans 1000 rows, past the end of the table"] * 4 + [
        "row 2 covers 4000 columns where row 1 covers 2000"]  # each span cut to 1000


def test_artifact_and_tagged_content_nested_wrongly(tmp_path):
    def change(pdf):
        append_content(pdf, b"/Artifact BMC /P <</MCID 99>> BDC 0 0 1 1 re f EMC EMC")

    findings, _ = lint(changed(tmp_path, change), "PDF103")
    assert [m for _, _, m in findings] == [
        "1 piece of marked content not in the structure tree (first MCID 99)",
        "1 piece of tagged content inside an artifact",
    ]


def test_empty_structure_tree_leaves_content_untagged(tmp_path):
    def change(pdf):
        pdf.Root.StructTreeRoot.K = pikepdf.Array()

    findings, _ = lint(changed(tmp_path, change), "PDF103")
    assert len(findings) == 1
    assert findings[0][1] == "page 1" and "of marked content not in the structure tree" in findings[0][2]


def broken_xref(data: bytes) -> bytes:
    start = data.rindex(b"startxref")
    return data[:start] + b"startxref\n999999\n%%EOF\n"


@pytest.mark.parametrize(("damage", "code", "message"), [
    pytest.param(broken_xref, "PDF902", "the file is damaged and had to be repaired to be read (xref not found",
                 id="broken-xref"),
    pytest.param(lambda data: data[: len(data) // 2], "PDF901", "could not check: the PDF is damaged (",
                 id="truncated"),
    pytest.param(lambda data: data[: len(data) // 5], "PDF901", "could not check: the PDF is damaged (",
                 id="truncated-early"),
    pytest.param(lambda data: data.replace(b"/StructTreeRoot", b"/StructTreeRooX"), "PDF101",
                 "document has no structure tree", id="no-structure"),
])
def test_damaged_pdf_gives_the_finding_that_names_the_damage(tmp_path, damage, code, message):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damage(base()))
    findings = lint_file(path).findings
    assert any(f.code == code and f.message.startswith(message) for f in findings), findings


def test_password_protected_pdf_cannot_be_checked(tmp_path):
    path = tmp_path / "locked.pdf"
    pikepdf.open(io.BytesIO(base())).save(path, encryption=pikepdf.Encryption(owner="o", user="secret"))
    findings, readable = lint(path, "PDF")
    assert not readable
    assert findings == [("PDF901", None, "could not check: the PDF is encrypted with a password")]


def test_each_page_content_is_parsed_once(tmp_path, monkeypatch):
    calls = []
    parse = pikepdf.parse_content_stream
    monkeypatch.setattr(pdf_document.pikepdf, "parse_content_stream", lambda obj: calls.append(1) or parse(obj))
    path = tmp_path / "base.pdf"
    path.write_bytes(base())
    lint_file(path)
    assert len(calls) == len(pikepdf.open(path).pages)


def test_the_reading_order_walks_the_content_the_rules_walked(monkeypatch):
    """One content walk serves the rules and the reading order: no page is parsed again."""
    calls = []
    parse = pikepdf.parse_content_stream
    monkeypatch.setattr(pdf_document.pikepdf, "parse_content_stream", lambda obj: calls.append(1) or parse(obj))
    doc = pdf_document.load(base())
    doc.content  # noqa: B018 - what the rules walk
    walked = len(calls)
    assert "Text with a link." in "".join(text for text, _ in pdf_chunks(doc))
    assert len(calls) == walked


def test_text_drawn_through_a_form_xobject_is_read(tmp_path):
    """A page whose content is one Form XObject drawn with Do reads as the page drawn directly."""
    def change(pdf):
        page = pdf.pages[0]
        page.contents_coalesce()
        form = pdf.make_stream(page.Contents.read_bytes(), Type=pikepdf.Name.XObject, Subtype=pikepdf.Name.Form,
                               BBox=page.MediaBox, Resources=page.Resources)
        page.Resources.XObject = pikepdf.Dictionary(Fm0=form)
        page.Contents = pdf.make_stream(b"/Fm0 Do")

    def reading(data: bytes) -> str:
        return " ".join("".join(text for text, _ in pdf_chunks(pdf_document.load(data))).split())

    drawn = reading(base())
    assert "Text with a link." in drawn
    assert reading(changed(tmp_path, change).read_bytes()) == drawn


def test_pdf_rules_cite_verapdf_or_matterhorn():
    """Every PDF/UA rule; the layout rules (how text looks on the page, which PDF/UA leaves
    out) cite WCAG and the print guidance instead."""
    layout = ("PDF409", "PDF421", "PDF422")
    pdf_rules = [r for r in RULES.values() if r.fmt == "pdf" and r.code not in ("PDF901", "PDF903", *layout)]
    assert all(any(ref.startswith(("veraPDF ", "Matterhorn ")) for ref in r.refs) for r in pdf_rules)


def math_font_extents(pdf):
    """Every font declares the extents a mathematics font does (Cambria Math: 3.1 em up, 2.5 em down)."""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor":
            obj.Ascent, obj.Descent = 3117, -2464


@pytest.mark.parametrize("gap, overprinted", [(1.0, False), (0.8, False), (0.4, True), (0.0, True)])
def test_overprint_is_judged_by_the_em_square(tmp_path, gap, overprinted):
    """Two different strings, one `gap` ems above the other at the same x (a fraction's
    numerator over its denominator at 1 em, a real overprint at 0.4), in a font that declares
    a mathematics font's extents."""
    def change(pdf):
        math_font_extents(pdf)
        append_content(pdf, b"/Artifact BMC BT /f1 12 Tf 100 300 Td <00010002> Tj ET "
                            b"BT /f1 12 Tf 100 %.1f Td <00030004> Tj ET EMC" % (300 + 12 * gap))

    findings, _ = lint(changed(tmp_path, change), "PDF409")
    assert any("print over each other" in message for _, _, message in findings) is overprinted


@pytest.mark.parametrize("heading, body, large", [(28, 12, False), (28, 15.9, False), (12, 16, True),
                                                  (18, 18, True)])
def test_large_print_is_judged_by_the_body_text(tmp_path, heading, body, large):
    """A long heading set large over a short italic paragraph: large print (PDF422) only when
    the paragraph, the body text, is 16 pt or more, however much of the page the heading fills."""
    source = (f'#set document(title: [T])\n#set text(lang: "en", size: {body}pt)\n'
              f"#show heading: set text(size: {heading}pt)\n"
              "= A long heading that fills more of the page than the paragraph under it does\n"
              "_Italic words._\n")
    findings, _ = lint(typeset(tmp_path, source, "print.pdf"), "PDF422")
    assert bool(findings) is large


@pytest.mark.parametrize("tag, severity", [("en-GB", None), ("p", "warning"), ("portugue", "warning"),
                                           ("portugue-1234abcd", "warning"), ("portugues", "error"),
                                           ("1en", "error"), ("pt-1234abcde", "error"), ("", "error")])
def test_pdf_language_tags_follow_pdfs_own_grammar(tmp_path, tag, severity):
    """RFC 3066, as ISO 32000-1 14.9.2 cites it: a primary subtag of 1 to 8 letters, subtags of
    1 to 8 letters or digits. Inside it but naming no language: a warning; outside: an error."""
    def change(pdf):
        pdf.Root.Lang = pikepdf.String(tag)

    checked = lint_file(changed(tmp_path, change), Settings(selector(["PDF005"])))
    assert [f.severity.value for f in checked.findings] == ([severity] if severity else [])
