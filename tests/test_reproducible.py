"""Reproducible editions: the same source gives the same bytes, whenever, wherever and
however it is built (dates come from the front matter or SOURCE_DATE_EPOCH)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pikepdf
import pytest

from conftest import ROOT
from publish.editions import EDITIONS as ALL

SUFFIXES = tuple(edition.suffix for edition in ALL.values())  # ".pdf", "-large.pdf", ...


def build(source: Path, out: Path, *editions: str, cwd: Path | None = None, **env: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "publish", "build", *editions, "--source", str(source), "--out", str(out)]
    return subprocess.Popen(command, cwd=cwd or ROOT, env={**os.environ, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def finish(*processes: subprocess.Popen) -> None:
    for process in processes:
        _, error = process.communicate(timeout=300)
        assert process.returncode == 0, error.decode()


def editions(out: Path) -> dict[str, bytes]:
    return {suffix: (out / f"letter{suffix}").read_bytes() for suffix in SUFFIXES}


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference")
    finish(build(ROOT / "source" / "letter.md", out))
    return editions(out)


def test_two_builds_are_identical_across_time_place_and_zone(reference, tmp_path):
    """A later build, of a copy of the source elsewhere, from another folder and time zone."""
    time.sleep(1.1)  # a second later: any clock reading would show
    elsewhere = tmp_path / "another" / "source"
    elsewhere.mkdir(parents=True)
    shutil.copy(ROOT / "source" / "letter.md", elsewhere / "letter.md")
    finish(build(elsewhere / "letter.md", tmp_path / "out", cwd=tmp_path, TZ="Pacific/Kiritimati", LC_ALL="C"))
    built = editions(tmp_path / "out")
    assert [suffix for suffix in SUFFIXES if built[suffix] != reference[suffix]] == []


EPOCH = "1700000000"  # 14 November 2023, 22:13:20 UTC


@pytest.fixture(scope="module")
def dated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dated")
    finish(build(ROOT / "source" / "letter.md", out, SOURCE_DATE_EPOCH=EPOCH))
    return out


def test_source_date_epoch_builds_are_identical(dated, tmp_path):
    time.sleep(1.1)
    finish(build(ROOT / "source" / "letter.md", tmp_path, SOURCE_DATE_EPOCH=EPOCH))
    assert editions(tmp_path) == editions(dated)
    for kind in (".docx", ".epub"):
        with zipfile.ZipFile(dated / f"letter{kind}") as archive:
            assert {info.date_time for info in archive.infolist()} == {time.gmtime(int(EPOCH))[:6]}


def modified(path: Path) -> str:
    """The modification date an edition declares, as `YYYY-MM-DDTHH:MM:SS`."""
    if path.suffix == ".pdf":
        with pikepdf.open(path) as pdf:
            return str(pdf.open_metadata().get("xmp:ModifyDate"))[:19]
    with zipfile.ZipFile(path) as archive:
        if path.suffix == ".epub":
            found = re.search(rb'property="dcterms:modified">([^<]+)<', archive.read("EPUB/content.opf"))
        else:
            found = re.search(rb"<dcterms:modified[^>]*>([^<]+)<", archive.read("docProps/core.xml"))
    return found.group(1).decode()[:19]


@pytest.mark.parametrize("kind", [".pdf", ".docx", ".epub"])
def test_source_date_epoch_is_the_modification_date(kind, dated):
    assert modified(dated / f"letter{kind}") == "2023-11-14T22:13:20"


def test_editions_built_in_parallel_equal_one_full_build(reference, tmp_path):
    """`publish build pdf`, `... epub` and so on at once, into one folder, as `make -j` may run them."""
    out = tmp_path / "out"
    finish(*[build(ROOT / "source" / "letter.md", out, name) for name in ALL])
    assert editions(out) == reference
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == sorted(f"letter{suffix}" for suffix in SUFFIXES)
