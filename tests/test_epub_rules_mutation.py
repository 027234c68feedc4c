"""The EPUB rules and their model on small books, each case asserting the exact findings: the
corners the rule fixtures do not reach (image maps and image buttons, named images, tables
with row groups, the navigation document's own lists, comma lists in the metadata, page
breaks marked by role alone, damaged overlays), written where mutation testing
(`make mutation`) showed a change going unseen."""

from __future__ import annotations

import pytest

from publish.lint import Settings, lint_file, selector
from publish.lint.compare import Expected
from test_lint_epub import epub, generator
from test_rules import render

MAKE = generator()
OPF, NAV, CH = MAKE.OPF_, MAKE.NAV_, MAKE.CH_
END = "<p>The end.</p>"  # line 11 of the chapter


def lint_book(tmp_path, codes: str, files: dict, says: str | None = None) -> list[str]:
    """The findings of the rules `codes` names (codes or prefixes, space-separated) on the book
    `files`, rendered one a line; `says`, the text the book should have, if any."""
    expected = (lambda _fmt: Expected(says)) if says is not None else None
    checked = lint_file(epub(files, tmp_path / "book.epub"), Settings(selector(codes.split()), expected))
    assert checked.readable
    return render(checked.findings).splitlines()


def lint(tmp_path, code: str, changes: list) -> list[str]:
    """The findings of rule `code` on the fixtures' clean book with `changes`."""
    return lint_book(tmp_path, code, MAKE.book(changes))


def at_end(html: str) -> list:
    """`html` in place of the chapter's last paragraph, which is on line 11."""
    return [(CH, END, html)]


def metadata(*metas: str) -> list:
    return [(OPF, MAKE.CLOSE_META, "".join(metas) + MAKE.CLOSE_META)]


def meta(prop: str, value: str) -> str:
    return f'<meta property="{prop}">{value}</meta>'


def second_chapter(html: str) -> list:
    return MAKE.second_chapter(html)


def test_image_maps_and_image_buttons_need_alt_but_other_inputs_and_named_images_do_not(tmp_path):
    html = ('<input type="text" name="q"/>\n'
            '<img src="dot.png" role="presentation"/>\n'
            '<img src="dot.png" aria-label="A red dot"/>\n'
            '<img src="dot.png" aria-labelledby="cap"/><p id="cap">A red dot</p>\n'
            '<img src="dot.png" title="A red dot"/>\n'
            '<map name="m"><area href="text/ch001.xhtml#start" shape="rect" coords="0,0,1,1"/></map>\n'
            '<input type="image" src="go.png"/>\n'
            '<input type="image" src="go.png" alt="Go"/>\n'
            '<img src="dot.png" role="none"/><img src="blank.png"/>')
    assert lint(tmp_path, "EPUB201", at_end(html)) == [
        "EPUB/text/ch001.xhtml:16: EPUB201 error: image-map area `text/ch001.xhtml#start` has no alt text",
        "EPUB/text/ch001.xhtml:17: EPUB201 error: image button `go.png` has no alt text",
        "EPUB/text/ch001.xhtml:19: EPUB201 error: image `blank.png` has no alt text",
    ]


def test_a_web_page_and_a_book_with_the_same_images_get_the_same_findings(tmp_path):
    """One decision for the HTML and EPUB editions: HTML201 once knew only <img alt>."""
    html = ('<img src="dot.png" role="presentation"/>\n<img src="dot.png" aria-label="A red dot"/>\n'
            '<map name="m"><area href="#start" shape="rect" coords="0,0,1,1"/></map>\n'
            '<input type="image" src="go.png"/>\n<img src="blank.png"/>')
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html>\n<html lang="en-GB">\n<head><title>T</title></head>\n<body><main>\n{html}\n'
                    "</main></body></html>\n", encoding="utf-8")
    in_page = render(lint_file(page, Settings(selector(["HTML201"]))).findings).splitlines()
    in_book = lint(tmp_path, "EPUB201", at_end(html))
    assert [line.split(": ", 1)[1].replace("HTML", "") for line in in_page] == [
        line.split(": ", 1)[1].replace("EPUB", "") for line in in_book] == [
        "201 error: image-map area `#start` has no alt text", "201 error: image button `go.png` has no alt text",
        "201 error: image `blank.png` has no alt text"]


