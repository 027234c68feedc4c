"""Make PDFs and DOCX files with other tools than this project's pipeline, to measure the
linter on files it has never seen.

    python benchmarks/others.py OUT_DIR [SAMPLE_MD]

Writes into OUT_DIR: three Markdown documents (minutes with a table, a newsletter with
links and an image, a report with notes, code and a list) turned by plain pandoc into
DOCX, and into Typst that the typst wheel compiles both plainly and as PDF/UA-1; the
sample document (default tests/fixtures/sample/sample.md) as pandoc DOCX, exported by
LibreOffice to PDF (plain and tagged PDF/UA) and DOCX when `soffice` is installed; and
two documents written with python-docx. Then run verapdf_corpus.py and corpus.py with
`--others OUT_DIR`.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

import pypandoc
import typst

HERE = Path(__file__).resolve().parent
CHART = HERE.parent / "tests" / "fixtures" / "sample" / "chart.png"

DOCUMENTS = {
    "minutes": """---
title: Minutes of the residents' meeting
lang: en-GB
---

# Minutes of the residents' meeting, 4 March

Present: twelve residents and the housing officer.

## Repairs

The lift in block B has been out of order for three weeks. The officer said the part is
ordered and the engineer is booked for Thursday.

| Block | Open repairs | Oldest (days) |
|-------|-------------:|--------------:|
| A     | 4            | 12            |
| B     | 9            | 21            |
| C     | 2            | 5             |

## Any other business

1. The garden group asks for two more volunteers.
2. The next meeting is on 1 April at 7 pm in the community room.
""",
    "newsletter": """---
title: Spring newsletter
lang: en-GB
---

# Spring newsletter

## Reading group

We meet on the first Tuesday of the month. This season we read three short novels; the
list is on [the library's reading group page](https://example.org/library/reading-group).

![Bar chart of visitors by month, rising from 200 in January to 340 in March](CHART)

## Volunteers

Thank you to everyone who helped at the book sale. We raised *£412* for the children's
section. Write to [volunteers@example.org](mailto:volunteers@example.org) to join us.
""",
    "report": """---
title: Annual report on digital services
lang: en-GB
---

# Annual report on digital services

## Summary

Visits to the online forms rose by a third.[^1] The accessible PDF edition of the
council's letters was downloaded 1,200 times.

## What changed

- The forms now work with screen readers.
- Every letter has a large-print edition.
- Staff have been trained in plain language.

## How we measured

```python
visits = sum(month.visits for month in year)
```

### Limits

We count visits, not people: one person may visit several times.

[^1]: From 9,000 visits to 12,000 visits.
""",
}


def typst_pdfs(folder: Path, name: str, markdown: str) -> None:
    source = folder / f"{name}.md"
    source.write_text(markdown.replace("CHART", CHART.name), encoding="utf-8")
    pypandoc.convert_file(str(source), "docx", outputfile=str(folder / f"{name}-pandoc.docx"),
                          extra_args=[f"--resource-path={folder}"])
    typ = folder / f"{name}.typ"
    typ.write_text(pypandoc.convert_file(str(source), "typst", extra_args=["--standalone"]), encoding="utf-8")
    (folder / f"{name}-typst.pdf").write_bytes(typst.compile(str(typ)))
    try:
        (folder / f"{name}-typst-ua1.pdf").write_bytes(typst.compile(str(typ), pdf_standards=["ua-1"]))
    except typst.TypstError as error:  # Typst refuses what PDF/UA-1 forbids, e.g. pandoc's images without alt
        print(f"{name}: no PDF/UA-1 edition: {error}", file=sys.stderr)


def libreoffice(folder: Path, sample: Path) -> None:
    docx = folder / "sample-pandoc.docx"
    pypandoc.convert_file(str(sample), "docx", outputfile=str(docx), extra_args=[f"--resource-path={sample.parent}"])
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: no LibreOffice exports", file=sys.stderr)
        return
    tagged = 'pdf:writer_pdf_Export:{"PDFUACompliance":{"type":"boolean","value":"true"}}'
    for target, out in (("pdf", "lo-plain"), (tagged, "lo-ua"), ("docx:MS Word 2007 XML", "lo")):
        work = folder / out
        subprocess.run([soffice, "--headless", "--convert-to", target, "--outdir", str(work), str(docx)],
                       check=True, capture_output=True, timeout=300)
        for made in work.iterdir():
            made.rename(folder / f"sample-{out}{made.suffix}")
        work.rmdir()


def python_docx(folder: Path) -> None:
    import docx

    report = docx.Document()
    report.core_properties.title = "Opening hours"
    report.core_properties.language = "en-GB"
    report.add_heading("Opening hours", 1)
    report.add_paragraph("The library is open six days a week.")
    table = report.add_table(rows=3, cols=2, style="Table Grid")
    for row, cells in zip(table.rows, [("Day", "Hours"), ("Monday", "9 to 5"), ("Saturday", "10 to 1")]):
        for cell, value in zip(row.cells, cells):
            cell.text = value
    report.save(folder / "hours-python-docx.docx")

    letter = docx.Document()
    letter.core_properties.title = "Letter to members"
    letter.core_properties.language = "en-GB"
    block = letter.add_table(rows=2, cols=1)  # a title block laid out with a one-column table
    block.rows[0].cells[0].text = "Friends of the Park"
    block.rows[1].cells[0].text = "12 High Street, Leeds"
    letter.add_heading("Letter to members", 1)
    letter.add_paragraph("Dear members, the summer fair is on 6 July.")
    letter.save(folder / "letter-python-docx.docx")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("sample", type=Path, nargs="?", default=HERE.parent / "tests" / "fixtures" / "sample" /
                        "sample.md")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    shutil.copy(CHART, args.out / CHART.name)
    for name, markdown in DOCUMENTS.items():
        typst_pdfs(args.out, name, markdown)
    libreoffice(args.out, args.sample.resolve())
    python_docx(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
