"""Shared fixtures: the letter built once per run, and rule fixtures made into real files."""

from __future__ import annotations

import importlib.util
import io
import os
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
RULE_FIXTURES = FIXTURES / "rules"
SAMPLE = FIXTURES / "sample" / "sample.md"
# The linter's safety nets (a crashing rule becomes a "could not check" finding) re-raise in the
# tests, here and in every `publish` the tests start, so no test passes on a crash.
os.environ["PUBLISH_LINT_STRICT"] = "1"
SUFFIX = {"PDF": ".pdf", "DOCX": ".docx", "EPUB": ".epub", "HTML": ".html", "TXT": ".txt", "BRF": ".brf",
          "FILE": ".bin"}


@pytest.fixture(scope="session")
def letter(tmp_path_factory) -> dict[str, Path]:
    """Every edition of source/letter.md, built once into a temporary folder."""
    from publish import pipeline

    out = tmp_path_factory.mktemp("letter")
    built = pipeline.build(ROOT / "source" / "letter.md", out)
    return {item.edition.name: item.path for item in built}


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> dict[str, Path]:
    """Every edition of the rich sample (tests/fixtures/sample/sample.md), built once."""
    from publish import pipeline

    out = tmp_path_factory.mktemp("sample")
    return {item.edition.name: item.path for item in pipeline.build(SAMPLE, out)}


def zip_folder(folder: Path) -> bytes:
    """Zip an unpacked DOCX or EPUB; EPUB's mimetype goes first, uncompressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        files.sort(key=lambda p: p.name != "mimetype")
        for path in files:
            name = path.relative_to(folder).as_posix()
            archive.write(path, name, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def materialise(code: str, kind: str, tmp_path: Path) -> Path:
    """Turn tests/fixtures/rules/CODE/{kind}.* into a file to lint.

    `kind.EXT` is used as it is; a `kind/` folder is zipped; `kind.py` defines
    `make(folder: Path) -> Path`, which writes the file (e.g. a PDF changed with pikepdf).
    """
    folder = RULE_FIXTURES / code
    prefix = code.rstrip("0123456789")
    target = tmp_path / f"{kind}{SUFFIX[prefix]}"
    maker = folder / f"{kind}.py"
    if maker.exists():
        spec = importlib.util.spec_from_file_location(f"fixture_{code}_{kind}", maker)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.make(tmp_path)
    if (folder / kind).is_dir():
        target.write_bytes(zip_folder(folder / kind))
        return target
    matches = [p for p in folder.glob(f"{kind}.*") if p.suffix not in (".expected", ".md", ".py")]
    if not matches:
        raise FileNotFoundError(f"{folder} has no {kind} fixture")
    return matches[0]


def fixture_codes() -> list[str]:
    """Every rule's fixture folder; not the `__pycache__` that importing the *_fixtures.py helpers leaves there."""
    return sorted(p.name for p in RULE_FIXTURES.iterdir()
                  if p.is_dir() and p.name != "__pycache__") if RULE_FIXTURES.exists() else []


@pytest.fixture(autouse=True)
def _no_colour(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.pop("SOURCE_DATE_EPOCH", None)