def test_informative_images_with_empty_alt_unless_named_otherwise(tmp_path):
    html = ('<img src="deco.png" alt=""/>\n'
            '<img src="other.png" alt="" epub:type="figure"/>\n'
            '<img src="cover.png" alt="" role="doc-cover" aria-labelledby="cap"/><p id="cap">The cover</p>\n'
            '<img src="chart.png" alt="" role="img"/>\n'
            '<img src="cover2.png" alt="" epub:type="cover"/>\n'
            '<img src="cover3.png" alt=" " role="doc-cover"/>')
    assert lint(tmp_path, "EPUB206", at_end(html)) == [
        "EPUB/text/ch001.xhtml:14: EPUB206 error: cover image `chart.png` has empty alt text",
        "EPUB/text/ch001.xhtml:15: EPUB206 error: cover image `cover2.png` has empty alt text",
        "EPUB/text/ch001.xhtml:16: EPUB206 error: cover image `cover3.png` has empty alt text",
    ]


def test_the_alternative_text_claim_names_each_image_as_the_image_rules_do(tmp_path):
    html = ('<map name="m"><area href="text/ch001.xhtml#start" shape="rect" coords="0,0,1,1"/></map>\n'
            '<img src="cover.png" alt="" role="doc-cover"/>\n'
            '<img alt="" role="img"/>\n'
            '<input type="image"/>')
    assert lint(tmp_path, "EPUB015", at_end(html)) == [
        "EPUB/text/ch001.xhtml:11: EPUB015 error: alternativeText is claimed but image-map area "
        "`text/ch001.xhtml#start` has no alt text",
        "EPUB/text/ch001.xhtml:12: EPUB015 error: alternativeText is claimed but cover image `cover.png` "
        "has empty alt text",
        "EPUB/text/ch001.xhtml:13: EPUB015 error: alternativeText is claimed but cover image with no source "
        "has empty alt text",
        "EPUB/text/ch001.xhtml:14: EPUB015 error: alternativeText is claimed but image button with no source "
        "has no alt text",
    ]


def test_row_headers_are_found_in_row_groups_and_not_in_nested_tables(tmp_path):
    html = ('<table><caption>Replies</caption>\n'
            '<thead><tr><th>Month</th><th>Replies</th></tr></thead>\n'
            '<tbody><tr><th>May</th><td>12</td></tr></tbody>\n'
            '</table>\n'
            '<table><caption>Outer</caption>\n'
            '<tr><th>Name</th><td><table><caption>Inner</caption><tr><td>a</td></tr><tr><th>b</th></tr></table></td></tr>\n'
            '</table>')
    assert lint(tmp_path, "EPUB107", at_end(html)) == [
        "EPUB/text/ch001.xhtml:12: EPUB107 warning: header cell `Month` has no valid scope",
        "EPUB/text/ch001.xhtml:12: EPUB107 warning: header cell `Replies` has no valid scope",
        "EPUB/text/ch001.xhtml:13: EPUB107 warning: header cell `May` has no valid scope",
        "EPUB/text/ch001.xhtml:16: EPUB107 warning: header cell `b` has no valid scope",
    ]


def test_every_kind_of_list_holds_only_items_unless_it_plays_another_role(tmp_path):
    html = ('<ol><p>One</p></ol>\n'
            '<ul role="list"><p>Two</p></ul>\n'
            '<menu><p>Three</p></menu>\n'
            '<ul role="tablist"><p>Four</p></ul>')
    assert lint(tmp_path, "EPUB125", at_end(html)) == [
        "EPUB/text/ch001.xhtml:11: EPUB125 error: <ol> contains <p>, not only <li>",
        "EPUB/text/ch001.xhtml:12: EPUB125 error: <ul> contains <p>, not only <li>",
        "EPUB/text/ch001.xhtml:13: EPUB125 error: <menu> contains <p>, not only <li>",
    ]


def test_links_in_the_navigation_lists_are_left_to_the_navigation_rules(tmp_path):
    """toc, page-list and landmarks entries are checked by EPUB311 and EPUB312; EPUB308 takes every other link,
    after an anchor without href, a link to another site and one relative to the protocol."""
    changes = [(NAV, 'href="text/ch001.xhtml#end"', 'href="text/ch001.xhtml#gone"'),
               (NAV, 'href="text/ch001.xhtml">Start', 'href="text/gone.xhtml">Start'),
               (NAV, "</body>", '<nav epub:type="page-list" hidden="hidden"><ol><li><a href="text/ch001.xhtml#p9">9</a>'
                                '</li></ol></nav>\n<p><a href="text/ch001.xhtml#nowhere">Elsewhere</a></p>\n</body>'),
               (CH, END, '<p><a id="here">anchor</a> <a href="//example.org/x">away</a> '
                         '<a href="#missing">missing</a></p>')]
    assert lint(tmp_path, "EPUB308", changes) == [
        "EPUB/text/ch001.xhtml:11: EPUB308 error: link `#missing` leads to no element in `EPUB/text/ch001.xhtml`",
        "EPUB/nav.xhtml:16: EPUB308 error: link `text/ch001.xhtml#nowhere` leads to no element in `EPUB/text/ch001.xhtml`",
    ]


