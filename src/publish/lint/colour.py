"""Colour contrast as WCAG 2.2 defines it, shared by every format that sets colours (DOCX, EPUB).

Colours are (red, green, blue) in 0..1, as tinycss2 parses CSS and as hex digits convert.
"""

from __future__ import annotations

Colour = tuple[float, float, float]

WHITE: Colour = (1.0, 1.0, 1.0)
NORMAL_RATIO, LARGE_RATIO = 4.5, 3.0  # WCAG 2.2 SC 1.4.3 (AA)


def from_hex(value: str) -> Colour:
    """`60A0B0` (six hex digits, no #) as a colour."""
    return tuple(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4))


def to_hex(colour: Colour) -> str:
    return "".join(f"{round(c * 255):02X}" for c in colour)


def luminance(colour: Colour) -> float:
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: Colour, background: Colour) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: Colour, alpha: float, behind: Colour) -> Colour:
    """A translucent colour as it shows over what is behind it."""
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(colour, behind))


def needed_ratio(large: bool) -> float:
    return LARGE_RATIO if large else NORMAL_RATIO
