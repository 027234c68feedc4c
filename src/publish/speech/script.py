"""What is spoken, in reading order, taken from the same filtered pandoc AST as the text.

`mark` gives every sentence an element of its own (a Span with an id, or the id of an
image, figure or code block) and returns the script: the utterances, each with that
id and the SSML that eSpeak NG speaks, grouped into tracks (one per top-level
section). The text edition is written from the marked AST, so each SMIL `par` can
point at its sentence.

What a listener hears beyond the text: a pause before each heading; a list announced
by its length before its first item, ordered items by their number; a table by its
size, each cell with its column's header; an image as "Image:" and its alternative
text (decorative images are skipped); footnotes after the last section of the chapter
they belong to, after "Notes", each as "Note N"; struck-out text between "struck out" and "end
struck out". Links are read by their text only.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from publish.expected import list_marker
from publish.speech.normalise import for_speech, lexicon_pattern
from publish.vocabulary import STRUCK_OUT

HEADING_PAUSE = 700  # ms of silence before a heading
ABBREVIATIONS = frozenset("mr mrs ms dr prof rev st no nos vs cf e.g i.e al fig figs gen col lt sgt hon approx"
                          .split())
SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
SENTENCE_START = re.compile(r"^[\"“‘'(\[]*[A-Z0-9À-Ý]")


@dataclass
class Utterance:
    id: str  # the element in the text that shows what is said
    ssml: str  # what eSpeak NG says, without the <speak> wrapper
    pause: int = 0  # ms of silence before it


@dataclass
class Track:
    title: str
    utterances: list[Utterance] = field(default_factory=list)


@dataclass
class Script:
    lang: str
    tracks: list[Track]


def plain(inlines) -> str:
    """The text of inlines as shown (for headers and track titles)."""
    out = []
    for node in inlines:
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append(" ")
        elif kind in ("Code", "Math"):
            out.append(content[1])
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            out.append(plain(content))
        elif kind in ("Span", "Link", "Quoted", "Cite"):
            out.append(plain(content[1]))
    return "".join(out)


def ends_sentence(node) -> bool:
    if node["t"] != "Str" or not SENTENCE_END.search(node["c"]):
        return False
    word = node["c"].rstrip("\"”’')]").rstrip(".!?…").casefold().lstrip("\"“‘'([")
    return word not in ABBREVIATIONS and not re.fullmatch(r"[a-z]", word)  # "J. Smith" is one sentence


def sentences(inlines: list) -> list[list]:
    """Split a paragraph's inlines at sentence ends that stand at its top level (never inside
    emphasis or a link), and around images, which are spoken on their own."""
    parts, current = [], []
    for index, node in enumerate(inlines):
        if node["t"] == "Image" and "decorative" not in node["c"][0][1]:
            parts += [current, [node]]
            current = []
            continue
        current.append(node)
        following = inlines[index + 1] if index + 1 < len(inlines) else None
        if (node["t"] in ("Space", "SoftBreak", "LineBreak") and len(current) > 1 and ends_sentence(current[-2])
                and following is not None and following["t"] == "Str" and SENTENCE_START.match(following["c"])):
            parts.append(current)
            current = []
    parts.append(current)
    return [trimmed for part in parts if (trimmed := trim(part))]


def trim(inlines: list) -> list:
    spaces = ("Space", "SoftBreak", "LineBreak")
    start, end = 0, len(inlines)
    while start < end and inlines[start]["t"] in spaces:
        start += 1
    while end > start and inlines[end - 1]["t"] in spaces:
        end -= 1
    return inlines[start:end]


class Marker:
    """One walk over the blocks: ids into the AST, utterances into the tracks."""

    def __init__(self, lang: str, lexicon: dict[str, str], top_level: int, title: str):
        self.lang, self.lexicon, self.pattern = lang, lexicon, lexicon_pattern(lexicon)
        self.top_level = top_level
        self.tracks = [Track(title)]
        self.sink = self.tracks[0].utterances  # where utterances go: the track, or the chapter's notes
        self.notes: list[list[Utterance]] = []
        self.count = 0
        self.prefix = ""  # said before the next utterance: a list's or a table's announcement

    # --- speech -------------------------------------------------------------------
    def speakable(self, inlines, lang: str) -> str:
        """SSML for inlines in `lang`: text as a person reads it, other languages in their voice,
        notes left for the end of the chapter, link targets and decorative images silent."""
        out, run = [], []

        def flush():
            if run:
                out.append(escape(for_speech("".join(run), lang, self.lexicon, self.pattern)))
                run.clear()

        for node in inlines:
            kind, content = node["t"], node.get("c")
            if kind == "Str":
                run.append(content)
            elif kind in ("Space", "SoftBreak", "LineBreak"):
                run.append(" ")
            elif kind in ("Code", "Math"):
                run.append(content[1])
            elif kind == "Note":
                self.note(content)
            elif kind == "Span" and dict(content[0][2]).get("lang"):
                flush()
                inner = dict(content[0][2])["lang"]
                out.append(f"<voice xml:lang={quoteattr(inner)}>{self.speakable(content[1], inner)}</voice>")
            elif kind in ("Span", "Link", "Quoted", "Cite"):
                flush()
                out.append(self.speakable(content[1], lang))
            elif kind == "Strikeout":  # heard, it would pass for text that stands
                flush()
                out.append(f"{STRUCK_OUT[0]}, {self.speakable(content, lang)}, {STRUCK_OUT[1]},")
            elif kind in ("Emph", "Strong", "Underline", "SmallCaps", "Superscript", "Subscript"):
                flush()
                out.append(self.speakable(content, lang))
        flush()
        return "".join(out)

    def say(self, ident: str, ssml: str, pause: int = 0) -> None:
        if self.prefix:
            ssml, self.prefix = f"{escape(self.prefix)} {ssml}", ""
        self.sink.append(Utterance(ident, ssml, pause))

    def new_id(self) -> str:
        self.count += 1
        return f"s{self.count}"

    # --- blocks -------------------------------------------------------------------
    def inline_sentences(self, inlines: list, lang: str, pause: int = 0) -> list:
        """Each sentence of `inlines` wrapped in a Span with an id, and said; images keep theirs."""
        out = []
        for part in sentences(inlines):
            if part[0]["t"] == "Image" and len(part) == 1:
                attr = part[0]["c"][0]
                attr[0] = attr[0] or self.new_id()
                self.say(attr[0], "Image: " + self.speakable(part[0]["c"][1], lang), pause)
                out.append(part[0])
            else:
                ident = self.new_id()
                span = {"t": "Span", "c": [[ident, [], []], part]}
                self.say(ident, self.speakable(part, lang), pause)
                out.append(span)
            out.append({"t": "Space"})
            pause = 0
        return out[:-1]

    def blocks(self, blocks: list, lang: str) -> None:
        for block in blocks:
            self.block(block, lang)

    def block(self, block: dict, lang: str) -> None:
        kind, content = block["t"], block.get("c")
        if kind in ("Para", "Plain"):
            block["c"] = self.inline_sentences(content, lang)
        elif kind == "Header":
            level, _attr, inlines = content
            if level == 1:
                self.end_chapter()
            if level <= self.top_level:
                self.start_track(plain(inlines))
            content[2] = self.inline_sentences(inlines, lang, HEADING_PAUSE)
        elif kind in ("BulletList", "OrderedList"):
            items = content if kind == "BulletList" else content[1]
            self.prefix = (self.prefix + f" A list of {len(items)} item{'s' if len(items) != 1 else ''}.").strip()
            for number, item in enumerate(items):
                if kind == "OrderedList":
                    start, style = content[0][0], content[0][1]["t"]
                    self.prefix = f"{self.prefix} {list_marker(style, start + number)}.".strip()
                self.blocks(item, lang)
        elif kind == "DefinitionList":
            for term, definitions in content:
                term[:] = self.inline_sentences(term, lang)
                for definition in definitions:
                    self.blocks(definition, lang)
        elif kind in ("BlockQuote",):
            self.blocks(content, lang)
        elif kind == "Div":
            self.blocks(content[1], dict(content[0][2]).get("lang", lang))
        elif kind == "LineBlock":
            content[:] = [self.inline_sentences(line, lang) for line in content]
        elif kind == "CodeBlock":
            content[0][0] = content[0][0] or self.new_id()
            self.say(content[0][0], escape(content[1]))
        elif kind == "Figure":
            self.figure(content, lang)
        elif kind == "Table":
            self.table(content, lang)

    def figure(self, content, lang: str) -> None:
        """pandoc shows the image, then the caption; a caption that repeats the alt text is hidden
        from screen readers, so the figure as a whole is said once."""
        attr, (_short, caption), body = content
        images = [node for block in body for node in block.get("c", []) if isinstance(node, dict)
                  and node.get("t") == "Image"]
        if len(images) == 1 and plain(images[0]["c"][1]) == " ".join(plain(b.get("c", [])) for b in caption):
            attr[0] = attr[0] or self.new_id()
            self.say(attr[0], "Image: " + self.speakable(images[0]["c"][1], lang))
            return
        self.blocks(body, lang)
        self.blocks(caption, lang)

    def table(self, content, lang: str) -> None:
        """Announced by its size; each body cell said after its column's header."""
        _attr, (_short, caption), colspecs, head, bodies, foot = content
        head_rows = head[1]
        rows = sum(len(body[2]) + len(body[3]) for body in bodies)
        headers = [" ".join(plain(b.get("c", [])) for b in cell[4]) for cell in head_rows[-1][1]] if head_rows else []
        self.prefix = f"{self.prefix} A table of {rows} rows and {len(colspecs)} columns.".strip()
        self.blocks(caption, lang)
        for row in head_rows:
            for cell in row[1]:
                self.blocks(cell[4], lang)
        for body in bodies:
            for row in body[2] + body[3]:
                for column, cell in enumerate(row[1]):
                    if column < len(headers) and headers[column].strip():
                        self.prefix = f"{self.prefix} {headers[column]}:".strip()
                    self.blocks(cell[4], lang)
                    self.prefix = ""
        for row in foot[1]:
            for cell in row[1]:
                self.blocks(cell[4], lang)

    # --- notes and tracks ---------------------------------------------------------
    def note(self, blocks: list) -> None:
        """A footnote's sentences are marked where they stand and said at the end of the chapter."""
        saved_sink, saved_prefix = self.sink, self.prefix
        self.notes.append([])
        self.sink, self.prefix = self.notes[-1], f"Note {len(self.notes)}."
        self.blocks(blocks, self.lang)
        self.sink, self.prefix = saved_sink, saved_prefix

    def end_chapter(self) -> None:
        """pandoc sets a chapter's notes after it: they are said there, after "Notes"."""
        said = [u for note in self.notes for u in note]
        if said:
            said[0].ssml = "Notes. " + said[0].ssml
            said[0].pause = HEADING_PAUSE
            self.tracks[-1].utterances += said
        self.notes = []

    def start_track(self, title: str) -> None:
        if self.tracks[-1].utterances:
            self.tracks.append(Track(title))
        else:
            self.tracks[-1].title = title
        self.sink = self.tracks[-1].utterances


def mark(ast: dict, lang: str, title: str, lexicon: dict[str, str]) -> tuple[dict, Script]:
    """The AST with every sentence given an id, and the script that says it."""
    ast = copy.deepcopy(ast)
    levels = [b["c"][0] for b in ast["blocks"] if b["t"] == "Header"]
    marker = Marker(lang, lexicon, min(levels, default=1), title)
    marker.blocks(ast["blocks"], lang)
    marker.end_chapter()
    return ast, Script(lang, [t for t in marker.tracks if t.utterances])
