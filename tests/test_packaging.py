"""The package installs from its wheel: filters, templates and all, and builds the letter from there."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import ROOT
from publish.editions import EDITIONS


def test_the_wheel_builds_the_letter(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path / "wheel"), str(ROOT)], check=True, capture_output=True)
    (wheel,) = (tmp_path / "wheel").glob("publish-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "publish/filters/links.py" in names and "publish/templates/clear-print.typ" in names
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = {**os.environ, "PYTHONPATH": str(site)}  # the installed copy, not the checkout, is imported
    where = subprocess.run([sys.executable, "-c", "import publish; print(publish.__file__)"], env=env, cwd=tmp_path,
                           capture_output=True, text=True, check=True).stdout
    assert where.startswith(str(site))
    built = subprocess.run([sys.executable, "-m", "publish", "build", "--source", str(ROOT / "source" / "letter.md"),
                            "--out", str(tmp_path / "out")], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir() if p.is_file()) == sorted(f"letter{e.suffix}" for e in EDITIONS.values())


def test_pandoc_is_the_wheels_own_found_without_importing_pypandoc():
    code = ("import sys; from publish import pandoc; print(pandoc.executable()); print('pypandoc' in sys.modules); "
            "import pypandoc; print(pypandoc.get_pandoc_path())")
    found, imported, pypandocs = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                                check=True).stdout.split()
    assert found == pypandocs
    assert imported == "False"
