"""The writer-side transformations of pandoc's JSON AST, on small documents built by hand: the
page map (publish.pagemap), what each edition should say (publish.expected), the plain-text
edition's reshaping (filters/plain_text.py) and the large-print PDF's wide tables
(editions/pdf_large.py). No pandoc or Typst run: fast enough for the mutation run
(`make mutation`) to judge each mutant, and each test asserts the exact outcome."""

from __future__ import annotations

import json
from types import SimpleNamespace

import panflute as pf
import pytest

from publish import expected, facts, pagemap
from publish.editions import pdf_large
from publish.editions.base import Layout
from publish.filters import plain_text


def words(text: str) -> str:
    return " ".join(text.split())


def para(text: str, block=pf.Para) -> pf.Block:
    return block(*plain_text.spaced(text))


def cell(text: str) -> pf.TableCell:
    """A cell with its words; an empty one holds no block, as pandoc writes it."""
    return pf.TableCell(para(text, pf.Plain)) if text else pf.TableCell()


def row(*texts: str) -> pf.TableRow:
    return pf.TableRow(*(cell(text) for text in texts))


def table(head: list[str], *rows: list[str], caption: str = "", foot: list[str] | None = None, **options) -> pf.Table:
    return pf.Table(pf.TableBody(*(row(*texts) for texts in rows)), head=pf.TableHead(row(*head)),
                    foot=pf.TableFoot(row(*foot)) if foot else None,
                    caption=pf.Caption(para(caption, pf.Plain)) if caption else None, **options)


def ast(*blocks: pf.Block) -> dict:
    return pf.Doc(*blocks).to_json()


# -- the page map ------------------------------------------------------------------------------

def every_kind() -> dict:
    """One document with every kind of block the page map walks into, each text naming its place."""
    body = pf.TableBody(row("body 1", "body 2"), head=[row("body head", "")])
    return ast(
        para("first"),
        pf.Header(*plain_text.spaced("heading"), level=2),
        pf.HorizontalRule(),
        pf.RawBlock("<hr>", format="html"),
        pf.Div(para("in div", pf.Plain), pf.BlockQuote(para("quoted"))),
        pf.Figure(para("figure body", pf.Plain), caption=pf.Caption(para("figure caption"))),
        pf.BulletList(pf.ListItem(para("bullet a"), para("bullet b")), pf.ListItem(para("bullet c", pf.Plain))),
        pf.OrderedList(pf.ListItem(para("ordered")), start=3),
        pf.DefinitionList(pf.DefinitionItem([pf.Str("term")], [pf.Definition(para("meaning 1")),
                                                               pf.Definition(para("meaning 2"))])),
        pf.Table(body, head=pf.TableHead(row("head", "")), foot=pf.TableFoot(row("", "foot")),
                 caption=pf.Caption(para("table caption"))),
        pf.CodeBlock("code here"),
        pf.LineBlock(pf.LineItem(pf.Str("line 1")), pf.LineItem(pf.Str("line 2"))),
    )


def test_the_page_map_counts_text_blocks_in_reading_order_without_captions():
    found = [(holder[index]["t"], facts.stringify(holder[index]))
             for holder, index in pagemap.anchored(every_kind()["blocks"])]
    assert found == [("Para", "first"), ("Header", "heading"), ("Plain", "in div"), ("Para", "quoted"),
                     ("Plain", "figure body"), ("Para", "bullet a"), ("Para", "bullet b"), ("Plain", "bullet c"),
                     ("Para", "ordered"), ("Para", "meaning 1"), ("Para", "meaning 2"), ("Plain", "head"),
                     ("Plain", "body head"), ("Plain", "body 1"), ("Plain", "body 2"), ("Plain", "foot"),
                     ("CodeBlock", ""), ("LineBlock", "line 1line 2")]


