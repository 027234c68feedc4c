"""Word-by-word comparison of a file's text with the text it should have (the *410 rules).

The caller hands in the expected text (`Expected`): the linter never parses a source
itself. Case, punctuation, typographic quotes and dashes, list bullets, heading
underlines and line-end hyphen breaks do not count; words do. The only text a file may
add is its title block (`Expected.furniture`, lines from the front matter).

The alignment is linear: equal runs are skipped word by word, and at each difference
the two texts are re-synchronised on the nearest shared run of `ANCHOR` words within
`WINDOW` words, so a 700-page book compares in about the time it takes to read it in.
"""

from __future__ import annotations

import bisect
import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

QUOTE_WORDS = 10  # words quoted from a differing passage
CONTEXT_WORDS = 5  # words of the expected text quoted before it
ANCHOR = 6  # words that must agree for the texts to be back in step
WINDOW = 4000  # how far ahead (in words) a difference may end and the texts agree again
REFINE = 250_000  # word pairs: a stretch this small is compared word by word


@dataclass(frozen=True)
class Expected:
    """What a file should say: its body text in reading order, and the title-block lines it may add."""

    text: str
    furniture: tuple[str, ...] = ()
    problem: str | None = None  # why the expected text could not be had (a source that does not build)

    @classmethod
    def unavailable(cls, problem: str) -> Expected:
        return cls("", (), problem)


class Word(NamedTuple):
    """One word; a tuple, as a book has a million of them and a frozen dataclass is slow to make."""

    text: str  # as written, for messages
    key: str  # what is compared
    where: str | None = None  # where the file has it


def normalise(word: str) -> str:
    """Letters and digits only, case-folded, `&` read as `and`: quotes, dashes, hyphens and list
    bullets drop out."""
    folded = unicodedata.normalize("NFKC", word).casefold().replace("&", "and")
    return "".join(c for c in folded if c.isalnum())


def words(chunks) -> list[Word]:
    """Words of `chunks`, (text, where) pairs that join into the text; each word keeps where it starts."""
    pieces, starts, places, at = [], [], [], 0
    for chunk, where in chunks:
        pieces.append(chunk)
        starts.append(at)
        places.append(where)
        at += len(chunk)
    keys: dict[str, str] = {}  # each spelling normalised once: a book uses a few thousand words many times
    found = []
    for match in re.finditer(r"\S+", "".join(pieces)):
        written = match.group()
        key = keys.get(written)
        if key is None:
            key = keys[written] = normalise(written)
        if key:
            where = places[bisect.bisect_right(starts, match.start()) - 1] if places else None
            found.append(Word(written, key, where))
    return found


def furniture_lines(lines) -> tuple[tuple[str, ...], ...]:
    """Each title-block line as normalised words, longest first."""
    keyed = {tuple(w.key for w in words([(line, None)])) for line in lines}
    return tuple(sorted((k for k in keyed if k), key=len, reverse=True))


# --- aligning ----------------------------------------------------------------------------


def resync(a: list[str], i: int, b: list[str], j: int) -> tuple[int, int]:
    """The nearest (x, y), least x + y first, such that a[i+x:] and b[j+y:] start a shared run of
    words (ANCHOR of them, fewer only when no such run is in reach) or are both at their end;
    the rest of both when the texts never agree again within WINDOW words."""
    for size in (ANCHOR, 3, 1):
        found = nearest_run(a, i, b, j, size)
        if found is not None:
            return found
    return len(a) - i, len(b) - j


def nearest_run(a: list[str], i: int, b: list[str], j: int, size: int) -> tuple[int, int] | None:
    ahead: dict[tuple[str, ...], int] = {}
    for y in range(min(WINDOW, len(b) - j)):
        ahead.setdefault(tuple(b[j + y:j + y + size]), y)
    best = None
    for x in range(min(WINDOW, len(a) - i) + 1):
        if best is not None and x >= sum(best):
            break
        gram = tuple(a[i + x:i + x + size])
        if len(gram) < size:  # near the end: only the two tails agreeing counts
            y = len(b) - j - (len(a) - i - x)
            candidate = (x, y) if 0 <= y < len(b) - j and b[j + y:] == a[i + x:] else None
        else:
            y = ahead.get(gram)
            candidate = (x, y) if y is not None else None
        if candidate and any(candidate) and (best is None or sum(candidate) < sum(best)):
            best = candidate
    return best


