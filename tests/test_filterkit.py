"""The filters' one walk hands each filter only the element types it declares, and the
per-format run (filterkit.for_format) loads only the top-level blocks holding them: it must
give what running the same filters on the whole document gives, for every document of the
project and every format, and no filter may change an element it does not declare."""

from __future__ import annotations

import dataclasses
import io
import json

import panflute as pf
import pytest

from conftest import ROOT
from publish import filterkit, pipeline

# The zoo's long book is left out: it is the other documents made long, and takes seconds a run.
DOCUMENTS = sorted([*ROOT.glob("source/*.md"), *ROOT.glob("source/*/index.md"),
                    *(p for p in ROOT.glob("tests/zoo/*/index.md") if p.parent.name != "book")])
FORMATS = sorted({fmt for module in filterkit.FILTERS for fmt in module.FORMATS})


def whole_run(ast: dict, fmt: str) -> dict:
    return filterkit.apply(ast, fmt, [m for m in filterkit.FILTERS if fmt in m.FORMATS])


@pytest.fixture(scope="module", params=DOCUMENTS, ids=lambda p: str(p.relative_to(ROOT)))
def document(request) -> dict:
    return pipeline.parsed(request.param).ast


@pytest.mark.parametrize("fmt", FORMATS)
def test_running_on_some_blocks_gives_the_whole_run(document, fmt):
    assert json.dumps(filterkit.for_format(document, fmt)) == json.dumps(whole_run(document, fmt))


def undeclared_effects(module, ast: dict, fmt: str) -> list[str]:
    """The elements of types the filter does not declare that its action changes or replaces,
    when run as `fmt` on the document (each element met as the shared walk meets it)."""
    doc = pf.load(io.StringIO(json.dumps(ast)))
    doc.format = fmt
    if module.FILTER.prepare:
        module.FILTER.prepare(doc)
    found = []

    def probe(elem, doc):
        if isinstance(elem, module.FILTER.elements) or isinstance(elem, pf.Doc):
            return
        before = json.dumps(elem.to_json())
        result = module.FILTER.action(elem, doc)
        if result is not None or json.dumps(elem.to_json()) != before:
            found.append(f"{type(elem).__name__}: {before[:60]}")
    doc.walk(probe)
    return found


@pytest.mark.parametrize("module", filterkit.FILTERS, ids=lambda m: m.__name__.rsplit(".", 1)[1])
def test_a_filter_acts_only_on_the_elements_it_declares(document, module):
    """The shared walk hands a filter only the element types it declares, and the per-format
    run loads only the blocks holding them: an action must leave every other element alone."""
    for fmt in ("json", *module.FORMATS):
        assert undeclared_effects(module, document, fmt) == [], fmt


def test_a_filter_declaring_the_wrong_elements_is_caught(monkeypatch):
    """The check above has teeth: the tables filter declaring images instead of tables."""
    from publish.filters import tables

    ast = pipeline.parsed(ROOT / "tests" / "zoo" / "report" / "index.md").ast
    monkeypatch.setattr(tables, "FILTER", dataclasses.replace(tables.FILTER, elements=(pf.Image,)))
    assert any(found.startswith("Table:") for found in undeclared_effects(tables, ast, "html5"))


def every_node(node) -> list:
    """The plain recursive definition facts.walk must agree with."""
    if isinstance(node, dict):
        return ([node] if "t" in node else []) + [n for value in node.values() for n in every_node(value)]
    if isinstance(node, list):
        return [n for value in node for n in every_node(value)]
    return []


def test_the_shared_walk_meets_every_node_in_document_order(document):
    """facts.walk (a stack, for speed) against the recursive definition, metadata included."""
    from publish import facts

    whole = {"meta": document["meta"], "blocks": document["blocks"]}
    assert [id(n) for n in facts.walk(whole)] == [id(n) for n in every_node(whole)]