def shown(blocks: list) -> list:
    """Each block as its kind and the markers and words in it, in order (markers as `<n>`)."""
    out = []
    for block in blocks:
        if block["t"] == "CodeBlock":
            out.append(("CodeBlock", block["c"][1]))
        elif block["t"] == "RawBlock":
            out.append(("RawBlock", block["c"][1]))
        else:
            texts = [node["c"] if node["t"] == "Str" else node["c"][1]
                     for node in facts.walk(block) if node["t"] in ("Str", "RawInline", "RawBlock")]
            out.append((block["t"], " ".join(texts)))
    return out


def marker(number: int) -> dict:
    return pagemap.raw("html", f"<{number}>")


def test_a_marker_starts_each_block_inside_it_where_it_has_words():
    doc = ast(para("one"), pf.Header(pf.Str("two"), level=1), para("three", pf.Plain), pf.CodeBlock("four"),
              pf.LineBlock(pf.LineItem(pf.Str("five")), pf.LineItem(pf.Str("six"))), pf.LineBlock())
    doc["blocks"][-1]["c"] = []  # a line block with no line, as no writer makes but the AST allows
    doc["blocks"].append({"t": "CodeBlock", "c": [["", [], []], "seven"]})
    marked = pagemap.mark(doc, marker)
    assert marked is doc
    assert shown(doc["blocks"]) == [("Para", "<0> one"), ("Header", "<1> two"), ("Plain", "<2> three"),
                                    ("Plain", "<3>"), ("CodeBlock", "four"), ("LineBlock", "<4> five six"),
                                    ("Plain", "<5>"), ("LineBlock", ""), ("Plain", "<6>"), ("CodeBlock", "seven")]
    assert doc["blocks"][3] == {"t": "Plain", "c": [marker(3)]}, "code has its marker in a block before it"
    assert doc["blocks"][1]["c"][0] == 1, "the heading keeps its level"
    assert doc["blocks"][5]["c"][0][0] == marker(4) and doc["blocks"][5]["c"][1] == [{"t": "Str", "c": "six"}]


def test_markers_go_only_where_asked_and_before_blocks_in_the_same_list():
    doc = ast(para("zero"), pf.BulletList(pf.ListItem(para("one"), para("two"))), para("three"), para("four"))
    pagemap.mark(doc, lambda n: pagemap.raw_block("html", f"[{n}]"), {1, 2, 4}, before=True)
    assert shown(doc["blocks"]) == [("Para", "zero"), ("BulletList", "[1] one [2] two"), ("Para", "three"),
                                    ("RawBlock", "[4]"), ("Para", "four")]
    assert doc["blocks"][1]["c"][0][0] == {"t": "RawBlock", "c": ["html", "[1]"]}
    assert shown(doc["blocks"][1]["c"][0]) == [("RawBlock", "[1]"), ("Para", "one"),
                                               ("RawBlock", "[2]"), ("Para", "two")]


def test_pages_are_marked_at_the_blocks_that_begin_them_with_their_page_numbers():
    doc = ast(*(para(word) for word in "a b c d".split()))
    pages = pagemap.PageMap({0: 1, 2: 2, 3: 4}, "letter.pdf")
    pagemap.mark_pages(doc, pages, lambda page: pagemap.raw("html", f"p{page}"))
    assert shown(doc["blocks"]) == [("Para", "p1 a"), ("Para", "b"), ("Para", "p2 c"), ("Para", "p4 d")]
    pagemap.mark_pages(doc, pages, lambda page: pagemap.raw_block("html", f"P{page}"), before=True)
    assert [text for _, text in shown(doc["blocks"])] == ["P1", "p1 a", "b", "P2", "p2 c", "P4", "p4 d"]


def test_without_a_page_map_nothing_is_marked():
    doc = ast(para("a"))
    before = json.dumps(doc)
    assert pagemap.mark_pages(doc, None, marker) is doc
    assert json.dumps(doc) == before


def test_an_anchor_sets_the_typst_counter_to_the_blocks_begun_so_far():
    assert pagemap.typst_anchor(7) == {"t": "RawInline", "c": ["typst", '#counter("block-anchor").update(8)']}
    assert pagemap.raw_block("typst", "#x") == {"t": "RawBlock", "c": ["typst", "#x"]}


