"""The pandoc inside the pypandoc-binary wheel: one parse, then writers from JSON."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
from functools import cache
from pathlib import Path

from publish.errors import BuildError, ToolMissingError


@cache
def executable() -> str:
    """The wheel's pandoc, found beside pypandoc without importing it when it is there: importing
    pypandoc loads its downloader (urllib, ssl), about a sixtieth of a letter's build."""
    spec = importlib.util.find_spec("pypandoc")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        bundled = Path(folder) / "files" / ("pandoc.exe" if os.name == "nt" else "pandoc")
        if os.access(bundled, os.X_OK):
            return str(bundled)
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        raise ToolMissingError("publish: error: pandoc not found (install the package: pip install -e .)") from None


def run(args: list[str], stdin: bytes | None = None, cwd=None, env: dict | None = None) -> bytes:
    """Run pandoc; a failure becomes a BuildError with pandoc's own first line."""
    env = dict(os.environ, LANG="C.UTF-8", **(env or {}))
    result = subprocess.run([executable(), *args], input=stdin, capture_output=True, cwd=cwd, env=env)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise BuildError(f"pandoc failed: {message[0] if message else 'exit ' + str(result.returncode)}")
    return result.stdout


def parse(markdown: str) -> dict:
    """Parse the Markdown once into pandoc's JSON AST.

    Citations are off: with no bibliography, `@name` in an address or a handle would
    otherwise become a citation that the Typst writer cannot resolve. Raw TeX is off: it
    is refused anyway (filters/raw_content.py), and with it on a path such as
    `target\\debug\\app.exe` in prose was taken for a LaTeX command; now a backslash before a
    letter is text, `\\$` and the other escapes still work, and ```{=latex}``` blocks are still
    raw LaTeX, which the filter refuses.
    """
    return json.loads(run(["--from", "markdown-citations-raw_tex", "--to", "json"], markdown.encode("utf-8")))


def write(ast: dict, to: str, args: list[str] = (), cwd=None, env: dict | None = None) -> bytes:
    """Write one edition's bytes from the (filtered) AST.

    Code is highlighted in black by weight and slant only: pandoc's default colours
    (comments in #60A0B0, 2.9:1 on white) fail WCAG 1.4.3, and colour alone means
    nothing to a screen reader. Typst highlights its raw blocks itself (clear-print.typ).
    """
    highlighting = [] if to == "typst" else ["--syntax-highlighting=monochrome"]
    return run(["--from", "json", "--to", to, *highlighting, *args], json.dumps(ast).encode("utf-8"),
               cwd=cwd, env=env)
