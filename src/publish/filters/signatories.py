"""signatories: the `::: signatories` block becomes a checked, structured list.

Each list item names one or more people (`[Name]{.name}`, joined by `&` when they
sign together), an optional role (`[Director]{.role}`) and an organisation
(`[Burma Campaign]{.organisation}`). The filter checks every item has a name and an
organisation, and rewrites it in one order, `Name, Role, Organisation`, so every
edition gets the same list: a real list in HTML, EPUB, DOCX and the tagged PDF, and
one entry per signatory in plain text. HTML and EPUB keep the classes on each part.
Editions: all. Metadata: none.
"""

import panflute as pf

from publish.filterkit import Filter, problem, run_script

FORMATS = ()

PARTS = ("name", "role", "organisation")


def spans_of(item: pf.ListItem) -> dict[str, list[str]]:
    found = {part: [] for part in PARTS}

    def collect(elem, doc):
        if isinstance(elem, pf.Span):
            for part in PARTS:
                if part in elem.classes:
                    found[part].append(pf.stringify(elem).strip())

    item.walk(collect)
    return found


def span(text: str, part: str) -> pf.Span:
    return pf.Span(pf.Str(text), classes=[part])


def signatory_item(item: pf.ListItem) -> pf.ListItem:
    parts = spans_of(item)
    text = pf.stringify(item).strip()
    if not parts["name"]:
        raise problem("signatory has no name", "wrap the person's name as [Full Name]{.name}", needle=text)
    if len(parts["organisation"]) != 1:
        raise problem("signatory needs exactly one organisation",
                      "wrap the organisation as [Organisation]{.organisation}", needle=parts["name"][0])
    inlines = []
    for index, name in enumerate(parts["name"]):
        if index:
            inlines += [pf.Space(), pf.Str("&"), pf.Space()]
        inlines.append(span(name, "name"))
    for part in ("role", "organisation"):
        for value in parts[part]:
            inlines += [pf.Str(","), pf.Space(), span(value, part)]
    return pf.ListItem(pf.Plain(*inlines))


def structure_signatories(elem: pf.Element, doc: pf.Doc):
    if not (isinstance(elem, pf.Div) and "signatories" in elem.classes):
        return None
    lists = [block for block in elem.content if isinstance(block, pf.BulletList)]
    if len(lists) != 1 or len(elem.content) != 1:
        raise problem("the signatories block must hold one bullet list and nothing else",
                      "write one `- [Name]{.name}, [Role]{.role}, [Organisation]{.organisation}` line per signatory",
                      needle="::: signatories")
    items = [signatory_item(item) for item in lists[0].content]
    elem.identifier = elem.identifier or "signatory-list"
    elem.content = [pf.BulletList(*items)]
    return elem


FILTER = Filter(structure_signatories, (pf.Div,))


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
