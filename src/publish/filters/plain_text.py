"""plain_text: make structure visible in the plain-text edition, read line by line.

Plain text has no markup, so the structure is written in marks and words a braille
display or screen reader meets one line at a time:

- Headings are underlined, each level differently (the document title, written by the
  edition, has `#` above and below):

  level 1: `=` above and below    level 2: `=` below    level 3: `-` below
  level 4: `~` below              level 5: `^` below    level 6: `"` below

- Tables are linearised, never drawn: "Table: caption (N rows)", then each row as its
  own group, a line naming the row (its row header when the caption has
  `{.row-headers}`, else "Row N") followed by one list item per cell, "Column header:
  value", and "End of table." after the last row. A cell spanning several columns is
  named by all their headers; one spanning several rows is repeated in each.
- Link targets are written out after the link text; images are replaced by their alt
  text in brackets (decorative images are left out).
- Struck-out text is said in words, `[Struck out: twice]`: pandoc's `~~twice~~` reaches a
  braille display as four tildes that say nothing.

Editions: txt (pandoc format `plain`); other formats pass through unchanged.
Metadata: none.
"""

import panflute as pf

from publish.filterkit import Filter, run_script
from publish.vocabulary import STRUCK_OUT

FORMATS = ("plain",)

WIDTH = 72
RULES = {1: "=", 2: "=", 3: "-", 4: "~", 5: "^", 6: '"'}  # level 1 also has its rule above


def spaced(text: str) -> list[pf.Inline]:
    """Words as Str and Space, so the writer can wrap between them."""
    return [item for word in text.split() for item in (pf.Space(), pf.Str(word))][1:]


def underlined(heading: pf.Header) -> pf.Para:
    rule = pf.Str(RULES[min(heading.level, 6)] * min(len(pf.stringify(heading)), WIDTH))
    above = [rule, pf.LineBreak()] if heading.level == 1 else []
    return pf.Para(*above, *heading.content, pf.LineBreak(), rule)


def places(rows) -> list[list[tuple[range, pf.TableCell]]]:
    """Each row's cells with the columns they cover; a cell spanning rows is in each of them."""
    carried: list[tuple[int, pf.TableCell, int]] = []  # (first column, cell, rows still to cover)
    found = []
    for row in rows:
        taken = {start: cell for start, cell, _ in carried}
        carried = [(start, cell, left - 1) for start, cell, left in carried if left > 1]
        column = 0
        for cell in row.content:
            while column in taken:
                column += taken[column].colspan
            taken[column] = cell
            if cell.rowspan > 1:
                carried.append((column, cell, cell.rowspan - 1))
            column += cell.colspan
        found.append([(range(start, start + cell.colspan), cell) for start, cell in sorted(taken.items())])
    return found


def column_names(head_rows) -> dict[int, str]:
    """Each column's header text; with several header rows, their texts in order."""
    names: dict[int, list[str]] = {}
    for row in places(head_rows):
        for columns, cell in row:
            text = " ".join(pf.stringify(cell).split())
            for column in columns:
                if text and text not in names.setdefault(column, []):
                    names[column].append(text)
    return {column: " ".join(texts) for column, texts in names.items()}


def inlines(blocks) -> list[pf.Inline]:
    """A cell's text as one line's worth of inlines (a cell of several blocks is flattened)."""
    if len(blocks) == 1 and isinstance(blocks[0], (pf.Plain, pf.Para)):
        return list(blocks[0].content)
    return spaced(pf.stringify(pf.Div(*blocks)))


def label(names: dict[int, str], columns: range) -> str:
    """The headers of the columns a cell covers."""
    return ", ".join(dict.fromkeys(names[column] for column in columns if names.get(column)))


def cell_item(label: str, cell: pf.TableCell) -> pf.ListItem:
    """One cell as "Header: value"; a value of several blocks keeps them after the first."""
    blocks = list(cell.content) or [pf.Plain(pf.Str("(empty)"))]
    first, rest = (blocks[0], blocks[1:]) if isinstance(blocks[0], (pf.Plain, pf.Para)) else (pf.Plain(), blocks)
    lead = spaced(f"{label}:") + [pf.Space()] if label else []
    return pf.ListItem(pf.Plain(*lead, *first.content), *rest)


def linearised(table: pf.Table) -> list[pf.Block]:
    """The table as a caption line, then per row a naming line and a list of "Header: value" items."""
    names = column_names(table.head.content)  # panflute gives every table a head, foot and caption, maybe empty
    row_head = max((body.row_head_columns for body in table.content), default=0) or int("row-headers" in table.classes)
    rows = [row for body in table.content for row in (*body.head, *body.content)]
    rows += list(table.foot.content)
    caption = inlines(list(table.caption.content))
    count = f"({len(rows)} row{'' if len(rows) == 1 else 's'})"
    blocks: list[pf.Block] = [pf.Para(pf.Str("Table:" if caption else "Table"), pf.Space(), *caption,
                                      *([pf.Space()] if caption else []), *spaced(count))]
    for number, row in enumerate(places(rows), 1):
        heads = [cell for columns, cell in row if columns.start < row_head]
        title = [item for cell in heads for item in [pf.Str(","), pf.Space(), *inlines(cell.content)]][2:]
        items = [cell_item(label(names, columns), cell) for columns, cell in row if columns.start >= row_head]
        blocks += [pf.Para(*(title or spaced(f"Row {number}"))), pf.BulletList(*items)]
    return blocks + [pf.Para(*spaced("End of table."))]


def show_structure(elem: pf.Element, doc: pf.Doc):
    if doc.format != "plain":
        return None
    if isinstance(elem, pf.Header):
        return underlined(elem)
    if isinstance(elem, pf.Link):
        text = pf.stringify(elem).strip()
        target = elem.url.removeprefix("mailto:")
        if elem.url.startswith("#") or text == target:
            return None
        return [*elem.content, pf.Space(), pf.Str(f"({target})")]
    if isinstance(elem, pf.Image):
        if "decorative" in elem.classes:
            return []
        return spaced(f"[Image: {pf.stringify(elem).strip()}]")
    if isinstance(elem, pf.Table):
        return linearised(elem)
    if isinstance(elem, pf.Strikeout):
        return [*spaced(f"[{STRUCK_OUT[0].capitalize()}:"), pf.Space(), *elem.content, pf.Str("]")]
    return None


FILTER = Filter(show_structure, (pf.Header, pf.Link, pf.Image, pf.Table, pf.Strikeout))


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
