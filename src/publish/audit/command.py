"""The `publish audit` subcommand: arguments, a progress bar on a terminal, the closing summary."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    audit = sub.add_parser(
        "audit", help="check every PDF, DOCX, EPUB, HTML and text file under a folder and write a report",
        description="Exit status: 0 when no file has errors, 1 when some do, 2 when the audit could not run.")
    audit.add_argument("folder", metavar="DIR", help="the folder to check, with everything under it")
    audit.add_argument("--out", required=True, metavar="REPORT_DIR",
                       help="where to write findings.jsonl, findings.sarif and report.html")
    audit.add_argument("--jobs", type=jobs, metavar="N", help="worker processes (default: one per core)")
    audit.add_argument("--resume", action="store_true",
                       help="carry on with an audit that was stopped, checking only the files it had not")
    audit.add_argument("--scheduler", metavar="ADDRESS",
                       help="run on an existing Dask cluster (tcp://HOST:PORT); needs publish[cluster]")
    audit.set_defaults(run=run)


def jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of worker processes above 0")
    return int(text)


def run(args) -> int:
    from tqdm import tqdm

    from publish.audit.report import plural, write_reports
    from publish.audit.run import audit

    tqdm.monitor_interval = 0  # no monitor thread: the workers are forked from this process
    with tqdm(unit=" files", disable=not sys.stderr.isatty(), file=sys.stderr, dynamic_ncols=True) as bar:
        journal = audit(Path(args.folder), Path(args.out), args.jobs, args.resume, args.scheduler,
                        total=lambda n: setattr(bar, "total", n) or bar.refresh(), progress=bar.update)
    totals, sarif, html = write_reports(journal, Path(args.folder).resolve())
    erring = sum(totals.with_errors.values())
    print(f"Checked {plural(totals.total, 'file')}: {plural(erring, 'file')} with errors, "
          f"{plural(totals.unreadable, 'file')} could not be checked.")
    for path in (html, sarif, journal):
        print(path)
    return 1 if erring else 0
