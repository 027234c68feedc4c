"""The PDF rules' branches one by one, each with the exact findings it must give: the cases
that mutation testing (`make mutation`) showed the rule fixtures do not reach. Each PDF is
the rule fixtures' Typst base with one thing changed (tests/fixtures/rules/PDF_fixtures.py)."""

from __future__ import annotations

import io
import re
import sys

import pikepdf
import pytest

from conftest import RULE_FIXTURES
from publish.lint import Settings, lint_file, selector

sys.path.insert(0, str(RULE_FIXTURES))
import PDF_fixtures  # noqa: E402
from PDF_fixtures import (add_font, append_content, changed, elements, truetype_program, type1_font,  # noqa: E402
                          type1_program)

Name = pikepdf.Name


def lint(tmp_path, change, code: str, **save) -> list[tuple[str, str]]:
    """(location, message) of each finding of one rule on the base PDF after `change(pdf)`, saved
    with `save`; in locations, an object with a name (`T` or `NM`) is called by it, `(obj 12)`
    becoming `[name]`."""
    path = changed(tmp_path, change, **save)
    checked = lint_file(path, Settings(selector([code])))
    assert checked.readable
    with pikepdf.open(path) as pdf:
        names = {f"(obj {o.objgen[0]})": f"[{o.get('/NM') or o.get('/T')}]" for o in pdf.objects
                 if isinstance(o, pikepdf.Dictionary) and ("/NM" in o or "/T" in o and "/S" in o)}
    return [(re.sub(r"\(obj \d+\)", lambda m: names.get(m[0], m[0]), f.location or ""), f.message)
            for f in checked.findings]


def messages(tmp_path, change, code: str, **save) -> list[str]:
    return [message for _, message in lint(tmp_path, change, code, **save)]


def tag(pdf, parent, kind: str, **entries) -> pikepdf.Dictionary:
    """A new structure element of type `kind`, the last child of `parent`."""
    element = pdf.make_indirect(pikepdf.Dictionary(Type=Name.StructElem, S=Name("/" + kind), P=parent, **entries))
    kids = parent.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
    parent.K = pikepdf.Array([*kids, element])
    return element


def tags(pdf, parent, *kinds: str) -> list[pikepdf.Dictionary]:
    return [tag(pdf, parent, kind) for kind in kinds]


def document(pdf) -> pikepdf.Dictionary:
    return elements(pdf, "Document")[0]


# PDF105: what may hold what, and where a caption may stand

def nested(*kinds: str, inside: str = "Document"):
    """A change adding an element `kinds[0]` with children `kinds[1:]` under a new `inside`
    (or under Document)."""
    def change(pdf):
        parent = document(pdf) if inside == "Document" else tag(pdf, document(pdf), inside)
        tags(pdf, tag(pdf, parent, kinds[0]), *kinds[1:])
    return change


@pytest.mark.parametrize(("change", "expected"), [
    (nested("L", "Caption", "LI"), []),
    (nested("L", "LI", "Caption"), ["L has a Caption that is not its first child"]),
    (nested("TOC", "Caption", "TOCI"), []),
    (nested("TOC", "TOCI", "Caption"), ["TOC has a Caption that is not its first child"]),
    (nested("Table", "Caption", "TR"), []),
    (nested("Table", "TR", "Caption"), []),
    (nested("Table", "THead", "Caption", "TBody"), ["Table has a Caption that is not its one first or last child"]),
    (nested("Table", "Caption", "TR", "Caption"), ["Table has a Caption that is not its one first or last child"]),
    (nested("Table", "THead", "THead", "TBody"), ["Table has 2 THead elements"]),
    (nested("Table", "TBody", "TFoot", "TFoot"), ["Table has 2 TFoot elements"]),
    (nested("Table", "THead", "TR"), ["Table has a THead but no TBody"]),
    (nested("Table", "TR", "TFoot"), ["Table has a TFoot but no TBody"]),
    (nested("L", "P", "Span"), ["L contains P, which it may not"]),
    (nested("TR", inside="Div"), ["TR is inside Div, not TBody or TFoot or THead or Table"]),
], ids=lambda value: " ".join(value) if isinstance(value, list) else None)
def test_nesting(tmp_path, change, expected):
    assert messages(tmp_path, change, "PDF105") == expected


def test_list_item_at_the_root_of_the_structure_tree(tmp_path):
    def change(pdf):
        tag(pdf, pdf.Root.StructTreeRoot, "LI")

    assert messages(tmp_path, change, "PDF105") == ["LI is inside the document root, not L"]


# PDF102: the words a skipped heading is quoted by

@pytest.mark.parametrize(("entries", "quoted"), [
    ({"ActualText": " Our\n  demands ", "Alt": "Alt text", "T": "Title"}, "heading “Our demands”"),
    ({"Alt": "Alt text", "T": "Title"}, "heading “Alt text”"),
    ({"Alt": "  ", "T": "Title"}, "heading “Title”"),
    ({}, "heading"),
])
def test_skipped_heading_is_quoted_by_its_own_words(tmp_path, entries, quoted):
    def change(pdf):
        tag(pdf, document(pdf), "H4", **{key: pikepdf.String(value) for key, value in entries.items()})

    assert messages(tmp_path, change, "PDF102") == [f"{quoted} skips from level 2 to level 4"]


# PDF201: what counts as an alternative

@pytest.mark.parametrize(("entries", "flagged"), [
    ({"Alt": pikepdf.String("")}, True),
    ({"ActualText": pikepdf.String("A square")}, False),
    ({"Alt": Name.Square}, True),
])
def test_figure_alternative(tmp_path, entries, flagged):
    def change(pdf):
        figure = elements(pdf, "Figure")[0]
        del figure.Alt
        figure.update({"/" + key: value for key, value in entries.items()})

    assert messages(tmp_path, change, "PDF201") == (
        ["figure has no alternative text (Alt or ActualText)"] if flagged else [])


# PDF106 and PDF107: the grid of a table with row and column spans

def cell(kind: str, **attributes) -> tuple[str, dict]:
    return kind, attributes


def table(pdf, *rows, group: str | None = "TBody", layout_first: bool = False) -> list[list[pikepdf.Dictionary]]:
    """A new table under Document; each row a list of cell(kind, RowSpan=, ColSpan=, Scope=...).
    The rows go into `group` (or straight into the table); attributes in a Table attribute
    dictionary, after a Layout one when `layout_first`."""
    made = tag(pdf, document(pdf), "Table")
    holder = tag(pdf, made, group) if group else made
    cells = []
    for row in rows:
        tr = tag(pdf, holder, "TR")
        cells.append([])
        for kind, attributes in row:
            owners = [pikepdf.Dictionary(O=Name.Table, **attributes)] if attributes else []
            if layout_first:
                owners.insert(0, pikepdf.Dictionary(O=Name.Layout, Placement=Name.Block))
            entries = {"A": pikepdf.Array(owners)} if owners else {}
            cells[-1].append(tag(pdf, tr, kind, **entries))
    return cells


def irregular(tmp_path, *rows, group="TBody") -> list[str]:
    return messages(tmp_path, lambda pdf: table(pdf, *rows, group=group), "PDF106")


def test_column_span_covers_the_columns_of_the_next_row(tmp_path):
    assert irregular(tmp_path, [cell("TD", ColSpan=2)], [cell("TD"), cell("TD")]) == []


