"""The DOCX rules and their document model on small documents, each case asserting the exact
findings: the parts of Word's format that the rule fixtures do not reach (notes and
headers, the style chain, outline levels, table looks, VML pictures, field links,
shading), written where mutation testing (`make mutation`) showed a change going unseen."""

from __future__ import annotations

import sys

import pytest
from lxml import etree

from conftest import RULE_FIXTURES
from publish.lint import Settings, lint_file, selector
from publish.lint.docx_document import is_on, load, paragraph_text
from test_rules import render

sys.path.insert(0, str(RULE_FIXTURES))
from DOCX_fixtures import LIST_ITEM, NAMESPACES, PARTS, W, cell, package, para, picture, style  # noqa: E402

VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
LARGE_PRINT = "<cp:category>Large print</cp:category>"


def parts(body: str, styles: str = "", extra: dict[str, str] | None = None, core: str = "") -> dict[str, str]:
    """The fixtures' clean document with `body` as its whole body, `styles` added to its styles
    and `core` to its core properties, and `extra` parts beside them."""
    return {**PARTS,
            "word/document.xml": f"<w:document {NAMESPACES} {VML}><w:body>{body}<w:sectPr/></w:body></w:document>",
            "word/styles.xml": PARTS["word/styles.xml"].replace("</w:styles>", styles + "</w:styles>"),
            "docProps/core.xml": PARTS["docProps/core.xml"].replace("<dc:language>", core + "<dc:language>"),
            **(extra or {})}


def written(tmp_path, package_parts: dict[str, str]):
    path = tmp_path / "test.docx"
    path.write_bytes(package(package_parts))
    return path


def findings(tmp_path, code: str, body: str, styles: str = "", **settings) -> list[str]:
    return check(written(tmp_path, parts(body, styles)), code, **settings)


def check(path, code: str, **settings) -> list[str]:
    checked = lint_file(path, Settings(selector([code]), **settings))
    assert checked.readable
    return render(checked.findings).splitlines()


def model(tmp_path, body: str, styles: str = ""):
    return load(written(tmp_path, parts(body, styles)).read_bytes())


def run(text: str, props: str = "") -> str:
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/>'


def shifted(position: str) -> str:
    return f'<w:vertAlign w:val="{position}"/>'


# Print: notes, headers and footers; superscripts in large print; the declared minimum


def test_notes_headers_and_footers_are_checked_through_their_own_styles(tmp_path):
    notes = (f'<w:footnotes {W}><w:footnote w:id="1"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr>'
             f'{run("A note in the small note style.")}</w:p></w:footnote></w:footnotes>')
    header = (f'<w:hdr {W}><w:p>{run("Open letter")}</w:p>'
              f'<w:p>{run("Page 2 of 3", size(16))}</w:p></w:hdr>')
    comments = f'<w:comments {W}><w:comment w:id="0"><w:p>{run("Not printed", size(12))}</w:p></w:comment></w:comments>'
    note_style = style("FootnoteText", "footnote text", inner='<w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="18"/></w:rPr>')
    path = written(tmp_path, parts(para("Body text at 12 pt."), note_style, {
        "word/footnotes.xml": notes, "word/header1.xml": header, "word/comments.xml": comments}))
    assert check(path, "DOCX421") == [
        "word/footnotes.xml paragraph 1: DOCX421 warning: text is 9 pt (the minimum is 12 pt) in "
        "“A note in the small note style.”",
        "word/header1.xml paragraph 2: DOCX421 warning: text is 8 pt (the minimum is 12 pt) in “Page 2 of 3”",
    ]


SHIFTED = "".join([
    para("Ordinary text at 18 pt."),
    f'<w:p>{run("Water is H")}{run("2", shifted("subscript"))}{run("O.")}</w:p>',
    f'<w:p>{run("Area in m")}{run("2", shifted("superscript") + size(48))}</w:p>',
    f'<w:p>{run("Note")}{run("3", shifted("superscript"))}</w:p>',
])


