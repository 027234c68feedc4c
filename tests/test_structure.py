"""The package's shape: no import circles, a linter that stands alone, one number per concern.

Imports are read from the source (module level and inside functions alike; imports made
only for type checkers are left out), so a circle cannot hide in a function body.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import SAMPLE

from publish.lint import RULES

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "publish"
# What the linter may import of the package: itself and the shared basics (words and patterns, XML and
# ZIP reading, error types, and liblouis with the braille page geometry, which the braille edition
# writes with and the linter reads back with).
LINTER_MAY_IMPORT = ("publish.lint", "publish.vocabulary", "publish.xml", "publish.zipfiles", "publish",
                     "publish.errors", "publish.braille.translate", "publish.braille.layout")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The package modules `path` imports (`from publish import x` counts x when x is a module)."""
    found, stack = set(), [ast.parse(path.read_text(encoding="utf-8"))]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and is_type_checking(node):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("publish")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("publish"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in modules else node.module)
        stack.extend(ast.iter_child_nodes(node))
    return {m for m in found if m in modules}


def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: imports_of(path, set(paths)) - {name} for name, path in paths.items()}


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan), each a circle of imports."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_one_that_imports_it_back():
    assert circles(graph()) == []


def test_the_circle_finder_finds_a_circle():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_linter_imports_nothing_of_the_pipeline():
    outside = {(name, target) for name, targets in graph().items() if name.startswith("publish.lint")
               for target in targets if not target.startswith(LINTER_MAY_IMPORT[0])
               and target not in LINTER_MAY_IMPORT[1:]}
    assert outside == set()


def test_one_number_means_one_concern_in_every_format():
    names = defaultdict(set)
    for code, r in RULES.items():
        names[code.removeprefix(r.fmt.upper())].add(r.name)
    assert {number: sorted(found) for number, found in names.items() if len(found) > 1} == {}


def test_every_error_fails_a_requirement_and_says_which():
    """The severity policy (publish.lint.policy): an error fails WCAG 2.2 A or AA, PDF/UA-1, EPUB 3.3
    or EPUB Accessibility 1.1, the format or print size the file declares, or could not be checked."""
    from publish.lint import policy

    assert [code for code, r in RULES.items() if r.severity.value == "error" and not policy.basis(r)] == []
    assert policy.basis(RULES["DOCX123"]) == "WCAG 2.2 SC 1.3.1 (level A)"  # typed bullets are no list: 1.3.1
    assert RULES["DOCX307"].severity.value == "warning"  # "click here" passes 2.4.4 when the sentence says where


def test_a_rule_citing_only_level_aaa_has_no_basis_for_an_error():
    from publish.lint import policy
    from publish.lint.rule import Rule, Severity

    only_aaa = Rule("TXT999", "example", Severity.WARNING, "", "", "", ("WCAG 2.2 SC 1.4.8", "WCAG 2.2 SC 2.4.9"),
                    check=lambda doc: iter(()))
    assert policy.basis(only_aaa) is None


@pytest.mark.parametrize("edition, unneeded", [
    ("txt", ("docx", "pikepdf")),
    ("html", ("docx",)),  # it marks the standard PDF's pages, so that PDF is made first
    ("pdf", ("docx",)),
    ("docx", ("pikepdf",)),
])
def test_an_edition_loads_only_the_libraries_it_writes_with(tmp_path, edition, unneeded):
    """python-docx and pikepdf each take longer to load than a text edition takes to build."""
    code = ("import sys; from pathlib import Path; from publish import pipeline; "
            f"pipeline.build(Path({str(SAMPLE)!r}), Path({str(tmp_path)!r}), [{edition!r}]); "
            f"print([m for m in {unneeded!r} if m in sys.modules])")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
