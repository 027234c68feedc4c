"""Errors that reach the editor as one line: where, what, and how to fix it."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path


class PublishError(Exception):
    """Anything the editor can act on; the CLI prints it as one line and exits non-zero."""

    exit_code = 1


@dataclass
class SourceProblem:
    """A problem in the Markdown master, located by line where we can: `FILE:LINE: what. Fix: how`."""

    message: str
    fix: str
    path: Path | str | None = None
    line: int | None = None
    needle: str | None = None  # text to look for in the source when the line is unknown

    def __str__(self) -> str:
        where = str(self.path) if self.path else "source"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}. Fix: {self.fix}"


@dataclass
class SourceError(SourceProblem, PublishError):
    """A problem that stops the build."""


@dataclass
class SourceWarning(SourceProblem):
    """A problem the editions survive but the editor should fix; printed as one line, the build goes on."""

    def report(self) -> None:
        print(f"publish: warning: {self}", file=sys.stderr)


class ToolMissingError(PublishError):
    """A program the build needs is not installed."""

    exit_code = 2


class BuildError(PublishError):
    """A converter failed on input that passed our checks: worth a bug report."""

    exit_code = 2
