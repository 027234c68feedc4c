"""The parity rules: each file's text, in reading order, is the text it should have.

One declaration per format, made in one loop; they run only when the caller hands in
the expected text (`publish lint --source SOURCE.md build/*`, `publish build --check`).
Reading order is publish.lint.reading_order; the comparison is publish.lint.compare.
"""

from __future__ import annotations

import pikepdf

from publish.lint.compare import Expected, compare
from publish.lint.reading_order import EXTRACTORS, edition_words
from publish.lint.rule import Hit, Severity, rule

DAMAGE = (pikepdf.PdfError, ValueError, TypeError, AttributeError, KeyError, IndexError)


def parity_check(fmt: str):
    def check(document, expected: Expected):
        if expected.problem:
            yield Hit(expected.problem)
            return
        try:
            found = edition_words(fmt, document)
        except DAMAGE as exc:
            yield Hit(f"could not compare with the source: part of the file is damaged ({type(exc).__name__})")
            return
        difference = compare(expected, found)
        if difference is not None:
            yield Hit(*difference)

    check.__doc__ = DOC
    return check


DOC = """## What it does
Takes the file's text in reading order (a PDF in structure-tree order, an EPUB in
spine and document order, a Word document in body order, a web page's main content,
plain text as written) and compares it word by word with the Markdown source. It
reports the first passage that is missing, duplicated, out of order, added or changed,
quoting it and the source text just before it. Case, punctuation, quotation marks,
dashes, list bullets and heading underlines do not count; the title block built from
the front matter (title, author, publisher, date) is the only text an edition may add.
Page furniture is not text: a Word document's paragraphs in the `Print Page` style that
say where a print page begins ("Print page 3") are left out, as its footers are.

## Why is this bad?
Each edition is somebody's only copy. A signatory dropped from the tagged PDF, or two
paragraphs that a screen reader meets in the wrong order, change what the letter says
for the readers of that edition alone, and no visual check of another edition shows it.

## Example
Built from
```markdown
- [Richard Gowing]{.name}, [Director]{.role}, [Sri Lanka Campaign for Peace & Justice]{.organisation}
- [Kellie Strom]{.name}, [Syria Solidarity UK]{.organisation}
```
an edition that lacks the second line gives
`missing: “Kellie Strom, Syria Solidarity UK” after “…Lanka Campaign for Peace & Justice”`.
"""

for _fmt in EXTRACTORS:
    rule(
        f"{_fmt.upper()}410", "text-differs-from-source", Severity.ERROR,
        "Each edition's text, in reading order, must be the source's text",
        fix="Rebuild the edition with `{build}`; if it still differs, the build lost or moved text: "
            "tell the publish maintainers, with {source}",
        fix_file="Rebuild the file from the Markdown source, or restore the missing or misplaced text in reading order",
        refs=("WCAG 2.2 SC 1.3.2", "WCAG 2.2 SC 1.3.1", "ISO 14289-1 7.1", "Matterhorn 09-001"),
        needs_expected=True,
    )(parity_check(_fmt))