def test_row_span_fills_the_next_rows_first_column(tmp_path):
    assert irregular(tmp_path, [cell("TD", RowSpan=2), cell("TD")], [cell("TD")]) == []


def test_row_span_pushes_the_next_rows_cells_right(tmp_path):
    assert irregular(tmp_path, [cell("TD", RowSpan=2), cell("TD")], [cell("TD"), cell("TD")]) == [
        "row 2 covers 3 columns where row 1 covers 2"]


def test_cells_that_overlap(tmp_path):
    assert irregular(tmp_path, [cell("TD"), cell("TD", RowSpan=2)], [cell("TD", ColSpan=2)]) == [
        "two cells overlap"]


def test_column_span_after_a_row_span(tmp_path):
    assert irregular(tmp_path, [cell("TD", RowSpan=2), cell("TD"), cell("TD")], [cell("TD", ColSpan=2)]) == []


def test_column_span_onto_a_row_span(tmp_path):
    assert irregular(tmp_path, [cell("TD", RowSpan=2), cell("TD"), cell("TD", RowSpan=2)], [cell("TD", ColSpan=2)]) == [
        "two cells overlap"]


def test_row_span_in_the_middle_of_the_table(tmp_path):
    assert irregular(tmp_path, [cell("TD"), cell("TD")], [cell("TD", RowSpan=2), cell("TD")], [cell("TD")]) == []


def test_row_span_past_the_end_of_the_table(tmp_path):
    assert irregular(tmp_path, [cell("TD"), cell("TD")], [cell("TD", RowSpan=2), cell("TD")]) == [
        "a cell spans 2 rows, past the end of the table"]


@pytest.mark.parametrize("value", [0, -1, 1.5])
def test_a_span_that_is_not_a_positive_whole_number_is_one(tmp_path, value):
    assert irregular(tmp_path, [cell("TD", RowSpan=value), cell("TD", ColSpan=value)], [cell("TD"), cell("TD")]) == []


@pytest.mark.parametrize("group", [None, "THead", "TBody", "TFoot"])
def test_rows_are_found_in_the_table_and_in_each_group(tmp_path, group):
    assert irregular(tmp_path, [cell("TD"), cell("TD")], [cell("TD")], group=group) == [
        "row 2 covers 1 columns where row 1 covers 2"]


@pytest.mark.parametrize(("rows", "too_large"), [(200, False), (201, True)])
def test_table_at_the_grid_cell_limit(tmp_path, rows, too_large):
    """200,000 grid cells are laid out; one more cell's worth and the table is too large."""
    found = irregular(tmp_path, [cell("TD", RowSpan=rows, ColSpan=1000)], *[[]] * (rows - 1))
    assert found == (["the table is too large to check (over 200,000 grid cells)"] if too_large else [])


def test_header_cells_without_scope_in_reading_order(tmp_path):
    def change(pdf):
        rows = table(pdf, [cell("TH"), cell("TH")], [cell("TH"), cell("TD")])
        for number, made in enumerate([rows[1][0], rows[0][1], rows[0][0]]):  # made in one order, read in another
            made.T = pikepdf.String(f"cell {3 - number}")

    assert lint(tmp_path, change, "PDF107") == [
        (f"TH [cell {n}]", "header cell has no Scope (Row or Column)") for n in (1, 2, 3)]


def test_scope_found_in_the_second_attribute_dictionary(tmp_path):
    def change(pdf):
        table(pdf, [cell("TH", Scope=Name.Column)], [cell("TD")], layout_first=True)

    assert messages(tmp_path, change, "PDF107") == []


# PDF204 and PDF303: which annotations are seen, and how they are named

CROP = [10, 20, 585, 822]


def annotate(pdf, rect, indirect: bool = True, **entries) -> pikepdf.Dictionary:
    """An annotation on page 1, with no description unless `entries` give one."""
    annot = pikepdf.Dictionary(Type=Name.Annot, Rect=rect, **entries)
    annot = pdf.make_indirect(annot) if indirect else annot
    pdf.pages[0].Annots.append(annot)
    return annot


def undescribed(tmp_path, *annots: dict, second_page=False) -> list[tuple[str, str]]:
    """PDF204's findings after adding square annotations (`rect` and entries each) to page 1,
    whose crop box is CROP (its corner away from 0, 0)."""
    def change(pdf):
        pdf.pages[0].CropBox = CROP
        if second_page:
            pdf.add_blank_page(page_size=(100, 100))
        for number, entries in enumerate(annots):
            annotate(pdf, **{"Subtype": Name.Square, "NM": pikepdf.String(f"#{number}"), **entries})

    return lint(tmp_path, change, "PDF204")


def square(number: int = 0) -> tuple[str, str]:
    return f"page 1: Square annotation [#{number}]", "square annotation has no description (Contents or Alt)"


@pytest.mark.parametrize("rect", [
    [0, 100, 9, 110], [586, 100, 600, 110], [100, 0, 110, 19], [100, 823, 110, 900],
], ids=["left", "right", "below", "above"])
def test_annotation_outside_the_crop_box_is_not_seen(tmp_path, rect):
    assert undescribed(tmp_path, {"rect": rect}, {"rect": [100, 100, 110, 110]}) == [square(1)]


@pytest.mark.parametrize("rect", [
    [0, 100, 10, 110], [585, 100, 600, 110], [100, 0, 110, 20], [100, 822, 110, 900], [100, 100, 110, 110],
], ids=["left edge", "right edge", "bottom edge", "top edge", "inside"])
def test_annotation_touching_the_crop_box_is_seen(tmp_path, rect):
    assert undescribed(tmp_path, {"rect": rect}) == [square()]


def test_annotation_is_judged_by_its_own_pages_crop_box(tmp_path):
    assert undescribed(tmp_path, {"rect": [200, 200, 210, 210]}, second_page=True) == [square()]


def test_hidden_annotation_is_not_seen_and_invisible_one_is(tmp_path):
    """Flag 2 (Hidden) hides an annotation; flag 1 (Invisible) only concerns unknown types."""
    assert undescribed(tmp_path, {"rect": [100, 100, 110, 110], "F": 2}, {"rect": [100, 100, 110, 110], "F": 1}) == [
        square(1)]


def test_popup_is_not_seen(tmp_path):
    assert undescribed(tmp_path, {"rect": [100, 100, 110, 110], "Subtype": Name.Popup},
                       {"rect": [100, 100, 110, 110]}) == [square(1)]


def test_annotation_without_a_subtype(tmp_path):
    def change(pdf):
        annotate(pdf, [100, 100, 110, 110], NM=pikepdf.String("x"))

    assert lint(tmp_path, change, "PDF204") == [
        ("page 1: unknown annotation [x]", "unknown annotation has no description (Contents or Alt)")]


def test_annotation_written_in_the_page_has_no_object_number(tmp_path):
    def change(pdf):
        annotate(pdf, [100, 100, 110, 110], indirect=False, Subtype=Name.Square)

    assert lint(tmp_path, change, "PDF204") == [
        ("page 1: Square annotation", "square annotation has no description (Contents or Alt)")]


# PDF204: a form field's tooltip, looked up from its widget

def fields(pdf, *chain: dict, widget: dict) -> None:
    """A widget annotation whose field ancestors are `chain` (the field first, its parent next...),
    each a dictionary of entries; with no chain the widget is its own field."""
    parent = None
    for entries in reversed(chain):
        node = pdf.make_indirect(pikepdf.Dictionary(FT=Name.Tx, **entries))
        if parent is not None:
            node.Parent = parent
        parent = node
    annot = annotate(pdf, [100, 100, 110, 110], Subtype=Name.Widget, **widget)
    if parent is not None:
        annot.Parent = parent
    top = annot
    while "/Parent" in top:
        top = top.Parent
    pdf.Root.AcroForm = pikepdf.Dictionary(Fields=[top])


