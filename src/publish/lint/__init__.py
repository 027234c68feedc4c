"""The accessibility linter: detect each file's format by content, run that format's rules.

It stands alone: it imports nothing of the pipeline, the editions or the source, so it
checks any file handed to it. Whoever calls it hands in what it needs in `Settings`:
which rules, the text each file should have (for the *410 rules), the source the files
were built from (so fixes speak of it), limits. A file that cannot be read gets one
`*901` finding and makes the run exit 2. Reporting lives in publish.report.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from publish.lint import documents, rule
from publish.lint.compare import Expected
from publish.lint.formats import detect
from publish.lint.rule import Finding, Rule, Severity, run_rules, safety_net
from publish.lint.safe import Unreadable

# Every rule module, listed once under the format whose rules it declares ("": rules for every
# format); importing one registers its rules. Linting a file imports its format's modules only,
# so a one-file lint does not start up every format's parser; RULES imports them all.
RULE_MODULES = {
    "": ("formats", "parity"),
    "brf": ("brf",),
    "docx": ("docx", "docx_content", "docx_print"),
    "epub": ("epub", "epub_metadata", "epub_navigation", "epub_style", "smil", "xhtml_rules"),
    "html": ("html",),
    "pdf": ("pdf", "pdf_annotations", "pdf_content", "pdf_fonts", "pdf_layout", "pdf_structure", "pdf_tables"),
    "txt": ("txt",),
}


def load_rules(fmt: str | None = None) -> dict[str, Rule]:
    """Import the rule modules of one format, or of every format when `fmt` is None; the registry."""
    for key, names in RULE_MODULES.items():
        if fmt is None or key in ("", fmt):
            for name in names:
                importlib.import_module(f"{__name__}.{name}")
    return rule.RULES


def __getattr__(name: str):
    """`RULES`: every rule, their modules imported on first use."""
    if name == "RULES":
        globals()["RULES"] = load_rules()
        return rule.RULES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def selector(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Callable[[Rule], bool]:
    """`--select` and `--ignore` by code or prefix, as ruff does."""
    select, ignore = [s.upper() for s in select if s], [s.upper() for s in ignore if s]

    def wanted(r: Rule) -> bool:
        if select and not any(r.code.startswith(s) for s in select):
            return False
        return not any(r.code.startswith(s) for s in ignore)

    return wanted


@dataclass(frozen=True)
class Settings:
    """What the caller hands the linter."""

    wanted: Callable[[Rule], bool] = selector()
    expected: Callable[[str], Expected] | None = None  # format -> what the file should say; runs the *410 rules
    built_from: str | None = None  # the Markdown the files were built from: fixes then speak of it
    max_line: int | None = None  # plain-text line limit (TXT401)
    min_text_size: float | None = None  # the smallest text a print file is meant to have, in pt (PDF421, DOCX421)
    braille_page: tuple[int, int] | None = None  # cells by lines a BRF file was made for (BRF401, BRF441)


@dataclass
class Checked:
    """One file's outcome: its format as detected, the findings, and whether it could be read."""

    path: str
    format: str
    findings: list[Finding]
    readable: bool


@dataclass
class Result:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    unreadable: int = 0

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


def unreadable(path: str, fmt: str, reason: str, settings: Settings) -> Finding:
    r = load_rules(fmt if fmt in RULE_MODULES else None)[f"{fmt.upper()}901"]
    return Finding(r.code, r.name, r.severity, path, f"could not check: {reason}", r.fix_for(fmt, settings.built_from),
                   refs=r.refs)


def lint_bytes(data: bytes, shown: str, settings: Settings = Settings()) -> Checked:
    """Findings for a file's content; `shown` names it in the findings (its extension breaks ties)."""
    fmt = "file"
    try:
        fmt = detect(data, Path(shown))
        load_rules(fmt)
        document = documents.load(fmt, data, settings)
        expected = settings.expected(fmt) if settings.expected else None
        return Checked(shown, fmt, list(run_rules(fmt, document, shown, settings, expected)), True)
    except Unreadable as exc:
        reason = str(exc)
    except RecursionError:
        reason = "structure is nested too deeply to check"
    except MemoryError:
        reason = "the file needs more memory to check than this machine has"
    except Exception as exc:  # a bug in a rule: one finding for this file, the other files still checked
        safety_net(exc)
        reason = (f"the linter failed ({type(exc).__name__}: {str(exc)[:120]}); "
                  "please report this as a bug in publish")
    return Checked(shown, fmt, [unreadable(shown, fmt, reason, settings)], False)


def lint_file(path: Path, settings: Settings = Settings()) -> Checked:
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Checked(shown, "file", [unreadable(shown, "file", exc.strerror or str(exc), settings)], False)
    return lint_bytes(data, shown, settings)


def run(paths: Iterable[Path], settings: Settings = Settings()) -> Result:
    result = Result()
    for path in paths:
        checked = lint_file(Path(path), settings)
        result.findings += checked.findings
        result.files += 1
        result.unreadable += not checked.readable
    return result


__all__ = ["RULES", "Checked", "Result", "Settings", "Severity", "Finding", "lint_bytes", "lint_file", "run",
           "selector"]
