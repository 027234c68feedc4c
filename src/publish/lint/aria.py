"""ARIA as web rules need it: the roles WAI-ARIA 1.2, DPUB-ARIA 1.1 and Graphics ARIA define, which are
landmarks, each HTML element's implicit role, and the roles "ARIA in HTML" allows on it."""

from __future__ import annotations

from publish.lint.web import local, roles

# epub:type -> the DPUB-ARIA role of the same meaning (EPUB Type to ARIA Role Authoring Guide)
DPUB = {t: f"doc-{t}" for t in (
    "abstract", "acknowledgments", "afterword", "appendix", "backlink", "bibliography", "biblioref", "chapter",
    "colophon", "conclusion", "cover", "credit", "credits", "dedication", "endnotes", "epigraph", "epilogue",
    "errata", "example", "footnote", "foreword", "glossary", "glossref", "index", "introduction", "noteref",
    "notice", "pagebreak", "part", "preface", "prologue", "pullquote", "qna", "subtitle", "tip", "toc")}
DPUB["page-list"] = "doc-pagelist"
ROLES = set(DPUB.values()) | {"doc-pagefooter", "doc-pageheader", "graphics-document", "graphics-object",
                              "graphics-symbol"} | set("""
    alert alertdialog application article banner blockquote button caption cell checkbox code columnheader
    combobox comment complementary contentinfo definition deletion dialog document emphasis feed figure form
    generic grid gridcell group heading image img insertion link list listbox listitem log main mark marquee
    math menu menubar menuitem menuitemcheckbox menuitemradio meter navigation none note option paragraph
    presentation progressbar radio radiogroup region row rowgroup rowheader scrollbar search searchbox
    separator slider spinbutton status strong subscript suggestion superscript switch tab table tablist
    tabpanel term textbox time timer toolbar tooltip tree treegrid treeitem""".split())
DEPRECATED = ("directory", "doc-biblioentry", "doc-endnote")
# WAI-ARIA landmarks, and the DPUB-ARIA roles whose superclass is a landmark
LANDMARK_ROLES = ("banner", "complementary", "contentinfo", "form", "main", "navigation", "region", "search",
                  *(f"doc-{t}" for t in ("acknowledgments", "afterword", "appendix", "bibliography", "chapter",
                                         "conclusion", "credits", "endnotes", "epilogue", "errata", "foreword",
                                         "glossary", "index", "introduction", "pagelist", "part", "preface",
                                         "prologue", "toc")))
SECTIONING = ("article", "aside", "main", "nav", "section")  # header and footer inside these are not landmarks

IMPLICIT = {"a": "link", "article": "article", "aside": "complementary", "button": "button", "dd": "definition",
            "dialog": "dialog", "dt": "term", "fieldset": "group", "figure": "figure", "footer": "contentinfo",
            "form": "form", "header": "banner", "hr": "separator", "img": "img", "li": "listitem", "main": "main",
            "menu": "list", "nav": "navigation", "ol": "list", "section": "region", "table": "table", "ul": "list",
            **{f"h{n}": "heading" for n in range(1, 7)}}

NO_ROLE = frozenset()
LIST_ROLES = frozenset("directory group listbox menu menubar none presentation radiogroup tablist toolbar tree".split())
HEADING_ROLES = frozenset("none presentation tab doc-subtitle".split())
EMBEDDED_ROLES = frozenset("application document img none presentation".split())
SECTION_ROLES = frozenset("""alert alertdialog application banner complementary contentinfo dialog document feed
    group log main marquee navigation none note presentation search status tabpanel doc-abstract
    doc-acknowledgments doc-afterword doc-appendix doc-bibliography doc-chapter doc-colophon doc-conclusion
    doc-credit doc-credits doc-dedication doc-endnotes doc-epigraph doc-epilogue doc-errata doc-example
    doc-foreword doc-glossary doc-index doc-introduction doc-notice doc-pagelist doc-part doc-preface
    doc-prologue doc-pullquote doc-qna doc-toc""".split())