NO_TOOLTIP = [("page 1: Widget annotation [w]", "form field has no tooltip (TU) or alternative text")]


@pytest.mark.parametrize(("chain", "widget", "expected"), [
    ([], {"TU": "Name"}, []),  # a widget that is its own field, with no name
    ([], {}, NO_TOOLTIP),
    ([{"T": "name"}], {"TU": "Name"}, NO_TOOLTIP),  # a kid's TU is no field entry
    ([{"T": "name"}], {"T": "first", "TU": "Name"}, []),  # a kid with a name is a field
    ([{"T": "name", "TU": "Name"}], {}, []),
    ([{"T": "first"}, {"T": "name", "TU": "Name"}], {}, []),  # the TU of the field's parent
    ([{"T": "first"}, {"T": "name"}], {}, NO_TOOLTIP),
], ids=["own field", "own field, no TU", "kid's TU", "named kid's TU", "field's TU", "parent's TU", "no TU"])
def test_form_field_tooltip(tmp_path, chain, widget, expected):
    def strings(entries):
        return {key: pikepdf.String(value) for key, value in entries.items()}

    def change(pdf):
        fields(pdf, *map(strings, chain), widget={"NM": pikepdf.String("w"), **strings(widget)})

    assert lint(tmp_path, change, "PDF204") == expected


# PDF203: media clips reached through actions and renditions

def clip(pdf, **entries) -> pikepdf.Dictionary:
    """A media rendition playing a clip with `entries` (CT, Alt)."""
    return pikepdf.Dictionary(S=Name.MR, C=pikepdf.Dictionary(S=Name.MCD, **entries))


def play(rendition) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(S=Name.Rendition, R=rendition)


NO_CT = "media clip has no content type (CT)"
NO_ALT = "media clip has no alternative description (Alt)"
DESCRIBED = {"Alt": [pikepdf.String("en"), pikepdf.String("A short film")]}


def media(tmp_path, **actions) -> list[str]:
    """PDF203's messages for one screen annotation with the actions (A, AA) that `actions` make."""
    def change(pdf):
        annotate(pdf, [100, 100, 110, 110], Subtype=Name.Screen, Contents=pikepdf.String("Film"),
                 **{key: make(pdf) for key, make in actions.items()})

    return messages(tmp_path, change, "PDF203")


def test_clip_played_when_the_page_opens(tmp_path):
    assert media(tmp_path, AA=lambda pdf: pikepdf.Dictionary(PO=play(clip(pdf, **DESCRIBED)))) == [NO_CT]


def test_clips_of_the_action_and_of_the_additional_actions(tmp_path):
    assert media(tmp_path, A=lambda pdf: play(clip(pdf, CT=pikepdf.String("video/mp4"))),
                 AA=lambda pdf: pikepdf.Dictionary(PO=play(clip(pdf, **DESCRIBED)),
                                                   PC=pikepdf.Dictionary(S=Name.URI))) == [NO_CT, NO_ALT]


def test_selector_rendition_among_others(tmp_path):
    assert media(tmp_path, A=lambda pdf: play(clip(pdf, **DESCRIBED)),
                 AA=lambda pdf: pikepdf.Dictionary(PO=play(pikepdf.Dictionary(
                     S=Name.SR, R=[clip(pdf, CT=pikepdf.String("video/mp4"))])))) == [NO_ALT, NO_CT]


def test_rendition_action_without_a_rendition(tmp_path):
    assert media(tmp_path, A=lambda pdf: pikepdf.Dictionary(S=Name.Rendition)) == []


def test_clip_in_a_rendition_written_once_and_played_twice(tmp_path):
    def actions(pdf):
        shared = pdf.make_indirect(clip(pdf, **DESCRIBED))
        return pikepdf.Dictionary(PO=play(shared), PV=play(shared))

    assert media(tmp_path, AA=actions) == [NO_CT]


def test_clips_chosen_among_by_a_selector_rendition(tmp_path):
    def action(pdf):
        selector = pdf.make_indirect(pikepdf.Dictionary(S=Name.SR))
        selector.R = pikepdf.Array([clip(pdf, **DESCRIBED), selector, clip(pdf, CT=pikepdf.String("video/mp4"))])
        return play(selector)

    assert media(tmp_path, A=action) == [NO_ALT, NO_CT]


# PDF402-PDF405: fonts. F1 is the base's body font, a CFF CID font under Identity-H.

F1 = "the font XBXBPO+LibertinusSerif-Regular-Identity-H"


def body_font(pdf) -> pikepdf.Dictionary:
    return pdf.pages[0].Resources.Font.f1


def show(pdf, key: str, codes: bytes) -> None:
    append_content(pdf, b"/Artifact BMC BT %s 12 Tf 72 300 Td <%s> Tj ET EMC" % (key.encode(), codes.hex().encode()))