def test_the_page_map_turns_where_the_count_of_blocks_begun_grows():
    """Typst says, page by page, how many blocks began on it or before: a page on which the
    count grows begins with the first block not counted on the page before; a page on which
    it does not (a paragraph running over the whole page) begins none."""
    found = pagemap.from_json(b"[[1, 2], [2, 3], [3, 6], [4, 6], [5, 8]]", "x.pdf")
    assert found == pagemap.PageMap({0: 1, 2: 2, 3: 3, 6: 5}, "x.pdf")
    assert pagemap.from_json(b"[[2, 3], [1, 2]]", "x.pdf").turns == {0: 1, 2: 2}  # in page order whatever the order given
    assert pagemap.from_json(b"[]", "y.pdf") == pagemap.PageMap({}, "y.pdf")
    assert pagemap.from_json(b"[[1, 0], [2, 2]]", "z.pdf").turns == {0: 2}


# -- what each edition should say --------------------------------------------------------------

@pytest.mark.parametrize(("style", "number", "marker"), [
    ("Decimal", 12, "12"), ("DefaultStyle", 3, "3"), ("LowerAlpha", 1, "a"), ("LowerAlpha", 26, "z"),
    ("LowerAlpha", 27, "a"), ("UpperAlpha", 28, "B"), ("LowerRoman", 4, "iv"), ("LowerRoman", 9, "ix"),
    ("LowerRoman", 14, "xiv"), ("LowerRoman", 40, "xl"), ("LowerRoman", 90, "xc"), ("LowerRoman", 400, "cd"),
    ("LowerRoman", 1994, "mcmxciv"), ("LowerRoman", 2888, "mmdccclxxxviii"), ("UpperRoman", 2888, "MMDCCCLXXXVIII"),
    ("UpperRoman", 3, "III"),
])
def test_list_markers_as_the_writers_number_them(style, number, marker):
    assert expected.list_marker(style, number) == marker


INLINES = ast(pf.Para(pf.Str("plain"), pf.Space(), pf.Emph(pf.Str("stressed")), pf.SoftBreak(), pf.Str("soft"),
                      pf.LineBreak(), pf.Code("x = 1"),
                      pf.Link(pf.Str("linked"), url="https://example.org", title="tip"),
                      pf.Space(), pf.Quoted(pf.Str("quoted")), pf.Space(),
                      pf.Cite(pf.Str("cited"), citations=[pf.Citation("key", prefix=[pf.Str("see")])]),
                      pf.Image(pf.Str("alt words"), url="a.png"), pf.Math("x^2", format="InlineMath"),
                      pf.RawInline("<b>", format="html"), pf.Str("end")),
              pf.Header(pf.Str("Heading"), level=3, identifier="heading-id", classes=["cls"]),
              pf.CodeBlock("print(1)"), pf.CodeBlock("exit()"), para("after"),
              pf.LineBlock(pf.LineItem(pf.Str("line")), pf.LineItem(pf.Str("next"))),
              pf.RawBlock("<p>raw</p>", format="html"), pf.HorizontalRule(),
              pf.Div(para("divided"), attributes={"lang": "fr"}))


def test_the_reading_text_is_the_words_without_attributes_targets_images_or_markup():
    text = expected.ast_text(INLINES["blocks"], Layout())
    assert words(text) == ("plain stressed soft x = 1linked quoted citedend Heading print(1) exit() after "
                           "line next divided")
    assert text.startswith(" plain stressed soft x = 1linked")


def test_ordered_lists_are_numbered_only_where_the_edition_writes_the_numbers():
    lists = ast(pf.OrderedList(pf.ListItem(para("first")), pf.ListItem(para("second")), start=3, style="UpperRoman"),
                pf.OrderedList(pf.ListItem(para("one")), pf.ListItem(para("two"))))
    assert words(expected.ast_text(lists["blocks"], Layout(list_numbers=True))) == "III first IV second 1 one 2 two"
    assert words(expected.ast_text(lists["blocks"], Layout())) == "first second one two"


