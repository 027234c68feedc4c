"""DOCX rules on the content: headings, lists, tables, images, links, spacing and colour."""

from __future__ import annotations

import re

from publish.lint.colour import contrast, from_hex, needed_ratio
from publish.lint.concerns import (
    BARE_URL_LINK, EMPTY_HEADING, EMPTY_LINK, HEADING_SKIPPED, VAGUE_LINK, Heading, Labelled,
)
from publish.lint.docx_document import OFF, DocxDocument, Paragraph, is_on, paragraph_text, val
from publish.lint.rule import Hit, Severity, capped, rule
from publish.vocabulary import is_file_name
from publish.xml import NS, qname

VML = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
DECORATIVE = "http://schemas.microsoft.com/office/drawing/2017/decorative"
BULLET = "•◦▪▫●○■□‣⁃"
TYPED_LIST = re.compile(rf"^\s*([{BULLET}]|[-–*]|\d{{1,2}}[.)]|[a-z][.)])\s+\S")
REPEATED_BLANKS = re.compile(r"[ \u00a0]{3,}|\t{2,}")
FIELD_WORD = re.compile(r'"([^"]*)"|(\S+)')  # a field instruction's words, quoted or bare
CODE_STYLE = re.compile(r"code|preformatted|plain text|verbatim", re.IGNORECASE)  # where spaces are the content
HIGHLIGHT = {"yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "magenta": "FF00FF", "blue": "0000FF",
             "red": "FF0000", "darkBlue": "000080", "darkCyan": "008080", "darkGreen": "008000",
             "darkMagenta": "800080", "darkRed": "800000", "darkYellow": "808000", "darkGray": "808080",
             "lightGray": "C0C0C0", "black": "000000", "white": "FFFFFF"}


def consecutive(paragraphs):
    """Runs of paragraphs that follow one another."""
    run = []
    for para in paragraphs:
        if run and para.number != run[-1].number + 1:
            yield run
            run = []
        run.append(para)
    if run:
        yield run


def objects(doc: DocxDocument):
    """(paragraph, drawing element, alt text, decorative) for every DrawingML object and VML image,
    in document order."""
    for frame in doc.body.iter(qname("wp:inline"), qname("wp:anchor"), f"{{{VML}}}imagedata"):
        if frame.tag == f"{{{VML}}}imagedata":
            shape = frame.getparent()  # v:shape, v:rect, ...
            yield doc.locate(shape), shape, (shape.get("alt") or frame.get(f"{{{OFFICE}}}title") or "").strip(), False
            continue
        props = frame.find("wp:docPr", NS)
        alt = " ".join(filter(None, (props.get("descr"), props.get("title")))).strip() if props is not None else ""
        decorative = props is not None and any(
            (mark.get("val") or "").lower() in ("1", "true") for mark in props.iter(f"{{{DECORATIVE}}}decorative"))
        yield doc.locate(frame), frame, alt, decorative


def where(para: Paragraph | None) -> str | None:
    return para.location if para else None


def object_name(frame) -> str:
    props = frame.find("wp:docPr", NS)
    name = props.get("name") if props is not None else frame.get("id")
    return f"`{name}`" if name else "an image"


@HEADING_SKIPPED.rule("DOCX", fix_file="Apply the Heading style one level below the heading before (Home > Styles)",
                      refs=("WCAG 2.2 SC 2.4.6", "Word checker: skipped heading levels"))
def heading_level_skipped(doc: DocxDocument):
    """## What it does
    Follows the heading styles (Heading 1-9, or any style with an outline level) in
    order and finds a heading more than one level below the one before it. The
    document's Title paragraph counts as level 1; a document without one must start
    at Heading 1.

    ## Why is this bad?
    Screen-reader users move through a document by its headings; a jump from level 1
    to level 3 makes them wonder what they missed.

    ## Example
    ```markdown
    ## Our recommendations
    #### First           <- skips level 3
    ```
    """
    return HEADING_SKIPPED.check(heading_facts(doc))


@EMPTY_HEADING.rule("DOCX", fix_file="Type the heading's text, or change the empty paragraph to the Normal style")
def empty_heading(doc: DocxDocument):
    return capped(EMPTY_HEADING.check(heading_facts(doc)))


