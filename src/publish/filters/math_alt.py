"""math_alt: every formula carries a text alternative, written `[$E = mc^2$]{alt="E equals m c squared"}`.

A tagged PDF/UA-1 needs alternate text on every Formula, and a reader listening to the
plain-text or PDF edition needs words, not TeX. For the PDF the filter writes each
formula as a Typst equation with that alt text, the plain text gets the words;
other editions keep pandoc's MathML or
OMML, which screen readers read, and the alt text travels with it as an attribute.
Editions: all (the Typst rewrite only for the PDF). Metadata: none.
"""

import panflute as pf

from publish.filterkit import Filter, problem, run_script

FORMATS = ("typst", "plain")

pf.elements.RAW_FORMATS.add("typst")


def has_alt(span: pf.Element) -> bool:
    return isinstance(span, pf.Span) and bool(span.attributes.get("alt", "").strip())


def typst_equation(math: pf.Math, alt: str, doc: pf.Doc) -> pf.RawInline:
    """pandoc turns the TeX into Typst math; the equation then gets its alt text."""
    from publish import pandoc

    ast = {"pandoc-api-version": list(doc.api_version), "meta": {}, "blocks": [pf.Plain(math).to_json()]}
    body = pandoc.write(ast, "typst", ["--wrap=none"]).decode("utf-8").strip()
    block = "true" if math.format == "DisplayMath" else "false"
    alt_text = alt.replace("\\", "\\\\").replace('"', '\\"')
    return pf.RawInline(f'#math.equation(alt: "{alt_text}", block: {block}, {body}.body)', format="typst")


def check_math(elem: pf.Element, doc: pf.Doc):
    if has_alt(elem) and any(isinstance(c, pf.Math) for c in elem.content):
        alt = elem.attributes["alt"].strip()
        if doc.format == "typst":
            return [typst_equation(c, alt, doc) if isinstance(c, pf.Math) else c for c in elem.content]
        if doc.format == "plain":  # TeX means nothing to a listener: the words stand in for it
            return [pf.Str(alt) if isinstance(c, pf.Math) else c for c in elem.content]
    if isinstance(elem, pf.Math) and not has_alt(elem.parent):  # children are met before their parent
        raise unexplained(elem)
    return None


def unexplained(math: pf.Math):
    """A formula with no words. Often it was never meant as one: two dollar signs in a line
    (`$HOME/bin` and `$PATH`) make what lies between them a formula, so the editor learns both."""
    marks = "$$" if math.format == "DisplayMath" else "$"
    text = " ".join(math.text.split())
    shown = text if len(text) <= 40 else text[:39].rstrip() + "…"
    return problem(f"{'the `$$` marks' if marks == '$$' else 'two dollar signs'} made `{shown}` a formula, and it has "
                   "no text alternative",
                   "to write a dollar sign, type `\\$` (as in `\\$HOME`); if it is a formula, give it words for a "
                   f'listener: [{marks}…{marks}]{{alt="…"}}', needle=text)


FILTER = Filter(check_math, (pf.Span, pf.Math))


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
