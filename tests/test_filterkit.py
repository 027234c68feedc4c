"""The per-format filter run (filterkit.for_format) loads only the top-level blocks that hold
an element a filter reshapes for that format; it must give what running the same filters on
the whole document gives, for every document of the project and every format."""

from __future__ import annotations

import json

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


def test_every_reshaping_filter_says_what_it_reshapes():
    for module in filterkit.FILTERS:
        assert bool(module.FORMATS) == bool(getattr(module, "RESHAPED", ())), module.__name__


def test_a_filter_that_leaves_out_what_it_reshapes_is_caught(monkeypatch):
    """The comparison above has teeth: the tables filter declaring images instead of tables
    leaves the web editions' tables outside their scrolling regions."""
    from publish.filters import tables

    ast = pipeline.parsed(ROOT / "tests" / "zoo" / "report" / "index.md").ast
    monkeypatch.setattr(tables, "RESHAPED", ("Image",))
    assert json.dumps(filterkit.for_format(ast, "html5")) != json.dumps(whole_run(ast, "html5"))