def looks_like_heading(doc: DocxDocument, para: Paragraph) -> bool:
    text = para.text.strip()
    if para.level or para.in_table or para.numbered or not text or len(text) > 100 or text[-1] in ".,;:!?":
        return False
    if para.style.strip().lower() in ("title", "subtitle") or "\t" in text or in_contents(doc, para):
        return False
    runs = [r for r in para.element.iter(qname("w:r")) if doc.run_text(r).strip()]
    if not runs:
        return False
    bold = all(is_on(r.find("w:rPr/w:b", NS)) for r in runs)
    large = all(int(val(r.find("w:rPr/w:sz", NS)) or 0) >= 28 for r in runs)
    return bold or large


def in_contents(doc: DocxDocument, para: Paragraph) -> bool:
    """Whether a paragraph sits among table-of-contents entries (styles `toc 1`, `TOC Heading`...),
    where bold column labels ("Chapter", "Page") are not headings."""
    near = doc.paragraphs[max(para.number - 2, 0):para.number + 1]
    return any(p.style.strip().lower().startswith("toc") for p in near)


@rule("DOCX114", "fake-heading", Severity.WARNING, "Headings must use heading styles, not bold or large text",
      fix="Make the line a heading in {source} (`## Heading`), not `**bold text**`",
      fix_file="Apply a Heading style (Home > Styles > Heading 1, 2, ...) to the paragraph",
      refs=("WCAG 2.2 SC 1.3.1", "WCAG 2.2 SC 2.4.6", "Word checker: use heading styles"))
def fake_heading(doc: DocxDocument):
    """## What it does
    Finds short paragraphs outside tables and lists that are not in a heading style
    but are formatted by hand all bold or all 14 pt or larger, and do not end in
    punctuation: lines that look like headings to the eye. Formatting that comes from
    a named style (Title, Author, a definition term) is left alone, and so are lines
    set out in columns with tabs and lines beside table-of-contents entries: bold
    column labels such as "Chapter  Page" over a contents list are not headings.

    ## Why is this bad?
    A screen reader reads them as ordinary text: they are missing from the headings
    list, the navigation pane and the table of contents.

    ## Example
    ```markdown
    **Our recommendations**     <- looks like a heading, is a paragraph
    ### Our recommendations     <- a heading
    ```
    """
    yield from capped(Hit(f"{p.quote} looks like a heading (bold or large) but is in the `{p.style}` style",
                          p.location) for p in doc.paragraphs if looks_like_heading(doc, p))


@rule("DOCX123", "fake-list", Severity.ERROR, "Lists must be real lists, not typed bullets or numbers",
      fix="Write the list in {source} as a Markdown list: `- item` or `1. item` on lines of their own",
      fix_file="Select the paragraphs and apply Home > Bullets or Numbering; delete the typed characters",
      refs=("WCAG 2.2 SC 1.3.1", "Word checker: use lists"))
def fake_list(doc: DocxDocument):
    """## What it does
    Finds paragraphs that start with a typed "•", "-", "*" or "1." but are not in a
    Word list. A run of two or more counts; a single paragraph only when it starts
    with a bullet symbol.

    ## Why is this bad?
    A screen reader announces a real list and how many items it has; a typed one is
    just paragraphs, read with "bullet" before each, or "one full stop".

    ## Example
    Paragraphs typed as `• First`, `• Second` fail; the same made a bulleted list pass.
    """
    typed = [p for p in doc.paragraphs if not p.numbered and TYPED_LIST.match(p.text)]
    hits = []
    for group in consecutive(typed):
        marker = group[0].text.strip().split()[0]
        if len(group) > 1 or marker[0] in BULLET:
            items = f"{len(group)} paragraphs start" if len(group) > 1 else "a paragraph starts"
            hits.append(Hit(f"{items} with a typed “{marker}” instead of being a list, from {group[0].quote}",
                            group[0].location))
    yield from capped(hits)


@rule("DOCX115", "blank-spacing", Severity.WARNING, "Spacing must come from styles, not repeated blanks",
      fix="Rebuild with `{build}`; remove extra blank lines or spaces in {source} if they came from there",
      fix_file="Delete the repeated spaces, tabs or empty paragraphs; set spacing in the paragraph style instead",
      refs=("WCAG 2.2 SC 1.3.2", "Word checker: repeated blank characters"))
