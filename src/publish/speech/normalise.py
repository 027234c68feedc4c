"""Say what is written as a person would read it aloud, where eSpeak NG alone would not.

eSpeak already reads `&`, `%`, ordinals, thousands and most abbreviations well; these
few rules cover what it gets wrong in English: years (it says "two thousand and
nineteen" for 2019), money with a scale (`£20m`), `No. 5`, and short capitalised
abbreviations (it says "ICC" as one word). The front matter's `pronounce:` lexicon is
applied first, in every language.
"""

from __future__ import annotations

import re

SCALES = {"k": "thousand", "m": "million", "bn": "billion", "million": "million", "billion": "billion"}
CURRENCIES = {"£": "pounds", "$": "dollars", "€": "euros"}
MONEY = re.compile(r"([£$€])(\d[\d,]*(?:\.\d+)?)(?:\s?(bn|m|k|million|billion)\b)?")
YEAR = re.compile(r"(?<![\d,.£$€])\b(1[1-9]\d\d|20\d\d)\b(?![\d%]|[.,]\d)")
NUMBER_SIGN = re.compile(r"\bNo\.\s?(?=\d)")
LETTERS = re.compile(r"\b[A-Z]{2,3}\b")
ROMAN = re.compile(r"X{0,3}(IX|IV|V?I{0,3})")  # World War II is not "I I"


def year(match: re.Match) -> str:
    """2019 as "twenty nineteen", 1905 as "nineteen oh five"; 2000 to 2009 as eSpeak says them."""
    value = int(match.group())
    century, rest = divmod(value, 100)
    if 2000 <= value <= 2009:
        return match.group()
    if rest == 0:
        return f"{century} hundred"
    return f"{century} {rest}" if rest >= 10 else f"{century} oh {rest}"


def money(match: re.Match) -> str:
    symbol, amount, scale = match.groups()
    return " ".join(part for part in (amount, SCALES.get(scale or ""), CURRENCIES[symbol]) if part)


def english(text: str) -> str:
    text = MONEY.sub(money, text)
    text = NUMBER_SIGN.sub("number ", text)
    text = YEAR.sub(year, text)
    return LETTERS.sub(letters, text).replace("&", " and ")


def letters(match: re.Match) -> str:
    word = match.group()
    return word if ROMAN.fullmatch(word) else " ".join(word)


RULES = {"en": english}


def lexicon_pattern(lexicon: dict[str, str]) -> re.Pattern | None:
    """One pattern for every word of the lexicon, longest first, matched as whole words."""
    if not lexicon:
        return None
    words = sorted(lexicon, key=len, reverse=True)
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def for_speech(text: str, lang: str, lexicon: dict[str, str], pattern: re.Pattern | None) -> str:
    """The text to give eSpeak for `text` in `lang`: the lexicon's spellings, then the language's rules."""
    if pattern is not None:
        text = pattern.sub(lambda m: lexicon[m.group()], text)
    rules = RULES.get(lang.split("-")[0].lower())
    return rules(text) if rules else text