def test_in_large_print_a_superscript_or_subscript_counts_at_the_size_it_is_drawn(tmp_path):
    """18 pt shifted is drawn at 12 pt, under large print's 16; 24 pt shifted is drawn at 16 pt."""
    large = parts(SHIFTED, core=LARGE_PRINT)
    large["word/styles.xml"] = large["word/styles.xml"].replace('<w:sz w:val="24"/>', '<w:sz w:val="36"/>', 1)
    assert check(written(tmp_path, large), "DOCX421") == [
        "paragraph 2: DOCX421 error: text is 12 pt (large print needs 16 pt) in “Water is H2O.”",
        "paragraph 4: DOCX421 error: text is 12 pt (large print needs 16 pt) in “Note3”",
    ]


def test_in_clear_print_a_superscript_counts_at_its_own_size(tmp_path):
    assert findings(tmp_path, "DOCX421", SHIFTED) == []


@pytest.mark.parametrize(("minimum", "severity"), [(None, "warning"), (12, "error")])
def test_small_text_is_an_error_when_the_caller_declares_the_minimum(tmp_path, minimum, severity):
    body = para("Small print.", run_props='<w:sz w:val="18"/>')
    assert findings(tmp_path, "DOCX421", body, min_text_size=minimum) == [
        f"paragraph 1: DOCX421 {severity}: text is 9 pt (the minimum is 12 pt) in “Small print.”"]


def test_quotes_are_cut_after_60_characters(tmp_path):
    sixty, more = "x" * 59 + "y", "x" * 60 + "z"
    body = para(sixty, run_props='<w:sz w:val="18"/>') + para(more, run_props='<w:sz w:val="18"/>')
    assert findings(tmp_path, "DOCX421", body) == [
        f"paragraph 1: DOCX421 warning: text is 9 pt (the minimum is 12 pt) in “{sixty}”",
        f"paragraph 2: DOCX421 warning: text is 9 pt (the minimum is 12 pt) in “{'x' * 60}…”",
    ]


def test_italic_in_large_print_is_reported_once_per_paragraph(tmp_path):
    body = f'<w:p>{run("Two ", "<w:i/>")}{run("italic runs.", "<w:i/>")}</w:p>'
    path = written(tmp_path, parts(body, core=LARGE_PRINT))
    assert check(path, "DOCX422") == [
        "paragraph 1: DOCX422 error: italic text in a large-print document: “Two italic runs.”"]


def test_only_the_large_print_category_makes_a_document_large_print(tmp_path):
    path = written(tmp_path, parts(para("Slanted.", run_props="<w:i/>"), core="<cp:category>Report</cp:category>"))
    assert check(path, "DOCX422") == []


def test_print_rules_without_core_properties(tmp_path):
    """No docProps/core.xml: no claim to be large print, and the clear-print minimum applies."""
    document = parts(para("Slanted and small.", run_props='<w:i/><w:sz w:val="18"/>'))
    del document["docProps/core.xml"]
    path = written(tmp_path, document)
    assert check(path, "DOCX422") == []
    assert check(path, "DOCX421") == [
        "paragraph 1: DOCX421 warning: text is 9 pt (the minimum is 12 pt) in “Slanted and small.”"]


# The model: style chains, outline levels, defaults, toggles, text


def test_style_chains_follow_based_on_and_stop_at_cycles_unknown_styles_and_20_styles(tmp_path):
    def based(style_id, on, inner=""):
        return style(style_id, style_id, inner=f'<w:basedOn w:val="{on}"/>{inner}')

    styles = (based("CycleA", "CycleB") + based("CycleB", "CycleA") + based("Child", "Parent")
              + style("Parent", "Parent", inner='<w:rPr><w:sz w:val="18"/></w:rPr>')
              + "".join(based(f"Long{n}", f"Long{n + 1}") for n in range(1, 25))
              + style("Long25", "Long25", inner='<w:rPr><w:sz w:val="18"/></w:rPr>')
              + based("Long21Small", "Long22", '<w:rPr><w:sz w:val="18"/></w:rPr>'))
    doc = model(tmp_path, para("Text"), styles)
    assert [s.style_id for s in doc.chain("CycleA")] == ["CycleA", "CycleB"]
    assert [s.style_id for s in doc.chain("Long1")] == [f"Long{n}" for n in range(1, 21)]
    assert doc.chain("Missing") == [] and doc.chain(None) == []
    assert doc.style_property("Child", "w:rPr/w:sz").get(f"{{{doc.styles_root.nsmap['w']}}}val") == "18"
    assert doc.style_property("Long1", "w:rPr/w:sz") is None  # 25 styles down: past the cut
    body = para("In a style that is not there.", "Missing") + para("Inherited.", "Child")
    assert findings(tmp_path, "DOCX421", body, styles) == [
        "paragraph 2: DOCX421 warning: text is 9 pt (the minimum is 12 pt) in “Inherited.”"]


