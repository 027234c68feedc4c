"""Text to North American ASCII braille (BRF) with liblouis, through its Python binding.

The binding is Debian's python3-louis (`tools/install-braille.sh` links it into the venv).
English is Unified English Braille at the edition's grade; a phrase or block marked with
another language (`[bonjour]{lang=fr}`, `::: {lang=ar}`) is set off by transcriber's notes
naming the language and, where liblouis has an uncontracted table for it, brailled with
that table. A character the tables have no sign for, which liblouis would write as its
code point in cells (`'\\X2610'`), is given in words (`spell`): a tick box as words, a
symbol or emoji by its Unicode name in a transcriber's note, letters of a script with no
table as a note naming the script; the linter's expected text is spelled the same way.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from publish.errors import ToolMissingError

DISPLAY = "en-us-brf.dis"  # dot patterns as the 64 BRF characters, upper case
GRADES = {2: "en-ueb-g2.ctb", 1: "en-ueb-g1.ctb"}
# Languages readers meet in UK documents: their English names (said in the transcriber's note) and,
# where liblouis has one, an uncontracted table for them.
LANGUAGES = {
    "fr": ("French", "fr-bfu-comp6.utb"), "de": ("German", "de-g0.utb"), "es": ("Spanish", "es-g1.ctb"),
    "it": ("Italian", "it-it-comp6.utb"), "cy": ("Welsh", "cy-cy-g1.utb"), "ga": ("Irish", "ga-g1.utb"),
    "nl": ("Dutch", "nl-NL-g0.utb"), "pt": ("Portuguese", "pt-pt-g1.utb"), "la": ("Latin", None),
    "gd": ("Gaelic", None), "pl": ("Polish", "Pl-Pl-g1.utb"), "el": ("Greek", "el.ctb"),
    "ar": ("Arabic", "ar-ar-g1.utb"), "ur": ("Urdu", "ur-pk-g1.utb"), "fa": ("Persian", "fa-ir-g1.utb"),
}
# Symbols UEB has no sign for that a reader needs as words: the boxes of a form or task list
IN_WORDS = {"☐": "tick box", "☑": "ticked box", "☒": "crossed box"}
NO_SIGN = re.compile(r"'\\[XY][0-9A-J]+'", re.IGNORECASE)  # liblouis's code point for a character it cannot braille
UNSEEN = ("Cf",)  # format characters (joiners, direction marks) print nothing of their own
ENGLISH = "English"
NOTE_OPEN, NOTE_CLOSE = "@.<", "@.>"  # UEB transcriber's note indicators: dots 4 46 126 and 4 46 345
TRANSCRIBERS_NOTE = re.compile(re.escape(NOTE_OPEN) + r"(.*?)" + re.escape(NOTE_CLOSE))
LOCK = threading.Lock()  # liblouis is not thread-safe, and the pipeline writes editions on two threads
EMPHASIS = {"Emph": "italic", "Strong": "bold", "Underline": "underline"}


def louis():
    """The liblouis binding, or one line saying how to install it."""
    try:
        import louis as binding
    except (ImportError, OSError):
        raise ToolMissingError("the braille editions need liblouis: run `make venv` (as root it installs "
                               "Debian's liblouis-data and python3-louis), or build the others by name") from None
    return binding


@dataclass(frozen=True)
class Run:
    """A piece of inline text with its language (None: the document's) and emphasis."""

    text: str
    lang: str | None = None
    emphasis: str | None = None  # "italic", "bold" or "underline"
    raw: bool = False  # already braille (a note's number, a transcriber's note)


def language_name(tag: str) -> str:
    return LANGUAGES.get(tag.split("-")[0].lower(), (tag, None))[0]


def language_table(tag: str) -> str | None:
    return LANGUAGES.get(tag.split("-")[0].lower(), (None, None))[1]


@dataclass(frozen=True)
class Translator:
    """Brailles runs of text at one UEB grade."""

    grade: int = 2

    @property
    def tables(self) -> list[str]:
        return [DISPLAY, GRADES[self.grade]]

    def text(self, text: str) -> str:
        """Print in the document's language, what has no sign spelled."""
        return self.runs([Run(text)])

    def note(self, text: str) -> str:
        """A transcriber's note: what the transcriber adds, set apart from the author's words."""
        return NOTE_OPEN + self.text(text) + NOTE_CLOSE

    def tables_for(self, lang: str | None) -> list[str]:
        table = language_table(lang) if lang else None
        return [DISPLAY, table] if table else self.tables

    def spelled(self, run: Run) -> list[Run]:
        """The run with what its tables cannot braille in words: print, or a transcriber's note."""
        if run.raw:
            return [run]
        return [Run(self.note(text), raw=True) if note else Run(text, run.lang, run.emphasis)
                for text, note in spell(run.text, tuple(self.tables_for(run.lang)))]

    def runs(self, runs: list[Run]) -> str:
        """Consecutive runs in one language are brailled together, so contractions see whole words;
        a foreign phrase is framed by notes naming its language and the return to English."""
        out, group = [], []
        joined: list[Run] = []  # runs alike joined first, so a note covers a passage, not each word
        for run in runs:
            if joined and (joined[-1].lang, joined[-1].emphasis, joined[-1].raw) == (run.lang, run.emphasis, run.raw):
                joined[-1] = dataclasses.replace(joined[-1], text=joined[-1].text + run.text)
            else:
                joined.append(run)
        runs = [piece for run in joined for piece in self.spelled(run)]
        for run in runs + [Run("", "\0")]:  # the sentinel ends the last group
            if group and (run.lang, run.raw) != (group[0].lang, group[0].raw):
                out.append(self.group(group))
                group = []
            group.append(run)
        return "".join(out)

    def group(self, runs: list[Run]) -> str:
        lang = runs[0].lang
        if runs[0].raw:
            return "".join(r.text for r in runs)
        tables = self.tables_for(lang)
        text = "".join(r.text for r in runs)
        louis_ = louis()
        typeform = tuple(getattr(louis_, r.emphasis) if r.emphasis else 0 for r in runs for _ in r.text)
        braille = _translate(tuple(tables), text, typeform if any(typeform) else ())
        if not lang or not text.strip():
            return braille
        lead, core, trail = re.match(r"^(\s*)(.*?)(\s*)$", braille, re.S).groups()
        return f"{lead}{self.note(language_name(lang))} {core} {self.note(ENGLISH)}{trail}"

    def number(self, n: int) -> str:
        """A number in braille: `#A` for 1."""
        return self.text(str(n))


@lru_cache(maxsize=4096)
def has_sign(char: str, tables: tuple[str, ...]) -> bool:
    return not NO_SIGN.search(_translate(tables, char, ()))


def spell(text: str, tables: tuple[str, ...]) -> list[tuple[str, bool]]:
    """`text` as pieces the tables can braille (False) and the words of transcriber's notes (True)
    for what they cannot: consecutive letters of one script in one note naming the script, each
    symbol by its Unicode name; a character that prints nothing of its own is left out."""
    pieces: list[tuple[str, bool]] = []
    script = None  # the script of the letters in the note being made
    for char in text:
        if char.isascii() or has_sign(char, tables):
            piece, note = char, False
            script = script if not char.isalnum() else None  # spaces and stops keep a script's note going
        elif char in IN_WORDS:
            piece, note, script = IN_WORDS[char], False, None
        elif unicodedata.category(char) in UNSEEN or "VARIATION SELECTOR" in unicodedata.name(char, ""):
            continue
        elif script and unicodedata.category(char).startswith("M"):  # a vowel sign or mark of those letters
            continue
        elif char.isalpha():
            name = unicodedata.name(char, "").split(" ")[0].capitalize() or "another"
            if name == script:
                continue
            piece, note, script = f"{name} script not brailled", True, name
        else:
            piece, note, script = unicodedata.name(char, f"character U+{ord(char):04X}").lower(), True, None
        if pieces and not note and not pieces[-1][1]:
            pieces[-1] = (pieces[-1][0] + piece, False)
        else:
            pieces.append((piece, note))
    return pieces


def as_read(text: str, tables: tuple[str, ...]) -> str:
    """What a reader of the braille reads of `text` as print: its words, without the notes."""
    return "".join(piece if not note else " " for piece, note in spell(text, tables))


@lru_cache(maxsize=4096)
def _translate(tables: tuple[str, ...], text: str, typeform: tuple[int, ...]) -> str:
    binding = louis()
    with LOCK:
        return binding.translateString(list(tables), text, typeform=list(typeform) if typeform else None)


def back(braille: str, tables: list[str]) -> str:
    """BRF back to print with liblouis; dot patterns it cannot read back (`\\46/`) are left out."""
    binding = louis()
    with LOCK:
        read = binding.backTranslateString(tables, braille)
    return re.sub(r"\\[0-9]+/", "", read)
