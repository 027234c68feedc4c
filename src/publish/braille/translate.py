"""Text to North American ASCII braille (BRF) with liblouis, through its Python binding.

The binding is Debian's python3-louis (`tools/install-braille.sh` links it into the venv).
English is Unified English Braille at the edition's grade; a phrase marked with another
language (`[bonjour]{lang=fr}`) is set off by transcriber's notes naming the language and,
where liblouis has an uncontracted table for it, brailled with that table.
"""

from __future__ import annotations

import re
import threading
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
    "gd": ("Gaelic", None), "pl": ("Polish", None),
}
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

    def text(self, text: str, tables: list[str] | None = None) -> str:
        return _translate(tuple(tables or self.tables), text, ())

    def note(self, text: str) -> str:
        """A transcriber's note: what the transcriber adds, set apart from the author's words."""
        return NOTE_OPEN + self.text(text) + NOTE_CLOSE

    def runs(self, runs: list[Run]) -> str:
        """Consecutive runs in one language are brailled together, so contractions see whole words;
        a foreign phrase is framed by notes naming its language and the return to English."""
        out, group = [], []
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
        table = language_table(lang) if lang else None
        tables = [DISPLAY, table] if table else self.tables
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