def with_cmaps(data: bytes, *subtables: tuple[int, int], offset: int = 0) -> bytes:
    """A TrueType program with its cmap replaced by `subtables` (platform, encoding), each
    mapping what the program mapped; a (3,0) symbol cmap from `offset` + the code."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

    font = TTFont(io.BytesIO(data))
    mapping = font.getBestCmap()
    tables = []
    for platform, encoding in subtables:
        table = CmapSubtable.newSubtable(4)
        table.platformID, table.platEncID, table.language = platform, encoding, 0
        start = offset if (platform, encoding) == (3, 0) else 0
        table.cmap = {start + code: glyph for code, glyph in mapping.items()}
        tables.append(table)
    font["cmap"].tables = tables
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def truetype(pdf, widths: list, encoding=Name.WinAnsiEncoding, flags: object = 32, subtables=None, offset=0,
             shown: bytes = b"A") -> pikepdf.Dictionary:
    """A simple TrueType font `TRUETY+Squares` whose program has the glyph A, 600 wide."""
    data = truetype_program({"A": 600})
    data = with_cmaps(data, *subtables, offset=offset) if subtables is not None else data
    font = add_font(pdf, "/Ft", shown, "/TrueType", "TRUETY+Squares", widths, encoding,
                    pikepdf.Stream(pdf, data, Length1=len(data)))
    font.FontDescriptor.Flags = flags
    if encoding is None and "/Encoding" in font:
        del font.Encoding
    return font


TT = "the font TRUETY+Squares"


@pytest.mark.parametrize(("options", "expected"), [
    ({}, []),
    ({"encoding": None}, ["is a non-symbolic TrueType font without WinAnsi or MacRoman encoding"]),
    ({"encoding": pikepdf.Dictionary(BaseEncoding=Name.MacRomanEncoding)}, []),
    ({"encoding": pikepdf.Dictionary(Differences=[65, Name.A])},
     ["is a non-symbolic TrueType font without WinAnsi or MacRoman encoding"]),
    ({"subtables": [(3, 0)], "offset": 0xF000}, ["is a non-symbolic TrueType font whose program has no Unicode or "
                                                 "Macintosh cmap"]),
    ({"subtables": [(1, 0)]}, []),
    ({"flags": 4, "subtables": [(3, 0)]}, ["is a symbolic TrueType font with an Encoding entry"]),
    ({"flags": 4, "encoding": None, "subtables": [(3, 1), (1, 0)]},
     ["is a symbolic TrueType font whose program has neither one cmap nor a (3,0) cmap"]),
    ({"flags": 4, "encoding": None, "subtables": [(3, 1)]}, []),
    ({"flags": 4, "encoding": None, "subtables": [(3, 0), (1, 0)], "offset": 0xF000}, []),
    ({"flags": Name.Symbolic}, []),  # not a number: no flags
    ({"flags": 33}, []),  # fixed pitch, not symbolic
    ({"flags": 36, "subtables": [(3, 0)]}, ["is a symbolic TrueType font with an Encoding entry"]),
], ids=["WinAnsi", "no encoding", "MacRoman base", "differences only", "symbol cmap only", "Mac cmap",
        "symbolic with encoding", "symbolic with two cmaps", "symbolic, one cmap", "symbolic with (3,0)",
        "flags not a number", "fixed pitch", "symbolic among other flags"])
def test_truetype_encoding_and_cmaps(tmp_path, options, expected):
    assert messages(tmp_path, lambda pdf: truetype(pdf, [600], **options), "PDF405") == [
        f"{TT} {message}" for message in expected]


def width_finding(font: str, code: int, declared: int, actual: int) -> str:
    return f"{font} gives character code {code} the width {declared} where the font program has {actual}"


@pytest.mark.parametrize(("options", "reached"), [
    ({"flags": 4, "encoding": None, "subtables": [(3, 0)], "offset": offset}, True)
    for offset in (0, 0xF000, 0xF100, 0xF200)] + [
    ({"subtables": [(1, 0)]}, True),  # by the code, in the Macintosh cmap
    ({"subtables": [(3, 1)]}, True),  # by the glyph name's Unicode value
    ({"subtables": [(3, 1)], "encoding": pikepdf.Dictionary(Differences=[65, Name.f_i])}, False),  # no one character
    ({"subtables": [(3, 1)], "shown": b"\x81"}, False),  # a code WinAnsi leaves out
], ids=["symbol", "symbol F000", "symbol F100", "symbol F200", "Mac", "Unicode", "ligature name", "no name"])
def test_truetype_glyph_found_through_the_cmaps(tmp_path, options, reached):
    """The program's glyph is 600 wide and the PDF says 900: found only where the cmaps reach it."""
    found = messages(tmp_path, lambda pdf: truetype(pdf, [900], **options), "PDF402")
    assert found == ([width_finding(TT, 65, 900, 600)] if reached else [])


# simple Type 1 fonts: which glyph each code shows, and at what width

SQUARES = "the font SQUARE+Squares"


def type1(tmp_path, shown: bytes, glyphs: dict, widths: list, encoding, code="PDF402", **descriptor) -> list[str]:
    return messages(tmp_path, lambda pdf: type1_font(pdf, "/Fa", shown, glyphs, widths, encoding, **descriptor), code)


@pytest.mark.parametrize(("declared", "flagged"), [(601, False), (599, False), (602, True), (598, True)])
def test_width_within_one_thousandth_of_an_em(tmp_path, declared, flagged):
    found = type1(tmp_path, b"A", {"A": 600}, [declared], Name.WinAnsiEncoding)
    assert found == ([width_finding(SQUARES, 65, declared, 600)] if flagged else [])


def test_width_checked_after_a_code_without_a_width(tmp_path):
    """Code 64 comes before FirstChar (65), so has no width to check; code 65 still is checked."""
    def change(pdf):
        type1_font(pdf, "/Fa", b"A", {"A": 600, "at": 500}, [650], Name.WinAnsiEncoding)
        show(pdf, "/Fa", b"@A")

    assert messages(tmp_path, change, "PDF402") == [width_finding(SQUARES, 65, 650, 600)]


@pytest.mark.parametrize("encoding", [
    Name.StandardEncoding, pikepdf.Dictionary(BaseEncoding=Name.WinAnsiEncoding),
    pikepdf.Dictionary(BaseEncoding=Name.StandardEncoding)], ids=["standard", "WinAnsi base", "standard base"])
def test_glyphs_named_by_the_base_encoding(tmp_path, encoding):
    assert type1(tmp_path, b"AB", {"A": 600}, [650, 600], encoding) == [
        f"{SQUARES} has no glyph for character code 66", width_finding(SQUARES, 65, 650, 600)]


def test_code_winansi_leaves_out_has_no_glyph_to_check(tmp_path):
    assert type1(tmp_path, b"\x81", {"A": 600}, [600], Name.WinAnsiEncoding) == []


def test_notdef_named_by_the_differences(tmp_path):
    """A code the Differences call .notdef is PDF404's finding, not a missing glyph or a wrong width."""
    notdef = pikepdf.Dictionary(Differences=[65, Name.A, Name("/.notdef")])
    assert type1(tmp_path, b"AB", {"A": 600}, [600, 900], notdef) == []
    assert type1(tmp_path, b"AB", {"A": 600}, [600, 900], notdef, "PDF404") == [
        f"{SQUARES} shows the missing-glyph box (.notdef) for character code 66"]


@pytest.mark.parametrize(("charset", "expected"), [
    ("/X/A/Z", []),
    ("/A/X/Z/", []),
    ("/A", ["has the glyph `X`, which its CharSet does not list"]),
    ("/A/X/Y/Z", ["lists the glyph `Y` in its CharSet, but its program lacks it"]),
])
def test_type1_subset_charset(tmp_path, charset, expected):
    found = type1(tmp_path, b"A", {"A": 600, "X": 600, "Z": 600}, [600], Name.WinAnsiEncoding,
                  CharSet=pikepdf.String(charset))
    assert found == [f"{SQUARES} {message}" for message in expected]


# composite fonts: the base's body font under another CMap, and a TrueType CID font

def body_font_shows(pdf, encoding, codes: bytes, cidset: bytes | None = None) -> None:
    """The body font (F1) under `encoding`, with `codes` shown and, given, a CIDSet of `cidset`."""
    font = body_font(pdf)
    font.Encoding = encoding
    if cidset is not None:
        font.DescendantFonts[0].FontDescriptor.CIDSet = pikepdf.Stream(pdf, cidset)
    show(pdf, "/f1", codes)


@pytest.mark.parametrize("cmap", [Name("/Identity-H"), Name("/Identity-V")])
def test_cid_beyond_the_program_and_its_cidset(tmp_path, cmap):
    assert messages(tmp_path, lambda pdf: body_font_shows(pdf, cmap, b"\x27\x0f"), "PDF402") == [
        f"{F1} does not list glyph 9999 in its CIDSet", f"{F1} has no glyph for character code 9999"]


@pytest.mark.parametrize(("cidset", "first"), [
    (b"\xff\xff\xf0", None),  # CIDs 0 to 19, as written
    (b"\xff\xff\x7f", 16),  # CID 16's bit cleared
    (b"\xff\xff", 16),  # CIDs 16 to 19 past the end
], ids=["complete", "one bit cleared", "too short"])
def test_cidset_lists_each_cid_shown(tmp_path, cidset, first):
    """The body text shows CIDs 1 to 19."""
    found = messages(tmp_path, lambda pdf: body_font_shows(pdf, Name("/Identity-H"), b"", cidset), "PDF402")
    assert found == ([] if first is None else [f"{F1} does not list glyph {first} in its CIDSet"])