def test_heading_levels_from_outline_levels_and_style_names(tmp_path):
    def level(value):
        return f'<w:outlineLvl w:val="{value}"/>'

    styles = (style("Section", "Section", inner=f"<w:pPr>{level(0)}</w:pPr>")
              + style("Named4", "Heading 4") + style("Mine", "My heading", inner='<w:basedOn w:val="Named4"/>'))
    body = "".join([
        para("Direct level wins", "Heading2", level(0)),
        para("Normal made level 3", props=level(2)),
        para("Style's outline level", "Section"),
        para("Named heading 4", "Named4"),
        para("Based on heading 4", "Mine"),
        para("Body text level", props=level(9)),
        para("Lowest heading level", props=level(8)),
        para("Not a number", props=level("x")),
        para("Plain"),
    ])
    assert [p.level for p in model(tmp_path, body, styles).paragraphs] == [1, 3, 1, 4, 4, None, 9, None, None]


@pytest.mark.parametrize(("default", "flagged"), [("1", False), ("true", False), ("on", False), ("0", True)])
def test_the_default_paragraph_style_gives_the_language(tmp_path, default, flagged):
    """A language set only on the Normal style counts when Normal is the default style."""
    document = parts(para("Text"))
    document["word/styles.xml"] = document["word/styles.xml"].replace('<w:lang w:val="en-GB"/>', "").replace(
        '<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/>',
        f'<w:style w:type="paragraph" w:styleId="Normal" w:default="{default}"><w:name w:val="Normal"/>'
        '<w:rPr><w:lang w:val="en-GB"/></w:rPr>')
    expected = ["word/styles.xml: DOCX002 error: neither the document defaults nor the Normal style set a "
                "language (w:lang)"]
    assert check(written(tmp_path, document), "DOCX002") == (expected if flagged else [])


@pytest.mark.parametrize(("xml", "on"), [
    ("<w:b/>", True), ('<w:b w:val="true"/>', True), ('<w:b w:val="1"/>', True),
    ('<w:b w:val="0"/>', False), ('<w:b w:val="false"/>', False), ('<w:b w:val="off"/>', False),
    ('<w:b w:val="False"/>', False), ('<w:b w:val="OFF"/>', False),
])
def test_toggle_properties(xml, on):
    assert is_on(etree.fromstring(xml.replace("<w:b", f"<w:b {W}"))) is on


def test_paragraph_text_reads_tabs_breaks_and_objects_as_one_character_each():
    p = etree.fromstring(
        f'<w:p {NAMESPACES} {VML}><w:r><w:t/></w:r><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/></w:r>'
        '<w:r><w:drawing><w:txbxContent><w:p><w:r><w:t>In a text box</w:t></w:r></w:p></w:txbxContent></w:drawing>'
        '</w:r><w:r><w:t xml:space="preserve"> end</w:t></w:r></w:p>')
    assert paragraph_text(p) == "A\tB\n\ufffc end"


def test_a_package_with_only_its_document(tmp_path):
    """Styles, settings, core properties and relationships are optional: each rule says what is missing."""
    document = parts(para("Dear readers,"))
    path = written(tmp_path, {name: document[name] for name in ("[Content_Types].xml", "_rels/.rels",
                                                                "word/document.xml")})
    doc = load(path.read_bytes())
    assert (doc.styles, doc.relationships, doc.core, doc.settings) == ({}, {}, None, None)
    assert check(path, "DOCX001") == ["docProps/core.xml: DOCX001 error: core properties have no title"]
    assert check(path, "DOCX006") == []
    assert check(path, "DOCX421") == [  # no style sets a size: Word shows 10 pt
        "paragraph 1: DOCX421 warning: text is 10 pt (the minimum is 12 pt) in “Dear readers,”"]


