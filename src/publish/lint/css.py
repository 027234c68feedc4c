"""The CSS cascade of a web document, as far as text contrast needs it: colour, background, size, weight.

Stylesheets are parsed by tinycss2 and matched by cssselect2; each property is decided
by importance, origin (the reading system's defaults, the book's sheets, the `style`
attribute), specificity and order, as CSS Cascading Level 4 says, and colour, size and
weight are inherited. The backdrop of a text is the backgrounds of its element and its
ancestors painted over white; a background image makes it unknown, and then nothing is
claimed. Rules inside `@media` apply when the query names all or screen media without
features (the reading system's width is not known); `@import` is followed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Iterator

import cssselect2
import tinycss2
from tinycss2.color3 import parse_color

from publish.lint.colour import WHITE, Colour, blend

# What a reading system does unless the book says otherwise (the HTML standard's rendering section)
DEFAULTS = """
h1 { font-size: 2em; font-weight: bold } h2 { font-size: 1.5em; font-weight: bold }
h3 { font-size: 1.17em; font-weight: bold } h4 { font-weight: bold }
h5 { font-size: 0.83em; font-weight: bold } h6 { font-size: 0.67em; font-weight: bold }
b, strong, th { font-weight: bolder } small { font-size: smaller } a:link { color: #0000ee }
head, script, style, template, [hidden] { display: none }
"""
DEFAULT_ORIGIN = "the reading system's default"
INLINE_ORIGIN = "its style attribute"
SIZES = {"xx-small": 9, "x-small": 10, "small": 13, "medium": 16, "large": 18, "x-large": 24, "xx-large": 32,
         "xxx-large": 48}
UNITS = {"px": 1, "pt": 4 / 3, "pc": 16, "in": 96, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6}
WEIGHTS = {"normal": 400, "bold": 700}
WANTED = ("color", "background", "background-color", "background-image", "font-size", "font-weight", "display",
          "visibility", "content")
GENERATED = ("before", "after")  # pseudo-elements whose `content` is text on the page (line numbers, markers)
LARGE_PX, LARGE_BOLD_PX = 24, 18.66  # 18 pt, and 14 pt bold (WCAG 2.2 "large scale")
MAX_IMPORTS = 8


@dataclass(frozen=True)
class Style:
    """What decides how an element's own text looks: the colour, where it was set, and what is behind it."""

    colour: Colour
    alpha: float
    colour_from: str
    backdrop: Colour | None  # None: a background image, so the colour behind the text is not known
    backdrop_from: str
    size: float  # px
    weight: int
    visible: bool = True

    @property
    def large(self) -> bool:
        return self.size >= LARGE_PX or (self.size >= LARGE_BOLD_PX and self.weight >= 700)

    @property
    def shown_colour(self) -> Colour | None:
        return None if self.backdrop is None else blend(self.colour, self.alpha, self.backdrop)


ROOT_STYLE = Style((0.0, 0.0, 0.0), 1.0, DEFAULT_ORIGIN, WHITE, DEFAULT_ORIGIN, 16.0, 400)


@dataclass(frozen=True)
class Declared:
    value: list  # tinycss2 component values, whitespace and comments removed
    origin: str


class Cascade:
    """Every stylesheet of one document, ready to style its elements.

    `sheets` are (CSS text, name) in document order; `imported(href, name)` returns the
    (CSS text, name) an `@import` in sheet `name` refers to, or None.
    """

    def __init__(self, sheets: list[tuple[str, str]], imported: Callable[[str, str], tuple[str, str] | None]):
        self.matcher = cssselect2.Matcher()
        self.imported = imported
        self.order = 0
        self.add(DEFAULTS, "", level=0, depth=MAX_IMPORTS)
        for text, name in sheets:
            self.add(text, name, level=1, depth=0)

    def add(self, css: str, name: str, level: int, depth: int) -> None:
        self.rules(tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True), name, level, depth)

    def rules(self, rules, name: str, level: int, depth: int) -> None:
        for item in rules:
            if item.type == "qualified-rule":
                self.qualified(item, name, level)
            elif item.type == "at-rule" and item.lower_at_keyword == "media" and item.content is not None:
                if applies(item.prelude):
                    self.rules(tinycss2.parse_rule_list(item.content, skip_comments=True, skip_whitespace=True),
                               name, level, depth)
            elif item.type == "at-rule" and item.lower_at_keyword == "import" and depth < MAX_IMPORTS:
                self.follow(item, name, level, depth)

    def follow(self, item, name: str, level: int, depth: int) -> None:
        tokens = [t for t in item.prelude if t.type not in ("whitespace", "comment")]
        if not tokens:
            return
        first = tokens[0]
        href = first.value if first.type in ("string", "url") else (
            first.arguments[0].value if first.type == "function" and first.lower_name == "url" and first.arguments
            and first.arguments[0].type == "string" else None)
        found = self.imported(href, name) if href and applies(tokens[1:]) else None
        if found:
            self.add(found[0], found[1], level, depth + 1)

    def qualified(self, item, name: str, level: int) -> None:
        try:
            selectors = cssselect2.compile_selector_list(item.prelude)
        except cssselect2.SelectorError:
            return  # a selector CSS does not define, or one that needs a browser: browsers skip the rule too
        declared = declarations(item.content)
        if not declared:
            return
        where = f"{name}:{item.source_line}" if name else ""
        for selector in selectors:
            label = f"`{tinycss2.serialize(item.prelude).strip()}`" + (f" ({where})" if where else "")
            origin = DEFAULT_ORIGIN if level == 0 else label
            self.order += 1
            self.matcher.add_selector(selector, (level, self.order, origin, declared))

    def styles(self, root) -> Iterator[tuple[object, Style, str | None]]:
        """(element, style, generated) for every element shown, in document order; after each element
        come its `::before` and `::after` text, if any, as (element, their style, that text)."""
        yield from self.walk(cssselect2.ElementWrapper.from_xml_root(root), ROOT_STYLE)

    def walk(self, wrapper, parent: Style) -> Iterator[tuple[object, Style, str | None]]:
        matched = self.matcher.match(wrapper) or ()
        chosen = self.chosen(wrapper, matched)
        if first_ident(chosen.get("display")) == "none":
            return
        style = computed(chosen, parent)
        yield wrapper.etree_element, style, None
        for pseudo in GENERATED:
            generated = self.chosen(wrapper, matched, pseudo)
            text = generated_text(generated.get("content"), wrapper.etree_element)
            if text and first_ident(generated.get("display")) != "none":
                yield wrapper.etree_element, computed(generated, style), text
        for child in wrapper.iter_children():
            yield from self.walk(child, style)

    def chosen(self, wrapper, matched, pseudo: str | None = None) -> dict[str, Declared]:
        """The winning declaration of each property for one element, or for its pseudo-element."""
        candidates = []
        for specificity, _order, matched_pseudo, (level, order, origin, declared) in matched:
            if matched_pseudo == pseudo:
                candidates += [((important, level, specificity, order), prop, Declared(value, origin))
                               for prop, value, important in declared]
        inline = wrapper.etree_element.get("style") if pseudo is None else None
        if inline:
            candidates += [((important, 2, (0, 0, 0), 0), prop, Declared(value, INLINE_ORIGIN))
                           for prop, value, important in declarations(inline)]
        candidates.sort(key=lambda c: c[0])
        return {prop: declared for _, prop, declared in candidates}