def test_accessibility_metadata_splits_only_sufficient_access_modes_on_commas(tmp_path):
    changes = metadata(meta("schema:accessModeSufficient", "textual, visual"),
                       meta("schema:accessModeSufficient", "textual,"),
                       meta("schema:accessModeSufficient", "auditory,sound"),
                       meta("schema:accessMode", "textual,visual"),
                       meta("schema:accessMode", ""),
                       meta("schema:accessMode", "vis<!-- a note -->ual"))
    line = "EPUB/package.opf:17: EPUB011 error:"
    assert lint(tmp_path, "EPUB011", changes) == [
        f"{line} schema:accessMode value `textual,visual` is not in the vocabulary",
        f"{line} schema:accessMode value `` is not in the vocabulary",
        f"{line} schema:accessModeSufficient value `sound` is not in the vocabulary",
    ]


@pytest.mark.parametrize("code", ["EPUB013", "EPUB014"])
def test_a_conformance_statement_of_none_is_no_claim(tmp_path, code):
    changes = [(OPF, '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>',
                '<meta property="dcterms:conformsTo"> no<!-- really -->ne </meta>'),
               (OPF, '<meta property="a11y:certifiedBy">Fixture Press</meta>', "")]
    assert lint(tmp_path, code, changes) == []


def test_a_conformance_claim_is_read_across_a_comment(tmp_path):
    changes = [(OPF, "WCAG 2.2 Level AA</meta>", "WCAG 2.2 <!-- checked -->Level AA</meta>")]
    assert lint(tmp_path, "EPUB013", changes) == []


def test_the_contents_may_begin_with_a_whole_document_and_list_one_place_twice(tmp_path):
    changes = [(NAV, '<li><a href="text/ch001.xhtml#start">Start</a></li>',
                '<li><a href="text/ch001.xhtml">Chapter</a></li>\n<li><a href="text/ch001.xhtml#start">Start</a></li>\n'
                '<li><a href="text/ch001.xhtml#start">Start again</a></li>'),
               (NAV, '<li><a href="text/ch001.xhtml#end">End</a></li>',
                '<li><a href="text/ch001.xhtml#end">End</a></li>\n<li><a href="text/ch002.xhtml">Two</a></li>\n'
                '<li><a href="text/ch002.xhtml#later">Later</a></li>'),
               *second_chapter('<h2 id="later">Later</h2>')]
    assert lint(tmp_path, "EPUB311", changes) == []


def test_a_toc_entry_pointing_at_nothing_is_reported_where_it_is(tmp_path):
    changes = [(NAV, 'href="text/ch001.xhtml#end"', 'href="text/ch001.xhtml#gone"')]
    assert lint(tmp_path, "EPUB311", changes) == [
        "EPUB/nav.xhtml:9: EPUB311 error: toc entry `text/ch001.xhtml#gone` points at nothing in the reading order",
    ]


def test_the_page_list_order_skips_entries_that_point_at_nothing(tmp_path):
    changes = [(NAV, "</body>", '<nav epub:type="page-list" hidden="hidden"><ol>\n'
                                '<li><a href="text/ch001.xhtml#p0">0</a></li>\n'
                                '<li><a href="text/ch001.xhtml#p2">2</a></li>\n'
                                '<li><a href="text/ch001.xhtml#p1">1</a></li>\n</ol></nav>\n</body>'),
               (CH, END, '<span id="p1" epub:type="pagebreak" role="doc-pagebreak" aria-label="1"/>\n'
                         '<span id="p2" epub:type="pagebreak" role="doc-pagebreak" aria-label="2"/>')]
    assert lint(tmp_path, "EPUB315", changes) == [
        "EPUB/nav.xhtml:18: EPUB315 error: page-list entry `text/ch001.xhtml#p1` comes before the entry above it "
        "in the reading order",
    ]


