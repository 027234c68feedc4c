"""The CSS cascade behind EPUB420: which colour, backdrop and size each element's text gets."""

from __future__ import annotations

from lxml import etree

from publish.lint.colour import contrast, from_hex, to_hex
from publish.lint.css import Cascade

PAGE = b"""<html xmlns="http://www.w3.org/1999/xhtml"><head><title>t</title></head><body>
<div id="box"><p id="plain">Text <em id="em">inherited</em></p>
<h1 id="h1">Heading</h1><p id="small" style="font-size: 0.75em">Small</p>
<p id="picture" style="background: url(tile.png)">Over a picture</p>
<p id="glass" style="background-color: rgba(0, 0, 0, 0.5)">On grey glass</p>
<p id="hover" class="x">Hover</p></div></body></html>"""


def styled(css: str) -> list:
    return list(Cascade([(css, "book.css")], lambda href, within: None).styles(etree.fromstring(PAGE)))


def styles(css: str) -> dict:
    """Each element's own style, by id."""
    return {e.get("id"): s for e, s, generated in styled(css) if e.get("id") and generated is None}


def drawn(css: str) -> list[tuple[str, str, str]]:
    """(element id, text, colour) of the text `::before` and `::after` draw."""
    return [(e.get("id"), generated, to_hex(s.colour)) for e, s, generated in styled(css) if generated is not None]


def test_specificity_order_and_importance_decide_and_colour_is_inherited():
    found = styles("p { color: #111 !important } div p { color: #222 } #plain { color: #333 } .x:hover { color: red }")
    assert to_hex(found["plain"].colour) == "111111"
    assert to_hex(found["em"].colour) == "111111" and found["em"].colour_from == "`p` (book.css:1)"
    assert to_hex(found["hover"].colour) == "111111"  # :hover never matches a page nobody points at


def test_print_media_is_ignored_and_screen_media_applies():
    found = styles("@media print { p { color: #eee } } @media screen { p { color: #444 } }")
    assert to_hex(found["plain"].colour) == "444444"


def test_sizes_follow_ems_and_headings_are_large():
    found = styles("body { font-size: 12pt }")
    assert found["h1"].size == 32 and found["h1"].large
    assert found["small"].size == 12 and not found["small"].large


def test_backdrops_are_painted_and_pictures_make_them_unknown():
    found = styles("#box { background-color: #000 }")
    assert found["picture"].backdrop is None and found["picture"].shown_colour is None
    assert to_hex(found["glass"].backdrop) == "000000"
    found = styles("")
    assert to_hex(found["glass"].backdrop) == "808080"
    assert round(contrast(found["glass"].shown_colour, found["glass"].backdrop), 1) == round(
        contrast(from_hex("000000"), from_hex("808080")), 1)


def test_text_drawn_before_and_after_elements_has_its_own_colour():
    found = drawn('#em::before { content: "(" counter(n) ") "; color: #aaa } #h1::after { content: attr(id) } '
                  '#plain::before { content: none; color: #eee } #small::after { color: #eee } '
                  '#hover::before { content: "" }')
    assert found == [("em", "(1)", "AAAAAA"), ("h1", "h1", "000000")]
