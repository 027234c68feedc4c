"""One rule mechanism: a rule is a small declaration around a function that yields hits.

The frame adds everything else (code, severity, fix, references) to each hit, so no
rule repeats reporting code.
"""

from __future__ import annotations

import enum
import inspect
import os
from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, Iterable, Iterator


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Hit:
    """What a rule observed: the message with the observed value, and where."""

    message: str
    location: str | None = None  # "line:col", "page 3", "word/document.xml:1:204", ...
    fix: str | None = None  # overrides the rule's fix when the fix depends on what was seen
    severity: Severity | None = None  # overrides the rule's, when the caller declared what the file must meet


def capped(hits, shown: int = 5):
    """The first few findings, then one that counts the rest, so one habit does not flood the report."""
    hits = iter(hits)
    yield from islice(hits, shown)
    rest = sum(1 for _ in hits)
    if rest:
        yield Hit(f"… and {rest} more like these")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    fix: str  # aimed at the Markdown source: `{source}` and `{build}` stand for its path and the command
    fix_file: str  # aimed at the file itself, for files the pipeline did not make
    refs: tuple[str, ...]
    check: Callable[..., Iterable[Hit]] = field(compare=False)
    needs_expected: bool = False  # compares the file with the text it should have: check(document, expected)

    @property
    def fmt(self) -> str:
        return self.code.rstrip("0123456789").lower()

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    def fix_for(self, fmt: str, built_from: str | None, fix: str | None = None) -> str:
        """The fix as the reader can act on it: about the source and the command that builds the file
        when it was built from one, else about the file itself."""
        if built_from is None:
            return fix or self.fix_file
        return fill(fix or self.fix, built_from, fmt)


def fill(text: str, source: str, fmt: str) -> str:
    """`{source}` and `{build}` in a fix, filled in (other braces, as in `{.decorative}`, stay)."""
    return text.replace("{source}", source).replace("{build}", f"publish build {fmt} --source {source}")


@dataclass(frozen=True)
class Finding:
    code: str
    name: str
    severity: Severity
    path: str
    message: str
    fix: str
    location: str | None = None
    refs: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        line, column = split_location(self.location)
        return {
            "code": self.code, "name": self.name, "severity": self.severity.value, "path": self.path,
            "location": self.location, "line": line, "column": column, "message": self.message,
            "fix": self.fix, "refs": list(self.refs),
        }


def split_location(location: str | None) -> tuple[int | None, int | None]:
    """Line and column from a location ending in `:line[:col]`, for JSON and SARIF."""
    if not location:
        return None, None
    numbers = []
    for part in reversed(location.split(":")):
        if not part.isdigit():
            break
        numbers.insert(0, int(part))
    numbers = numbers[-2:]
    if not numbers:
        return None, None
    return numbers[0], numbers[1] if len(numbers) > 1 else None


RULES: dict[str, Rule] = {}

STRICT = "PUBLISH_LINT_STRICT"  # set by the test suite: the safety nets below re-raise what they catch


def safety_net(exc: BaseException) -> None:
    """Called by each place that turns a crash into a finding, so users get a finding and the
    tests, which set `PUBLISH_LINT_STRICT=1`, see every crash as one."""
    if os.environ.get(STRICT) == "1":
        raise exc


def rule(code: str, name: str, severity: Severity, summary: str, *, fix: str, fix_file: str | None = None,
         refs: tuple[str, ...] = (), needs_expected: bool = False):
    """Register the decorated function as a rule; its docstring is what `publish explain` prints.

    A rule with `needs_expected` is called as `check(document, expected)` and runs only when the
    caller hands the linter the text the file should have."""

    def register(check: Callable[..., Iterable[Hit]]) -> Callable[..., Iterable[Hit]]:
        if code in RULES:
            raise ValueError(f"rule code {code} declared twice")
        RULES[code] = Rule(code, name, severity, summary, fix, fix_file or fix, tuple(refs), check, needs_expected)
        return check

    return register


def run_rules(fmt: str, document, path: str, settings, expected=None) -> Iterator[Finding]:
    """Every wanted rule of the format on the loaded document (`settings`: publish.lint.Settings)."""
    for r in RULES.values():
        if r.fmt != fmt or not settings.wanted(r) or (r.needs_expected and expected is None):
            continue
        for hit in (r.check(document, expected) if r.needs_expected else r.check(document)):
            yield Finding(
                code=r.code, name=r.name, severity=hit.severity or r.severity, path=path, message=hit.message,
                fix=r.fix_for(fmt, settings.built_from, hit.fix), location=hit.location, refs=r.refs,
            )
