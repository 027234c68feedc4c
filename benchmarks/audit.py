"""How fast `publish audit` checks an archive, and how much memory it needs as the archive grows.

    python benchmarks/audit.py DIR [--sizes 1000 10000] [--jobs N] [--max-bytes B]

Makes archives of 1,000 and 10,000 files in a temporary folder from the documents under DIR
(hard links where the file system allows, else copies, cycling through the documents in
numbered sub-folders), audits each in a fresh process, and prints files per second for the
lint and for the reports, and peak memory (maximum resident set size) of the main process,
which streams the journal, and of the largest worker. With memory bounded, the main
process's peak stays flat from 1,000 to 10,000 files. `--max-bytes` keeps only documents up
to that size (the "small files" figure). DIR is only read; nothing is written beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from publish.audit.report import write_reports
from publish.audit.run import audit, discover


def make_archive(source: Path, target: Path, files: int, max_bytes: int | None) -> None:
    documents = [name for name in discover(source)
                 if max_bytes is None or (source / name).stat().st_size <= max_bytes]
    if not documents:
        sys.exit(f"audit.py: no PDF, DOCX, EPUB, HTML or text files under {source}")
    for i, name in enumerate(islice(cycle(documents), files)):
        copy = target / f"copy{i // len(documents):05d}" / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source / name, copy)
        except OSError:
            shutil.copyfile(source / name, copy)


def measure(root: Path, out: Path, jobs: int | None) -> dict:
    """Run in a fresh process, so its peak memory is this audit's alone."""
    start = time.perf_counter()
    journal = audit(root, out, jobs)
    linted = time.perf_counter()
    totals, _, html = write_reports(journal, root)
    reported = time.perf_counter()
    kib = 1024  # ru_maxrss is in KiB on Linux
    return {"files": totals.total, "lint_s": linted - start, "report_s": reported - linted,
            "main_peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / kib,
            "worker_peak_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / kib,
            "report_mib": html.stat().st_size / 2**20}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--max-bytes", type=int)
    parser.add_argument("--measure", nargs=2, type=Path, help=argparse.SUPPRESS)  # ROOT OUT, in the child
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(*args.measure, args.jobs)))
        return 0
    print(f"{'files':>7} {'lint files/s':>13} {'report files/s':>15} {'main peak MiB':>14} "
          f"{'worker peak MiB':>16} {'report.html MiB':>16}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="audit-bench-") as tmp:
            root, out = Path(tmp) / "archive", Path(tmp) / "report"
            make_archive(args.folder.resolve(), root, size, args.max_bytes)
            child = [sys.executable, __file__, str(args.folder), "--measure", str(root), str(out)]
            if args.jobs:
                child += ["--jobs", str(args.jobs)]
            done = json.loads(subprocess.run(child, check=True, capture_output=True, text=True).stdout)
        print(f"{done['files']:>7,} {done['files'] / done['lint_s']:>13.1f} {done['files'] / done['report_s']:>15.1f} "
              f"{done['main_peak_mib']:>14.1f} {done['worker_peak_mib']:>16.1f} {done['report_mib']:>16.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
