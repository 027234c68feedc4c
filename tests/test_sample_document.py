"""The rich sample (tests/fixtures/sample/sample.md): every kind of content reaches every edition.

The letter has no tables, images, notes or code; the sample has all of them, so it proves
the pipeline beyond the letter. The independent checkers run on it in
test_independent_checkers.py; here each edition is checked for what it must carry.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from publish.editions import EDITIONS
from publish.lint import Severity, lint_file
from publish.lint.documents import extract_text

CHART_ALT = "Bar chart of reports by region"


def test_sample_builds_every_edition(sample):
    assert set(sample) == set(EDITIONS)


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_linter_finds_nothing_to_fix(sample, edition):
    checked = lint_file(sample[edition])
    findings, readable = checked.findings, checked.readable
    assert readable
    assert [f"{f.code} {f.message}" for f in findings if f.severity is not Severity.INFO] == []


# What a web or EPUB reading system must find, as XPath on the page parsed as HTML.
HTML_FEATURES = {
    "heading level 3": "//h3",
    "header row": "//table/thead/tr/th",
    "header column": "//table/tbody/tr/th[1]",
    "table caption": "//table/caption",
    "numbered list inside a bullet list": "//ul/li/ol/li",
    "bullet list inside a numbered list": "//ol/li/ul/li",
    "image with alt text": f"//img[starts-with(@alt, '{CHART_ALT}')]",
    "decorative image with empty alt": "//img[@alt='' and contains(@class, 'decorative')]",
    "footnote reference": "//a[@role='doc-noteref']",
    "footnote": "//*[@role='doc-footnote' or @id='fn1']",
    "block quote": "//blockquote/p",
    "code block": "//pre/code",
    "French phrase": "//span[@lang='fr' and .='bonjour']",
    "definition list": "//dl/dt/following-sibling::dd",
    "link with its own text": "//a[@href='https://example.org/data' and .='working group’s data page']",
}


def html_pages(edition: str, path: Path) -> list:
    parser = etree.HTMLParser(no_network=True)
    if edition == "html":
        return [etree.fromstring(path.read_bytes(), parser)]
    with zipfile.ZipFile(path) as archive:
        return [etree.fromstring(archive.read(n), parser) for n in archive.namelist() if n.endswith("ch001.xhtml")]


@pytest.mark.parametrize("edition", [e for e in ("epub", "html") if e in EDITIONS])
@pytest.mark.parametrize("feature", sorted(HTML_FEATURES))
def test_html_editions_carry_the_content(sample, edition, feature):
    pages = html_pages(edition, sample[edition])
    assert any(page.xpath(HTML_FEATURES[feature]) for page in pages), f"no {feature} in the {edition} edition"


def pdf_elements(path: Path) -> list:
    with pikepdf.open(path) as pdf:
        found, stack, seen = [], [pdf.Root.StructTreeRoot], set()
        while stack:
            element = stack.pop()
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
            kids = element.get("/K")
            kids = kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
            stack += [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
            if "/S" in element:
                found.append((str(element.S), str(element.get("/Alt", "")), str(element.get("/Lang", ""))))
        return found


# The tags a PDF screen reader reads, as (tag, test on Alt, test on Lang).
PDF_FEATURES = {
    "heading level 3": lambda tag, alt, lang: tag == "/H3",
    "header cells": lambda tag, alt, lang: tag == "/TH",
    "table": lambda tag, alt, lang: tag == "/Table",
    "list items": lambda tag, alt, lang: tag == "/LI",
    "caption": lambda tag, alt, lang: tag == "/Caption",
    "footnotes": lambda tag, alt, lang: tag == "/Note",
    "block quote": lambda tag, alt, lang: tag == "/BlockQuote",
    "code block": lambda tag, alt, lang: tag == "/Code",
}


@pytest.mark.parametrize("feature", sorted(PDF_FEATURES))
def test_pdf_tags_the_content(sample, feature):
    assert any(PDF_FEATURES[feature](*element) for element in pdf_elements(sample["pdf"])), f"no {feature} in the PDF"


def test_pdf_marks_the_french_phrase(sample):
    """Typst writes a phrase's language on its marked content: `/Span <</Lang (fr) ...>> BDC`."""
    with pikepdf.open(sample["pdf"]) as pdf:
        streams = [c.read_bytes() for page in pdf.pages
                   for c in (page.Contents if isinstance(page.Contents, pikepdf.Array) else [page.Contents])]
    assert any(b"/Lang(fr)" in data or b"/Lang (fr)" in data for data in streams)


def test_pdf_images_are_read_once(sample):
    """The decorative ornament is an artifact; the chart is a Figure with its alt text, and its
    caption, which repeats the alt text, is drawn as an artifact (filters/alt_text.py), not read twice."""
    assert [alt.startswith(CHART_ALT) for tag, alt, lang in pdf_elements(sample["pdf"]) if tag == "/Figure"] == [True]
    assert "Bar chart of reports" not in extract_text(sample["pdf"])


def test_docx_carries_the_content(sample):
    with zipfile.ZipFile(sample["docx"]) as archive:
        document = archive.read("word/document.xml").decode()
        notes = archive.read("word/footnotes.xml").decode()
    assert 'w:pStyle w:val="Heading3"' in document
    assert '<w:tblHeader w:val="on"' in document
    assert f'descr="{CHART_ALT}' in document
    assert "decorative" in document and 'val="1"' in document
    assert 'w:lang w:val="fr"' in document
    assert 'w:val="SourceCode"' in document and 'w:val="BlockText"' in document
    assert 'w:val="DefinitionTerm"' in document
    assert "the figures are invented" in notes and "good day" in notes


def test_txt_carries_the_content(sample):
    text = sample["txt"].read_text(encoding="utf-8")
    assert "Reports received\n----------------" in text
    assert "[Image: Bar chart of reports by region" in text
    assert "ornament" not in text and "{.row-headers}" not in text
    assert "2024-03-04  South  telephone  awaiting partner" in text
    assert "the figures are invented" in text and "bonjour" in text
    assert max(len(line) for line in text.splitlines()) <= 72
