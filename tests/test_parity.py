"""Parity (*410): every edition of the letter says what source/letter.md says, in order; an
edition built with a signatory dropped or two paragraphs swapped is caught."""

from __future__ import annotations

import pytest

from conftest import ROOT, SAMPLE
from publish import parity, pipeline
from publish.editions import EDITIONS
from publish.lint.formats import detect
from publish.lint import lint_file, selector

LETTER = ROOT / "source" / "letter.md"
SIGNATORY = "- [Kellie Strom]{.name}, [Syria Solidarity UK]{.organisation}\n"


def swap_paragraphs(text: str) -> str:
    """The letter with its 'Genocide, …' paragraph and the one after it in each other's place."""
    paragraphs = text.split("\n\n")
    at = next(i for i, p in enumerate(paragraphs) if p.startswith("Genocide"))
    paragraphs[at], paragraphs[at + 1] = paragraphs[at + 1], paragraphs[at]
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="session")
def altered(tmp_path_factory) -> dict[str, dict]:
    """Every edition of two altered letters: one signatory dropped, two paragraphs swapped."""
    text = LETTER.read_text(encoding="utf-8")
    assert SIGNATORY in text
    editions = {}
    for name, changed in (("dropped", text.replace(SIGNATORY, "")), ("swapped", swap_paragraphs(text))):
        folder = tmp_path_factory.mktemp(name)
        (folder / "letter.md").write_text(changed, encoding="utf-8")
        editions[name] = {b.edition.name: b.path for b in pipeline.build(folder / "letter.md", folder / "build")}
    return editions


def parity_findings(path, edition: str, source=LETTER):
    fmt = detect(path.read_bytes(), path)  # the read-aloud edition is an EPUB: EPUB410
    findings, readable = lint_file(path, selector([f"{fmt.upper()}410"]), source=source)
    assert readable
    return findings


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_edition_of_the_letter_matches_its_source(letter, edition):
    assert parity_findings(letter[edition], edition) == []


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_a_dropped_signatory_is_caught(altered, edition):
    findings = parity_findings(altered["dropped"][edition], edition)
    assert [f.message for f in findings] == [
        "missing: “Kellie Strom, Syria Solidarity UK” after “…Campaign for Peace & Justice”"]
    assert findings[0].severity.value == "error" and findings[0].location


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_two_swapped_paragraphs_are_caught(altered, edition):
    findings = parity_findings(altered["swapped"][edition], edition)
    assert [f.message for f in findings] == [
        "out of order: “Genocide, war crimes, ethnic cleansing and crimes against humanity diminish…”, "
        "which follows “…and during this election campaign.” in the source, comes later (1 more difference)"]


def test_parity_runs_only_when_given_the_source(altered):
    findings, _ = lint_file(altered["dropped"]["txt"], selector(["TXT410"]))
    assert findings == []


def test_a_source_with_a_problem_is_reported_not_raised(letter, tmp_path):
    broken = tmp_path / "letter.md"
    broken.write_text("---\nlang: en-GB\n---\n\nNo title.\n", encoding="utf-8")
    (finding,) = parity_findings(letter["txt"], "txt", source=broken)
    assert finding.message.startswith("could not compare with the source: ")
    assert "title" in finding.message


def test_a_missing_source_is_reported_not_raised(letter, tmp_path):
    (finding,) = parity_findings(letter["txt"], "txt", source=tmp_path / "absent.md")
    assert finding.message.startswith("could not compare with the source: ")


def words(text: str) -> list[parity.Word]:
    return parity.words([(text, None)])


TITLE_BLOCK = (("open", "letter"), ("the", "group"))


@pytest.mark.parametrize(("edition", "expected"), [
    ("Open letter The Group One two three. Four five six.", None),
    ("Open letter One two three. Four five six. Four five six.",
     "duplicated: “Four five six.” after “…two three. Four five six.”"),
    ("One two three. Breaking news. Four five six.", "added: “Breaking news.” after “…One two three.”"),
    ("One two tree. Four five six.", "changed: “three.” reads “tree.” after “…One two”"),
    ("Four five six. One two three.",
     "out of order: “Four five six.” comes too early, at the start (1 more difference)"),
])
def test_first_difference_names_the_passage(edition, expected):
    found = parity.first_difference(words("One two three. Four five six."), TITLE_BLOCK, words(edition))
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize(("written", "key"), [
    ("“Group’s”", "groups"), ("cross-cutting", "crosscutting"), ("–", ""), ("&", "and"), ("=====", ""),
    ("Ministry", "ministry"),
])
def test_words_are_compared_without_case_punctuation_or_dashes(written, key):
    assert parity.normalise(written) == key


def test_ordered_list_numbers_count_only_where_the_edition_shows_them():
    ast = {"blocks": [{"t": "OrderedList", "c": [[3, {"t": "LowerRoman"}, {"t": "Period"}],
                                                  [[{"t": "Plain", "c": [{"t": "Str", "c": "item"}]}]]]}]}
    assert parity.ast_text(ast["blocks"], parity.LAYOUTS["txt"]).split() == ["iii", "item"]
    assert parity.ast_text(ast["blocks"], parity.LAYOUTS["epub"]).split() == ["item"]


def test_web_text_leaves_out_what_nobody_meets():
    from lxml import etree

    root = etree.fromstring(b"<body><p>One <!-- a note --> two<span hidden=''>ghost</span>s <b>th</b>ree</p>"
                            b"<nav>Contents</nav><p aria-hidden='true'>shown</p><p>four<br/>five</p></body>")
    words = [w.text for w in parity.words(parity.html_chunks(root))]
    assert words == ["One", "twos", "three", "shown", "four", "five"]


@pytest.mark.parametrize("edition", sorted(EDITIONS))
def test_every_edition_of_the_sample_matches_its_source(sample, edition):
    assert parity_findings(sample[edition], edition, source=SAMPLE) == []
