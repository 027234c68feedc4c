"""EPUB Accessibility 1.1 metadata: the values, the conformance claim, and claims checked against the content.

Vocabularies are those of the W3C Schema.org Accessibility Properties for Discoverability
(2023), which Ace also uses; values are case-sensitive.
"""

from __future__ import annotations

import re

from publish.lint.concerns import INVALID_LANGUAGE_TAG, Labelled
from publish.lint.epub_package import PAGE_FEATURES, EpubDocument
from publish.lint.web import XML_LANG
from publish.lint.rule import Hit, Severity, rule
from publish.lint.xhtml_rules import image_alt_problems
from publish.xml import NS

ACCESS_MODES = ("auditory", "chartOnVisual", "chemOnVisual", "colorDependent", "diagramOnVisual", "mathOnVisual",
                "musicOnVisual", "tactile", "textOnVisual", "textual", "visual")
FEATURES = (
    "annotations", "ARIA", "bookmarks", "index", "pageBreakMarkers", "pageNavigation", "printPageNumbers",
    "readingOrder", "structuralNavigation", "tableOfContents", "taggedPDF", "alternativeText", "audioDescription",
    "captions", "closeCaptions", "describedMath", "longDescription", "openCaptions", "rubyAnnotations",
    "signLanguage", "transcript", "displayTransformability", "displayTransformability/font-size",
    "displayTransformability/font-family", "displayTransformability/line-height",
    "displayTransformability/word-spacing", "displayTransformability/letter-spacing",
    "displayTransformability/color", "displayTransformability/background-color", "synchronizedAudioText",
    "timingControl", "unlocked", "ChemML", "latex", "latex-chemistry", "MathML", "MathML-chemistry", "ttsMarkup",
    "highContrastAudio", "highContrastAudio/noBackground", "highContrastAudio/reducedBackground",
    "highContrastAudio/switchableBackground", "highContrastDisplay", "largePrint", "braille", "tactileGraphic",
    "tactileObject", "fullRubyAnnotations", "horizontalWriting", "verticalWriting", "withAdditionalWordSegmentation",
    "withoutAdditionalWordSegmentation", "none", "unknown",
)
HAZARDS = ("flashing", "noFlashingHazard", "unknownFlashingHazard", "motionSimulation", "noMotionSimulationHazard",
           "unknownMotionSimulationHazard", "sound", "noSoundHazard", "unknownSoundHazard", "unknown", "none")
VOCABULARY = {"schema:accessMode": ACCESS_MODES, "schema:accessModeSufficient": ACCESS_MODES,
              "schema:accessibilityFeature": FEATURES, "schema:accessibilityHazard": HAZARDS}
ALONE = ("schema:accessibilityFeature", "schema:accessibilityHazard")  # `none` and `unknown` exclude the rest
DISCOURAGED = ("schema:accessibilityAPI", "schema:accessibilityControl")
CONFORMANCE = re.compile(r"EPUB Accessibility 1\.[1-9] - WCAG 2\.[0-9] Level AA?")
CONFORMANCE_1_0 = tuple(f"http://www.idpf.org/epub/a11y/accessibility-20170105.html#wcag-{level}"
                        for level in ("a", "aa", "aaa"))
CONFORMANCE_DRAFT = re.compile(r"EPUB-A11Y-11_WCAG-2[0-9]-AA?")  # the 2022 draft's identifiers, which Ace accepts
REFS = ("EPUB Accessibility 1.1 §5.1", "Schema.org Accessibility Properties for Discoverability")


def values(epub: EpubDocument, prop: str):
    """(value, location) for each item of a property; accessModeSufficient items are comma lists."""
    for meta in epub.metas(prop):
        text = "".join(meta.itertext())
        items = [i.strip() for i in text.split(",")] if prop == "schema:accessModeSufficient" else [text.strip()]
        for item in items:
            if item or prop != "schema:accessModeSufficient":
                yield item, epub.opf_at(meta)


def features(epub: EpubDocument) -> set[str]:
    return set(epub.meta("schema:accessibilityFeature"))