@pytest.mark.parametrize(("cmap", "flagged"), [
    ("/Identity-H", True), ("/Identity-V", True), ("/UniJIS-UCS2-H", False), ("Identity-H", True), ("Custom-H", False),
], ids=["Identity-H", "Identity-V", "UniJIS-UCS2-H", "embedded Identity-H", "embedded Custom-H"])
def test_cid_zero_is_notdef_under_identity_cmaps_only(tmp_path, cmap, flagged):
    """A CMap is known by its name, whether the font names it or embeds it."""
    def change(pdf):
        encoding = Name(cmap) if cmap.startswith("/") else pdf.make_indirect(cmap_stream(pdf, name=cmap))
        body_font_shows(pdf, encoding, b"\x00\x00")

    found = messages(tmp_path, change, "PDF404")
    assert found == ([f"{F1} shows the missing-glyph box (.notdef) for character code 0"] if flagged else [])


def cid_truetype(pdf, codes: bytes, gids=Name.Identity, embedded: bool = True, **kid) -> None:
    """A Type 0 font `TRUETY+Squares` (Identity-H) over a TrueType CID font whose program has
    the glyphs A (gid 1, 600 wide) and B (gid 2, 700 wide), showing `codes`; CIDs 1 and 2 are
    declared 600 and 700 wide unless `kid` says otherwise."""
    data = truetype_program({"A": 600, "B": 700})
    desc = pikepdf.Dictionary(Type=Name.FontDescriptor, FontName=Name("/TRUETY+Squares"), Flags=32,
                              FontBBox=[0, 0, 500, 400], ItalicAngle=0, Ascent=800, Descent=-200, CapHeight=400,
                              StemV=80)
    if embedded:
        desc.FontFile2 = pdf.make_indirect(pikepdf.Stream(pdf, data, Length1=len(data)))
    info = pikepdf.Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0)
    cid_font = pikepdf.Dictionary(Type=Name.Font, Subtype=Name.CIDFontType2, BaseFont=Name("/TRUETY+Squares"),
                                  CIDSystemInfo=info, FontDescriptor=pdf.make_indirect(desc),
                                  **{"W": [1, [600, 700]], **kid})
    if gids is not None:
        cid_font.CIDToGIDMap = gids if isinstance(gids, pikepdf.Name) else pikepdf.Stream(pdf, gids)
    pdf.pages[0].Resources.Font.Fq = pdf.make_indirect(pikepdf.Dictionary(
        Type=Name.Font, Subtype=Name.Type0, BaseFont=Name("/TRUETY+Squares"), Encoding=Name("/Identity-H"),
        DescendantFonts=[pdf.make_indirect(cid_font)]))
    show(pdf, "/Fq", codes)


CID_TT = "the font TRUETY+Squares"


@pytest.mark.parametrize(("gids", "embedded", "flagged"), [
    (Name.Identity, True, False), (b"\x00\x00\x00\x01\x00\x02", True, False), (None, True, True),
    (b"", True, True), (None, False, False)], ids=["identity", "map", "none", "empty", "not embedded"])
def test_truetype_cid_font_needs_a_cid_to_gid_map(tmp_path, gids, embedded, flagged):
    found = messages(tmp_path, lambda pdf: cid_truetype(pdf, b"\x00\x01", gids, embedded), "PDF405")
    assert found == ([f"{CID_TT} is an embedded TrueType CID font without a valid CIDToGIDMap"] if flagged else [])


@pytest.mark.parametrize(("gids", "codes", "expected"), [
    (Name.Identity, b"\x00\x01\x00\x02", []),
    (None, b"\x00\x01\x00\x02", []),  # no map: the CID is the glyph id
    (b"\x00\x00\x00\x02\x00\x01", b"\x00\x01", [width_finding(CID_TT, 1, 600, 700)]),  # CID 1 shows B
    (b"\x00\x00\x00\x03", b"\x00\x01", [f"{CID_TT} has no glyph for character code 1"]),  # glyph 3 of 0-2
    (b"\x00\x00\x01\x00", b"\x00\x01", [f"{CID_TT} has no glyph for character code 1"]),  # glyph 256
    (Name.Identity, b"\x00\x03", [f"{CID_TT} has no glyph for character code 3"]),
], ids=["identity", "no map", "exchanged", "past the glyphs", "two-byte glyph id", "identity past the glyphs"])
def test_truetype_cid_glyph_through_the_cid_to_gid_map(tmp_path, gids, codes, expected):
    assert messages(tmp_path, lambda pdf: cid_truetype(pdf, codes, gids), "PDF402") == expected


def test_truetype_cid_width_from_the_default(tmp_path):
    """A CID the W array leaves out is as wide as DW."""
    found = messages(tmp_path, lambda pdf: cid_truetype(pdf, b"\x00\x01", W=[2, [700]], DW=900), "PDF402")
    assert found == [width_finding(CID_TT, 1, 900, 600)]


@pytest.mark.parametrize(("gids", "codes", "flagged"), [
    (b"\x00\x00\x00\x00\x00\x02", b"\x00\x01", True),  # CID 1 sent to glyph 0
    (b"\x00\x00\x00\x00\x00\x02", b"\x00\x02", False),
    (b"\x00\x00\x00\x00", b"\x00\x01", True),  # the last entry of the map
    (b"\x00\x00\x00\x01", b"\x00\x02", False),  # past the map
], ids=["glyph 0", "glyph 2", "last entry", "past the map"])
def test_truetype_cid_sent_to_glyph_zero_is_notdef(tmp_path, gids, codes, flagged):
    found = messages(tmp_path, lambda pdf: cid_truetype(pdf, codes, gids), "PDF404")
    code = int.from_bytes(codes, "big")
    assert found == ([f"{CID_TT} shows the missing-glyph box (.notdef) for character code {code}"] if flagged else [])


# PDF405: an embedded CMap and the character collections

def cmap_stream(pdf, wmode: int | None = 0, name: str = "Custom-H", **entries) -> pikepdf.Stream:
    """An embedded CMap `name`, identity over two-byte codes, declaring `/WMode wmode` in its program."""
    declared = b"/WMode %d def\n" % wmode if wmode is not None else b""
    program = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def\n"
               b"/CMapName /Custom-H def /CMapType 1 def\n" + declared +
               b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
               b"1 begincidrange <0000> <FFFF> 0 endcidrange\n"
               b"endcmap CMapName currentdict /CMap defineresource pop end end\n")
    info = pikepdf.Dictionary(Registry=pikepdf.String("Adobe"), Ordering=pikepdf.String("Identity"), Supplement=0)
    return pikepdf.Stream(pdf, program, Type=Name.CMap, CMapName=Name("/" + name), CIDSystemInfo=info, **entries)


def embedded_cmap(tmp_path, wmode=0, info=None, font_info=None, **entries) -> list[str]:
    """PDF405's findings for the body font under an embedded CMap; `info` and `font_info`
    change entries of the CMap's and of the font's character collection (None removes one)."""
    def change(pdf):
        cmap = cmap_stream(pdf, wmode, **entries)
        body_font(pdf).Encoding = pdf.make_indirect(cmap)
        for collection, changes in ((cmap.CIDSystemInfo, info), (body_font(pdf).DescendantFonts[0].CIDSystemInfo,
                                                                  font_info)):
            for key, value in (changes or {}).items():
                if value is None:
                    del collection[key]
                else:
                    collection[key] = value

    return [message.removeprefix(F1 + " ") for message in messages(tmp_path, change, "PDF405")]


