"""The web model (lint/web.py) reads a page as a screen reader does: an image by its alt text,
an element's name from aria-labelledby, aria-label, its content, then its title, and nothing of
what is hidden from everyone, and a data table's header cells. Written for mutants that `make mutation`
found alive."""

from __future__ import annotations

from publish.lint import Settings, lint_bytes, selector

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Residents</title></head><body><main>
<h1><img src="logo.png" alt="Residents' Association"></h1>
<h2><em>Housing</em></h2>
<h2><!-- a note to the editor --></h2>
<div hidden=""><a href="/a">click here</a></div>
<p aria-hidden="true"><a href="/b">click here</a></p>
<p><a href="/c" aria-label="The housing report">here</a>,
<a href="/d"><img src="r.png" alt="Read more"></a>,
<a href="/e" title="More"> </a>,
<span id="label">Link</span> <a href="/f" aria-labelledby="label">the rents table</a>.</p>
</main></body></html>
"""


def findings(code: str) -> list[str]:
    checked = lint_bytes(PAGE.encode("utf-8"), "page.html", Settings(selector([code])))
    return [f"{f.location}: {f.message}" for f in checked.findings]


def test_headings_are_read_with_the_alt_text_of_their_images_and_without_comments():
    assert findings("HTML111") == ["5: a level 2 heading has no text"]


def test_link_names_come_from_label_content_then_title_and_hidden_links_have_none():
    assert findings("HTML307") == [
        "9: link text “Read more” does not say where the link goes",
        "10: link text “More” does not say where the link goes",
        "11: link text “Link” does not say where the link goes",
    ]


def test_names_of_images_headings_and_links_as_a_screen_reader_reads_them():
    from lxml import html

    from publish.lint.web import Part, heading_facts, name, text

    page = Part("", html.fromstring(
        '<main><span id="a">Annual</span><span id="b">report</span>'
        '<h2 role="heading" aria-labelledby="a b">Report<!-- draft --></h2>'
        '<a href="/r"><img src="r.png"></a><img id="logo" src="l.png" alt="Logo"><img id="bare" src="b.png"></main>'),
        ns="")
    assert [h.label for h in heading_facts(page)] == ["Annual report"]
    assert text(page.root.find(".//a")) == ""  # an image without alt gives a link no words
    assert name(page, page.root.get_element_by_id("logo")) == "Logo"
    assert name(page, page.root.get_element_by_id("bare")) == ""


TABLES = """<body><p><th>Stray</th></p>
<table><tr><td>corner</td><th>Rent</th><th hidden="">Gone</th><th><span id="l">Service</span></th>
<th aria-labelledby="l"></th></tr></table>
<table role="none"><tr><th>Layout</th></tr></table>
<table role="presentation"><tr><th>Layout</th></tr></table>
<table><tr><th>Later</th></tr></table></body>"""


def test_header_cells_of_data_tables_with_their_names_and_columns():
    from lxml import etree

    from publish.lint import html, web

    xhtml = web.Part("ch.xhtml", etree.fromstring(f'<html xmlns="{web.NS["xhtml"]}">{TABLES}</html>'))
    page = html.load(f"<html>{TABLES}</html>".encode("utf-8"))
    for part, file in ((xhtml, "ch.xhtml:"), (page, "")):
        assert [(c.label, c.where, c.what) for c in web.header_cells(part)] == [
            ("Rent", f"{file}2", "the header cell in column 2"),
            ("Service", f"{file}2", "the header cell in column 4"),
            ("Service", f"{file}3", "the header cell in column 5"),
            ("Later", f"{file}6", "the header cell in column 1"),
        ]
