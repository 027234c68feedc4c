"""ARIA as the web rules read it (lint/aria.py): the roles ARIA in HTML allows on a link, on an
image by how it is named, and the landmarks each element makes, on XHTML and on plain HTML.
Written for mutants that `make mutation` found alive."""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from publish.lint import aria

XHTML = "http://www.w3.org/1999/xhtml"


def element(markup: str):
    """The first element of an XHTML fragment."""
    return etree.fromstring(f'<div xmlns="{XHTML}">{markup}</div>')[0]


@pytest.mark.parametrize(("markup", "allowed"), [
    ('<a id="x">Note</a>', None),  # without href an <a> is no link and takes any role
    ('<a href="">Top</a>', aria.LINK_ROLES),
    ('<a href="#n1">1</a>', aria.LINK_ROLES),
    ('<img src="d.png"/>', frozenset()),  # no alt: no role at all
    ('<img src="d.png" alt=""/>', frozenset({"none", "presentation"})),
    ('<img src="d.png" alt="" aria-label="A red dot"/>', aria.IMAGE_ROLES),
    ('<img src="d.png" alt="" aria-labelledby="cap"/>', aria.IMAGE_ROLES),
    ('<img src="d.png" alt="A red dot"/>', aria.IMAGE_ROLES),
    ("<main>Text</main>", frozenset()),
    ("<section>Text</section>", aria.SECTION_ROLES),
    ("<div>Text</div>", None),
])
def test_allowed_roles_depend_on_href_alt_and_label(markup, allowed):
    assert aria.allowed_roles(element(markup)) == allowed


@pytest.mark.parametrize(("markup", "given", "allowed"), [
    ('<a id="fn1">1</a>', "doc-footnote", True),
    ('<a href="#fn1">1</a>', "doc-footnote", False),
    ('<a href="#fn1">1</a>', "doc-noteref", True),
    ('<a href="#fn1">1</a>', "link", True),  # its implicit role
    ('<img src="d.png" alt="" aria-label="Cover"/>', "doc-cover", True),
    ('<img src="d.png" alt="" aria-labelledby="t"/>', "button", True),
    ('<img src="d.png" alt=""/>', "doc-cover", False),
    ('<img src="d.png" alt=""/>', "presentation", True),
    ('<img src="d.png"/>', "presentation", False),
    ('<img src="d.png"/>', "img", True),
    ("<main>Text</main>", "main", True),
    ("<main>Text</main>", "region", False),
    ("<div>Text</div>", "doc-chapter", True),
])
def test_a_role_is_allowed_when_html_permits_it_or_it_is_implicit(markup, given, allowed):
    assert aria.is_allowed(element(markup), given) is allowed


def test_the_role_is_the_first_known_token():
    assert aria.role(element('<p role="sidebar doc-tip note">Tip</p>')) == "doc-tip"
    assert aria.role(element('<p role="sidebar">Tip</p>')) is None


DOCUMENT = """<body>
<header id="page-header">Title</header>
<nav id="nav">Contents</nav>
<main id="main">
  <header id="main-header">In main</header>
  <section id="plain">No name</section>
  <section id="labelled" aria-label="Notes">Named</section>
  <section id="labelledby" aria-labelledby="h">Named by a heading</section>
  <section id="titled" title="Sources">Named by a title</section>
  <section id="chapter" role="doc-chapter"><header id="chapter-header">Part</header>
    <footer id="chapter-footer">End of part</footer></section>
  <section id="note" role="note">A note is no landmark</section>
  <form id="form">Unnamed</form>
  <form id="named-form" aria-label="Search the book">Named</form>
  <article id="article"><footer id="article-footer">Byline</footer></article>
  <aside id="aside"><header id="aside-header">Aside</header></aside>
  <p id="unknown" role="sidebar">An unknown role leaves the tag's meaning</p>
  <div id="div">Nothing</div>
  <div id="banner" role="banner">A banner</div>
</main>
<footer id="page-footer">Contact</footer>
</body>"""

LANDMARKS = {
    "page-header": "banner", "nav": "navigation", "main": "main", "main-header": None, "plain": None,
    "labelled": "region", "labelledby": "region", "titled": "region", "chapter": "doc-chapter",
    "chapter-header": None, "chapter-footer": None, "note": None, "form": None, "named-form": "form",
    "article": None, "article-footer": None, "aside": "complementary", "aside-header": None, "unknown": None,
    "div": None, "banner": "banner", "page-footer": "contentinfo",
}


@pytest.mark.parametrize("root", [
    etree.fromstring(DOCUMENT.replace("<body>", f'<body xmlns="{XHTML}">')),
    lxml.html.fromstring(f"<html>{DOCUMENT}</html>").find("body"),
], ids=["xhtml", "html"])
def test_landmarks_by_role_by_tag_by_name_and_by_place(root):
    found = {e.get("id"): aria.landmark(e) for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    assert found == LANDMARKS
