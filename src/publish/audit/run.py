"""Lint every document under a folder in worker processes (or on a Dask cluster) and stream
one JSON line per file into findings.jsonl, so an interrupted audit can carry on where it stopped.

Only the main process writes the journal, one whole line at a time, flushed as each batch of
files comes back; a SIGKILL can leave at most a torn last line, which `--resume` cuts off.
Findings are never held in memory beyond one batch: the reports are written afterwards by
reading the journal line by line.
"""

from __future__ import annotations

import json
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from publish.errors import PublishError
from publish.lint import lint_file

SUFFIXES = {".pdf", ".docx", ".epub", ".html", ".htm", ".xhtml", ".txt"}
JOURNAL = "findings.jsonl"
LOCAL_BATCH = 8  # files per task on this machine: enough to amortise the hand-over, small enough to share out
CLUSTER_BATCH = 32  # files per Dask task: a task costs the scheduler milliseconds
IN_FLIGHT = 4  # batches queued per worker, so memory stays bounded however many files there are


class AuditError(PublishError):
    exit_code = 2


def discover(root: Path, skip: Path | None = None) -> Iterator[str]:
    """Paths (relative, with /) of the documents under `root`, in a stable order.

    Symbolic links to folders are never entered, and a linked file counts only when it
    resolves inside `root`, so the audit cannot wander out of the folder it was given."""
    root = root.resolve()
    skip = skip.resolve() if skip else None
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink() and here / d != skip)
        for name in sorted(files):
            path = here / name
            if path.suffix.lower() not in SUFFIXES:
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                continue
            yield path.relative_to(root).as_posix()


def record(root: str, name: str) -> str:
    """One journal line: the file's path inside the audited folder, its format and findings."""
    checked = lint_file(Path(root) / name)
    rows = [{key: value for key, value in f.as_dict().items() if key not in ("path", "refs")} for f in checked.findings]
    return json.dumps({"path": name, "format": checked.format, "readable": checked.readable, "findings": rows},
                      ensure_ascii=False, separators=(",", ":")) + "\n"


def lint_batch(root: str, names: list[str]) -> list[str]:
    """The task a worker runs: journal lines for a few files. Top-level, so Dask and
    multiprocessing can both ship it by name."""
    return [record(root, name) for name in names]


def batched(items: Iterable[str], size: int) -> Iterator[list[str]]:
    items = iter(items)
    while batch := list(islice(items, size)):
        yield batch


def open_journal(path: Path, resume: bool) -> tuple[set[str], int]:
    """The paths already recorded, and the byte length of the journal's whole lines.

    A torn last line (the audit was killed while writing it) is left out of that length, so
    it is cut off and its file checked again; a damaged line earlier means something else
    wrote to the journal, and the audit stops rather than guess."""
    if not path.exists():
        return set(), 0
    if not resume:
        raise AuditError(f"{path} already holds an audit; add --resume to carry on with it, "
                         "or remove it (or choose another --out) to start again")
    done, good = set(), 0
    with path.open("rb") as journal:
        for number, raw in enumerate(journal, 1):
            try:
                if not raw.endswith(b"\n"):
                    raise ValueError("no line end: cut off while it was written")
                name = json.loads(raw)["path"]
            except (ValueError, KeyError, TypeError):
                if journal.read(1):
                    raise AuditError(f"{path}:{number}: this line is not an audit record; remove the line "
                                     "(or the file, to start again) and run the audit with --resume") from None
                break
            done.add(name)
            good += len(raw)
    return done, good


@contextmanager
def executor(scheduler: str | None, jobs: int):
    """Worker processes on this machine, or an existing Dask cluster's workers."""
    if scheduler is None:
        context = multiprocessing.get_context("fork")  # workers start with the linter already imported
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            yield pool, jobs
        return
    try:
        from distributed import Client
    except ImportError:
        raise AuditError("--scheduler needs the Dask client: pip install 'publish[cluster]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise AuditError(f"no Dask scheduler answered at {scheduler} ({exc}); start one with "
                         "`dask scheduler` or give its tcp://HOST:PORT address") from None
    with client:
        workers = max(1, sum(client.nthreads().values()))
        yield client.get_executor(), workers


def audit(root: Path, out: Path, jobs: int | None = None, resume: bool = False, scheduler: str | None = None,
          total: Callable[[int], None] = lambda n: None, progress: Callable[[int], None] = lambda n: None) -> Path:
    """Lint every document under `root` into out/findings.jsonl; returns the journal's path.

    `total` hears how many files are left to check, `progress` how many more have finished."""
    root = Path(root)
    if not root.is_dir():
        raise AuditError(f"{root}: no such folder to audit")
    out.mkdir(parents=True, exist_ok=True)
    journal_path = out / JOURNAL
    done, good = open_journal(journal_path, resume)
    todo = lambda: (name for name in discover(root, skip=out) if name not in done)  # noqa: E731
    total(sum(1 for _ in todo()))
    with journal_path.open("ab") as journal:
        journal.truncate(good)
        with executor(scheduler, jobs or os.cpu_count() or 1) as (pool, workers):
            size = LOCAL_BATCH if scheduler is None else CLUSTER_BATCH
            for lines in stream(pool, batched(todo(), size), str(root.resolve()), workers * IN_FLIGHT):
                journal.write("".join(lines).encode("utf-8"))
                journal.flush()
                progress(len(lines))
    return journal_path


def stream(pool: Executor, batches: Iterable[list[str]], root: str, window: int) -> Iterator[list[str]]:
    """Each batch's lines as soon as it is done, with at most `window` batches submitted at once."""
    pending = set()
    for batch in batches:
        pending.add(pool.submit(lint_batch, root, batch))
        if len(pending) >= window:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in finished)
    while pending:
        finished, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (future.result() for future in finished)