def noted() -> dict:
    """Two chapters with notes; the second chapter's first note is inside a level-2 section."""
    def note(text: str) -> pf.Note:
        return pf.Note(para(text))
    return ast(pf.Header(pf.Str("One"), level=1), pf.Para(pf.Str("a"), note("first note"), pf.Space(), pf.Str("b")),
               pf.Header(pf.Str("Two"), level=1), pf.Header(pf.Str("Sub"), level=2),
               pf.Para(pf.Str("c"), note("second note")), pf.Para(pf.Str("d"), note("third note")))


@pytest.mark.parametrize(("layout", "text"), [
    (Layout(), "One a 1 b Two Sub c 2 d 3 first note second note third note"),
    (Layout(note_numbers=True), "One a 1 b Two Sub c 2 d 3 1 first note 2 second note 3 third note"),
    (Layout(notes="chapter", note_numbers=True), "One a 1 b 1 first note Two Sub c 2 d 3 2 second note 3 third note"),
    (Layout(notes="chapter"), "One a 1 b first note Two Sub c 2 d 3 second note third note"),
    (Layout(notes="inline", note_numbers=True), "One a 1 1 first note b Two Sub c 2 2 second note d 3 3 third note"),
    (Layout(notes="inline", note_markers=False), "One a first note b Two Sub c second note d third note"),
    (Layout(notes="omitted"), "One a 1 b Two Sub c 2 d 3"),
    (Layout(notes="omitted", note_markers=False), "One a b Two Sub c d"),
])
def test_notes_are_where_the_edition_sets_them(layout, text):
    assert words(expected.ast_text(noted()["blocks"], layout)) == text


def test_a_chapter_without_notes_sets_none_before_the_next():
    doc = ast(pf.Header(pf.Str("One"), level=1), para("a"), pf.Header(pf.Str("Two"), level=1),
              pf.Para(pf.Str("b"), pf.Note(para("only note"))), pf.Header(pf.Str("Three"), level=1), para("c"))
    assert words(expected.ast_text(doc["blocks"], Layout(notes="chapter", note_numbers=True))) == \
        "One a Two b 1 1 only note Three c"


def captions() -> dict:
    figure = pf.Figure(pf.Plain(pf.Image(pf.Str("alt"), url="map.png")), para("under the map", pf.Plain),
                       caption=pf.Caption(para("Map of the site")))
    return ast(table(["Item"], ["Tea"], caption="Prices"), table(["Plain"], ["table"]),
               figure, table(["Hour"], ["Nine"], caption="Times", foot=["Total"]))


@pytest.mark.parametrize(("layout", "text"), [
    (Layout(), "Prices Item Tea Plain table Map of the site under the map Times Hour Nine Total"),
    (Layout(caption_labels=True), "Table 1: Prices Item Tea Plain table Figure 1: Map of the site under the map "
                                  "Table 2: Times Hour Nine Total"),
    (Layout(table_caption_last=True),
     "Item Tea Prices Plain table Map of the site under the map Hour Nine Total Times"),
    (Layout(figure_captions=False, caption_labels=True), "Table 1: Prices Item Tea Plain table under the map "
                                                         "Table 2: Times Hour Nine Total"),
])
def test_captions_are_where_and_as_the_edition_shows_them(layout, text):
    assert words(expected.ast_text(captions()["blocks"], layout)) == text


def test_what_an_edition_should_say_holds_its_text_and_its_title_block_lines():
    ctx = SimpleNamespace(title="A title", date_text="May 2024", authors=["Ann", "Bo"],
                          meta={"subtitle": "Sub", "publisher": "Press", "date": "2024-05", "title": "raw title"})
    assert expected.furniture(ctx) == ("A title", "May 2024", "Ann, Bo", "Ann", "Bo", "Sub", "Press", "2024-05")
    said = expected.expected(ctx, ast(para("hello world")), Layout(), added=("Notes",))
    assert words(said.text) == "hello world"
    assert said.furniture == expected.furniture(ctx) + ("Notes",)
    bare = SimpleNamespace(title="T", date_text="", authors=[], meta={})
    assert expected.furniture(bare) == ("T", "", "", "", "", "")


# -- the plain-text edition's reshaping --------------------------------------------------------

