"""The accessibility linter: detect each file's format by content, run that format's rules.

`run()` returns findings; reporting lives in publish.report. A file that cannot be
read gets one `*901` finding and makes the run exit 2. Given the Markdown source the
files were built from, the `*410` rules also compare each file's text with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from publish.lint import brf, docx, epub, html, parity, pdf, txt  # noqa: F401  (importing registers the rules)
from publish.lint.formats import detect
from publish.lint.rule import RULES, Finding, Rule, Severity, run_rules
from publish.lint.safe import Unreadable

LOADERS = {"pdf": pdf.load, "docx": docx.load, "epub": epub.load, "html": html.load, "txt": txt.load, "brf": brf.load}


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    unreadable: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def selector(select: Iterable[str] = (), ignore: Iterable[str] = ()):
    """`--select` and `--ignore` by code or prefix, as ruff does."""
    select, ignore = [s.upper() for s in select if s], [s.upper() for s in ignore if s]

    def wanted(r: Rule) -> bool:
        if select and not any(r.code.startswith(s) for s in select):
            return False
        return not any(r.code.startswith(s) for s in ignore)

    return wanted


def unreadable(path: str, fmt: str, reason: str) -> Finding:
    r = RULES[f"{fmt.upper()}901"]
    return Finding(r.code, r.name, r.severity, path, f"could not check: {reason}", r.fix_file, refs=r.refs)


def lint_file(path: Path, wanted=selector(), from_source: bool = False,
              source: Path | None = None, max_line: int | None = None,
              braille_page: tuple[int, int] | None = None) -> tuple[list[Finding], bool]:
    """Findings for one file, and whether it could be checked at all; with `source`, also
    whether its text is the source's. `max_line` sets another plain-text line limit (TXT401),
    `braille_page` another braille page size, (cells, lines) (BRF401, BRF402)."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [unreadable(shown, "file", exc.strerror or str(exc))], False
    fmt = "file"
    try:
        fmt = detect(data, path)
        document = LOADERS[fmt](data)
        if fmt == "txt" and max_line:
            document.max_line = max_line
        if fmt == "brf" and braille_page:
            document.cells, document.lines = braille_page
        return list(run_rules(fmt, document, shown, from_source, wanted, source)), True
    except Unreadable as exc:
        return [unreadable(shown, fmt, str(exc))], False
    except RecursionError:
        return [unreadable(shown, fmt, "structure is nested too deeply to check")], False
    except MemoryError:
        return [unreadable(shown, fmt, "the file needs more memory to check than this machine has")], False
    except Exception as exc:  # a bug in a rule: one finding for this file, the other files still checked
        return [unreadable(shown, fmt, f"the linter failed ({type(exc).__name__}: {str(exc)[:120]}); "
                                       "please report this as a bug in publish")], False


def run(paths: Iterable[Path], select=(), ignore=(), from_source: bool = False,
        source: Path | None = None, max_line: int | None = None, braille_page: tuple[int, int] | None = None) -> Result:
    result = Result()
    wanted = selector(select, ignore)
    for path in paths:
        findings, readable = lint_file(Path(path), wanted, from_source, source, max_line, braille_page)
        result.findings += findings
        result.files += 1
        result.unreadable += not readable
    return result


__all__ = ["RULES", "Result", "run", "lint_file", "Severity", "Finding"]
