"""`publish check SOURCE.md...`: build every edition of each source in a temporary folder and lint
it against the source, keeping nothing: what the pre-commit hook `publish-check` runs."""

from __future__ import annotations

import dataclasses
import sys
import tempfile
from pathlib import Path


def register(sub) -> None:
    check = sub.add_parser("check", help="build each Markdown source in a temporary folder and lint its editions",
                           description="Exit status: 0 no errors, 1 errors in a source or an edition, 2 an edition could not be checked.")
    check.add_argument("sources", nargs="+", metavar="SOURCE", help="Markdown masters, e.g. source/letter.md")
    check.set_defaults(run=run)


def run(args) -> int:
    status = 0
    for source in map(Path, args.sources):
        status = max(status, check(source))
    return status


def check(source: Path) -> int:
    """Findings name the source and the edition (`source/letter.md (letter.pdf)`), never the
    temporary folder, which is gone by the time an editor reads them."""
    from publish import lint, pipeline, report
    from publish.errors import PublishError

    with tempfile.TemporaryDirectory(prefix="publish-check-") as tmp:
        try:
            built = pipeline.build(source, Path(tmp))
        except PublishError as exc:
            message = str(exc)
            print(message if message.startswith("publish:") else f"publish: error: {message}", file=sys.stderr)
            return exc.exit_code
        result = pipeline.lint_editions([item.path for item in built], source, lint.Settings(built_from=str(source)))
    result.findings = [dataclasses.replace(f, path=f"{source} ({Path(f.path).name})") for f in result.findings]
    print(f"{source}: every edition built and linted against it")
    sys.stdout.write(report.concise(result))
    return 2 if result.unreadable else 1 if result.count(lint.Severity.ERROR) else 0
