"""A font's ToUnicode CMap: which characters each code it draws stands for.

Read by the content walk (to tell what a page says) and by the font rules (to tell
whether it says anything at all).
"""

from __future__ import annotations

import re
from functools import lru_cache

import pikepdf

MAX_RANGE = 0x10000  # the most codes one bfrange line may cover; more is a damaged or hostile map


def read(stream) -> bytes:
    try:
        return stream.read_bytes()
    except pikepdf.PdfError:
        return b""


HEX = r"<([0-9A-Fa-f\s]*)>"
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
PAIR = re.compile(rb"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>")
RANGE = re.compile(rb"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])")


def unhex(value: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", value)
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode())


@lru_cache(maxsize=256)
def unicode_map(data: bytes) -> tuple[dict, list]:
    """A ToUnicode CMap as ({code: UTF-16BE bytes}, [(low, high, start or list)])."""
    chars, ranges = {}, []
    for block in BFCHAR.findall(data):
        for src, dst in PAIR.findall(block):
            chars[int.from_bytes(unhex(src), "big")] = unhex(dst)
    for block in BFRANGE.findall(data):
        for low, high, dst in RANGE.findall(block):
            low, high = int.from_bytes(unhex(low), "big"), int.from_bytes(unhex(high), "big")
            if dst.startswith(b"["):
                ranges.append((low, high, [unhex(v) for v in re.findall(rb"<([0-9A-Fa-f\s]*)>", dst)]))
            else:
                ranges.append((low, min(high, low + MAX_RANGE), unhex(dst[1:-1])))
    return chars, ranges


def lookup(mapping: tuple[dict, list], code: int) -> bytes | None:
    chars, ranges = mapping
    if code in chars:
        return chars[code]
    for low, high, dst in ranges:
        if low <= code <= high:
            if isinstance(dst, list):
                return dst[code - low] if code - low < len(dst) else None
            if not dst:
                return None
            last = int.from_bytes(dst[-2:], "big") + code - low
            return dst[:-2] + (last & 0xFFFF).to_bytes(2, "big")
    return None