def blank_spacing(doc: DocxDocument):
    """## What it does
    Finds three or more spaces or two or more tabs in a row inside a paragraph (not
    in code, where spaces are the content), and two or more empty paragraphs in a
    row, used to push text into place.

    ## Why is this bad?
    A screen reader reads each empty paragraph as "blank", and the layout falls apart
    as soon as the reader enlarges the text or changes the page size.

    ## Example
    Three empty paragraphs between sections fail; "space after" in the style passes.
    """
    found = []  # (paragraph number, hit), to report in document order
    for para in doc.paragraphs:
        blanks = REPEATED_BLANKS.search(para.text)
        if blanks and para.text.strip() and not CODE_STYLE.search(para.style):
            kind = "tabs" if "\t" in blanks[0] else "spaces"
            found.append((para.number, Hit(f"{len(blanks[0])} {kind} in a row in {para.quote}", para.location)))
    for group in consecutive(p for p in doc.paragraphs if is_empty(p)):
        if len(group) > 1:
            found.append((group[0].number, Hit(f"{len(group)} empty paragraphs in a row", group[0].location)))
    yield from capped(hit for _, hit in sorted(found, key=lambda item: item[0]))


def is_empty(para: Paragraph) -> bool:
    """An empty paragraph that only makes space: no text, no object, no page or section break.
    Pictures and drawings are in the text already (as one object character); an embedded
    object (`w:object`) is not."""
    p = para.element
    return (not para.in_table and not para.text.strip() and p.find(".//w:object", NS) is None
            and p.find("w:pPr/w:sectPr", NS) is None
            and not any(val(br, "type") == "page" for br in p.iter(qname("w:br"))))


def tables(doc: DocxDocument):
    """(number, table, paragraph of its first cell) for every table, nested ones included."""
    for number, table in enumerate(doc.body.iter(qname("w:tbl")), start=1):
        first = table.find(".//w:p", NS)
        yield number, table, doc.paragraph_of.get(first)


def own_cells(table):
    return [cell for cell in table.iter(qname("w:tc"))
            if next(cell.iterancestors(qname("w:tbl")), None) is table]


def named(number: int, first: Paragraph | None) -> str:
    return f"table {number}" + (f" (starting {first.quote})" if first is not None and first.text.strip() else "")


@rule("DOCX112", "table-without-headers", Severity.ERROR, "Tables must have a header row",
      fix="Give the table a header row in {source}: in a pipe table, the row above `|---|`",
      fix_file="Select the first row and tick Table Layout > Repeat Header Rows",
      refs=("WCAG 2.2 SC 1.3.1", "Word checker: table has no header row"))
def table_without_header_row(doc: DocxDocument):
    """## What it does
    Checks that the first row of every data table is marked as a header row
    (`w:tblHeader`, "Repeat Header Rows" in Word). As Word's own checker does, it
    leaves layout tables alone: a table of one column or one row, and a table that
    nothing marks as having headers: no header row, the table look's "Header Row"
    option off (`w:tblLook`), and a first row not set apart in bold from the next. A
    table that says nothing of its look is taken as a data table.

    Why these are left alone: WCAG 1.3.1 asks that relationships a reader sees be
    programmatically determinable, and its failure F91 is headers shown but not marked.
    A table of one row or one column relates no cell to a header across it; a table
    with no header look and a plain first row shows no header to mark (a signature
    block, or a pandoc table written without a header, as in pandoc's own
    `golden_tables` and `table_one_row` test files). A first row that looks like
    headers (the header look, or bold over plain rows) and is not marked still fails.

    ## Why is this bad?
    Screen readers name each cell by its column header only when the table says
    which row holds the headers; otherwise a cell is read as a bare number.

    ## Example
    ```markdown
    | Region | 2024 |
    |--------|------|
    | North  | 15   |
    ```
    """
    for number, table, first in tables(doc):
        row = table.find("w:tr", NS)
        if row is not None and not is_on(row.find("w:trPr/w:tblHeader", NS)) and not layout_table(doc, table):
            yield Hit(f"{named(number, first)} has no header row", where(first))


