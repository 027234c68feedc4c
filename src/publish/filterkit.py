"""What the filters in publish/filters/ share: running in process or as `pandoc --filter` scripts.

A filter reports a problem in the source by raising SourceError with a `needle` (text
that stands on the offending line); the pipeline turns the needle into a line number.

Each filter declares `FORMATS`, the pandoc formats it reshapes differently from the
rest. In process, every filter runs once on the parsed document (`shared`: all checks,
and the changes every edition shares); then, per edition, only the filters that declare
its format run again on a copy (`for_format`), and only on the top-level blocks that hold
an element they act on: loading the rest of a long book into panflute for nothing costs
seconds. Run twice, such a filter must change nothing the first run already did.

In process the filters share one walk of the document: each declares its `FILTER`
(action, the element types it acts on, prepare, finalize), and at every element of those
types the actions run in FILTER_NAMES order, a later one getting what an earlier one put in
its place; the many elements no filter acts on (words, spaces) are passed by. Walking once instead of once a
filter is most of a long book's parse. A filter that builds new elements must come after
the filters that would look inside them (the reshaping filters come last).
"""

from __future__ import annotations

import importlib
import io
import json
import marshal
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Callable

import panflute as pf

from publish import facts
from publish.errors import SourceError

FILTERS_DIR = Path(__file__).resolve().parent / "filters"
# The order matters: checks first, then the filters that reshape the document.
FILTER_NAMES = (
    "raw_content", "heading_levels", "tables", "links", "languages", "alt_text", "math_alt", "signatories",
    "plain_text",
)


def problem(message: str, fix: str, elem: pf.Element | None = None, needle: str | None = None) -> SourceError:
    """A SourceError pointing at the element's text in the source."""
    if needle is None and elem is not None:
        needle = pf.stringify(elem).strip()
    return SourceError(message, fix, needle=needle)


@dataclass(frozen=True)
class Filter:
    """One filter as panflute runs it: an action for each element of the types it acts on (it
    returns None for any other), and what to do before and after the walk."""

    action: Callable
    elements: tuple[type, ...]
    prepare: Callable | None = None
    finalize: Callable | None = None

    def main(self, doc: pf.Doc | None = None) -> pf.Doc | None:
        """This filter alone, as `pandoc --filter` runs it (reads stdin when `doc` is None)."""
        return pf.run_filter(self.action, prepare=self.prepare, finalize=self.finalize, doc=doc)


def run_script(main) -> None:
    """Entry point for `pandoc --filter src/publish/filters/NAME.py`: errors go to stderr, exit 1."""
    try:
        main()
    except SourceError as exc:
        where = f" (near “{exc.needle[:40]}”)" if exc.needle else ""
        print(f"{Path(sys.argv[0]).stem}: {exc.message}{where}. Fix: {exc.fix}", file=sys.stderr)
        raise SystemExit(1) from None


FILTERS: tuple[ModuleType, ...] = tuple(importlib.import_module(f"publish.filters.{name}") for name in FILTER_NAMES)


def dispatch(filters: list[Filter], elem: pf.Element, doc: pf.Doc):
    """Every filter's action on one element, in order: None to keep it, else what replaces it."""
    current, replaced = [elem], False
    for one in filters:
        changed = []
        for item in current:
            result = one.action(item, doc) if isinstance(item, one.elements) else None
            changed += [item] if result is None else result if isinstance(result, list) else [result]
            replaced = replaced or result is not None
        current = changed
    if not replaced:
        return None
    return current[0] if len(current) == 1 else current


def walk(elem: pf.Element, visit: Callable, doc: pf.Doc):
    """panflute's walk (children first, then the element: None keeps it, else what replaces it),
    changing a container only where something was replaced instead of rebuilding every one."""
    for name in elem._children:
        child = getattr(elem, name)
        if isinstance(child, pf.ListContainer):
            at = 0
            while at < len(child):
                result = walk(child[at], visit, doc)
                if result is None:
                    at += 1
                    continue
                items = result if isinstance(result, list) else [result]
                child[at:at + 1] = items
                at += len(items)
        elif isinstance(child, pf.DictContainer):
            for key in list(child):
                result = walk(child[key], visit, doc)
                if result == []:
                    del child[key]
                elif result is not None:
                    child[key] = result
        elif isinstance(child, pf.Element):
            result = walk(child, visit, doc)
            if result is not None:
                setattr(elem, name, result)
    return visit(elem, doc)


def walk_blocks(doc: pf.Doc, visit: Callable) -> list[list[pf.Element]]:
    """`walk(doc, visit, doc)`, top-level block by block: what each block became (itself,
    others, or nothing), so that a run on some of a document's blocks can be put back in place."""
    metadata = walk(doc.metadata, visit, doc)
    if metadata is not None:
        doc.metadata = metadata
    became = []
    for block in list(doc.content):
        result = walk(block, visit, doc)
        became.append([block] if result is None else result if isinstance(result, list) else [result])
    doc.content = [item for items in became for item in items]
    visit(doc, doc)
    return became


def run(ast: dict, fmt: str, modules) -> tuple[pf.Doc, list[list[pf.Element]]]:
    """The filters on a copy of the AST, as pandoc would run them for `fmt`, in one walk."""
    doc = pf.load(io.StringIO(json.dumps(ast)))
    doc.format = fmt
    filters = [module.FILTER for module in modules]
    for one in filters:
        if one.prepare:
            one.prepare(doc)
    acted_on = {kind for one in filters for kind in one.elements}
    became = walk_blocks(doc, lambda elem, doc: dispatch(filters, elem, doc) if type(elem) in acted_on else None)
    for one in filters:
        if one.finalize:
            one.finalize(doc)
    return doc, became


def apply(ast: dict, fmt: str, modules=FILTERS) -> dict:
    """Run the filters in process on a copy of the AST, as pandoc would for `fmt`."""
    return run(ast, fmt, modules)[0].to_json()


def shared(ast: dict) -> dict:
    """Every filter, for no edition in particular: raises SourceError on the first problem."""
    return apply(ast, "json")


def copy_of(ast: dict) -> dict:
    """A copy of pandoc JSON that a writer may change (marshal: the fastest deep copy of plain data)."""
    return marshal.loads(marshal.dumps(ast))


def for_format(filtered: dict, fmt: str) -> dict:
    """The shared document made ready for one pandoc writer, as a copy the writer may change:
    the filters that declare the format run on the blocks holding what they act on, with the
    document's metadata, and what each block became takes its place."""
    modules = [m for m in FILTERS if fmt in m.FORMATS]
    copy = copy_of(filtered)
    kinds = {kind.__name__ for module in modules for kind in module.FILTER.elements}  # pandoc's names
    chosen = [index for index, block in enumerate(copy["blocks"])
              if any(node["t"] in kinds for node in facts.walk(block))]
    if not chosen:
        return copy
    doc, became = run({**copy, "blocks": [copy["blocks"][index] for index in chosen]}, fmt, modules)
    made = dict(zip(chosen, became))
    copy["meta"] = doc.metadata.content.to_json()
    copy["blocks"] = [item for index, block in enumerate(copy["blocks"])
                      for item in ([b.to_json() for b in made[index]] if index in made else [block])]
    return copy