def test_print_page_markers(tmp_path):
    styles = style("PrintPage", "Print Page")
    body = para("Page 12", "PrintPage") + para("Page 12") + para("The notes", "PrintPage") + para("Page 3", "Gone")
    doc = model(tmp_path, body, styles)
    assert [doc.is_print_page(p.element) for p in doc.paragraphs] == [True, False, False, False]


# Content: lists and spacing in separate groups, headings, tables, pictures, links, contrast


def test_typed_lists_and_empty_paragraphs_in_separate_groups(tmp_path):
    body = (para("• First") + para("• Second") + para("Between") + para("- Third") + para("- Fourth")
            + "<w:p/><w:p/>" + para("Between") + "<w:p/><w:p/><w:p/>" + para("End"))
    assert findings(tmp_path, "DOCX123", body) == [
        "paragraph 1: DOCX123 error: 2 paragraphs start with a typed “•” instead of being a list, from “• First”",
        "paragraph 4: DOCX123 error: 2 paragraphs start with a typed “-” instead of being a list, from “- Third”",
    ]
    assert findings(tmp_path, "DOCX115", body) == [
        "paragraph 6: DOCX115 warning: 2 empty paragraphs in a row",
        "paragraph 9: DOCX115 warning: 3 empty paragraphs in a row",
    ]


def test_paragraphs_that_hold_an_object_or_a_break_are_not_empty(tmp_path):
    body = "".join([
        para("Text"), "<w:p/>", "<w:p><w:r><w:object/></w:r></w:p>",
        "<w:p/>", "<w:p><w:pPr><w:sectPr/></w:pPr></w:p>",
        "<w:p/>", '<w:p><w:r><w:br w:type="page"/></w:r></w:p>',
        "<w:p/>", para("Text"),
        "<w:p/>", "<w:p><w:r><w:br/></w:r></w:p>", para("End"),
    ])
    assert findings(tmp_path, "DOCX115", body) == ["paragraph 10: DOCX115 warning: 2 empty paragraphs in a row"]


BOLD = "<w:b/>"


def fake_headings(tmp_path, body: str) -> list[str]:
    styles = (style("TOC1", "toc 1", inner='<w:basedOn w:val="Normal"/>')
              + style("Subtitle", "Subtitle", inner='<w:basedOn w:val="Normal"/>'))
    return findings(tmp_path, "DOCX114", body, styles)


def fake(number: int, quote: str) -> str:
    return f"paragraph {number}: DOCX114 warning: “{quote}” looks like a heading (bold or large) but is in the `Normal` style"


def test_lines_that_look_like_headings(tmp_path):
    hundred = "A" * 99 + "b"
    body = "".join([
        para("Our recommendations", run_props=BOLD),  # 1: yes
        para("Open letter", "Title", run_props=BOLD),
        para("March 2026", "Subtitle", run_props=BOLD),
        para("The letter", "Heading1", run_props=BOLD),
        para("Make a commitment", props=LIST_ITEM, run_props=BOLD),
        para("A bold sentence.", run_props=BOLD),
        para("Appendix X", run_props=BOLD),  # 7: yes
        para("Large line", run_props=size(28)),  # 8: yes, 14 pt
        para("Nearly large line", run_props=size(27)),
        para(hundred, run_props=BOLD),  # 10: yes, 100 characters
        para(hundred + "c", run_props=BOLD),
        "<w:p/>",
        "<w:p><w:t>Loose words outside a run</w:t></w:p>",
        para("Not bold", run_props='<w:b w:val="false"/>'),
        "<w:tbl><w:tr><w:tc>" + para("Cell", run_props=BOLD) + "</w:tc></w:tr></w:tbl>",
    ])
    assert fake_headings(tmp_path, body) == [
        fake(1, "Our recommendations"), fake(7, "Appendix X"), fake(8, "Large line"), fake(10, hundred[:60] + "…")]


