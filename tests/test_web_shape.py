"""What the web editions change in pandoc's markup (publish.editions.web), on pandoc's own
output for each construct: fast tests that the mutation run (`make mutation`) uses for the writer."""

from __future__ import annotations

from types import SimpleNamespace

from publish import facts, pagemap, pandoc
from publish.editions import web

NUMBERED = ('<pre class="sourceCode numberSource python numberLines" data-startFrom="10">'
            '<code class="sourceCode python" style="counter-reset: source-line 9;">'
            '<span id="cb1-10"><a href="#cb1-10"></a><span class="kw">def</span> f():</span>\n'
            '<span id="cb1-11"><a href="#cb1-11"></a>    <span class="cf">return</span> 1</span></code></pre>')
ROW_HEADERS = ('<table>\n<thead>\n<tr class="header">\n<th></th>\n<th>Rent</th>\n</tr>\n</thead>\n<tbody>\n'
               '<tr class="odd">\n<th>Full plot</th>\n<td>£72</td>\n</tr>\n</tbody>\n</table>')
DATA_ONLY = ('<table>\n<thead>\n<tr class="header">\n<th></th>\n<th>Rent</th>\n</tr>\n</thead>\n<tbody>\n'
             '<tr class="odd">\n<td>Full plot</td>\n<td>£72</td>\n</tr>\n</tbody>\n</table>')


def test_numbered_code_lines_lose_their_empty_links_and_the_attribute_epub_refuses():
    shaped = web.quiet_line_numbers(NUMBERED)
    assert shaped.startswith('<pre class="sourceCode numberSource python numberLines"><code ')
    assert 'href="#cb1' not in shaped
    assert shaped.count('<span id="cb1-10"><a aria-hidden="true"></a>') == 1
    assert shaped.count('<span id="cb1-11"><a aria-hidden="true"></a>') == 1
    assert 'counter-reset: source-line 9;' in shaped  # the start line is still there, for the CSS


def test_a_link_to_another_line_is_left_alone():
    markup = '<span id="cb1-10"><a href="#cb1-11">next line</a></span>'
    assert web.quiet_line_numbers(markup) == markup


def test_a_formulas_words_become_its_mathml_alttext():
    markup = ('<span class="math inline" alt="x squared"><math display="inline" '
              'xmlns="http://www.w3.org/1998/Math/MathML"><msup><mi>x</mi><mn>2</mn></msup></math></span>')
    shaped = web.math_alt_text(markup)
    assert ' alt="' not in shaped
    assert shaped.startswith('<span class="math inline"><math alttext="x squared" display="inline"')


def test_the_empty_corner_over_row_headers_becomes_a_plain_cell():
    shaped = web.empty_corners(ROW_HEADERS)
    assert '<tr class="header">\n<td></td>\n<th>Rent</th>' in shaped
    assert "<th>Full plot</th>" in shaped


def test_an_empty_header_over_data_stays_a_header_for_the_linter_to_report():
    assert web.empty_corners(DATA_ONLY) == DATA_ONLY


def test_only_the_table_with_row_headers_loses_its_corner():
    both = web.empty_corners(DATA_ONLY + "\n" + ROW_HEADERS)
    assert both.count("<td></td>") == 1 and both.startswith(DATA_ONLY)


def test_header_cells_are_scoped_by_where_they_stand():
    shaped = web.scope_header_cells(ROW_HEADERS.replace("<th></th>", "<th>Plot</th>")
                                    + "<tfoot><tr><th>Total</th><td>£72</td></tr></tfoot>")
    assert '<th scope="col">Plot</th>' in shaped and '<th scope="col">Rent</th>' in shaped
    assert '<th scope="row">Full plot</th>' in shaped and '<th scope="row">Total</th>' in shaped
    assert web.scope_header_cells('<thead><tr><th scope="row">Kept</th></tr></thead>') == \
        '<thead><tr><th scope="row">Kept</th></tr></thead>'


def test_a_page_marker_inside_a_heading_moves_before_it():
    marker = '<span epub:type="pagebreak" role="doc-pagebreak" id="pdf-page-2" title="Page 2"></span>'
    shaped = web.markers_before_headings(f'<h2 id="next">{marker}Next</h2>')
    assert shaped == f'{marker}<h2 id="next">Next</h2>'
    html_marker = marker.replace(' epub:type="pagebreak"', "")
    assert web.markers_before_headings(f'<h3>{html_marker}Deeper</h3>') == f'{html_marker}<h3>Deeper</h3>'
    assert web.markers_before_headings(f"<p>{marker}Text</p>") == f"<p>{marker}Text</p>"


def test_shape_does_all_of_it_in_one_pass():
    shaped = web.shape(NUMBERED + ROW_HEADERS)
    assert "data-startFrom" not in shaped and "<td></td>" in shaped and '<th scope="row">Full plot</th>' in shaped


def test_note_words_follow_the_language_and_fall_back_to_english_marked_as_english():
    french = web.note_words("fr-FR")
    assert (french.heading, french.back_to(1), french.lang) == ("Notes", "Retour à l’appel de note 1", None)
    assert web.note_words("DE").heading == "Anmerkungen"
    welsh = web.note_words("cy")
    assert (welsh.heading, welsh.back_to(3), welsh.lang) == ("Notes", "Back to reference 3", "en")
    assert web.notes_heading(SimpleNamespace(lang="de-DE")) == ("Anmerkungen",)


def raw_html(ast: dict) -> list[str]:
    return [node["c"][1] for node in facts.walk(ast) if node["t"] == "RawInline" and node["c"][0] == "html"]


def test_page_markers_name_the_pdf_page_where_it_begins_in_the_documents_language():
    source = "# Title\n\nOne.\n\nTwo.\n\nThree.\n"
    pages = pagemap.PageMap(turns={0: 1, 2: 2}, edition="doc.pdf")
    german = raw_html(web.page_markers(pandoc.parse(source), SimpleNamespace(lang="de-DE", pages=pages), epub=True))
    assert german == ['<span epub:type="pagebreak" role="doc-pagebreak" id="pdf-page-1" title="Seite 1"></span>',
                      '<span epub:type="pagebreak" role="doc-pagebreak" id="pdf-page-2" title="Seite 2"></span>']
    welsh = raw_html(web.page_markers(pandoc.parse(source), SimpleNamespace(lang="cy", pages=pages)))
    assert welsh[1] == '<span role="doc-pagebreak" id="pdf-page-2" title="2"></span>'
    marked = web.page_markers(pandoc.parse(source), SimpleNamespace(lang="en", pages=pages))
    assert pandoc.write(marked, "plain").decode().split() == ["Title", "One.", "Two.", "Three."]
    assert raw_html(web.page_markers(pandoc.parse(source), SimpleNamespace(lang="en", pages=None))) == []
