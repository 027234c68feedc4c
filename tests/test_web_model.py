"""The web model (lint/web.py) reads a page as a screen reader does: an image by its alt text,
an element's name from aria-labelledby, aria-label, its content, then its title, and nothing of
what is hidden from everyone. Written for mutants that `make mutation` found alive."""

from __future__ import annotations

from publish.lint import Settings, lint_bytes, selector

PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Residents</title></head><body><main>
<h1><img src="logo.png" alt="Residents' Association"></h1>
<h2><em>Housing</em></h2>
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


def test_headings_are_read_with_the_alt_text_of_their_images():
    assert findings("HTML111") == []


def test_link_names_come_from_label_content_then_title_and_hidden_links_have_none():
    assert findings("HTML307") == [
        "8: link text “Read more” does not say where the link goes",
        "9: link text “More” does not say where the link goes",
        "10: link text “Link” does not say where the link goes",
    ]
