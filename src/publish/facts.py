"""Facts about what a document contains, read from pandoc's JSON AST.

Editions use them to describe themselves truthfully (EPUB accessibility metadata,
the accessibility report) instead of claiming fixed defaults.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass


def walk(node):
    """Yield every AST node (dicts with a `t` key) in document order. A stack, not recursion: a
    book has some 300,000 nodes and the build walks them a dozen times. A node's children are
    all in its `c`, as pandoc writes them."""
    stack = [node]
    pop, push, extend = stack.pop, stack.append, stack.extend
    while stack:
        item = pop()
        if type(item) is dict:
            if "t" in item:
                yield item
                content = item.get("c")
                if type(content) is list or type(content) is dict:
                    push(content)
            else:
                extend(reversed(item.values()))
        elif type(item) is list:
            extend(reversed(item))


def stringify(node) -> str:
    parts = []
    for item in walk(node):
        if item["t"] == "Str":
            parts.append(item["c"])
        elif item["t"] in ("Space", "SoftBreak", "LineBreak"):
            parts.append(" ")
    return "".join(parts)


QUOTES = {"SingleQuote": "‘’", "DoubleQuote": "“”"}


def typeset(node) -> str:
    """Inline text as pandoc typesets it: smart quotes and apostrophes, as in the body."""
    if isinstance(node, list):
        return "".join(typeset(item) for item in node)
    if not isinstance(node, dict):
        return ""
    kind, content = node.get("t"), node.get("c")
    if kind in ("Str", "MetaString"):
        return content
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return " "
    if kind == "Quoted":
        marks = QUOTES[content[0]["t"]]
        return marks[0] + typeset(content[1]) + marks[1]
    if kind in ("Code", "Math", "RawInline"):
        return content[1]
    if kind in ("Link", "Image", "Span", "Cite"):
        return typeset(content[1])
    return typeset(content)


@dataclass
class Facts:
    counts: Counter
    images_with_alt: int
    decorative_images: int

    @property
    def images(self) -> int:
        return self.counts["Image"]

    def has(self, kind: str) -> bool:
        return self.counts[kind] > 0


def of(ast: dict) -> Facts:
    counts: Counter = Counter()
    with_alt = decorative = 0
    for node in walk(ast["blocks"]):
        counts[node["t"]] += 1
        if node["t"] == "Image":
            attr, alt, _target = node["c"]
            if "decorative" in attr[1]:
                decorative += 1
            elif stringify(alt).strip():
                with_alt += 1
    return Facts(counts=counts, images_with_alt=with_alt, decorative_images=decorative)