def layout_table(doc: DocxDocument, table) -> bool:
    """A table used to place things on the page rather than to hold data (see DOCX112)."""
    rows = table.findall("w:tr", NS)
    if len(rows) < 2 or max(len(row.findall("w:tc", NS)) for row in rows) < 2:
        return True
    look = table.find("w:tblPr/w:tblLook", NS)
    if look is None:
        return False
    first_row = val(look, "firstRow")
    if first_row is not None:
        header_look = first_row.lower() not in OFF
    elif re.fullmatch(r"[0-9A-Fa-f]{1,4}", val(look) or ""):
        header_look = bool(int(val(look), 16) & 0x20)
    else:
        return False
    return not header_look and not (all_bold(doc, rows[0]) and not all_bold(doc, rows[1]))


def all_bold(doc: DocxDocument, row) -> bool:
    """Whether every run of text in a table row is bold, directly or through its styles."""
    runs = [(run, doc.paragraph_of.get(p)) for p in row.iter(qname("w:p")) for run in p.iter(qname("w:r"))
            if doc.run_text(run).strip()]
    return bool(runs) and all(para is not None and is_on(doc.run_property(run, para, "b")) for run, para in runs)


@rule("DOCX106", "irregular-table", Severity.WARNING, "Tables must be simple grids: no merged cells, no nesting",
      fix="Split the table in {source} into simple tables, one value per cell",
      fix_file="Split merged cells (Table Layout > Split Cells) and move nested tables out",
      refs=("WCAG 2.2 SC 1.3.1", "Word checker: merged or split cells", "Word checker: nested tables"))
def irregular_table(doc: DocxDocument):
    """## What it does
    Finds tables with merged cells (`w:gridSpan` over one column, `w:vMerge`) and
    tables inside table cells.

    ## Why is this bad?
    Screen readers count rows and columns to say where the reader is and which
    headers apply; merged and nested cells throw the count out.

    ## Example
    A header cell merged across two columns fails; two headers, one per column, pass.
    """
    for number, table, first in tables(doc):
        if next(table.iterancestors(qname("w:tbl")), None) is not None:
            yield Hit(f"{named(number, first)} is nested inside another table", where(first))
        merged = [c for c in own_cells(table) if int(val(c.find("w:tcPr/w:gridSpan", NS)) or 1) > 1
                  or c.find("w:tcPr/w:vMerge", NS) is not None]
        if merged:
            yield Hit(f"{named(number, first)} has {len(merged)} merged cell{'s' if len(merged) > 1 else ''}",
                      where(first))


@rule("DOCX116", "floating-object", Severity.WARNING, "Images and shapes must sit in line with the text",
      fix="Rebuild with `{build}`; the pipeline places every image in line",
      fix_file="Set the object's Layout Options > In Line with Text",
      refs=("WCAG 2.2 SC 1.3.2", "Word checker: object not inline"))
def floating_object(doc: DocxDocument):
    """## What it does
    Finds images and shapes anchored to float over or beside the text (`wp:anchor`)
    rather than placed in line with it (`wp:inline`).

    ## Why is this bad?
    A screen reader meets a floating object at its anchor, which may be far from
    where it appears, or not at all; keyboard users cannot reach it in order.

    ## Example
    A picture with "Square" text wrapping fails; "In Line with Text" passes.
    """
    yield from capped(Hit(f"{object_name(frame)} floats (anchored) instead of sitting in line with the text",
                          where(para))
                      for para, frame, _alt, _decorative in objects(doc) if frame.tag == qname("wp:anchor"))


@rule("DOCX201", "image-without-alt", Severity.ERROR, "Images and shapes must have alt text or be marked decorative",
      fix="Describe the image inside the brackets in {source}, `![What it shows](image.png)`, "
          "or mark it `{.decorative}`",
      fix_file="Right-click the image > View Alt Text, and describe it or tick Mark as decorative",
      refs=("WCAG 2.2 SC 1.1.1", "Word checker: missing alternative text"))
def image_without_alt(doc: DocxDocument):
    """## What it does
    Checks every picture, shape, chart and diagram (`wp:docPr` `descr` or `title`)
    and every VML image (`alt`, `o:title`) for alt text, unless it is marked
    decorative (Word's `adec:decorative`).

    ## Why is this bad?
    A screen reader says "image" or reads the file name; the reader learns nothing
    of what the image shows.

    ## Example
    ```markdown
    ![](chart.png)                                  <- fails
    ![Bar chart: reports rose from 12 to 15](chart.png)
    ![](ornament.png){.decorative}
    ```
    """
    yield from capped(Hit(f"{object_name(frame)} has no alt text", where(para))
                      for para, frame, alt, decorative in objects(doc) if not alt and not decorative)


