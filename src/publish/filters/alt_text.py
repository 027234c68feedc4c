"""alt_text: every image has alt text, or is marked decorative with `{.decorative}`.

pandoc 3.9's Typst writer drops alt text, and a tagged PDF/UA-1 refuses images
without it, so for Typst each image is written as raw Typst that carries its alt
text; a decorative image becomes a PDF artifact, which screen readers skip. A figure
whose caption only repeats the alt text shows the caption as an artifact, so it is read once.
Editions: all (the Typst rewrite only for the PDF). Metadata: none.
"""


import panflute as pf

from publish.filterkit import Filter, problem, run_script
from publish.vocabulary import is_file_name

FORMATS = ("typst",)

pf.elements.RAW_FORMATS.add("typst")


def is_decorative(image: pf.Image) -> bool:
    return "decorative" in image.classes


def typst_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def typst_image(image: pf.Image, alt: str) -> pf.RawInline:
    args = [typst_string(image.url)]
    width = image.attributes.get("width")
    if width and width.endswith("%"):
        args.append(f"width: {width}")
    if is_decorative(image):
        return pf.RawInline(f"#pdf.artifact(image({', '.join(args)}))", format="typst")
    return pf.RawInline(f"#image({', '.join(args + ['alt: ' + typst_string(alt)])})", format="typst")


def repeats_alt(figure, alt: str) -> bool:
    """A figure whose caption only repeats its one image's alt text (pandoc makes one of `![alt](x.png)`)."""
    return isinstance(figure, pf.Figure) and pf.stringify(figure.caption).strip() == alt and len(figure.content) == 1


def typst_figure(image: pf.Image, alt: str) -> pf.RawInline:
    """The image tagged as a Figure with its alt text; the caption under it is shown but marked an
    artifact, so a screen reader reads the words once (the web editions hide the caption instead)."""
    shown = f"#pdf.artifact(text(size: small-size, {typst_string(alt)}))"
    return pf.RawInline(f"#block(breakable: false)[{typst_image(image, alt).text}\n\n{shown}]", format="typst")


def check_image(elem: pf.Element, doc: pf.Doc):
    if isinstance(elem, pf.Figure) and doc.format == "typst" and any(f is elem for f in doc.figures_read_once):
        return list(elem.content)  # the caption is drawn with the image
    if not isinstance(elem, pf.Image):
        return None
    alt = pf.stringify(elem).strip()
    if not alt and not is_decorative(elem):
        raise problem(
            f"image `{elem.url}` has no alt text",
            f"describe it inside the brackets, ![What the image shows]({elem.url}), "
            f"or mark it decorative: ![]({elem.url}){{.decorative}}",
            needle=elem.url)
    if is_file_name(alt):
        raise problem(f"alt text of image `{elem.url}` is a file name (“{alt}”)",
                      "describe what the image shows, in a sentence, inside the brackets", needle=elem.url)
    if doc.format == "typst":
        figure = elem.ancestor(2)
        if not is_decorative(elem) and repeats_alt(figure, alt):
            doc.figures_read_once.append(figure)
            return typst_figure(elem, alt)
        return typst_image(elem, alt)
    if is_decorative(elem):
        elem.content = []
    return None


def prepare(doc: pf.Doc) -> None:
    doc.figures_read_once = []


FILTER = Filter(check_image, (pf.Image, pf.Figure), prepare=prepare)


def main(doc: pf.Doc | None = None) -> pf.Doc | None:
    return FILTER.main(doc)


if __name__ == "__main__":
    run_script(main)