def test_page_breaks_are_marked_by_epub_type_or_by_role_and_only_in_the_reading_order(tmp_path):
    changes = [(CH, END, '<span id="p2" role="doc-pagebreak" aria-label="2"/>\n'
                         '<span id="p3" epub:type="pagebreak" aria-label="3"/>\n'
                         '<span id="p4" epub:type="chapter" role="note"/>'),
               (NAV, "<h1>Contents</h1>", '<h1>Contents</h1><span id="p0" epub:type="pagebreak" role="doc-pagebreak"/>')]
    assert lint(tmp_path, "EPUB313", changes) == [
        "EPUB/text/ch001.xhtml:11: EPUB313 warning: page break `p2` is not in the page list",
        "EPUB/text/ch001.xhtml:12: EPUB313 warning: page break `p3` is not in the page list",
    ]


OVERLAY = ('<smil xmlns="http://www.w3.org/ns/SMIL" xmlns:epub="http://www.idpf.org/2007/ops" version="3.0">'
           '<body>{}</body></smil>')


def overlay(pars: str) -> list:
    return [(OPF, '  <item id="dot"', '  <item id="mo" href="text/ch001.smil" media-type="application/smil+xml"/>\n'
                                      '  <item id="dot"'),
            ("EPUB/text/ch001.smil", "", OVERLAY.format(pars))]


def test_overlay_pars_without_a_text_source_are_passed_over(tmp_path):
    changes = [*at_end('<span id="p1" epub:type="pagebreak" role="doc-pagebreak" aria-label="1"/>'),
               *overlay('<par id="a"><text/></par>\n<par id="b"><audio src="b.mp3"/></par>\n'
                        '<par id="c"><text src="ch001.xhtml#p1"/></par>')]
    assert lint(tmp_path, "EPUB314", changes) == [
        "EPUB/text/ch001.smil:3: EPUB314 warning: the overlay reads page break `p1` aloud without "
        'epub:type="pagebreak"',
    ]


def test_names_stored_without_the_utf8_flag_and_a_percent_encoded_package_path_are_found(tmp_path):
    """Some ZIP tools store a name's UTF-8 bytes without saying so (Python then reads CP437), and the
    container's full-path is a URL: both must lead to the file, so that its content is checked."""
    files = MAKE.book([*at_end('<img src="dot.png"/>'),
                       ("META-INF/container.xml", 'full-path="EPUB/package.opf"', 'full-path="EPUB/pack%20age.opf"'),
                       (OPF, 'href="text/ch001.xhtml"', 'href="text/caf%C3%A9.xhtml"'),
                       (NAV, "text/ch001.xhtml#start", "text/caf%C3%A9.xhtml#start"),
                       (NAV, "text/ch001.xhtml#end", "text/caf%C3%A9.xhtml#end")])
    files["EPUB/pack age.opf"] = files.pop(OPF)
    files["EPUB/text/cafQQ.xhtml"] = files.pop(CH)  # renamed below, in the archive's bytes
    path = epub(files, tmp_path / "book.epub")
    path.write_bytes(path.read_bytes().replace(b"cafQQ", "café".encode()))
    checked = lint_file(path, Settings(selector(["EPUB201", "EPUB311", "EPUB9"])))
    assert checked.readable
    assert render(checked.findings).splitlines() == [
        "EPUB/text/café.xhtml:11: EPUB201 error: image `dot.png` has no alt text",
    ]


def test_a_manifest_item_without_href_is_reported_and_the_items_after_it_still_read(tmp_path):
    changes = [(OPF, '<item id="ch001"', '<item id="stray" media-type="image/png"/>\n  <item id="ch001"'),
               *at_end('<img src="dot.png"/>')]
    checked = lint_file(epub(MAKE.book(changes), tmp_path / "book.epub"), Settings(selector(["EPUB201", "EPUB904"])))
    assert render(checked.findings).splitlines() == [
        "EPUB/package.opf:20: EPUB904 error: manifest item `stray` has no href, so names no file",
        "EPUB/text/ch001.xhtml:11: EPUB201 error: image `dot.png` has no alt text",
    ]


