"""The parity rules: each edition's text, in reading order, is the source's text (publish.parity).

One declaration per format, made in one loop; they run only when the linter is given
the Markdown source (`publish lint --source source/letter.md build/*`).
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

from publish import parity
from publish.errors import PublishError
from publish.lint.rule import Hit, Severity, rule

FORMATS = ("pdf", "docx", "epub", "html", "txt")
DAMAGE = (pikepdf.PdfError, ValueError, TypeError, AttributeError, KeyError, IndexError)


def parity_check(fmt: str):
    def check(document, source: Path):
        try:
            difference = parity.compare(fmt, document, source)
        except PublishError as exc:
            yield Hit(f"could not compare with the source: {exc}")
            return
        except OSError as exc:
            yield Hit(f"could not compare with the source: {source}: {exc.strerror or exc}")
            return
        except DAMAGE as exc:
            yield Hit(f"could not compare with the source: part of the file is damaged ({type(exc).__name__})")
            return
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

for _fmt in FORMATS:
    rule(
        f"{_fmt.upper()}410", "text-differs-from-source", Severity.ERROR,
        "Each edition's text, in reading order, must be the source's text",
        fix="Rebuild the edition with `make all`; if it still differs, report the build as a bug",
        fix_file="Rebuild the file from the Markdown source, or restore the missing or misplaced text in reading order",
        refs=("WCAG 2.2 SC 1.3.2", "WCAG 2.2 SC 1.3.1", "ISO 14289-1 7.1", "Matterhorn 09-001"),
        needs_source=True,
    )(parity_check(_fmt))
