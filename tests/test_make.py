"""The Makefile's promises: real file targets, a no-op second run, and -j4 giving the same files."""

from __future__ import annotations

import subprocess

from conftest import ROOT


def make(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), *args],
                          capture_output=True, text=True, timeout=600)


def test_make_all_then_nothing_to_do(tmp_path):
    out = tmp_path / "build"
    first = make("all", f"OUT={out}")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "Found 0 errors" in first.stdout
    second = make("all", f"OUT={out}")
    assert second.returncode == 0
    assert "Nothing to be done" in second.stdout


def test_parallel_make_gives_the_same_files(tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert make("all", f"OUT={serial}").returncode == 0
    assert make("-j4", "all", f"OUT={parallel}").returncode == 0
    names = sorted(p.relative_to(serial) for p in serial.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(parallel) for p in parallel.rglob("*") if p.is_file())
    for name in names:
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def test_make_help_lists_targets():
    result = make("help")
    for target in ("all", "test", "lint", "clean"):
        assert f"make {target}" in result.stdout