FIXED_LAYOUT = metadata(meta("rendition:layout", "pre-paginated"))
PAGES_OUT_OF_ORDER = [(NAV, "</body>", '<nav epub:type="page-list" hidden="hidden"><ol>\n'
                                       '<li><a href="text/ch001.xhtml#end">2</a></li>\n'
                                       '<li><a href="text/ch001.xhtml#start">1</a></li>\n</ol></nav>\n</body>'),
                      *at_end('<span id="p9" epub:type="pagebreak" role="doc-pagebreak" aria-label="9"/>')]
A11Y_CLAIM = '<meta property="dcterms:conformsTo">EPUB Accessibility 1.1 - WCAG 2.2 Level AA</meta>'

# what the rule fixtures do not show: (rule, changes to the clean book, its findings)
RULE_CASES = {
    "xml:lang in the text is checked": (
        "EPUB005", at_end('<p xml:lang="en_GB">The end.</p>'),
        ["EPUB/text/ch001.xhtml:11: EPUB005 error: language `en_GB` is not a BCP 47 language tag such as en-GB"]),
    "a package without xml:lang": (
        "EPUB023", [(OPF, ' xml:lang="en"', "")], ["EPUB/package.opf:2: EPUB023 warning: <package> has no xml:lang"]),
    "an EPUB 2 package needs no xml:lang": (
        "EPUB023", [(OPF, 'version="3.0" xml:lang="en"', 'version="2.0"')], []),
    "no accessModeSufficient": (
        "EPUB010", [(OPF, meta("schema:accessModeSufficient", "textual"), "")],
        ["EPUB/package.opf: EPUB010 warning: package metadata has no schema:accessModeSufficient"]),
    "the 2022 draft's identifier and the 1.0 address are claims": (
        "EPUB013", [(OPF, A11Y_CLAIM, meta("dcterms:conformsTo", "EPUB-A11Y-11_WCAG-21-AA")
                     + meta("dcterms:conformsTo", "http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-aa"))],
        []),
    "a certifier of blanks certifies nothing": (
        "EPUB014", [(OPF, ">Fixture Press</meta>", "> </meta>")],
        ["EPUB/package.opf:15: EPUB014 error: the publication claims conformance but has no a11y:certifiedBy"]),
    "no alternativeText claim, nothing to meet": (
        "EPUB015", [(OPF, meta("schema:accessibilityFeature", "alternativeText"), ""),
                    *at_end('<img src="dot.png"/>')], []),
    "dc:source names the print edition": (
        "EPUB017", [*PAGES_OUT_OF_ORDER, (OPF, "<dc:language>", "<dc:source>urn:isbn:9780000000002</dc:source><dc:language>")],
        []),
    "a page list without a source": (
        "EPUB017", PAGES_OUT_OF_ORDER,
        ["EPUB/nav.xhtml:15: EPUB017 error: the book has a page list but no pageBreakSource or dc:source"]),
    "a fixed-layout book's page list needs no source": ("EPUB017", [*FIXED_LAYOUT, *PAGES_OUT_OF_ORDER], []),
    "a table with no data cells needs no headers": (
        "EPUB112", at_end("<table><caption>Nothing yet</caption><tr></tr></table>"), []),
    "resources over http and relative to the protocol, after a comment": (
        "EPUB024", at_end('<!-- a note --><img src="http://example.org/a.png" alt="A"/>\n'
                          '<img src="//example.org/b.png" alt="B"/>'),
        ["EPUB/text/ch001.xhtml:11: EPUB024 error: `http://example.org/a.png` is loaded from the network; only "
         "audio and video may be, so put it in the EPUB",
         "EPUB/text/ch001.xhtml:12: EPUB024 error: `//example.org/b.png` is loaded from the network; only "
         "audio and video may be, so put it in the EPUB"]),
    "a remote manifest item is not missing, and every item without href is named": (
        "EPUB904", [(OPF, '  <item id="dot"', '  <item id="font" href="https://example.org/f.woff" media-type="font/woff"/>\n'
                                              '  <item id="a" media-type="image/png"/><item media-type="image/png"/>\n'
                                              '  <item id="dot"')],
        ["EPUB/package.opf:22: EPUB904 error: manifest item `a` has no href, so names no file",
         "EPUB/package.opf:22: EPUB904 error: manifest item `` has no href, so names no file"]),
    "a toc nav without links": (
        "EPUB301", [(NAV, '<li><a href="text/ch001.xhtml#start">Start</a></li>\n<li><a href="text/ch001.xhtml#end">End</a></li>',
                     "<li>Start</li>")],
        ['EPUB/nav.xhtml: EPUB301 error: the navigation document has no <nav epub:type="toc"> with links']),
    "lang and xml:lang differ only in case": (
        "EPUB018", [(CH, 'lang="en" xml:lang="en"', 'lang="en-GB" xml:lang="en-gb"')], []),
    "a region of the package's language": (
        "EPUB019", [(CH, 'lang="en" xml:lang="en"', 'lang="en-GB" xml:lang="en-GB"')], []),
    "the navigation document's headings are not the book's outline": (
        "EPUB102", [(NAV, "<h1>Contents</h1>", "<h1>Contents</h1><h3>Chapters</h3>")], []),
    "a hidden drawing needs no title": (
        "EPUB205", at_end('<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true"><circle r="1"/></svg>'), []),
    "data cells that name their headers": (
        "EPUB107", at_end('<table><caption>Replies</caption><tr><th id="m">Month</th><th id="r">Replies</th></tr>'
                          '<tr><th id="may">May</th><td headers="may r">12</td></tr></table>'), []),
    "two mains with different names": (
        "EPUB121", [(CH, "</main>", '</main>\n<main aria-label="Second">\n<p>More</p>\n</main>')],
        ["EPUB/text/ch001.xhtml:13: EPUB121 error: a second main landmark; a document has only one "
         "(the first is on line 5)"]),
    "a hidden landmark is no second one": (
        "EPUB121", at_end('<nav><p>One</p></nav>\n<nav hidden="hidden"><p>Two</p></nav>'), []),
    "items of a list named by its role, and scripts in lists": (
        "EPUB125", at_end('<div role="list"><li>One</li></div>\n<ul><script>;</script><template></template>'
                          '<li>Two</li></ul>'), []),
    "the same id in two documents": (
        "EPUB126", second_chapter('<h1 id="start">Again</h1>'), []),
    "a cover that is no image, and the landmarks' own types": (
        "EPUB120", [*at_end('<section epub:type="cover"><p>Cover</p></section>'),
                    (NAV, '<a epub:type="bodymatter"', '<a epub:type="toc" href="nav.xhtml#toc">Contents</a></li><li><a')],
        []),
}