def rendered(elem) -> str:
    """Text as the plain writer lays it out, near enough to read structure: a line break is a new
    line, each block its own line, list items after `- `."""
    if isinstance(elem, pf.Str):
        return elem.text
    if isinstance(elem, (pf.Space, pf.SoftBreak)):
        return " "
    if isinstance(elem, pf.LineBreak):
        return "\n"
    if isinstance(elem, pf.BulletList):
        return "\n".join("- " + rendered(item) for item in elem.content)
    if isinstance(elem, (pf.ListItem, pf.Div, pf.Doc)):
        return "\n".join(rendered(block) for block in elem.content)
    return "".join(rendered(child) for child in elem.content)


def reshaped(*blocks: pf.Block, fmt: str = "plain") -> str:
    return rendered(plain_text.main(pf.Doc(*blocks, format=fmt)))


def test_headings_are_underlined_each_level_its_own_way():
    headings = [pf.Header(*plain_text.spaced(f"Level {level}"), level=level) for level in range(1, 7)]
    assert reshaped(*headings).split("\n") == [
        "=======", "Level 1", "=======", "Level 2", "=======", "Level 3", "-------",
        "Level 4", "~~~~~~~", "Level 5", "^^^^^^^", "Level 6", '"""""""']


def test_a_heading_below_level_6_is_underlined_as_level_6():
    assert reshaped(pf.Header(pf.Str("Deep"), level=7)).split("\n") == ["Deep", '""""']


def test_a_rule_is_never_wider_than_the_line():
    long = "word " * 20
    assert reshaped(para(long, lambda *c: pf.Header(*c, level=3))).split("\n") == [words(long), "-" * 72]
    assert reshaped(pf.Header(pf.Str("x" * 72), level=1)).split("\n") == ["=" * 72, "x" * 72, "=" * 72]


def test_link_targets_are_written_after_their_text_unless_they_add_nothing():
    def link(text: str, url: str) -> pf.Para:
        return pf.Para(pf.Link(*plain_text.spaced(text), url=url))
    assert reshaped(link("our site", "https://example.org"), link("write to us", "mailto:help@example.org"),
                    link("see below", "#later"), link("https://example.org", "https://example.org"),
                    link("help@example.org", "mailto:help@example.org"),
                    pf.Para(pf.Link(pf.Space(), pf.Str("a.org"), pf.Space(), url="a.org"))).split("\n") == [
        "our site (https://example.org)", "write to us (help@example.org)", "see below", "https://example.org",
        "help@example.org", " a.org "]


def test_images_become_their_alt_text_and_decorative_ones_go():
    assert reshaped(pf.Para(pf.Str("Before"), pf.Space(), pf.Image(*plain_text.spaced(" a red  door "), url="d.png"),
                            pf.Space(), pf.Image(pf.Str("swirl"), url="s.png", classes=["decorative"]),
                            pf.Str("after"))) == "Before [Image: a red door] after"


def test_other_editions_are_left_as_they_are():
    blocks = [pf.Header(pf.Str("Title"), level=1), pf.Para(pf.Link(pf.Str("site"), url="https://a.org")),
              table(["Item"], ["Tea"])]
    doc = plain_text.main(pf.Doc(*blocks, format="html"))
    assert [type(block) for block in doc.content] == [pf.Header, pf.Para, pf.Table]
    assert rendered(doc.content[1]) == "site"


def test_a_table_is_read_row_by_row_each_cell_after_its_header():
    assert reshaped(table(["Item", "Cost"], ["Tea", "£1"], ["Cake", "£2"], caption="Prices")).split("\n") == [
        "Table: Prices (2 rows)", "Row 1", "- Item: Tea", "- Cost: £1", "Row 2", "- Item: Cake", "- Cost: £2",
        "End of table."]


def test_a_table_without_caption_or_headers_and_with_head_and_foot_rows_in_its_body():
    body = pf.TableBody(row("Tea", "1"), head=[row("Drinks", "")])
    plain = pf.Table(body, foot=pf.TableFoot(row("Total", "1")))
    assert reshaped(plain).split("\n") == [
        "Table (3 rows)", "Row 1", "- Drinks", "- (empty)", "Row 2", "- Tea", "- 1", "Row 3", "- Total", "- 1",
        "End of table."]
    single = table(["Item"], ["Tea"])
    assert reshaped(single).split("\n")[0] == "Table (1 row)"