@INVALID_LANGUAGE_TAG.rule("EPUB", fix_file="Correct dc:language and the lang attributes to BCP 47 tags such as en-GB",
                          refs=("axe html-lang-valid", "axe valid-lang"))
def invalid_language_tag(epub: EpubDocument):
    """## What it does
    Checks that each `dc:language`, and each `lang` or `xml:lang` in the content
    documents, is a well-formed BCP 47 tag (`en`, `en-GB`, `pt-BR`).

    ## Why is this bad?
    A reading system that cannot understand the tag falls back to its default voice.

    ## Example
    ```markdown
    ---
    lang: English
    ---
    ```

    Use instead `lang: en-GB`.
    """
    tags = [Labelled("".join(e.itertext()).strip(), epub.opf_at(e), "dc:language")
            for e in epub.opf.iterfind("{*}metadata/{http://purl.org/dc/elements/1.1/}language")]
    tags += [Labelled(element.get(attribute), part.at(element), "language")
             for part in epub.parts.values() for element in part.root.iter() if isinstance(element.tag, str)
             for attribute in ("lang", XML_LANG) if element.get(attribute)]
    return INVALID_LANGUAGE_TAG.check(tags)


@rule("EPUB023", "package-without-xml-lang", Severity.WARNING,
      "The package document must declare its language with xml:lang, not lang",
      fix="Rebuild with `{build}`; the pipeline writes xml:lang",
      fix_file='Write xml:lang="en-GB" on the <package> element (and on metadata elements) instead of lang',
      refs=("EPUB 3.3 §5.4.1.4 (xml:lang)", "Ace epub-lang", "EPUBCheck RSC-005", "WCAG 2.2 SC 3.1.1"))
def package_without_xml_lang(epub: EpubDocument):
    """## What it does
    Checks that an EPUB 3 package document's `<package>` element carries `xml:lang`, and
    finds a `lang` attribute without `xml:lang` there or on its metadata (an HTML
    habit carried over).

    ## Why is this bad?
    The package document is XML: reading systems read only `xml:lang` there, so the
    language of the title, the author's name and the accessibility summary is left
    undeclared, and bookshops and reading apps may announce them in the wrong voice.
    EPUBCheck rejects a `lang` attribute there.

    ## Example
    `<package lang="en" ...>` fails; write `<package xml:lang="en" ...>`.
    """
    epub3 = (epub.opf.get("version") or "").startswith("3")  # EPUB 2's package element has no xml:lang
    if epub3 and not epub.opf.get(XML_LANG) and not epub.opf.get("lang"):
        yield Hit("<package> has no xml:lang", epub.opf_at(epub.opf))
    for element in (epub.opf, *epub.opf.iterfind("opf:metadata/*", NS)):
        if isinstance(element.tag, str) and element.get("lang") and not element.get(XML_LANG):
            shown = f'{element.prefix}:' if element.prefix else ''
            yield Hit(f'<{shown}{element.tag.rpartition("}")[2]}> has lang="{element.get("lang")}" but no xml:lang',
                      epub.opf_at(element))


@rule("EPUB010", "missing-recommended-accessibility-metadata", Severity.WARNING,
      "Publications must summarise their accessibility and say which access modes suffice",
      fix="Rebuild with `{build}`; the pipeline writes the accessibility summary",
      fix_file='Add <meta property="schema:accessibilitySummary"> and schema:accessModeSufficient to the package',
      refs=REFS + ("Ace metadata-accessibilitysummary", "Ace metadata-accessmodesufficient"))
def missing_recommended_accessibility_metadata(epub: EpubDocument):
    """## What it does
    Checks for `schema:accessibilitySummary` and `schema:accessModeSufficient`, which
    EPUB Accessibility 1.1 recommends.

    ## Why is this bad?
    The summary is the one sentence a bookshop shows to a reader deciding whether the
    book will work for them; accessModeSufficient says, for instance, that the text alone
    is enough for a screen-reader user.

    ## Example
    A pandoc EPUB without the pipeline's metadata has neither.
    """
    for prop in ("schema:accessibilitySummary", "schema:accessModeSufficient"):
        if not any(epub.meta(prop)):
            yield Hit(f"package metadata has no {prop}", epub.opf_path)