def test_embedded_cmap(tmp_path):
    assert embedded_cmap(tmp_path) == []


@pytest.mark.parametrize(("declared", "entry", "expected"), [
    (None, {}, []), (1, {"WMode": 1}, []), (0, {"WMode": 0}, []),
    (1, {}, ["has a CMap whose writing mode (1) differs from its dictionary (0)"]),
    (0, {"WMode": 1}, ["has a CMap whose writing mode (0) differs from its dictionary (1)"]),
])
def test_embedded_cmap_writing_mode(tmp_path, declared, entry, expected):
    assert embedded_cmap(tmp_path, declared, **entry) == expected


@pytest.mark.parametrize(("used", "flagged"), [
    (Name("/Identity-H"), False), (Name("/UniJIS-UCS2-H"), False), (Name("/Custom-V"), True),
    (pikepdf.String("Identity-H"), True)])
def test_embedded_cmap_using_another(tmp_path, used, flagged):
    assert embedded_cmap(tmp_path, UseCMap=used) == (
        ["has a CMap that refers to another non-standard CMap"] if flagged else [])


@pytest.mark.parametrize(("info", "font_info", "expected"), [
    ({"/Registry": pikepdf.String("Other")}, {}, ["has a character collection Registry that differs from its CMap's"]),
    ({"/Ordering": pikepdf.String("Japan1")}, {}, ["has a character collection Ordering that differs from its CMap's"]),
    ({}, {"/Supplement": 2}, ["has a character collection Supplement newer than its CMap's"]),
    ({"/Supplement": 2}, {}, []),
    ({"/Supplement": 2}, {"/Supplement": 2}, []),
    ({"/Supplement": None}, {"/Supplement": None}, []),  # no Supplement is Supplement 0
    ({"/Supplement": None}, {"/Supplement": 1}, ["has a character collection Supplement newer than its CMap's"]),
])
def test_embedded_cmap_character_collection(tmp_path, info, font_info, expected):
    assert embedded_cmap(tmp_path, info=info, font_info=font_info) == expected


# PDF403: encodings that give Unicode values without a ToUnicode map

@pytest.mark.parametrize(("registry", "ordering", "flagged"), [
    ("Adobe", "Japan1", False), ("Adobe", "Korea1", False), ("Other", "Japan1", True), ("Adobe", "Identity", True)])
def test_cid_font_in_a_standard_character_collection(tmp_path, registry, ordering, flagged):
    def change(pdf):
        font = body_font(pdf)
        del font.ToUnicode
        font.DescendantFonts[0].CIDSystemInfo.update(
            {"/Registry": pikepdf.String(registry), "/Ordering": pikepdf.String(ordering)})

    assert messages(tmp_path, change, "PDF403") == (
        [f"{F1} has no Unicode mapping (ToUnicode) and no standard encoding"] if flagged else [])


@pytest.mark.parametrize(("encoding", "flagged"), [
    (pikepdf.Dictionary(BaseEncoding=Name.MacRomanEncoding), False),
    (pikepdf.Dictionary(Differences=[65, Name.A]), False),  # a Type 1 font's own encoding, as standard
    (pikepdf.Dictionary(), True), (Name.StandardEncoding, True)])
def test_simple_font_encoding_gives_unicode(tmp_path, encoding, flagged):
    found = type1(tmp_path, b"A", {"A": 600}, [600], encoding, "PDF403")
    assert found == ([f"{SQUARES} has no Unicode mapping (ToUnicode) and no standard encoding"] if flagged else [])


# fonts missing the parts that say what they are

@pytest.mark.parametrize(("code", "expected"), [
    ("PDF403", [f"{F1} has no Unicode mapping (ToUnicode) and no standard encoding"]),
    ("PDF404", []), ("PDF405", [])])
@pytest.mark.parametrize("missing", ["/DescendantFonts", "/CIDSystemInfo"])
def test_composite_font_without_its_cid_font_or_collection(tmp_path, missing, code, expected):
    def change(pdf):
        font = body_font(pdf)
        del font.ToUnicode
        del (font if missing == "/DescendantFonts" else font.DescendantFonts[0])[missing]
        font.Encoding = pdf.make_indirect(cmap_stream(pdf, name="Identity-H"))

    assert messages(tmp_path, change, code) == expected


def test_truetype_font_without_a_descriptor(tmp_path):
    def change(pdf):
        del truetype(pdf, [600]).FontDescriptor

    assert messages(tmp_path, change, "PDF405") == []


def test_glyph_named_by_the_programs_own_encoding(tmp_path):
    """A Type 1 font with no Encoding uses its program's (here StandardEncoding, which names code 65 A)."""
    data, clear = type1_program({"A": 600})
    head = re.sub(rb"/Encoding 256 array\n.*?\ndef\n", b"/Encoding StandardEncoding def\n", data[:clear], flags=re.S)

    def change(pdf):
        stream = pikepdf.Stream(pdf, head + data[clear:], Length1=len(head), Length2=len(data) - clear, Length3=0)
        add_font(pdf, "/Fa", b"A", "/Type1", "SQUARE+Squares", [650], None, stream)

    assert messages(tmp_path, change, "PDF402") == [width_finding(SQUARES, 65, 650, 600)]


@pytest.mark.parametrize(("subtype", "flagged"), [("/Type3", False), ("/TrueType", True)])
def test_differences_alone_give_unicode_in_type1_and_type3_fonts(tmp_path, subtype, flagged):
    """ISO 32000-1 9.10.2: a Type 1 or Type 3 font's Differences are read over a standard
    encoding; a TrueType font's are not."""
    def change(pdf):
        font = pdf.make_indirect(pikepdf.Dictionary(
            Type=Name.Font, Subtype=Name(subtype), BaseFont=Name.Squares, FontBBox=[0, 0, 1000, 1000],
            FontMatrix=[0.001, 0, 0, 0.001, 0, 0], CharProcs=pikepdf.Dictionary(A=pikepdf.Stream(pdf, b"600 0 d0")),
            Encoding=pikepdf.Dictionary(Differences=[65, Name.A]), FirstChar=65, LastChar=65, Widths=[600],
            Resources=pikepdf.Dictionary()))
        pdf.pages[0].Resources.Font.Fs = font
        show(pdf, "/Fs", b"A")

    assert messages(tmp_path, change, "PDF403") == (
        ["the font Squares has no Unicode mapping (ToUnicode) and no standard encoding"] if flagged else [])


# PDF002: what has no language when the catalog gives none

UNKNOWN = "document catalog has no valid /Lang, so the language of {} is unknown"
ALWAYS = [("", UNKNOWN.format("the metadata title or description (x-default only)"))]


def without_catalog_language(tmp_path, change=None, unlanguaged=("H1",)) -> list[tuple[str, str]]:
    """PDF002's findings once the catalog's /Lang is gone, the bookmarks removed, and every
    element under Document but those in `unlanguaged` given a /Lang of its own."""
    def changes(pdf):
        del pdf.Root.Lang
        del pdf.Root.Outlines
        for kid in document(pdf).K:
            if str(kid.S)[1:] not in unlanguaged:
                kid.Lang = pikepdf.String("en")
        if change:
            change(pdf)

    return lint(tmp_path, changes, "PDF002")


def test_one_piece_of_text_without_a_language(tmp_path):
    assert without_catalog_language(tmp_path) == [("page 1", UNKNOWN.format("1 piece of text"))] + ALWAYS