def test_row_headers_name_their_rows():
    by_class = table(["Plot", "Rent", "Size"], ["Full plot", "£72", "250"], ["Half", "£40", "125"],
                     caption="Rents", attributes={}, classes=["row-headers"])
    assert reshaped(by_class).split("\n") == [
        "Table: Rents (2 rows)", "Full plot", "- Rent: £72", "- Size: 250", "Half", "- Rent: £40", "- Size: 125",
        "End of table."]
    two = pf.Table(pf.TableBody(row("North", "East", "9"), row_head_columns=2),
                   head=pf.TableHead(row("Area", "Side", "N")))
    assert reshaped(two).split("\n") == ["Table (1 row)", "North, East", "- N: 9", "End of table."]


def spanning(text: str, rows: int = 1, columns: int = 1) -> pf.TableCell:
    return pf.TableCell(pf.Plain(pf.Str(text)), rowspan=rows, colspan=columns)


def test_cells_spanning_columns_are_named_by_all_their_headers_and_those_spanning_rows_repeat():
    head = pf.TableHead(pf.TableRow(spanning("Place", rows=2), spanning("Sales", columns=2)),
                        pf.TableRow(spanning("2023"), spanning("2024")))
    body = pf.TableBody(pf.TableRow(spanning("North", rows=3), spanning("both years", columns=2)),
                        pf.TableRow(spanning("5"), spanning("6")),
                        pf.TableRow(spanning("7"), spanning("8")),
                        pf.TableRow(spanning("South"), spanning("9"), spanning("10")))
    assert reshaped(pf.Table(body, head=head, colspec=[("AlignDefault", "ColWidthDefault")] * 3)).split("\n") == [
        "Table (4 rows)",
        "Row 1", "- Place: North", "- Sales 2023, Sales 2024: both years",
        "Row 2", "- Place: North", "- Sales 2023: 5", "- Sales 2024: 6",
        "Row 3", "- Place: North", "- Sales 2023: 7", "- Sales 2024: 8",
        "Row 4", "- Place: South", "- Sales 2023: 9", "- Sales 2024: 10",
        "End of table."]


def test_a_cell_after_one_spanning_columns_and_rows_goes_to_the_next_free_column():
    def plain(*texts: str) -> list[pf.TableCell]:
        return [spanning(text) for text in texts]
    body = pf.TableBody(pf.TableRow(spanning("first half", columns=2), spanning("x", rows=4), spanning("y")),
                        *(pf.TableRow(*plain(*texts)) for texts in ("abc", "def", "ghi", "jklm")))
    head = pf.TableHead(pf.TableRow(*plain("Q1", "Q2", "Q3", "Q4")))
    found = reshaped(pf.Table(body, head=head, colspec=[("AlignDefault", "ColWidthDefault")] * 4)).split("\n")
    assert found == [
        "Table (5 rows)", "Row 1", "- Q1, Q2: first half", "- Q3: x", "- Q4: y",
        "Row 2", "- Q1: a", "- Q2: b", "- Q3: x", "- Q4: c", "Row 3", "- Q1: d", "- Q2: e", "- Q3: x", "- Q4: f",
        "Row 4", "- Q1: g", "- Q2: h", "- Q3: x", "- Q4: i",
        "Row 5", "- Q1: j", "- Q2: k", "- Q3: l", "- Q4: m", "End of table."]


def test_a_table_with_no_body_reads_its_head_and_foot():
    bare = pf.Table(head=pf.TableHead(row("Total", "Sum")), foot=pf.TableFoot(row("All", "12")))
    assert reshaped(bare).split("\n") == ["Table (1 row)", "Row 1", "- Total: All", "- Sum: 12", "End of table."]


