"""The PDF's fonts: Atkinson Hyperlegible for Latin text, then a bundled face for each other
script, all from wheels, so every machine sets the same glyphs and the PDF embeds them.

Noto Sans carries Greek and Cyrillic; IBM Plex Sans Arabic sets Arabic and Urdu (its
glyphs map one to one onto characters, so the text a screen reader extracts is the text
written, which Noto Sans Arabic's composed dots break); Noto Sans CJK's face follows the
document's language, since Chinese, Japanese and Korean draw the same character differently.
"""

from __future__ import annotations

from pathlib import Path

import fontpkg_atkinson_hyperlegible
import fontpkg_ibm_plex_sans_arabic
import manimgx_fonts
import manimgx_fonts_cjk

FONT_DIRS = [
    str(Path(fontpkg_atkinson_hyperlegible.__file__).parent / "files"),
    str(Path(fontpkg_ibm_plex_sans_arabic.__file__).parent / "files"),
    str(Path(manimgx_fonts.__file__).parent),
    str(Path(manimgx_fonts_cjk.__file__).parent),
]
SCRIPTS = ["Noto Sans", "IBM Plex Sans Arabic", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Bengali",
           "Noto Sans Gurmukhi", "Noto Sans Gujarati", "Noto Sans Oriya", "Noto Sans Tamil", "Noto Sans Telugu",
           "Noto Sans Kannada", "Noto Sans Malayalam", "Noto Sans Sinhala", "Noto Sans Thai", "Noto Sans Lao",
           "Noto Sans Khmer", "Noto Sans Myanmar", "Noto Sans Georgian", "Noto Sans Armenian",
           "Noto Sans Ethiopic"]
CJK = {"ja": "JP", "ko": "KR", "zh-TW": "TC", "zh-Hant": "TC", "zh-HK": "HK", "zh-MO": "HK"}
CJK_FACES = ["SC", "TC", "HK", "JP", "KR"]
SYMBOLS = ["Noto Sans Symbols", "Noto Emoji", "DejaVu Sans Mono"]  # DejaVu (in Typst): ballot boxes ☐ ☒ and more
NAMES = "Atkinson Hyperlegible, Noto Sans (Greek, Cyrillic and the scripts of India and South-East Asia), " \
        "IBM Plex Sans Arabic, Noto Sans Hebrew, Noto Sans CJK, Noto Emoji and DejaVu Sans Mono"


def cjk_first(lang: str) -> str:
    """The CJK face for a BCP 47 tag: `ja` Japanese, `zh-TW` Traditional Chinese, else Simplified."""
    parts = lang.split("-")
    for length in (2, 1):
        face = CJK.get("-".join(parts[:length]))
        if face:
            return face
    return "SC"


def families(lang: str) -> list[str]:
    """Font families in the order Typst tries them for each character."""
    first = cjk_first(lang)
    cjk = [f"Noto Sans CJK {face}" for face in [first] + [f for f in CJK_FACES if f != first]]
    return ["Atkinson Hyperlegible", *SCRIPTS, *cjk, *SYMBOLS]