def test_bold_labels_beside_contents_entries_are_not_headings(tmp_path):
    """Beside means the paragraph just before or just after; two away is not beside."""
    body = "".join([
        para("The letter\t1", "TOC1"),
        para("Contents", run_props=BOLD),  # just after an entry
        para("Dear readers,"),
        para("Appendix\t9", "TOC1"),
        para("Signed,"),
        para("Annex", run_props=BOLD),  # 6: two after an entry
        para("Index", run_props=BOLD),  # 7: two before one
        para("Afterword."),
        para("Index\t12", "TOC1"),
        para("Page", run_props=BOLD),  # just before one
        para("Glossary\t14", "TOC1"),
    ])
    assert fake_headings(tmp_path, body) == [fake(6, "Annex"), fake(7, "Index")]


@pytest.mark.parametrize(("body", "expected"), [
    (para("Open letter", "Title") + para("Recommendations", "Heading2"), []),
    (para("Dear readers,") + para("Recommendations", "Heading2"),
     ["paragraph 2: DOCX102 error: the first heading “Recommendations” is level 2, not 1"]),
    (para("Open letter", "Title") + para("The letter", "Heading1") + para("Recommendations", "Heading2")
     + para("Annex", "Title") + para("Details", "Heading3"), []),
], ids=["title-is-level-1", "no-title-starts-at-1", "only-the-first-title-counts"])
def test_the_first_title_stands_as_level_1(tmp_path, body, expected):
    assert findings(tmp_path, "DOCX102", body) == expected


def plain_table(look: str = "", first: str = "Region", paragraphs: bool = True) -> str:
    cells = [cell(first), cell("2024"), cell("North"), cell("15")] if paragraphs else ["<w:tc/>"] * 4
    return (f"<w:tbl><w:tblPr>{look}</w:tblPr><w:tr>{cells[0]}{cells[1]}</w:tr>"
            f"<w:tr>{cells[2]}{cells[3]}</w:tr></w:tbl>")


HEADERLESS = "paragraph 1: DOCX112 error: table 1 (starting “Region”) has no header row"


@pytest.mark.parametrize(("look", "flagged"), [
    ("", True),  # says nothing of its look: a data table
    ('<w:tblLook w:val="0000" w:firstRow="1"/>', True),  # firstRow wins over the bits
    ('<w:tblLook w:val="04A0" w:firstRow="false"/>', False),
    ('<w:tblLook w:val="0000"/>', False),
    ('<w:tblLook w:val="0020"/>', True),  # the header-row bit
    ('<w:tblLook w:val="04A0"/>', True),  # Word's default look
    ('<w:tblLook w:val="008B"/>', False),  # hexadecimal, header bit off, the lowest bit on
    ('<w:tblLook w:val="008b"/>', False),
    ('<w:tblLook w:val="0120"/>', True),  # read as hexadecimal
    ('<w:tblLook w:firstColumn="1"/>', True),  # says nothing of the header row
], ids=str)
def test_the_table_look_decides_a_plain_first_row(tmp_path, look, flagged):
    assert findings(tmp_path, "DOCX112", plain_table(look)) == ([HEADERLESS] if flagged else [])


def test_tables_named_without_a_first_cell_to_quote(tmp_path):
    body = plain_table(first="") + plain_table(paragraphs=False)
    assert findings(tmp_path, "DOCX112", body) == [
        "paragraph 1: DOCX112 error: table 1 has no header row",
        "-: DOCX112 error: table 2 has no header row",
    ]


def vml(shape: str, image: str) -> str:
    return f'<w:p><w:r><w:pict><v:shape {shape}><v:imagedata r:id="rIdImage" {image}/></v:shape></w:pict></w:r></w:p>'


