"""Where one `publish build --check` spends its CPU time, phase by phase, in one process.

    .venv/bin/python benchmarks/phases.py SOURCE.md [EDITION ...]

Runs the build's steps one after another (the build itself runs writers two at a time) and
splits each step's CPU seconds three ways: pandoc (its child processes), Typst (the typst
wheel's compile, in this process or, for a long document, in a child) and the rest, which is
publish's own Python. The first two are what bare pandoc/Typst conversions also spend; the
third is what the pipeline and its check add. Prints a Markdown table.
"""

from __future__ import annotations

import dataclasses
import resource
import sys
import tempfile
import time
from pathlib import Path

START = resource.getrusage(resource.RUSAGE_SELF)

import typst  # noqa: E402

from publish import filterkit, lint, pipeline  # noqa: E402
from publish.editions import EDITIONS, pdf  # noqa: E402


def cpu(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


TYPST = [0.0]


def timed_typst(run):
    def wrapped(*args, **kwargs):
        start = time.process_time()
        try:
            return run(*args, **kwargs)
        finally:
            TYPST[0] += time.process_time() - start
    return wrapped


typst.compile = timed_typst(typst.compile)


def timed_typst_apart(run):
    """A long document is typeset in a child process: its CPU time is Typst's, not pandoc's."""
    def wrapped(*args, **kwargs):
        start = cpu(resource.RUSAGE_CHILDREN)
        try:
            return run(*args, **kwargs)
        finally:
            TYPST_APART[0] += cpu(resource.RUSAGE_CHILDREN) - start
    return wrapped


TYPST_APART = [0.0]
pdf.compiled_apart = timed_typst_apart(pdf.compiled_apart)


class Meter:
    """CPU seconds of each step: pandoc (children), Typst (wrapped) and the rest (this process)."""

    def __init__(self):
        self.rows: list[tuple[str, float, float, float]] = [
            ("start Python, import publish", 0.0, 0.0, cpu(resource.RUSAGE_SELF) - START.ru_utime - START.ru_stime)]
        self.mark()

    def mark(self) -> None:
        self.own, self.children = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
        self.typst, self.apart = TYPST[0], TYPST_APART[0]

    def step(self, what: str) -> None:
        own, children = cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
        here, apart = TYPST[0] - self.typst, TYPST_APART[0] - self.apart
        self.rows.append((what, children - self.children - apart, here + apart, own - self.own - here))
        self.mark()

    def table(self) -> str:
        lines = ["| step | pandoc s | Typst s | publish's Python s |", "|---|---:|---:|---:|"]
        lines += [f"| {what} | {p:.2f} | {t:.2f} | {own:.2f} |" for what, p, t, own in self.rows]
        totals = [sum(row[i] for row in self.rows) for i in (1, 2, 3)]
        lines.append(f"| **all** ({sum(totals):.2f} s) | **{totals[0]:.2f}** | **{totals[1]:.2f}** | **{totals[2]:.2f}** |")
        return "\n".join(lines)


def main(source: Path, names: list[str]) -> str:
    meter = Meter()
    editions = [EDITIONS[name] for name in names or EDITIONS]
    one = pipeline.parsed(source)
    meter.step("parse, and the filters every edition shares")
    for fmt in dict.fromkeys(e.pandoc_format for e in editions):
        one.for_format(fmt)
        meter.step(f"filters for {fmt}")
    ctx = one.ctx
    made = {}
    if any(e.print_pages for e in editions):
        made["pdf"], pages = pdf.with_page_map(filterkit.copy_of(one.for_format("typst")), ctx)
        ctx = dataclasses.replace(ctx, pages=pages)
        meter.step("write pdf, with the page map")
    with tempfile.TemporaryDirectory(prefix="publish-phases-") as folder:
        out = Path(folder)
        for edition in editions:
            data = made.get(edition.name) or edition.write(filterkit.copy_of(one.for_format(edition.pandoc_format)), ctx)
            files = data if isinstance(data, dict) else {edition.suffix: data}
            for suffix, content in files.items():
                pipeline.write_atomically(out / (ctx.source.name + suffix), content)
            if edition.name not in made:
                meter.step(f"write {edition.name}")
        expected = pipeline.expected_text(source)
        for edition in editions:
            expected(edition.name)
        meter.step("what each edition should say (for the check)")
        for edition in editions:
            settings = lint.Settings(expected=lambda _fmt, name=edition.name: expected(name))
            lint.lint_file(out / (ctx.source.name + edition.suffix), settings)
            meter.step(f"check {edition.name}")
    return meter.table()


if __name__ == "__main__":
    print(main(Path(sys.argv[1]), sys.argv[2:]))