@rule("DOCX207", "alt-text-is-file-name", Severity.ERROR, "Alt text must describe the image, not name its file",
      fix="Replace the file name inside the brackets in {source} with what the image shows",
      fix_file="Right-click the image > View Alt Text, and describe what it shows",
      refs=("WCAG 2.2 SC 1.1.1", "Word checker: missing alternative text"))
def alt_text_is_file_name(doc: DocxDocument):
    """## What it does
    Finds alt text that is a file name, such as `image1.png` or `IMG_2034.JPG`. An image
    marked decorative is not read out, so its leftover alt text is left alone.

    ## Why is this bad?
    Screen readers read it out letter by letter; it tells the reader nothing.

    ## Example
    `![chart.png](chart.png)` fails; `![Bar chart of reports by region](chart.png)` passes.
    """
    yield from capped(Hit(f"the alt text of {object_name(frame)} is a file name (“{alt}”)", where(para))
                      for para, frame, alt, decorative in objects(doc) if is_file_name(alt) and not decorative)


def heading_facts(doc: DocxDocument) -> list[Heading]:
    """Headings in body order; the first Title paragraph stands as level 1."""
    found = []
    for para in doc.paragraphs:
        level = 1 if para.style.strip().lower() == "title" and not found else para.level
        if level:
            found.append(Heading(level, para.text.strip(), para.location))
    return found


def link_facts(doc: DocxDocument) -> list[Labelled]:
    return [Labelled(text, where(para), f"link to `{target}`") for para, text, target in links(doc)]


def links(doc: DocxDocument):
    """(paragraph, link text, target) for every hyperlink, field-code links included."""
    for link in doc.body.iter(qname("w:hyperlink")):
        target = doc.relationships.get(link.get(qname("r:id")) or "", "") or f"#{val(link, 'anchor') or ''}"
        yield doc.locate(link), paragraph_text(link).strip(), target
    for field in doc.body.iter(qname("w:fldSimple")):
        target = field_link(val(field, "instr") or "")
        if target is not None:
            yield doc.locate(field), paragraph_text(field).strip(), target


def field_link(instruction: str) -> str | None:
    """Where a HYPERLINK field goes (`HYPERLINK "address" \\l "bookmark" \\o "tip"`); None for other fields."""
    words = [quoted or bare for quoted, bare in FIELD_WORD.findall(instruction)]
    if words[:1] != ["HYPERLINK"]:
        return None
    address = anchor = ""
    for before, word in zip(words, words[1:]):  # a switch's argument follows it
        if before.lower() == "\\l":
            anchor = word
        elif not (address or word.startswith("\\") or before.startswith("\\")):
            address = word
    return address + (f"#{anchor}" if anchor else "")


@EMPTY_LINK.rule("DOCX", fix_file="Right-click the link > Edit Hyperlink, and type words that say where it goes "
                                 "in Text to display", refs=("Word checker: unclear hyperlink text",))
def empty_link_text(doc: DocxDocument):
    """## What it does
    Finds hyperlinks (`w:hyperlink`, and `HYPERLINK` fields) with no text: no words and
    no picture inside. The finding names where the link goes.

    ## Why is this bad?
    A screen reader announces "link" and nothing more, or skips it; a sighted reader
    sees nothing to click.

    ## Example
    ```markdown
    [](https://example.org)       <- fails
    [Annual report](https://example.org)
    ```
    """
    return capped(EMPTY_LINK.check(link_facts(doc)))


@BARE_URL_LINK.rule("DOCX", fix_file="Right-click the link > Edit Hyperlink, and type words that say where it "
                                    "goes in Text to display", refs=("Word checker: unclear hyperlink text",))
def bare_url_link_text(doc: DocxDocument):
    return capped(BARE_URL_LINK.check(link_facts(doc)))


@VAGUE_LINK.rule("DOCX", fix_file="Right-click the link > Edit Hyperlink, and type words that say where it "
                                 "goes in Text to display", refs=("Word checker: unclear hyperlink text",))
def vague_link_text(doc: DocxDocument):
    return capped(VAGUE_LINK.check(link_facts(doc)))