PICTURES = "".join([
    '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1" cy="1"/></wp:inline></w:drawing></w:r></w:p>',
    picture(2, 'descr="" title="Map of the region"'),
    picture(3, 'descr=""', '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                           '<adec:decorative val="true"/></a:ext></a:extLst>'),
    vml('id="_x0000_i1025"', ""),
    vml('alt="Signature of the chair"', ""),
    vml("", 'o:title="Logo of the group"'),
    vml("", ""),
    vml("", 'o:title="scan.png"'),
    picture(9, 'descr="" title="IMG_0001.JPG"'),
    picture(10, 'descr="Scan" title="page 1.png"'),
    picture(11, 'descr="ornament.png"', '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                                         '<adec:decorative val="1"/></a:ext></a:extLst>'),
])


def test_pictures_and_vml_images_with_and_without_alt_text(tmp_path):
    assert findings(tmp_path, "DOCX201", PICTURES) == [
        "paragraph 1: DOCX201 error: an image has no alt text",
        "paragraph 4: DOCX201 error: `_x0000_i1025` has no alt text",
        "paragraph 7: DOCX201 error: an image has no alt text",
    ]
    assert findings(tmp_path, "DOCX207", PICTURES) == [
        "paragraph 8: DOCX207 error: the alt text of an image is a file name (“scan.png”)",
        "paragraph 9: DOCX207 error: the alt text of `Picture 9` is a file name (“IMG_0001.JPG”)",
        "paragraph 10: DOCX207 error: the alt text of `Picture 10` is a file name (“Scan page 1.png”)",
    ]


def test_where_links_go(tmp_path):
    def field(instruction: str) -> str:
        return f"<w:p><w:fldSimple w:instr='{instruction}'/></w:p>"

    body = "".join([
        '<w:p><w:hyperlink r:id="rIdUnknown" w:anchor="annex"/></w:p>',
        "<w:p><w:hyperlink/></w:p>",
        field(' HYPERLINK \\o "Write to us" \\l "contact" '),
        field('HYPERLINK "https://example.org/a" \\l "part-2" \\o "Part two"'),
        field('HYPERLINK https://example.org/b \\o "A tip"'),
        field(" PAGE "),
    ])
    assert findings(tmp_path, "DOCX306", body) == [
        f"paragraph {n}: DOCX306 error: link to `{target}` has no text" for n, target in [
            (1, "#annex"), (2, "#"), (3, "#contact"),
            (4, "https://example.org/a#part-2"), (5, "https://example.org/b")]]


GREY = '<w:color w:val="595959"/>'  # 7:1 on white


def hand_coloured(number: int, text: str, behind: str, ratio: str) -> str:
    return (f"paragraph {number}: DOCX420 error: the text “{text}”, coloured by hand, is #595959 on #{behind}, "
            f"a contrast of {ratio}:1 (needs 4.5:1)")


def test_the_page_colour_is_behind_text_with_nothing_nearer(tmp_path):
    """The cell's shading is behind a paragraph in a content control in the cell."""
    body = "".join([
        para("On the page colour.", run_props=GREY),
        para("Highlighted.", run_props=GREY + '<w:highlight w:val="darkGray"/>'),
        '<w:tbl><w:tr><w:tc><w:tcPr><w:shd w:val="clear" w:fill="707070"/></w:tcPr>'
        + "<w:sdt><w:sdtContent>" + para("In a shaded cell.", run_props=GREY) + "</w:sdtContent></w:sdt>"
        + "</w:tc></w:tr></w:tbl>",
    ])
    document = parts(body)
    document["word/document.xml"] = document["word/document.xml"].replace(
        "<w:body>", '<w:background w:color="333333"/><w:body>')
    assert check(written(tmp_path, document), "DOCX420") == [
        hand_coloured(1, "On the page colour.", "333333", "1.8"), hand_coloured(2, "Highlighted.", "808080", "1.8"),
        hand_coloured(3, "In a shaded cell.", "707070", "1.4")]


def test_shading_behind_the_text_nearest_first(tmp_path):
    """The run's highlight, then its shading (direct or from a character style), then the
    paragraph's (direct or from its style); `auto` shading is no colour."""
    styles = (style("Shaded", "Shaded", "character", '<w:rPr><w:shd w:val="clear" w:fill="303030"/></w:rPr>')
              + style("Boxed", "Boxed", inner='<w:pPr><w:shd w:val="clear" w:fill="606060"/></w:pPr>'))
    body = "".join([
        para("Shaded run.", run_props=GREY + '<w:shd w:val="clear" w:fill="404040"/>'),
        para("Styled run.", run_props=GREY + '<w:rStyle w:val="Shaded"/>'),
        para("Shaded paragraph.", props='<w:shd w:val="clear" w:fill="505050"/>',
             run_props=GREY + '<w:shd w:val="clear" w:fill="auto"/>'),
        para("Boxed paragraph.", "Boxed", run_props=GREY),
        para("Yellow over dark.", props='<w:shd w:val="clear" w:fill="202020"/>',
             run_props=GREY + '<w:highlight w:val="yellow"/>'),
    ])
    assert findings(tmp_path, "DOCX420", body, styles) == [
        hand_coloured(1, "Shaded run.", "404040", "1.5"), hand_coloured(2, "Styled run.", "303030", "1.9"),
        hand_coloured(3, "Shaded paragraph.", "505050", "1.2"), hand_coloured(4, "Boxed paragraph.", "606060", "1.1")]


def test_low_contrast_findings_name_their_cause_and_count_their_places(tmp_path):
    forty = "Forty characters of pale text, exactly.."
    styles = style("PaleParagraph", "Pale paragraph", inner='<w:rPr><w:color w:val="B0B0B0"/></w:rPr>')
    pale = '<w:color w:val="aaaaaa"/>'
    body = "".join([
        f'<w:p>{run("Black first, then ")}{run("pale", pale)}</w:p>',
        para("pale", run_props=pale), para("pale", run_props=pale),
        para("In the pale paragraph style.", "PaleParagraph"),
        para(forty, run_props='<w:color w:val="C0C0C0"/>'),
        para(forty + "!", run_props='<w:color w:val="D0D0D0"/>'),
    ])
    assert len(forty) == 40
    assert findings(tmp_path, "DOCX420", body, styles) == [
        "paragraph 1: DOCX420 error: the text “pale”, coloured by hand, is #AAAAAA on #FFFFFF, a contrast of 2.3:1 "
        "(needs 4.5:1) (and 2 more places like it)",
        "paragraph 4: DOCX420 error: text in the style `Pale paragraph` is #B0B0B0 on #FFFFFF, a contrast of 2.2:1 "
        "(needs 4.5:1): “In the pale paragraph style.”",
        f"paragraph 5: DOCX420 error: the text “{forty}”, coloured by hand, is #C0C0C0 on #FFFFFF, a contrast of "
        "1.8:1 (needs 4.5:1)",
        f"paragraph 6: DOCX420 error: the text “{forty}…”, coloured by hand, is #D0D0D0 on #FFFFFF, a contrast of "
        "1.5:1 (needs 4.5:1)",
    ]


def test_text_coloured_by_the_document_defaults(tmp_path):
    document = parts(para("Default text."))
    document["word/styles.xml"] = document["word/styles.xml"].replace(
        '<w:sz w:val="24"/>', '<w:sz w:val="24"/><w:color w:val="B0B0B0"/>', 1)
    assert check(written(tmp_path, document), "DOCX420") == [
        "paragraph 1: DOCX420 error: text in the style `default paragraph font` is #B0B0B0 on #FFFFFF, a contrast "
        "of 2.2:1 (needs 4.5:1): “Default text.”"]


# The rules' own bodies: mutmut leaves decorated functions alone, so these were planted by hand


@pytest.mark.parametrize(("title", "flagged"), [("<dc:title>  </dc:title>", True), ("<dc:title/>", True),
                                                ("<dc:title>Open letter</dc:title>", False)])
def test_a_title_of_blanks_is_no_title(tmp_path, title, flagged):
    document = parts(para("Text"))
    document["docProps/core.xml"] = document["docProps/core.xml"].replace("<dc:title>Open letter</dc:title>", title)
    assert check(written(tmp_path, document), "DOCX001") == (
        ["docProps/core.xml: DOCX001 error: core properties have no title"] if flagged else [])


def test_every_language_value_in_styles_and_text_is_checked_once(tmp_path):
    document = parts(para("Text", run_props='<w:lang w:val="en-GB" w:eastAsia="zh_CN" w:bidi="arabic"/>')
                     + para("Texte", run_props='<w:lang w:val="french" w:bidi="french"/>'))
    document["word/styles.xml"] = document["word/styles.xml"].replace(
        '<w:lang w:val="en-GB"/>', '<w:lang w:val="en-GB" w:eastAsia="ja-JP" w:bidi="ar_SA"/>')
    assert check(written(tmp_path, document), "DOCX005") == [
        f"{part}: DOCX005 error: language `{tag}` is not a BCP 47 language tag such as en-GB"
        for part, tag in [("word/styles.xml", "ar_SA"), ("word/document.xml", "zh_CN"),
                          ("word/document.xml", "arabic"), ("word/document.xml", "french")]]


@pytest.mark.parametrize(("protection", "expected"), [
    ('w:edit="readOnly" w:enforcement="true"', "reading only"),
    ('w:edit="comments" w:enforcement="on"', "comments only"),
    ('w:edit="trackedChanges" w:enforcement="1"', "tracked changes only"),
    ('w:edit="forms" w:enforcement="1"', "filling in forms only"),
    ('w:enforcement="1"', "no changes"),
    ('w:edit="readOnly" w:enforcement="0"', None),
    ('w:edit="readOnly"', None),
], ids=str)
def test_only_enforced_protection_restricts(tmp_path, protection, expected):
    document = parts(para("Text"))
    document["word/settings.xml"] = f"<w:settings {W}><w:documentProtection {protection}/></w:settings>"
    assert check(written(tmp_path, document), "DOCX006") == (
        [f"word/settings.xml: DOCX006 warning: editing is restricted to {expected}, and the restriction is enforced"]
        if expected else [])


def test_typed_lists(tmp_path):
    """Two or more typed items make a list; one alone only when it starts with a bullet symbol."""
    body = "".join([
        para("- A dash alone"), para("Between"),
        para("▪ A bullet alone"), para("Between"),
        para("1. First"), para("2) Second"), para("Between"),
        para("a. Typed"), para("- A real item that starts with a dash", props=LIST_ITEM), para("b. Typed"),
    ])
    assert findings(tmp_path, "DOCX123", body) == [
        "paragraph 3: DOCX123 error: a paragraph starts with a typed “▪” instead of being a list, from “▪ A bullet alone”",
        "paragraph 5: DOCX123 error: 2 paragraphs start with a typed “1.” instead of being a list, from “1. First”",
    ]


def test_repeated_blanks_in_document_order_and_not_in_code(tmp_path):
    styles = style("SourceCode", "Source Code", inner='<w:basedOn w:val="Normal"/>')
    body = "".join([
        para("Name\t\tValue"), "<w:p/><w:p/>", para("Two  spaces are fine."),
        para("if x:    return", "SourceCode"), para("Three\u00a0 \u00a0blanks"),
    ])
    assert findings(tmp_path, "DOCX115", body, styles) == [
        "paragraph 1: DOCX115 warning: 2 tabs in a row in “Name Value”",
        "paragraph 2: DOCX115 warning: 2 empty paragraphs in a row",
        "paragraph 6: DOCX115 warning: 3 spaces in a row in “Three blanks”",  # quotes close up blanks
    ]


def test_header_rows_marked_off_and_irregular_tables(tmp_path):
    inner = plain_table(first="Inner").replace("<w:tc>", '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>', 1)
    merged = ("<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>"
              '<w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr>' + para("Region") + "</w:tc></w:tr>"
              '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>' + para("North")
              + "</w:tc>" + cell("15") + "</w:tr><w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr>" + para("")
              + "</w:tc><w:tc>" + inner + para("") + "</w:tc></w:tr></w:tbl>")
    unmarked = plain_table().replace("<w:tr>", '<w:tr><w:trPr><w:tblHeader w:val="false"/></w:trPr>', 1)
    body = unmarked + merged
    assert findings(tmp_path, "DOCX112", body) == [
        "paragraph 1: DOCX112 error: table 1 (starting “Region”) has no header row",
        "paragraph 9: DOCX112 error: table 3 (starting “Inner”) has no header row",
    ]
    assert findings(tmp_path, "DOCX106", body) == [
        "paragraph 5: DOCX106 warning: table 2 (starting “Region”) has 3 merged cells",  # its own, not the inner's
        "paragraph 9: DOCX106 warning: table 3 (starting “Inner”) is nested inside another table",
        "paragraph 9: DOCX106 warning: table 3 (starting “Inner”) has 1 merged cell",
    ]