@rule("EPUB011", "invalid-accessibility-metadata", Severity.ERROR,
      "Accessibility metadata must use the known values, spelt exactly",
      fix="Rebuild with `{build}`; the pipeline writes only known values",
      fix_file="Use the schema.org vocabulary values exactly (case-sensitive); separate accessModeSufficient "
               "modes with commas; do not mix `none` or `unknown` with other values",
      refs=REFS + ("Ace metadata-*-invalid",))
def invalid_accessibility_metadata(epub: EpubDocument):
    """## What it does
    Checks accessMode, accessModeSufficient, accessibilityFeature and accessibilityHazard
    against their vocabularies (case-sensitive), accessModeSufficient as comma-separated
    lists, and that `none` or `unknown` is not mixed with other values.

    ## Why is this bad?
    Catalogues match the values exactly: `alternativetext` or `visual textual` is
    silently ignored, so the book looks as if it declared nothing.

    ## Example
    `<meta property="schema:accessModeSufficient">visual textual</meta>` fails; use
    `textual,visual` or one meta per set.
    """
    for prop, allowed in VOCABULARY.items():
        seen = list(values(epub, prop))
        for value, where in seen:
            if value not in allowed:
                yield Hit(f"{prop} value `{value}` is not in the vocabulary", where)
        if prop in ALONE and len(seen) > 1:
            for value, where in seen:
                if value in ("none", "unknown"):
                    yield Hit(f"{prop} `{value}` is declared together with other values", where)


@rule("EPUB012", "discouraged-accessibility-metadata", Severity.INFO,
      "Publications must not rely on the discouraged accessibilityAPI and accessibilityControl properties",
      fix="Rebuild with `{build}`",
      fix_file="Remove schema:accessibilityAPI and schema:accessibilityControl from the package metadata",
      refs=("EPUB Accessibility Techniques 1.1 §meta-006", "EPUB Accessibility Techniques 1.1 §meta-007"))
def discouraged_accessibility_metadata(epub: EpubDocument):
    """## What it does
    Notes `schema:accessibilityAPI` and `schema:accessibilityControl`.

    ## Why is this bad?
    They describe software, not books; EPUB Accessibility 1.1 discourages them and
    reading systems ignore them, so they add nothing a reader can use.

    ## Example
    `<meta property="schema:accessibilityControl">fullKeyboardControl</meta>` is noted.
    """
    for prop in DISCOURAGED:
        for meta in epub.metas(prop):
            yield Hit(f"{prop} is discouraged", epub.opf_at(meta))


def claims(epub: EpubDocument):
    return [m for m in epub.metas("dcterms:conformsTo") if "".join(m.itertext()).strip() != "none"]


@rule("EPUB013", "invalid-conformance-claim", Severity.ERROR,
      "Conformance claims must name EPUB Accessibility 1.1 and a WCAG 2 level exactly",
      fix="Rebuild with `{build}`; the pipeline writes the claim only when the EPUB lints clean",
      fix_file='Write dcterms:conformsTo exactly as "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"',
      refs=("EPUB Accessibility 1.1 §5.2", "Ace metadata-conformsto-invalid"))
def invalid_conformance_claim(epub: EpubDocument):
    """## What it does
    Checks each `dcterms:conformsTo` value: `EPUB Accessibility 1.1 - WCAG 2.x Level A`
    or `Level AA`, the EPUB Accessibility 1.0 IDPF URLs, or the 1.1 draft identifiers
    (`EPUB-A11Y-11_WCAG-21-AA`).

    ## Why is this bad?
    Catalogues and regulators (the European Accessibility Act) read the claim by exact
    string; a near miss such as `WCAG 2.1 AA` is no claim at all.

    ## Example
    `EPUB Accessibility 1.1 - WCAG 2.0 Level Z` fails.
    """
    for meta in claims(epub):
        value = "".join(meta.itertext()).strip()
        if not (CONFORMANCE.fullmatch(value) or value in CONFORMANCE_1_0 or CONFORMANCE_DRAFT.fullmatch(value)):
            yield Hit(f"dcterms:conformsTo `{value}` is not a recognised conformance statement", epub.opf_at(meta))