def test_cells_of_several_blocks_keep_them_and_a_header_of_several_blocks_is_one_line():
    head = pf.TableHead(pf.TableRow(pf.TableCell(pf.Para(pf.Str("Name")), pf.Para(pf.Str("given"))),
                                    pf.TableCell(pf.Plain(pf.Str("Notes")))))
    body = pf.TableBody(pf.TableRow(pf.TableCell(pf.Plain(pf.Str("Ann")), pf.Para(pf.Str("Ada"))),
                                    pf.TableCell(pf.BulletList(pf.ListItem(pf.Plain(pf.Str("tall")))))))
    assert reshaped(pf.Table(body, head=head, caption=pf.Caption(pf.Para(pf.Str("People"))))).split("\n") == [
        "Table: People (1 row)", "Row 1", "- Name given: Ann", "Ada", "- Notes: ", "- tall", "End of table."]


def test_a_caption_of_several_paragraphs_keeps_its_words_apart():
    caption = pf.Caption(pf.Para(pf.Str("Rents")), pf.Plain(pf.Emph(pf.Str("per"), pf.Space(), pf.Str("year"))))
    assert reshaped(pf.Table(pf.TableBody(row("1")), caption=caption)).split("\n")[0] == "Table: Rents per year (1 row)"


# -- the large-print PDF's wide tables ---------------------------------------------------------

def test_a_cell_prints_its_words_and_code_but_not_the_page_maps_anchors():
    held = pf.TableCell(pf.Plain(pf.RawInline('#metadata(("block-anchor": 3))', format="typst"), pf.Str("Net"),
                                 pf.Space(), pf.Emph(pf.Str("rent")), pf.Space(), pf.Code("ab  cd")),
                        pf.Para(pf.Str("more")))
    assert pdf_large.printed_words(held) == ["Net", "rent", "ab", "cd", "more"]


def test_a_column_needs_its_longest_number_or_code_or_the_first_letters_of_its_longest_word():
    measured = table(["Name", "Code"], ["Hyphenation works", "AB-123456"], ["(abcdefgh)", "x"])
    # columns of 6 letters (a longer word hyphenates, its punctuation aside) and 9 characters
    assert pdf_large.needs(measured) == pytest.approx(((6 * 0.58 + 0.9) + (9 * 0.58 + 0.9)) * 18)
    short = pf.Table(pf.TableBody(row("ab", "1"), head=[row("Fruit", "Number 1234567")]))
    assert pdf_large.needs(short) == pytest.approx(((5 * 0.58 + 0.9) + (7 * 0.58 + 0.9)) * 18)
    assert pdf_large.needs(pf.Table(pf.TableBody(pf.TableRow(pf.TableCell())))) == 0
    headed = table(["Description of goods", "Qty"], ["ab", "1"])
    assert pdf_large.needs(headed) == pytest.approx(((6 * 0.58 + 0.9) + (3 * 0.58 + 0.9)) * 18)
    masked = table(["Account"], ["XXXXXXXXXX"])  # a word of ten letters, hyphenated like any other
    assert pdf_large.needs(masked) == pytest.approx((6 * 0.58 + 0.9) * 18)


def test_only_a_table_too_wide_for_large_print_is_read_row_by_row():
    narrow = table(["Item", "Cost"], ["Tea", "£1"])
    wide = table(["Reference", "Account", "Sort code", "Amount"],
                 ["GB29NWBK60161331926819", "31926819", "60-16-13", "1,250.00"],
                 caption="Payments")
    doc = ast(para("Before"), narrow, wide)
    read = pdf_large.linear_wide_tables(doc)
    assert [block["t"] for block in read["blocks"]] == ["Para", "Table", "Div"]
    assert read["blocks"][1] == doc["blocks"][1]
    assert [facts.stringify(line) for line in read["blocks"][2]["c"][1]] == [
        "Payments", "Reference: GB29NWBK60161331926819; Account: 31926819; Sort code: 60-16-13; Amount: 1,250.00"]
    assert [line["t"] for line in read["blocks"][2]["c"][1]] == ["Para", "Para"]


def test_a_document_without_tables_is_not_read_again():
    doc = ast(para("No tables here"))
    assert pdf_large.linear_wide_tables(doc) is doc