def test_nothing_without_a_language_but_the_metadata(tmp_path):
    assert without_catalog_language(tmp_path, unlanguaged=()) == ALWAYS


def test_replacement_text_of_a_span_without_a_language(tmp_path):
    def change(pdf):
        append_content(pdf, b"/Span <</Alt (a)>> BDC EMC /Span <</ActualText (b)>> BDC EMC")

    assert without_catalog_language(tmp_path, change, ()) == [("page 1", UNKNOWN.format("the Alt of a span"))] + ALWAYS


@pytest.mark.parametrize("key", ["Alt", "ActualText", "E"])
def test_element_text_without_a_language(tmp_path, key):
    def change(pdf):
        tag(pdf, pdf.Root.StructTreeRoot, "Span", T=pikepdf.String("s"), **{key: pikepdf.String("words")})

    assert without_catalog_language(tmp_path, change, ()) == [("Span [s]", UNKNOWN.format(f"the {key} text"))] + ALWAYS


@pytest.mark.parametrize(("entries", "flagged"), [
    ({"Contents": "A note"}, True), ({"TU": "Your name"}, True), ({}, False),
    ({"Contents": "A note", "Lang": "en"}, False)], ids=["contents", "tooltip", "nothing", "own language"])
def test_annotation_description_without_a_language(tmp_path, entries, flagged):
    def change(pdf):
        annotate(pdf, [100, 100, 110, 110], Subtype=Name.Square,
                 **{key: pikepdf.String(value) for key, value in entries.items()})

    found = without_catalog_language(tmp_path, change, ())
    assert found == ([("page 1", UNKNOWN.format("an annotation's description"))] if flagged else []) + ALWAYS


def test_metadata_title_in_a_language_of_its_own(tmp_path):
    def change(pdf):
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = "T"  # pikepdf writes x-default only
        data = pdf.Root.Metadata.read_bytes().replace(b'xml:lang="x-default"', b'xml:lang="en"')
        pdf.Root.Metadata = pdf.make_stream(data, Type=Name.Metadata, Subtype=Name.XML)

    assert without_catalog_language(tmp_path, change, ()) == []


# PDF001 and PDF004: metadata that is missing or cannot be read

def test_no_metadata_stream(tmp_path):
    def change(pdf):
        del pdf.Root.Metadata

    assert messages(tmp_path, change, "PDF001") == ["XMP metadata has no dc:title"]
    assert messages(tmp_path, change, "PDF004") == ["the document catalog has no XMP metadata stream"]
    assert without_catalog_language(tmp_path, change, ()) == []


def test_metadata_stream_that_cannot_be_decoded(tmp_path):
    def change(pdf):
        pdf.Root.Metadata = pdf.make_stream(b"not deflated", Type=Name.Metadata, Filter=Name.FlateDecode)

    assert messages(tmp_path, change, "PDF004", fix_metadata_version=False) == [
        "the document catalog has no XMP metadata stream"]


UA = 'xmlns:ua="http://www.aiim.org/pdfua/ns/id/"'
PREFIX = "PDF/UA property `{}` uses the prefix `ua`, not `pdfuaid`"


@pytest.mark.parametrize(("identification", "expected"), [
    (f"<pdfuaid:part>1</pdfuaid:part><ua:amd {UA}>2005</ua:amd>", [PREFIX.format("amd")]),
    (f"<pdfuaid:part>1</pdfuaid:part><ua:corr {UA}>1</ua:corr>", [PREFIX.format("corr")]),
    (f"<pdfuaid:part>2</pdfuaid:part><ua:part {UA}>1</ua:part>", [
        PREFIX.format("part"), "the XMP metadata says pdfuaid:part is `2`, not 1"]),
], ids=["amd", "corr", "two parts"])
def test_pdfua_identification(tmp_path, identification, expected):
    def change(pdf):
        data = pdf.Root.Metadata.read_bytes().replace(b"<pdfuaid:part>1</pdfuaid:part>", identification.encode())
        pdf.Root.Metadata = pdf.make_stream(data, Type=Name.Metadata, Subtype=Name.XML)

    assert messages(tmp_path, change, "PDF004", fix_metadata_version=False) == expected


# PDF008: embedded files in a name tree of several nodes, and attached to annotations

def attachment(pdf, *names: str, embedded: bool = True) -> pikepdf.Dictionary:
    """A file specification with the names `names` (F, UF) and, when `embedded`, the file."""
    spec = pikepdf.Dictionary(Type=Name.Filespec, **{key: pikepdf.String("notes.txt") for key in names})
    if embedded:
        spec.EF = pikepdf.Dictionary(F=pdf.make_stream(b"notes", Type=Name.EmbeddedFile))
    return spec


def test_embedded_files_in_every_node_of_the_name_tree(tmp_path):
    def change(pdf):
        first = pdf.make_indirect(pikepdf.Dictionary(Names=[pikepdf.String("a"), attachment(pdf, "F"),
                                                            pikepdf.String("b"), attachment(pdf, "UF")]))
        second = pdf.make_indirect(pikepdf.Dictionary(Names=[pikepdf.String("c"), attachment(pdf),
                                                             pikepdf.String("d"), attachment(pdf, embedded=False),
                                                             pikepdf.String("e"), pikepdf.String("not a file")]))
        pdf.Root.Names = pikepdf.Dictionary(EmbeddedFiles=pikepdf.Dictionary(Kids=[second, first, first]))

    assert messages(tmp_path, change, "PDF008") == [
        "notes.txt has no UF file name", "notes.txt has no F file name", "an embedded file has no F or UF file name"]


def test_files_attached_to_annotations(tmp_path):
    def change(pdf):
        annotate(pdf, [100, 100, 110, 110], Subtype=Name.FileAttachment, FS=attachment(pdf, "F"))
        annotate(pdf, [100, 100, 110, 110], Subtype=Name.FileAttachment, FS=attachment(pdf, embedded=False))

    assert lint(tmp_path, change, "PDF008") == [("page 1", "notes.txt has no UF file name")]


# The rules' own bodies, which mutmut leaves alone (it does not mutate decorated functions):
# the cases that changes planted by hand in them showed untested.

def test_structure_elements_without_their_parent_are_counted(tmp_path):
    def change(pdf):
        for item in elements(pdf, "LI"):
            del item.P

    assert messages(tmp_path, change, "PDF101") == ["2 structure elements do not name their parent (P), first LI"]


def test_nesting_checked_past_an_element_of_no_standard_type(tmp_path):
    def change(pdf):
        tags(pdf, document(pdf), "Custom", "LI")

    assert messages(tmp_path, change, "PDF105") == ["LI is inside Document, not L"]


def test_notes_sharing_an_id(tmp_path):
    def change(pdf):
        for note_id in ("n1", "n2", "n1"):
            tag(pdf, document(pdf), "Note", ID=pikepdf.String(note_id))

    assert messages(tmp_path, change, "PDF109") == ["note has the ID `n1`, already used"]


@pytest.mark.parametrize(("role", "expected"), [
    (False, ["form element without a Role holds 0 form fields and 0 other items, not exactly one field"]),
    (True, [])])
def test_form_element_without_a_field(tmp_path, role, expected):
    def change(pdf):
        form = tag(pdf, document(pdf), "Form")
        if role:
            form.A = pikepdf.Dictionary(O=Name.PrintField, Role=Name.tv)

    assert messages(tmp_path, change, "PDF303") == expected