@rule("EPUB014", "claim-without-certifier", Severity.ERROR,
      "Conformance claims must name who evaluated the publication (a11y:certifiedBy)",
      fix="Rebuild with `{build}`; the pipeline names the publisher as certifier",
      fix_file='Add <meta property="a11y:certifiedBy">Organisation name</meta> to the package metadata',
      refs=("EPUB Accessibility 1.1 §5.3",))
def claim_without_certifier(epub: EpubDocument):
    """## What it does
    Checks that a publication claiming conformance also has `a11y:certifiedBy`.

    ## Why is this bad?
    A claim nobody stands behind cannot be trusted or queried by a reader or library.

    ## Example
    `dcterms:conformsTo` without `a11y:certifiedBy` fails.
    """
    found = claims(epub)
    if found and not any(epub.meta("a11y:certifiedBy")):
        yield Hit("the publication claims conformance but has no a11y:certifiedBy", epub.opf_at(found[0]))


@rule("EPUB015", "alternative-text-claim-unmet", Severity.ERROR,
      "Publications must not claim alternativeText while an image lacks it",
      fix="Write the alt text inside the brackets in {source}: ![What it shows](image.png)",
      fix_file="Give every image alt text, or remove the alternativeText feature from the package metadata",
      refs=("EPUB Accessibility 1.1 §5.1", "WCAG 2.2 SC 1.1.1"))
def alternative_text_claim_unmet(epub: EpubDocument):
    """## What it does
    Checks the `alternativeText` feature against the images in the content documents.

    ## Why is this bad?
    Readers choose books by these claims; a false claim is worse than none.

    ## Example
    ```markdown
    ![](chart.png)
    ```
    in a book that claims alternativeText fails.
    """
    if "alternativeText" not in features(epub):
        return
    for part in epub.parts.values():
        for image, problem in image_alt_problems(part):
            yield Hit(f"alternativeText is claimed but {problem}", part.at(image))


@rule("EPUB016", "page-navigation-claim-unmet", Severity.ERROR,
      "Publications must not claim page numbers or page navigation without a page list",
      fix="Rebuild with `{build}`; the pipeline claims no page features",
      fix_file="Add a page-list nav to the navigation document, or remove printPageNumbers, pageBreakMarkers "
               "and pageNavigation from the package metadata",
      refs=("EPUB Accessibility 1.1 §5.1", "Ace metadata-accessibilityFeature-printPageNumbers-nopagelist"))
def page_navigation_claim_unmet(epub: EpubDocument):
    """## What it does
    Checks that `printPageNumbers`, `pageBreakMarkers` or `pageNavigation` come with a
    `page-list` nav in the navigation document.

    ## Why is this bad?
    Students and teachers rely on print page numbers to follow a class; the claim tells
    them they can, and without a page list they cannot.

    ## Example
    A book that declares pageNavigation and has only a table of contents fails.
    """
    if epub.nav_element("page-list") is not None:
        return
    for meta in epub.metas("schema:accessibilityFeature"):
        value = "".join(meta.itertext()).strip()
        if value in PAGE_FEATURES:
            yield Hit(f"{value} is claimed but the navigation document has no page list", epub.opf_at(meta))


@rule("EPUB017", "page-list-without-source", Severity.ERROR,
      "Publications with a page list must name the print source of the page numbers",
      fix="Rebuild with `{build}`",
      fix_file='Add <meta property="pageBreakSource"> (or dc:source) naming the print edition',
      refs=("EPUB Accessibility 1.1 §4.2", "Ace epub-pagesource"))
def page_list_without_source(epub: EpubDocument):
    """## What it does
    Checks that a book with a `page-list` nav names its page source with
    `pageBreakSource` or `dc:source` (fixed-layout books are their own source).

    ## Why is this bad?
    Page numbers are only useful if the reader knows which printed edition they match.

    ## Example
    A page list in a reflowable book without dc:source fails.
    """
    page_list = epub.nav_element("page-list")
    if page_list is None or epub.fixed_layout:
        return
    if not any(epub.dc("source")) and not any(epub.meta("pageBreakSource")):
        yield Hit("the book has a page list but no pageBreakSource or dc:source", epub.nav.at(page_list))