def generated_text(declared: Declared | None, element) -> str:
    """The text `content` puts on the page: its strings, each counter as a digit (its colour is the
    question, not its value), and attributes' values; `none` and `normal` put nothing."""
    parts = []
    for token in declared.value if declared else ():
        if token.type == "string":
            parts.append(token.value)
        elif token.type == "function" and token.lower_name in ("counter", "counters"):
            parts.append("1")
        elif token.type == "function" and token.lower_name == "attr" and token.arguments:
            parts.append(element.get(tinycss2.serialize(token.arguments).strip(), ""))
    return " ".join("".join(parts).split())


def declarations(content) -> list[tuple[str, list, bool]]:
    return [(d.lower_name, [t for t in d.value if t.type not in ("whitespace", "comment")], d.important)
            for d in tinycss2.parse_declaration_list(content, skip_comments=True, skip_whitespace=True)
            if d.type == "declaration" and d.lower_name in WANTED]


def applies(query) -> bool:
    """Whether a media query list holds for a screen of unknown size: `all`, `screen`, or none at all."""
    text = tinycss2.serialize(query).strip().lower()
    return not text or any(q.strip() in ("all", "screen", "only screen") for q in text.split(","))


def first_ident(declared: Declared | None) -> str | None:
    if declared and declared.value and declared.value[0].type == "ident":
        return declared.value[0].lower_value
    return None


