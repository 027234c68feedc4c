"""Every sentence of the letter as received is in the source and in every edition."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from conftest import FIXTURES, ROOT
from publish import pandoc

SEED = FIXTURES / "open-letter-2019.txt"


def normalise(text: str) -> str:
    text = text.replace("•", " ").replace("’", "'").replace("\u00ad", "")
    text = re.sub(r"\s+", " ", text)
    return re.sub(r" ([,;.])", r"\1", text).strip()


def sentences() -> list[str]:
    """The seed split into sentences and signatory lines: the units that must survive."""
    units = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        line = normalise(line)
        units += [s for s in re.split(r"(?<=[.;:])\s+", line) if len(s) > 2]
    return units


def edition_text(path: Path) -> str:
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(path).paragraphs)
    if path.suffix == ".epub":
        with zipfile.ZipFile(path) as archive:
            parts = [archive.read(n) for n in sorted(archive.namelist()) if n.endswith(".xhtml") and "nav" not in n]
        return "\n".join(" ".join(etree.fromstring(p).itertext()) for p in parts)
    from publish.lint import documents

    return documents.extract_text(path)


def test_seed_has_sentences():
    assert len(sentences()) > 30


def test_source_keeps_every_word_of_the_seed():
    source = normalise(pandoc.run(["--to", "plain", "--wrap=none", str(ROOT / "source" / "letter.md"),
                                   "--standalone"]).decode("utf-8"))
    missing = [s for s in sentences() if s not in source]
    assert missing == []


@pytest.mark.parametrize("edition", ["pdf", "docx", "epub", "txt"])
def test_every_sentence_in_every_edition(letter, edition):
    text = normalise(edition_text(letter[edition]))
    missing = [s for s in sentences() if s not in text]
    assert missing == []