def differences(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib-style opcodes (tag, i1, i2, j1, j2) for the stretches where a and b differ.

    A word one text has whole and the other in two pieces (a PDF line broken inside an address,
    `2019–` `20` for `2019–20`) counts as the same word. Each stretch found by re-synchronising
    is refined word by word (difflib, on that stretch only), so a misread word between equal
    ones stays a one-word difference."""
    found, i, j = [], 0, 0
    while True:
        while i < len(a) and j < len(b):
            if a[i] == b[j]:
                i, j = i + 1, j + 1
            elif j + 1 < len(b) and a[i] == b[j] + b[j + 1]:
                i, j = i + 1, j + 2
            elif i + 1 < len(a) and a[i] + a[i + 1] == b[j]:
                i, j = i + 2, j + 1
            else:
                break
        if i == len(a) and j == len(b):
            return found
        x, y = resync(a, i, b, j)
        found += refined(a, i, i + x, b, j, j + y)
        i, j = i + x, j + y


def refined(a: list[str], i1: int, i2: int, b: list[str], j1: int, j2: int) -> list[tuple[str, int, int, int, int]]:
    """The differences inside one stretch, word by word when the stretch is small enough to compare so."""
    if (i2 - i1) * (j2 - j1) > REFINE:
        return [("insert" if i1 == i2 else "delete" if j1 == j2 else "replace", i1, i2, j1, j2)]
    matcher = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
    return [(tag, i1 + p1, i1 + p2, j1 + q1, j1 + q2) for tag, p1, p2, q1, q2 in matcher.get_opcodes() if tag != "equal"]


# --- reporting -----------------------------------------------------------------------------


def quote(found: list[Word], start: int, end: int) -> str:
    shown = found[start:min(end, start + QUOTE_WORDS)]
    more = "…" if end - start > QUOTE_WORDS else ""
    return "“" + " ".join(w.text for w in shown) + more + "”"


def is_furniture(added: list[Word], lines) -> bool:
    """Whether the added words are whole title-block lines, one after another."""
    keys, at = [w.key for w in added], 0
    while at < len(keys):
        line = next((line for line in lines if tuple(keys[at:at + len(line)]) == line), None)
        if line is None:
            return False
        at += len(line)
    return True


def added_furniture(found: list[Word], j1: int, j2: int, lines) -> bool:
    """Whether words added at found[j1:j2] are title-block lines. An addition inside repeated words
    can be placed several ways (a title "Early warning: a briefing" before a heading "Early
    warning"): each placement, slid back over the words it repeats, is tried."""
    keys = [w.key for w in found]
    for back in range(0, j2 - j1 + 1):
        if back and (j1 - back < 0 or keys[j1 - back] != keys[j2 - back]):
            return False
        if is_furniture(found[j1 - back:j2 - back], lines):
            return True
    return False


def occurs(keys: list[str], passage: list[str]) -> bool:
    """Whether `passage` stands anywhere in `keys` (one linear scan per call)."""
    if not passage:
        return False
    first, size = passage[0], len(passage)
    return any(keys[k:k + size] == passage for k, key in enumerate(keys) if key == first)


def first_difference(expected: list[Word], lines, found: list[Word]) -> tuple[str, str | None] | None:
    """The first passage the file loses, repeats, moves or adds, as (message, where); None if none."""
    keys_expected, keys_found = [w.key for w in expected], [w.key for w in found]
    changes = [op for op in differences(keys_expected, keys_found)
               if not (op[0] == "insert" and added_furniture(found, op[3], op[4], lines))]
    if not changes:
        return None
    tag, i1, i2, j1, j2 = changes[0]
    lost, added = keys_expected[i1:i2], keys_found[j1:j2]
    context = "“…" + " ".join(w.text for w in expected[max(0, i1 - CONTEXT_WORDS):i1]) + "”"
    after = f" after {context}" if i1 else " at the start"
    where = found[min(j1, len(found) - 1)].where if found else None
    others = len(changes) - 1
    tail = f" ({others} more difference{'s' if others > 1 else ''})" if others else ""
    if tag == "insert":
        if any(op[0] in ("delete", "replace") and keys_expected[op[1]:op[2]] == added for op in changes[1:]):
            return f"out of order: {quote(found, j1, j2)} comes too early,{after}{tail}", where
        repeated = occurs(keys_expected, added)
        return f"{'duplicated' if repeated else 'added'}: {quote(found, j1, j2)}{after}{tail}", where
    if tag == "delete":
        if any(op[0] in ("insert", "replace") and keys_found[op[3]:op[4]] == lost for op in changes[1:]):
            follows = f", which follows {context} in the source," if i1 else ", the source's start,"
            return f"out of order: {quote(expected, i1, i2)}{follows} comes later{tail}", where
        return f"missing: {quote(expected, i1, i2)}{after}{tail}", where
    return f"changed: {quote(expected, i1, i2)} reads {quote(found, j1, j2)}{after}{tail}", where


def compare(expected: Expected, found: list[Word]) -> tuple[str, str | None] | None:
    """The first difference between the expected text and the words found in the file, or None."""
    return first_difference(words([(expected.text, None)]), furniture_lines(expected.furniture), found)