# ARIA in HTML §4: the roles each element may take besides its implicit one; elements not listed take any role
ALLOWED = {
    **{tag: NO_ROLE for tag in """base body caption col colgroup datalist dd head html label legend link main
        meta meter noscript param picture progress script slot source style template textarea title
        track""".split()},
    "article": frozenset("application document feed main none presentation region".split()),
    "aside": frozenset("""feed none note presentation region search doc-dedication doc-example doc-footnote
        doc-glossary doc-pullquote doc-tip""".split()),
    "audio": frozenset({"application"}), "video": frozenset({"application"}),
    "br": frozenset({"none", "presentation"}), "wbr": frozenset({"none", "presentation"}),
    "button": frozenset("""checkbox combobox gridcell link menuitem menuitemcheckbox menuitemradio option radio
        separator slider switch tab treeitem""".split()),
    "dialog": frozenset({"alertdialog"}), "dl": frozenset({"group", "list", "none", "presentation"}),
    "dt": frozenset({"listitem"}), "embed": EMBEDDED_ROLES, "iframe": EMBEDDED_ROLES,
    "fieldset": frozenset({"none", "presentation", "radiogroup"}),
    "figcaption": frozenset({"group", "none", "presentation"}),
    "footer": frozenset({"group", "none", "presentation", "doc-footnote"}),
    "form": frozenset({"search", "none", "presentation"}), "header": frozenset({"group", "none", "presentation"}),
    **{f"h{n}": HEADING_ROLES for n in range(1, 7)},
    "hr": frozenset({"none", "presentation", "doc-pagebreak"}),
    "li": frozenset("""menuitem menuitemcheckbox menuitemradio none option presentation radio separator tab treeitem
        doc-biblioentry doc-endnote""".split()),
    "nav": frozenset("doc-index doc-pagelist doc-toc menu menubar none presentation tablist".split()),
    "ol": LIST_ROLES, "ul": LIST_ROLES, "menu": LIST_ROLES, "section": SECTION_ROLES,
}
LINK_ROLES = frozenset("""button checkbox menuitem menuitemcheckbox menuitemradio option radio switch tab treeitem
    doc-backlink doc-biblioref doc-glossref doc-noteref""".split())
IMAGE_ROLES = frozenset("""button checkbox image link menuitem menuitemcheckbox menuitemradio meter option
    progressbar radio scrollbar separator slider switch tab treeitem doc-cover""".split())


def role(element) -> str | None:
    """The role a browser uses: the first known token of `role`, else None."""
    return next((r for r in roles(element) if r in ROLES), None)


def allowed_roles(element) -> frozenset | None:
    """The explicit roles ARIA in HTML allows on this element besides its implicit one; None for any role."""
    tag = local(element)
    if tag == "a":
        return LINK_ROLES if element.get("href") is not None else None
    if tag == "img":
        alt = element.get("alt")
        if alt is None:
            return NO_ROLE
        return IMAGE_ROLES if alt or element.get("aria-label") or element.get("aria-labelledby") else frozenset(
            {"none", "presentation"})
    return ALLOWED.get(tag)


def is_allowed(element, given: str) -> bool:
    permitted = allowed_roles(element)
    return permitted is None or given in permitted or given == IMPLICIT.get(local(element))


def landmark(element) -> str | None:
    """The landmark an element is, by its role or its tag (header and footer only outside sectioning elements)."""
    explicit = role(element)
    if explicit:
        return explicit if explicit in LANDMARK_ROLES else None
    tag = local(element)
    if tag in ("section", "form"):
        named = element.get("aria-label") or element.get("aria-labelledby") or element.get("title")
        return IMPLICIT[tag] if named else None
    if tag in ("header", "footer"):
        inside = any(local(a) in SECTIONING for a in element.iterancestors())
        return None if inside else IMPLICIT[tag]
    return IMPLICIT.get(tag) if tag in ("main", "nav", "aside") else None