def colour(value: str | None) -> str | None:
    return value.upper() if value and re.fullmatch(r"[0-9A-Fa-f]{6}", value) else None


def background(doc: DocxDocument, run, para: Paragraph) -> str:
    """What is behind a run: its highlight or shading, the paragraph's, the cell's, the page's, else white."""
    highlight = val(run.find("w:rPr/w:highlight", NS))
    p = para.element
    candidates = [HIGHLIGHT.get(highlight or ""), colour(val(doc.run_property(run, para, "shd"), "fill")),
                  colour(val(p.find("w:pPr/w:shd", NS), "fill")),
                  colour(val(doc.style_property(para.style_id, "w:pPr/w:shd"), "fill"))]
    cell = next(p.iterancestors(qname("w:tc")), None)
    if cell is not None:
        candidates.append(colour(val(cell.find("w:tcPr/w:shd", NS), "fill")))
    candidates.append(colour(val(doc.body.find("w:background", NS), "color")))
    return next((c for c in candidates if c), "FFFFFF")


def colour_source(doc: DocxDocument, run, para: Paragraph) -> str | None:
    """The name of the style that gives a run its colour; None when the run is coloured by hand."""
    if run.find("w:rPr/w:color", NS) is not None:
        return None
    for style_id in (val(run.find("w:rPr/w:rStyle", NS)), para.style_id):
        if doc.style_property(style_id, "w:rPr/w:color") is not None:
            return doc.styles[style_id].name  # found along its chain, so the style exists
    return "default paragraph font"


def low_contrast_runs(doc: DocxDocument):
    """One finding per cause: a style, or a colour set by hand, on one background; each says
    how many runs of text it covers and quotes the first."""
    found = {}  # (style or None, foreground, background, needed) -> [first hit's parts, places]
    for para in doc.paragraphs:
        for run in para.element.iter(qname("w:r")):
            words = doc.run_text(run).strip()
            foreground = colour(val(doc.run_property(run, para, "color")))
            if not words or foreground is None:  # "auto": Word picks black or white against the background
                continue
            behind = background(doc, run, para)
            size = int(val(doc.run_property(run, para, "sz")) or 22)
            needed = needed_ratio(size >= 36 or (size >= 28 and is_on(doc.run_property(run, para, "b"))))
            ratio = contrast(from_hex(foreground), from_hex(behind))
            if ratio < needed:
                key = (colour_source(doc, run, para), foreground, behind, needed)
                found.setdefault(key, [(words, ratio, para.location), 0])[1] += 1
    for (style, foreground, behind, needed), ((words, ratio, location), places) in found.items():
        quote = f"“{words[:40]}{'…' if len(words) > 40 else ''}”"
        cause = f"text in the style `{style}`" if style else f"the text {quote}, coloured by hand,"
        more = (f" in {places} places, the first {quote}" if style else f" (and {places - 1} more places like it)") \
            if places > 1 else (f": {quote}" if style else "")
        yield Hit(f"{cause} is #{foreground} on #{behind}, a contrast of {ratio:.1f}:1 (needs {needed:g}:1){more}",
                  location)


@rule("DOCX420", "low-contrast-text", Severity.ERROR,
      "Text must contrast with its background by at least 4.5:1 (3:1 for large text)",
      fix="Rebuild with `{build}`; the pipeline's styles use dark text on white",
      fix_file="Choose a darker text colour or a lighter shading (Home > Font Colour, Shading)",
      refs=("WCAG 2.2 SC 1.4.3", "Word checker: hard-to-read text contrast"))
def low_contrast_text(doc: DocxDocument):
    """## What it does
    Works out each run's colour through the style chain and what lies behind it (its
    highlight or shading, the paragraph's or table cell's shading, the page colour,
    else white), and finds text below 4.5:1 contrast, or 3:1 for large text (18 pt,
    or 14 pt bold). Automatic colour is left alone: Word adapts it. Runs that fail for
    the same cause (one style, or one colour set by hand, on one background) make one
    finding that names the style or quotes the run and counts the places.

    ## Why is this bad?
    Partially sighted readers and anyone reading in sunlight cannot make out pale
    grey on white or dark text on dark shading.

    ## Example
    Grey #999999 body text on white (2.8:1) fails; #595959 (7:1) passes.
    """
    yield from capped(low_contrast_runs(doc))

