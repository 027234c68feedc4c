"""Bad source input: one clear line naming the file, the line and the fix; exit 1; build/ untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from publish import cli

FRONT = "---\ntitle: A letter\nlang: en-GB\n---\n\n"
BODY = "## Part one\n\nSome text.\n"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cf"
    "c000000301010018dd8db00000000049454e44ae426082")

# name: (file text or bytes, expected words in the message, expected line or None)
CASES = {
    "empty-file": ("", "file is empty", 1),
    "only-whitespace": ("\n\n  \n", "file is empty", 1),
    "non-utf8": (FRONT.encode() + "## Caf\u00e9\n".encode("latin-1"), "not UTF-8", 6),
    "no-front-matter": ("## Heading\n\nText\n", "no YAML front matter", 1),
    "front-matter-not-closed": ("---\ntitle: x\nlang: en\n\n## H\n", "front matter is not closed", 1),
    "invalid-yaml": ("---\ntitle: Part one: the letter\nlang: en-GB\n---\n\n" + BODY, "not valid YAML", 2),
    "front-matter-not-mapping": ("---\n- a\n- b\n---\n\n" + BODY, "must be `key: value` lines", 2),
    "no-title": ("---\nlang: en-GB\n---\n\n" + BODY, "no `title`", 1),
    "empty-title": ('---\ntitle: ""\nlang: en-GB\n---\n\n' + BODY, "no `title`", 2),
    "no-lang": ("---\ntitle: A letter\n---\n\n" + BODY, "no `lang`", 1),
    "invalid-lang": ("---\ntitle: A letter\nlang: en_GB\n---\n\n" + BODY, "not a BCP 47", 3),
    "typo-key": ("---\ntitle: A letter\nlang: en-GB\nauthr: Me\n---\n\n" + BODY, "did you mean `author`", 4),
    "image-without-alt": (FRONT + BODY + "\n![](pic.png)\n", "has no alt text", 10),
    "alt-is-file-name": (FRONT + BODY + "\n![pic.png](pic.png)\n", "is a file name", 10),
    "image-missing": (FRONT + BODY + "\n![A cat](missing.png)\n", "not found", 10),
    "remote-image": (FRONT + BODY + "\n![A cat](https://example.org/cat.png)\n", "not a local file", 10),
    "image-parent-folder": (FRONT + BODY + "\n![A cat](../cat.png)\n", "outside the source folder", 10),
    "image-absolute-path": (FRONT + BODY + "\n![A cat](/etc/cat.png)\n", "is absolute", 10),
    "image-symlink-out": (FRONT + BODY + "\n![A cat](link.png)\n", "outside the source folder", 10),
    "image-wrong-type": (FRONT + BODY + "\n![A cat](fake.png)\n", "not really a PNG", 10),
    "image-unsupported": (FRONT + BODY + "\n![A cat](cat.bmp)\n", "not PNG, JPEG, GIF or SVG", 10),
    "svg-with-script": (FRONT + BODY + "\n![A cat](bad.svg)\n", "contains script", 10),
    "skipped-heading": (FRONT + BODY + "\n#### Too deep\n", "skips from level 2 to level 4", 10),
    "empty-heading": (FRONT + "##\n\nText\n", "empty heading", 6),
    "no-heading": (FRONT + "One.\n\nTwo.\n\nThree.\n\nFour.\n", "no headings", 6),
    "duplicate-heading-id": (FRONT + "## One {#same}\n\n## Two {#same}\n", "have the id `same`", 6),
    "raw-html": (FRONT + BODY + "\n<aside>Boxed</aside>\n", "raw html markup", 10),
    "raw-typst": (FRONT + BODY + "\n```{=typst}\n#rect()\n```\n", "raw typst markup", 11),
    "raw-latex": (FRONT + BODY + "\n```{=latex}\n\\newpage\n```\n", "raw latex markup", 11),
    "raw-openxml": (FRONT + BODY + "\n```{=openxml}\n<w:p/>\n```\n", "raw openxml markup", 11),
    "script-even-when-allowed": ("---\ntitle: A\nlang: en\nallow-raw: true\n---\n\n" + BODY
                                 + "\n<script>alert(1)</script>\n", "script is never allowed", 11),
    "table-without-header": (FRONT + BODY + "\n|      |      |\n|------|------|\n| cell | more |\n",
                             "table has no header row", 12),
    "table-separator-short": (FRONT + BODY + "\n| A | B | C |\n|---|---|\n| 1 | 2 | 3 |\n", "marks 2 columns", 11),
    "table-row-too-long": (FRONT + BODY + "\n| A | B |\n|---|---|\n| 1 | 2 | 3 |\n", "would be left out", 12),
    "link-without-text": (FRONT + BODY + "\nSee [](https://example.org).\n", "has no text", 10),
    "vague-link-text": (FRONT + BODY + "\nFor more, [click here](https://example.org).\n", "does not say where", 10),
    "bad-span-language": (FRONT + BODY + "\nShe said [bonjour]{lang=fr_FR}.\n", "not a BCP 47", 10),
    "signatory-without-name": (FRONT + BODY + "\n::: signatories\n- Someone, [Org]{.organisation}\n:::\n",
                               "signatory has no name", 11),
    "math-without-alt": (FRONT + BODY + "\nEnergy: $E = mc^2$.\n", "has no text alternative", 10),
    "dollar-signs-make-a-formula": (FRONT + BODY + "\nSet PATH=$HOME/bin:$PATH first.\n", "two dollar signs made", 10),
    "script-not-in-pdf-font": (FRONT + BODY + "\nIn Tibetan: \u0f40.\n", "cannot be shown in the PDF", 10),
    "link-without-target": (FRONT + BODY + "\nSee [the report]().\n", "has no address", 10),
    "too-large": (FRONT + "## Big\n\n" + ("word " * 20 + "\n") * 220_000, "over the 10 MB limit", 1),
}


def make_source(folder: Path, name: str, content) -> Path:
    source = folder / "doc.md"
    source.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (folder / "pic.png").write_bytes(PNG)
    (folder / "fake.png").write_text("not an image")
    (folder / "cat.bmp").write_bytes(b"BM" + bytes(60))
    (folder / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    outside = folder.parent / f"outside-{name}.png"
    outside.write_bytes(PNG)
    (folder / "link.png").symlink_to(outside)
    return source


@pytest.mark.parametrize("name", sorted(CASES), ids=str)
def test_bad_input_gives_one_clear_line(name, tmp_path, capsys):
    content, expected, line = CASES[name]
    folder = tmp_path / "src"
    folder.mkdir()
    source = make_source(folder, name, content)
    out = tmp_path / "build"
    out.mkdir()
    previous = {f"doc.{suffix}": f"old {suffix} edition".encode() for suffix in ("pdf", "docx", "epub", "txt")}
    for file_name, data in previous.items():
        (out / file_name).write_bytes(data)

    status = cli.main(["build", "--source", str(source), "--out", str(out)])

    err = capsys.readouterr().err
    assert status == 1
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    assert expected.lower() in err.lower(), err
    where = f"{source}:{line}:" if line else f"{source}:"
    assert err.startswith(f"publish: error: {where}"), err
    assert "Fix: " in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == previous


def test_missing_source_file(tmp_path, capsys):
    assert cli.main(["build", "--source", str(tmp_path / "none.md"), "--out", str(tmp_path)]) == 1
    assert "source file not found" in capsys.readouterr().err


def test_unknown_edition_is_refused(capsys):
    assert cli.main(["build", "html5"]) == 2
    assert "edition 'html5' is not one of" in capsys.readouterr().err


def test_filters_run_on_their_own_as_pandoc_filters(tmp_path):
    """`pandoc --filter src/publish/filters/NAME.py` reports the same problem, with exit 1."""
    import subprocess
    import sys

    from publish import pandoc
    from publish.filterkit import FILTER_NAMES, FILTERS_DIR

    source = tmp_path / "doc.md"
    source.write_text(FRONT + BODY + "\n#### Too deep\n")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    for name in FILTER_NAMES:
        result = subprocess.run([pandoc.executable(), str(source), "--filter", str(FILTERS_DIR / f"{name}.py"),
                                 "-t", "native"], capture_output=True, text=True, env=env)
        if name == "heading_levels":
            assert result.returncode != 0 and "skips from level 2 to level 4" in result.stderr
        else:
            assert result.returncode == 0, result.stderr


def test_an_at_sign_is_text_not_a_citation(tmp_path):
    """With no bibliography, `@name` must reach every edition as written (the PDF once failed on it)."""
    from publish import pipeline

    source = tmp_path / "doc.md"
    source.write_text(FRONT + BODY + "\nWrite to <foo\\+@bar.example.com> or @campaign [@smith, p. 4].\n",
                      encoding="utf-8")
    built = {b.edition.name: b.path for b in pipeline.build(source, tmp_path / "out", ["pdf", "txt"])}
    assert "foo+@bar.example.com> or @campaign [@smith, p.\u00a04]" in built["txt"].read_text(encoding="utf-8")
