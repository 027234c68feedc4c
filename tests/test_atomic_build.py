"""Nothing lost: a build killed with SIGKILL at any moment leaves each edition whole.

The output folder starts with editions of a slightly different letter (the old ones);
the build of the real letter (the new ones) is killed at several moments. Every edition
must then be byte for byte the whole old file or the whole new one, never a mix, a
stub or a missing file; a later build then completes them all.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from publish.editions import EDITIONS as ALL

EDITIONS = tuple(edition.suffix for edition in ALL.values())  # ".pdf", "-large.pdf", ...


def build_command(source: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "publish", "build", "--source", str(source), "--out", str(out)]


def build(source: Path, out: Path) -> dict[str, bytes]:
    subprocess.run(build_command(source, out), check=True, capture_output=True, timeout=300)
    return {kind: (out / f"{source.stem}{kind}").read_bytes() for kind in EDITIONS}


@pytest.fixture(scope="module")
def versions(tmp_path_factory):
    """Sources of the old and new letter, and the editions each one builds."""
    root = tmp_path_factory.mktemp("atomic")
    new_source, old_source = root / "new" / "letter.md", root / "old" / "letter.md"
    text = (ROOT / "source" / "letter.md").read_text(encoding="utf-8")
    for path, body in ((new_source, text), (old_source, text.replace("\n## ", "\n## Old: ", 1))):
        path.parent.mkdir()
        path.write_text(body, encoding="utf-8")
    old, new = build(old_source, root / "old-out"), build(new_source, root / "new-out")
    assert all(old[kind] != new[kind] for kind in EDITIONS)
    return new_source, old, new


def replaced(out: Path, old: dict[str, bytes]) -> int:
    return sum((out / f"letter{kind}").read_bytes() != old[kind] for kind in EDITIONS)


def killed_build(source: Path, out: Path, old: dict[str, bytes], when: float | int) -> None:
    """Start a build into `out` and SIGKILL it after `when` seconds (a float) or once
    `when` editions (an int) have been replaced: the latter lands mid-build on any machine."""
    process = subprocess.Popen(build_command(source, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        if isinstance(when, float):
            time.sleep(when)
        else:
            while process.poll() is None and replaced(out, old) < when:
                time.sleep(0.001)
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=60)


@pytest.mark.parametrize("when", [0.05, 0.1, 0.2, 0.4, 0.8, 1.2, 1, 2, 3],
                         ids=lambda w: f"after-{w}s" if isinstance(w, float) else f"{w}-replaced")
def test_killed_build_leaves_each_edition_whole(when, versions, tmp_path):
    source, old, new = versions
    out = tmp_path / "build"
    out.mkdir()
    for kind in EDITIONS:
        (out / f"letter{kind}").write_bytes(old[kind])
    killed_build(source, out, old, when)
    for kind in EDITIONS:
        data = (out / f"letter{kind}").read_bytes()
        assert data in (old[kind], new[kind]), f"{kind} edition is neither the old nor the new file"
    stray = [p.name for p in out.iterdir() if p.name not in {f"letter{kind}" for kind in EDITIONS}]
    assert all(name.startswith(".") and name.endswith(".tmp") for name in stray), stray

    assert build(source, out) == new


def test_killed_first_build_writes_only_whole_editions(versions, tmp_path):
    """An empty output folder stays empty or gains whole editions only."""
    source, old, new = versions
    out = tmp_path / "build"  # not made yet: the build makes it
    killed_build(source, out, old, 0.3)
    for path in out.glob("letter*"):
        assert path.read_bytes() == new[path.name.removeprefix("letter")]


def test_a_later_build_removes_temporaries_a_killed_build_left(tmp_path):
    """Only old ones: a temporary file younger than ten minutes may belong to a build still running."""
    from publish import pipeline

    target = tmp_path / "letter.pdf"
    old, young = tmp_path / ".letter.pdf.abc123.tmp", tmp_path / ".letter.pdf.def456.tmp"
    for stale in (old, young):
        stale.write_bytes(b"half a PDF")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    pipeline.write_atomically(target, b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == [young.name, target.name]


READER = """
import hashlib, json, sys, time
from pathlib import Path
out, stop, names = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
seen = {name: {} for name in names}
while not stop.exists():
    for name in names:
        try:
            digest = hashlib.sha256((out / name).read_bytes()).hexdigest()
        except FileNotFoundError:
            digest = "missing"
        seen[name][digest] = seen[name].get(digest, 0) + 1
print(json.dumps(seen))
"""


def test_a_reader_during_builds_sees_only_whole_editions(versions, tmp_path):
    """Another process reads every edition as fast as it can while builds replace them old, new,
    old...: each read must be the whole old or the whole new file (a file written in place shows
    its readers a truncated one)."""
    import hashlib
    import json

    new_source, old, new = versions
    old_source = new_source.parent.parent / "old" / "letter.md"
    out, stop = tmp_path / "build", tmp_path / "stop"
    out.mkdir()
    for kind in EDITIONS:
        (out / f"letter{kind}").write_bytes(old[kind])
    names = [f"letter{kind}" for kind in EDITIONS]
    reader = subprocess.Popen([sys.executable, "-c", READER, str(out), str(stop), *names],
                              stdout=subprocess.PIPE, text=True)
    try:
        for source in (new_source, old_source) * 2:
            subprocess.run(build_command(source, out), check=True, capture_output=True, timeout=300)
    finally:
        stop.touch()
        seen = json.loads(reader.communicate(timeout=60)[0])
    whole = {f"letter{kind}": {hashlib.sha256(v[kind]).hexdigest() for v in (old, new)} for kind in EDITIONS}
    torn = {name: sum(n for digest, n in reads.items() if digest not in whole[name]) for name, reads in seen.items()}
    assert torn == dict.fromkeys(names, 0), f"reads that were neither the old nor the new file: {torn}"
    assert all(len(reads) == 2 for reads in seen.values()), "the reader missed a version: it did not overlap the builds"