def computed(chosen: dict[str, Declared], parent: Style) -> Style:
    style = replace(parent, size=size(chosen.get("font-size"), parent.size),
                    weight=weight(chosen.get("font-weight"), parent.weight))
    visibility = first_ident(chosen.get("visibility"))
    if visibility in ("hidden", "collapse", "visible"):
        style = replace(style, visible=visibility == "visible")
    declared = chosen.get("color")
    colour = parse_color(declared.value[0]) if declared and declared.value else None
    if colour is not None and colour != "currentColor":
        style = replace(style, colour=colour[:3], alpha=colour.alpha, colour_from=declared.origin)
    return backdrop(chosen, style)


def backdrop(chosen: dict[str, Declared], style: Style) -> Style:
    """The element's own background painted over its parent's backdrop."""
    colour, image, origin = None, False, ""
    for prop in ("background", "background-color", "background-image"):  # longhands come later in CSS order
        declared = chosen.get(prop)
        if declared is None:
            continue
        for token in declared.value:
            if token.type == "url" or (token.type == "function" and token.lower_name.endswith(("url", "gradient"))):
                image, origin = True, declared.origin
            elif prop != "background-image":
                found = parse_color(token)
                if found == "currentColor":
                    found = (*style.colour, style.alpha)
                if found is not None:
                    colour, origin = found, declared.origin
    if image:
        return replace(style, backdrop=None, backdrop_from=origin)
    if colour is None or colour[3] == 0:
        return style
    if colour[3] >= 1:
        return replace(style, backdrop=tuple(colour[:3]), backdrop_from=origin)
    if style.backdrop is None:
        return style
    return replace(style, backdrop=blend(colour[:3], colour[3], style.backdrop), backdrop_from=origin)


def size(declared: Declared | None, inherited: float) -> float:
    token = declared.value[0] if declared and declared.value else None
    if token is None:
        return inherited
    if token.type == "dimension":
        unit = token.lower_unit
        if unit in ("em", "rem"):  # rem is taken from the parent: the root's size is rarely changed
            return token.value * inherited
        return token.value * UNITS[unit] if unit in UNITS else inherited
    if token.type == "percentage":
        return token.value / 100 * inherited
    if token.type == "ident":
        word = token.lower_value
        return {"larger": inherited * 1.2, "smaller": inherited / 1.2}.get(word, SIZES.get(word, inherited))
    return inherited


def weight(declared: Declared | None, inherited: int) -> int:
    token = declared.value[0] if declared and declared.value else None
    if token is None:
        return inherited
    if token.type == "number":
        return int(token.value)
    word = token.lower_value if token.type == "ident" else ""
    if word == "bolder":
        return 700 if inherited < 600 else 900
    if word == "lighter":
        return 400 if inherited >= 600 else 100
    return WEIGHTS.get(word, inherited)
