"""The EPUB linter as a whole: the pipeline's EPUB is clean, damaged books never crash it,
findings name the file inside the EPUB, and the committed fixtures are what the generator makes."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest

from conftest import FIXTURES, RULE_FIXTURES, zip_folder
from publish.lint import Settings, lint_file, selector
from publish.lint.rule import Severity

GENERATOR = FIXTURES / "make_epub_fixtures.py"


def generator():
    spec = importlib.util.spec_from_file_location("make_epub_fixtures", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def epub(files: dict[str, str | bytes], path: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    path.write_bytes(buffer.getvalue())
    return path


def serious(findings):
    return [f for f in findings if f.severity is not Severity.INFO]


def test_pipeline_epub_lints_clean(letter):
    checked = lint_file(letter["epub"], Settings(selector(["EPUB"])))
    findings, readable = checked.findings, checked.readable
    assert readable
    assert [f"{f.location}: {f.code} {f.message}" for f in serious(findings)] == []


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, at any depth, by its path inside it, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_committed_fixtures_are_what_the_generator_makes(tmp_path):
    made = generator()
    made.main(tmp_path)
    for code in made.CASES:
        for kind in ("pass", "fail"):
            generated, committed = tree(tmp_path / code / kind), tree(RULE_FIXTURES / code / kind)
            assert generated.keys() == committed.keys(), (code, kind)
            assert [name for name in generated if generated[name] != committed[name]] == [], (code, kind)


def test_findings_name_the_file_inside_the_epub_and_the_line(tmp_path):
    files = generator().book([("EPUB/text/ch001.xhtml", ' alt="A red dot"', "")])
    checked = lint_file(epub(files, tmp_path / "book.epub"), Settings(selector(["EPUB201"])))
    findings, _ = checked.findings, checked.readable
    assert [f.location for f in findings] == ["EPUB/text/ch001.xhtml:8"]


def base() -> dict:
    return dict(generator().BASE)


# damage -> (the change, the rule that must report it, the start of its message)
DAMAGED = {
    "no container": (lambda f: f.pop("META-INF/container.xml"),
                     "EPUB901", "could not check: EPUB has no META-INF/container.xml"),
    "container names no package": (lambda f: f.update({"META-INF/container.xml": f["META-INF/container.xml"].replace(
        ' full-path="EPUB/package.opf"', "")}), "EPUB901", "could not check: EPUB container names no package document"),
    "overlay not XML": (lambda f: f.update({"EPUB/package.opf": f["EPUB/package.opf"].replace(
        "<manifest>", '<manifest><item id="mo" href="mo.smil" media-type="application/smil+xml"/>'),
        "EPUB/mo.smil": "<smil"}), "EPUB903", "could not check: EPUB/mo.smil is not well-formed XML"),
    "no package document": (lambda f: f.pop("EPUB/package.opf"),
                            "EPUB901", "could not check: EPUB package document `EPUB/package.opf` is missing"),
    "package not XML": (lambda f: f.update({"EPUB/package.opf": "<package"}),
                        "EPUB901", "could not check: EPUB/package.opf is not well-formed XML"),
    "package with entities": (lambda f: f.update({"EPUB/package.opf": '<!DOCTYPE p [<!ENTITY a "b">]><p>&a;</p>'}),
                              "EPUB901", "could not check: EPUB/package.opf declares XML entities"),
    "chapter missing": (lambda f: f.pop("EPUB/text/ch001.xhtml"),
                        "EPUB904", "manifest item `EPUB/text/ch001.xhtml` is missing from the EPUB"),
    "chapter not XML": (lambda f: f.update({"EPUB/text/ch001.xhtml": "<html><body><p>"}),
                        "EPUB903", "could not check: EPUB/text/ch001.xhtml is not well-formed XML"),
    "item without href": (lambda f: f.update({"EPUB/package.opf": f["EPUB/package.opf"].replace(
        '<item id="ch001" href="text/ch001.xhtml"', '<item id="ch001"')}),
        "EPUB904", "manifest item `ch001` has no href, so names no file"),
    "nav missing": (lambda f: f.pop("EPUB/nav.xhtml"),
                    "EPUB904", "manifest item `EPUB/nav.xhtml` is missing from the EPUB"),
    "chapter nested deeply": (lambda f: f.update({"EPUB/text/ch001.xhtml": (
        '<html xmlns="http://www.w3.org/1999/xhtml">' + "<span>" * 5000 + "</span>" * 5000 + "</html>")}),
        "EPUB903", "could not check: EPUB/text/ch001.xhtml is not well-formed XML (Excessive depth"),
    "toc link to a missing file": (lambda f: f.update({"EPUB/nav.xhtml": f["EPUB/nav.xhtml"].replace(
        'href="text/ch001.xhtml#end"', 'href="text/gone.xhtml"')}),
        "EPUB311", "toc entry `text/gone.xhtml` points at nothing in the reading order"),
}


@pytest.mark.parametrize("damage", sorted(DAMAGED))
def test_damaged_epub_gives_the_finding_that_names_the_damage(damage, tmp_path):
    files = base()
    change, code, message = DAMAGED[damage]
    change(files)
    findings = lint_file(epub(files, tmp_path / "damaged.epub")).findings
    assert any(f.code == code and f.message.startswith(message) for f in findings), findings


def test_not_a_zip_is_could_not_check(tmp_path):
    path = tmp_path / "book.epub"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    checked = lint_file(path)
    findings, readable = checked.findings, checked.readable
    assert not readable and findings[0].code.endswith("901")


def test_percent_encoded_names_resolve(tmp_path):
    files = base()
    files["EPUB/text/c h.xhtml"] = files.pop("EPUB/text/ch001.xhtml")
    files["EPUB/package.opf"] = files["EPUB/package.opf"].replace('href="text/ch001.xhtml"', 'href="text/c%20h.xhtml"')
    files["EPUB/nav.xhtml"] = files["EPUB/nav.xhtml"].replace("text/ch001.xhtml", "text/c%20h.xhtml")
    checked = lint_file(epub(files, tmp_path / "book.epub"))
    findings, readable = checked.findings, checked.readable
    assert readable and serious(findings) == []


def test_unpacked_fixture_zips_to_a_clean_book(tmp_path):
    path = tmp_path / "clean.epub"
    path.write_bytes(zip_folder(RULE_FIXTURES / "EPUB001" / "pass"))
    checked = lint_file(path, Settings(selector(["EPUB"])))
    findings, _ = checked.findings, checked.readable
    assert findings == []


def test_a_duplicated_id_is_reported_as_itself_not_as_toc_order(tmp_path):
    """pandoc gives a heading "Footnotes" and its notes section the same id; the toc links to the heading."""
    book = tmp_path / "book.epub"
    book.write_bytes(zip_folder(RULE_FIXTURES / "EPUB126" / "fail"))
    assert sorted({f.code for f in serious(lint_file(book).findings)}) == ["EPUB126"]
