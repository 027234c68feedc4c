"""What each edition of the letter must be: checked on the built files themselves."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pikepdf
import pytest
from lxml import etree

from publish.xml import NS

SIGNATORIES = [
    "Mark Farmaner, Director, Burma Campaign",
    "Robert Bain, Program Officer, Ceasefire Centre for Civilian Rights",
    "Cristina Stefan & Adrian Gallagher, Co-Directors, European Centre for the Responsibility to Protect",
    "Catherine Anderson, CEO, Jo Cox Foundation",
    "Dylan Mathews, CEO, Peace Direct",
    "Kate Ferguson, Co-Executive Director, Protection Approaches",
    "Waqar Azmi, Chairman, Remembering Srebrenica",
    "Mariana Goetz, Director, Rights for Peace",
    "Elizabeth Nelson, Director, Search for Common Ground UK",
    "Richard Gowing, Director, Sri Lanka Campaign for Peace & Justice",
    "Kellie Strom, Syria Solidarity UK",
    "Fred Carver, Head of Policy, United Nations Association – UK",
    "Jacqueline Geis, CEO, Videre est Credere",
    "Maddy Crowther, Co-Executive Director, Waging Peace",
]


def struct_types(pdf: pikepdf.Pdf) -> set[str]:
    types, stack, seen = set(), [pdf.Root.StructTreeRoot], set()
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(node)
            continue
        if not isinstance(node, pikepdf.Dictionary) or node.objgen in seen and node.objgen != (0, 0):
            continue
        seen.add(node.objgen)
        if "/S" in node:
            types.add(str(node.S)[1:])
        if "/K" in node:
            stack.append(node.K)
    return types


@pytest.fixture(scope="module")
def pdf(letter):
    with pikepdf.open(letter["pdf"]) as document:
        yield document


def test_pdf_is_tagged_with_language_and_title(pdf):
    assert "/StructTreeRoot" in pdf.Root
    assert bool(pdf.Root.MarkInfo.Marked) is True
    assert str(pdf.Root.Lang) == "en-GB"
    assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
    meta = pdf.open_metadata()
    assert meta["dc:title"].startswith("UK Atrocity Prevention Working Group")
    assert str(meta["pdfuaid:part"]) == "1"


def test_pdf_structure_has_headings_and_lists(pdf):
    assert {"H1", "H2", "H3", "L", "LI", "LBody"} <= struct_types(pdf)


def test_pdf_has_bookmarks_from_headings(pdf):
    with pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert titles and titles[0].startswith("UK Atrocity Prevention Working Group")


def test_pdf_fonts_embedded_with_unicode_maps(pdf):
    fonts = [font for page in pdf.pages for font in page.Resources.Font.values()]
    assert fonts
    for font in fonts:
        assert "/ToUnicode" in font, font.get("/BaseFont")
        descriptor = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont
        assert "AtkinsonHyperlegible" in str(font.BaseFont)


def test_docx_properties_language_headings_and_lists(letter):
    document = docx.Document(letter["docx"])
    assert document.core_properties.title.startswith("UK Atrocity Prevention Working Group")
    assert document.core_properties.language == "en-GB"
    lang = document.styles.element.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{{{NS['w']}}}val") == "en-GB"
    levels = [int(p.style.name.split()[-1]) for p in document.paragraphs if p.style.name.startswith("Heading ")]
    assert levels == [2, 3, 3, 2]
    numbered = [p for p in document.paragraphs if p._p.find("w:pPr/w:numPr", NS) is not None]
    assert len(numbered) == 3 + len(SIGNATORIES)
    assert [(p.style.name, p.text) for p in document.paragraphs[1:3]] == [
        ("Author", "UK Civil Society Atrocity Prevention Working Group"), ("Date", "November 2019")]


def epub_members(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_epub_language_metadata_and_navigation(letter):
    members = epub_members(letter["epub"])
    assert list(members)[0] == "mimetype"
    opf = etree.fromstring(members["EPUB/content.opf"])
    assert opf.findtext("opf:metadata/dc:language", namespaces=NS) == "en-GB"
    props = {m.get("property") for m in opf.iterfind("opf:metadata/opf:meta", NS)}
    assert {"schema:accessMode", "schema:accessModeSufficient", "schema:accessibilityFeature",
            "schema:accessibilityHazard", "schema:accessibilitySummary"} <= props
    assert "dcterms:conformsTo" in props
    nav = [i for i in opf.iterfind("opf:manifest/opf:item", NS) if "nav" in (i.get("properties") or "")]
    assert nav
    for name, data in members.items():
        if name.endswith(".xhtml"):
            root = etree.fromstring(data)
            assert root.get("lang") == "en-GB" and root.get(f"{{{NS['xml']}}}lang") == "en-GB", name
            assert not root.findtext("xhtml:head/xhtml:title", namespaces=NS).endswith(".xhtml"), name


def test_epub_claims_conformance_only_when_the_claiming_book_passes_the_linter(monkeypatch):
    """The claim is made in the book the linter checks; an error there leaves it out."""
    from conftest import ROOT
    from publish import filterkit, lint, pipeline
    from publish.editions import epub

    one = pipeline.parsed(ROOT / "source" / "letter.md")
    checked = []

    def lint_bytes(data, shown, settings):
        opf = next(v for k, v in epub_members_of(data).items() if k.endswith(".opf"))
        checked.append(b"dcterms:conformsTo" in opf)
        error = lint.Finding("EPUB102", "heading-skipped", lint.Severity.ERROR, shown, "planted", "fix it")
        return lint.Checked(shown, "epub", [error], True)

    monkeypatch.setattr(epub.lint, "lint_bytes", lint_bytes)
    book = epub.write(filterkit.copy_of(one.for_format("epub3")), one.ctx)
    assert checked == [True]
    opf = next(v for k, v in epub_members_of(book).items() if k.endswith(".opf"))
    assert b"dcterms:conformsTo" not in opf and b"a11y:certifiedBy" not in opf
    assert b"schema:accessibilitySummary" in opf


def epub_members_of(data: bytes) -> dict[str, bytes]:
    return epub_members(io.BytesIO(data))


def test_epub_claims_no_images_for_a_text_only_letter(letter):
    opf = etree.fromstring(epub_members(letter["epub"])["EPUB/content.opf"])
    features = {m.text for m in opf.iterfind("opf:metadata/opf:meta[@property='schema:accessibilityFeature']", NS)}
    modes = {m.text for m in opf.iterfind("opf:metadata/opf:meta[@property='schema:accessMode']", NS)}
    assert "alternativeText" not in features and modes == {"textual"}


def test_txt_lines_headings_and_signatories(letter):
    text = letter["txt"].read_text(encoding="utf-8")
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 72
    assert "The letter\n==========" in text
    assert "Our recommendations\n-------------------" in text
    flat = re.sub(r"\s+", " ", text)
    for signatory in SIGNATORIES:
        assert f"- {signatory}" in flat


@pytest.mark.parametrize("edition", ["pdf", "docx", "epub", "txt"])
def test_editions_lint_clean(letter, edition):
    from publish import lint

    checked = lint.lint_file(letter[edition])
    findings, readable = checked.findings, checked.readable
    assert readable
    assert [f for f in findings if f.severity is lint.Severity.ERROR] == []


def test_highlighted_code_keeps_its_contrast(tmp_path):
    """pandoc's and Typst's code colours are too pale (comments at 2.9:1): code stays black."""
    from publish import pipeline
    from publish.lint import Severity, lint_file

    source = tmp_path / "code.md"
    source.write_text("---\ntitle: Code\nlang: en\n---\n\n# Code\n\n```python\n# a comment\ndef f(x):\n"
                      "    return 'text'\n```\n", encoding="utf-8")
    built = {b.edition.name: b.path for b in pipeline.build(source, tmp_path / "out")}
    for path in built.values():
        checked = lint_file(path)
        findings, readable = checked.findings, checked.readable
        assert readable and [f for f in findings if f.severity is Severity.ERROR] == []
    with zipfile.ZipFile(built["docx"]) as archive:
        colours = set(re.findall(rb'w:color w:val="([0-9A-F]{6})"', archive.read("word/styles.xml")))
    assert colours <= {b"000000", b"1D4F91"}
    with zipfile.ZipFile(built["epub"]) as archive:
        css = b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".css"))
    assert b"color: #" not in css


def test_epub_title_page_says_the_date_as_readers_say_it(letter):
    members = epub_members(letter["epub"])
    assert b'<p class="date">November 2019</p>' in members["EPUB/text/title_page.xhtml"]
    assert b">2019-11</dc:date>" in members["EPUB/content.opf"]


def test_title_is_typeset_alike_in_every_edition(letter):
    """The front matter's `Group's` is `Group’s` in the body's typography, in every edition."""
    with pikepdf.open(letter["pdf"]) as pdf:
        assert "Group’s" in str(pdf.docinfo["/Title"])
    assert "Group’s" in letter["txt"].read_text(encoding="utf-8").splitlines()[1]
    assert docx.Document(letter["docx"]).core_properties.title.startswith("UK Atrocity Prevention Working Group’s")