@pytest.mark.parametrize(("subtype", "entries", "tagged", "described"), [
    (Name.PrinterMark, {"StructParent": 99}, ["a printer's mark is tagged; it must be an artifact"], []),
    (Name.PrinterMark, {}, [], []),
    (Name.TrapNet, {}, ["trap-network annotations are not allowed"], []),
], ids=["printer's mark with a StructParent", "printer's mark", "trap network"])
def test_printers_marks_and_trap_networks(tmp_path, subtype, entries, tagged, described):
    def change(pdf):
        annotate(pdf, [100, 100, 110, 110], Subtype=subtype, **entries)

    assert messages(tmp_path, change, "PDF303") == tagged
    assert messages(tmp_path, change, "PDF204") == described


@pytest.mark.parametrize(("tabs", "expected"), [
    (Name.S, []), (Name.C, "page tab order is C, not the structure order (S)"),
    (None, "page tab order is not set, not the structure order (S)"),
    (pikepdf.String("S"), "page tab order is the text `S`, not the name S (structure order)"),
], ids=["structure", "column", "none", "text"])
def test_tab_order(tmp_path, tabs, expected):
    def change(pdf):
        if tabs is None:
            del pdf.pages[0].Tabs
        else:
            pdf.pages[0].Tabs = tabs

    assert lint(tmp_path, change, "PDF304") == ([("page 1", expected)] if expected else [])


@pytest.mark.parametrize(("scope", "flagged"), [(Name.Both, False), (Name.Column, False), (Name.Rows, True)])
def test_header_cell_scopes(tmp_path, scope, flagged):
    def change(pdf):
        table(pdf, [cell("TH", Scope=scope)], [cell("TD")])

    assert messages(tmp_path, change, "PDF107") == (["header cell has no Scope (Row or Column)"] if flagged else [])


def test_data_cell_naming_a_header_that_does_not_exist(tmp_path):
    def change(pdf):
        rows = table(pdf, [cell("TH"), cell("TH")], [cell("TD", Headers=[pikepdf.String("nope")]),
                                                     cell("TD", Headers=[pikepdf.String("h1")])])
        rows[0][0].ID, rows[0][1].ID = pikepdf.String("h1"), pikepdf.String("h2")

    assert messages(tmp_path, change, "PDF107") == ["cell names the header `nope`, which is not a header cell's ID"]


def type3_font(pdf, encoding) -> None:
    """A Type 3 font `Squares` (its glyph A drawn by the PDF itself), showing A."""
    pdf.pages[0].Resources.Font.Fs = pdf.make_indirect(pikepdf.Dictionary(
        Type=Name.Font, Subtype=Name.Type3, BaseFont=Name.Squares, FontBBox=[0, 0, 1000, 1000],
        FontMatrix=[0.001, 0, 0, 0.001, 0, 0], CharProcs=pikepdf.Dictionary(A=pikepdf.Stream(pdf, b"600 0 d0")),
        Encoding=encoding, FirstChar=65, LastChar=65, Widths=[600], Resources=pikepdf.Dictionary()))
    show(pdf, "/Fs", b"A")


def test_type3_font_has_no_program_to_embed(tmp_path):
    assert messages(tmp_path, lambda pdf: type3_font(pdf, pikepdf.Dictionary(Differences=[65, Name.A])),
                    "PDF402") == []


def to_unicode(pdf, mappings: bytes) -> pikepdf.Stream:
    """A ToUnicode CMap over two-byte codes with the given `bfchar` lines."""
    lines = mappings.count(b"\n")
    return pikepdf.Stream(pdf, b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                               b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                               b"%d beginbfchar\n%sendbfchar\nendcmap end end\n" % (lines, mappings))


@pytest.mark.parametrize(("mappings", "expected"), [
    (b"<0001> <0041>\n", "has no Unicode value for character code 2 (18 codes unmapped)"),
    (b"".join(b"<%04X> <0041>\n" % code for code in range(1, 19)), "has no Unicode value for character code 19 "
                                                                   "(1 code unmapped)"),
    (b"<0002> <0041>\n", "has no Unicode value for character code 1 (18 codes unmapped)"),
    (b"<0001> <0000>\n", "maps character code 1 to an invalid Unicode value"),
    (b"<0001> <FFFE>\n", "maps character code 1 to an invalid Unicode value"),
    (b"<0001> <FEFF>\n", "maps character code 1 to an invalid Unicode value"),
], ids=["first mapped", "last unmapped", "first unmapped", "U+0000", "U+FFFE", "U+FEFF"])
def test_unicode_values_of_the_codes_shown(tmp_path, mappings, expected):
    """The body font shows CIDs 1 to 19."""
    def change(pdf):
        body_font(pdf).ToUnicode = to_unicode(pdf, mappings)

    assert messages(tmp_path, change, "PDF403") == [f"{F1} {expected}"]


def draw_page_as_form(pdf, times: int) -> None:
    """Page 1's content moved into a Form XObject that the page draws `times` times."""
    page = pdf.pages[0]
    page.contents_coalesce()
    form = pdf.make_stream(page.Contents.read_bytes(), Type=Name.XObject, Subtype=Name.Form,
                           BBox=page.MediaBox, Resources=page.Resources)
    page.Resources.XObject = pikepdf.Dictionary(Fm0=form)
    page.Contents = pdf.make_stream(b"/Fm0 Do " * times)


@pytest.mark.parametrize("times", [1, 2, 3])
def test_drawing_with_tagged_content_drawn_more_than_once(tmp_path, times):
    found = messages(tmp_path, lambda pdf: draw_page_as_form(pdf, times), "PDF103")
    assert [re.sub(r"obj \d+", "obj N", message) for message in found] == (
        [] if times == 1 else [f"a drawing (Form XObject obj N) with tagged content is drawn {times} times"])


def test_one_artifact_inside_tagged_content(tmp_path):
    assert messages(tmp_path, lambda pdf: append_content(pdf, b"/P <</MCID 0>> BDC /Artifact BMC 0 0 1 1 re f EMC EMC"),
                    "PDF103") == ["1 artifact inside tagged content"]


def test_title_display_not_set(tmp_path):
    def change(pdf):
        del pdf.Root.ViewerPreferences.DisplayDocTitle

    assert messages(tmp_path, change, "PDF022") == ["ViewerPreferences/DisplayDocTitle is not true"]


@pytest.mark.parametrize(("bits", "flagged"), [
    (lambda p: p, False),  # qpdf's default: bit 10 on, bit 11 off
    (lambda p: (p | 1024) & ~512, True),  # bit 10 off, bit 11 on
], ids=["accessibility allowed", "accessibility forbidden"])
def test_encryption_permission_for_accessibility(tmp_path, bits, flagged):
    """Bit 10 of the permissions (P) is the one that lets assistive technology extract the text."""
    buffer = io.BytesIO()
    pikepdf.open(io.BytesIO(PDF_fixtures.base())).save(buffer, encryption=pikepdf.Encryption(owner="o", user="", R=6))
    found = re.search(rb"/P (-\d+)", buffer.getvalue())
    path = tmp_path / "encrypted.pdf"
    path.write_bytes(buffer.getvalue().replace(found[0], b"/P %d" % bits(int(found[1])), 1))
    assert [f.message for f in lint_file(path, Settings(selector(["PDF006"]))).findings] == (
        ["the encryption settings forbid extracting content for accessibility (bit 10 of P is off)"] if flagged else [])