@pytest.mark.parametrize("case", sorted(RULE_CASES))
def test_rule_on_a_small_book(tmp_path, case):
    code, changes, expected = RULE_CASES[case]
    assert lint(tmp_path, code, changes) == expected


# what a reflowable book with PAGES_OUT_OF_ORDER is told, by rule
REFLOWABLE_PAGES = {
    "EPUB312": ["EPUB/nav.xhtml:16: EPUB312 error: page-list entry `text/ch001.xhtml#end` does not point at a "
                "page-break marker",
                "EPUB/nav.xhtml:17: EPUB312 error: page-list entry `text/ch001.xhtml#start` does not point at a "
                "page-break marker"],
    "EPUB313": ["EPUB/text/ch001.xhtml:11: EPUB313 warning: page break `p9` is not in the page list"],
    "EPUB315": ["EPUB/nav.xhtml:17: EPUB315 error: page-list entry `text/ch001.xhtml#start` comes before the entry "
                "above it in the reading order"],
}


@pytest.mark.parametrize("code", sorted(REFLOWABLE_PAGES))
def test_fixed_layout_pages_need_no_page_break_markers(tmp_path, code):
    """A fixed-layout book's pages are its documents: its page list is not held to page-break markers
    (EPUB312, EPUB313) or to their order (EPUB315); a reflowable book's is."""
    assert lint(tmp_path, code, PAGES_OUT_OF_ORDER) == REFLOWABLE_PAGES[code]
    assert lint(tmp_path, code, [*FIXED_LAYOUT, *PAGES_OUT_OF_ORDER]) == []


@pytest.mark.parametrize("mimetype, expected", [
    (None, "mimetype: EPUB904 error: the EPUB has no mimetype file"),
    ("application/epub+zip" + " " * 10 + "0123456789abc",
     "mimetype: EPUB904 error: mimetype holds 'application/epub+zip          0123456789', not exactly "
     "application/epub+zip (no spaces or line break)"),
])
def test_the_mimetype_file_missing_or_holding_more_is_named(tmp_path, mimetype, expected):
    files = MAKE.book([])
    if mimetype is None:
        del files["mimetype"]
    else:
        files["mimetype"] = mimetype
    checked = lint_file(epub(files, tmp_path / "book.epub"), Settings(selector(["EPUB904"])))
    assert render(checked.findings).splitlines() == [expected]
