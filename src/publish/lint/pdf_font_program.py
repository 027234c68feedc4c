"""Embedded font programs read far enough to check a PDF font against them: which glyphs
the program has, how wide each is, and its built-in encoding.

TrueType, OpenType and CFF programs are read with fontTools. Type 1 programs are read
here: fontTools' own Type 1 reader runs the font's PostScript, and a hostile file can
make that loop for ever, so only its charstring decoder is borrowed; the eexec cipher is
a few lines, and here several times faster than fontTools' byte-by-byte version.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import cached_property

import pikepdf
from fontTools.encodings.StandardEncoding import StandardEncoding

from publish.lint.pdf_cmap import read

MAX_PROGRAM = 16 * 1024 * 1024  # bytes; a larger embedded font is left unchecked
MAX_TYPE1 = 1024 * 1024  # Type 1 programs are decrypted in Python: real ones are far smaller
EEXEC_KEY, CHARSTRING_KEY = 55665, 4330
CHARSTRING = re.compile(rb"/([^\s/\[\]{}()<>%]+)\s+(\d+)\s+\S+ ")
BUILT_IN = re.compile(rb"dup\s+(\d+)\s*/([^\s/\[\]{}()<>%]+)\s+put")
LEN_IV = re.compile(rb"/lenIV\s+(-?\d+)")


@dataclass
class Program:
    """What the checks need from one embedded font program. Glyphs are named as fontTools
    names them (TrueType glyphs without names are `glyphNNNNN`, CIDs in a CID-keyed CFF
    `cidNNNNN`); `order` lists them by glyph id."""

    order: list[str]
    widths: object  # glyph name -> advance width in thousandths of an em, or None when unknown
    encoding: dict[int, str] = field(default_factory=dict)  # built-in code -> glyph name; absent: .notdef
    read_cmaps: object = dict  # () -> TrueType cmaps, read only when a rule asks
    cid_keyed: bool = False

    @cached_property
    def cmaps(self) -> dict[tuple[int, int], dict[int, str]]:
        """(platform, encoding) -> code -> glyph, of a TrueType program's cmap subtables."""
        return self.read_cmaps()

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.order)

    def cid_glyph(self, cid: int) -> str | None:
        """The glyph a CID shows in a CIDFontType0 program (CID-keyed: by CID; else CID = glyph id)."""
        if self.cid_keyed:
            return f"cid{cid:05d}" if f"cid{cid:05d}" in self.names else None
        return self.order[cid] if cid < len(self.order) else None


def descendant(font) -> pikepdf.Dictionary | None:
    kids = font.get("/DescendantFonts")
    kid = kids[0] if isinstance(kids, pikepdf.Array) and len(kids) else None
    return kid if isinstance(kid, pikepdf.Dictionary) else None


def descriptor(font) -> pikepdf.Dictionary | None:
    owner = descendant(font) if font.get("/Subtype") == "/Type0" else font
    desc = owner.get("/FontDescriptor") if owner is not None else None
    return desc if isinstance(desc, pikepdf.Dictionary) else None


def font_file(font):
    desc = descriptor(font)
    if desc is None:
        return None
    return next((desc.get(k) for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in desc), None)


def embedded(font) -> Program | None:
    """The program embedded for a font (for a composite font, its CIDFont's)."""
    return program(font_file(font))


def program(font_file) -> Program | None:
    """The embedded program of a font descriptor's FontFile, FontFile2 or FontFile3; None
    when it is absent, too large or cannot be read (other rules report unreadable fonts)."""
    if not isinstance(font_file, pikepdf.Stream):
        return None
    data = read(font_file)
    if not data or len(data) > MAX_PROGRAM:
        return None
    kind = font_file.get("/Subtype")
    try:
        if kind in ("/Type1C", "/CIDFontType0C"):
            return cff_program(data)
        if kind == "/OpenType" or data[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
            return sfnt_program(data)
        return type1_program(data, font_file.get("/Length1")) if len(data) <= MAX_TYPE1 else None
    except Exception:  # noqa: BLE001 - a damaged program is one the width and glyph checks cannot use
        return None


def guarded(read, fallback):
    """A table fontTools reads lazily, on first use: a damaged one gives `fallback` (unknown), as a
    damaged program does in `program`, instead of stopping the check half-way."""

    def run(*args):
        try:
            return read(*args)
        except Exception:  # noqa: BLE001 - fontTools raises many kinds on damaged tables
            return fallback

    return run


def sfnt_program(data: bytes) -> Program:
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    if "CFF " in font:
        return cff_program(font.reader["CFF "])
    # glyphs by id: PDF reaches TrueType glyphs by id or through the cmaps, never by
    # name, and deriving names from the post or cmap table is slow
    font.setGlyphOrder([f"glyph{gid:05d}" for gid in range(int.from_bytes(font.reader["maxp"][4:6], "big"))])
    scale = 1000 / int.from_bytes(font.reader["head"][18:20], "big")

    def width(name):
        metrics = font["hmtx"].metrics
        return metrics[name][0] * scale if name in metrics else None

    def cmaps():
        return {(t.platformID, t.platEncID): t.cmap for t in font["cmap"].tables} if "cmap" in font else {}

    return Program(font.getGlyphOrder(), guarded(width, None), read_cmaps=guarded(cmaps, {}))


def cff_program(data: bytes) -> Program:
    from fontTools.cffLib import CFFFontSet

    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    strings = top.CharStrings
    scale = float(getattr(top, "FontMatrix", [0.001])[0]) * 1000
    encoding = getattr(top, "Encoding", "StandardEncoding")
    encoding = StandardEncoding if encoding == "StandardEncoding" else encoding if isinstance(encoding, list) else []

    def width(name):
        if name not in strings:
            return None
        glyph = strings[name]
        glyph.draw(NullPen())
        return glyph.width * scale

    return Program(top.getGlyphOrder(), guarded(width, None), dict(enumerate(encoding)), cid_keyed=hasattr(top, "ROS"))


class NullPen:
    """Draws nothing: drawing a charstring is how fontTools works out its width."""

    def moveTo(self, point): pass  # noqa: E704
    def lineTo(self, point): pass  # noqa: E704
    def curveTo(self, *points): pass  # noqa: E704
    def qCurveTo(self, *points): pass  # noqa: E704
    def closePath(self): pass  # noqa: E704
    def endPath(self): pass  # noqa: E704


def type1_program(data: bytes, length=None) -> Program:
    """A Type 1 program: glyph names and widths from its encrypted charstrings, the
    built-in encoding from its clear text. `length` is the stream's Length1, where the
    clear text ends."""
    from fontTools.misc.psCharStrings import T1CharString

    start = data.find(b"eexec")
    if start < 0:
        raise ValueError("not a Type 1 font program")
    clear = data[:start]
    cipher = data[length:] if isinstance(length, int) and start < length < len(data) else \
        data[start + 5:].removeprefix(b"\r").removeprefix(b"\n").removeprefix(b" ")
    if re.fullmatch(rb"[0-9A-Fa-f\s]+", cipher[:64]):  # a hexadecimal eexec section
        digits = re.sub(rb"[^0-9A-Fa-f]", b"", cipher.split(b"cleartomark")[0])
        cipher = bytes.fromhex(digits[:len(digits) // 2 * 2].decode("ascii"))
    private = decrypt(cipher, EEXEC_KEY)[4:]
    found = LEN_IV.search(private)
    skip = int(found[1]) if found else 4
    body = private.find(b"begin", private.find(b"/CharStrings"))
    if body < 0 or b"/CharStrings" not in private:
        raise ValueError("no CharStrings")
    order, widths, at = [], {}, body
    while match := CHARSTRING.search(private, at):
        size = int(match[2])
        encrypted = private[match.end():match.end() + size]
        at = match.end() + size
        order.append(match[1].decode("latin-1"))
        widths[order[-1]] = charstring_width(T1CharString(decrypt(encrypted, CHARSTRING_KEY)[skip:]
                                                          if skip >= 0 else encrypted))
    if re.search(rb"/Encoding\s+StandardEncoding\s+def", clear):
        encoding = dict(enumerate(StandardEncoding))
    else:
        encoding = {int(code): name.decode("latin-1") for code, name in BUILT_IN.findall(clear) if int(code) < 256}
    return Program(order, widths.get, encoding)


def decrypt(data: bytes, key: int) -> bytes:
    """Type 1 decryption (Adobe Type 1 Font Format, 7.1), for eexec and charstrings alike."""
    plain = bytearray(len(data))
    for index, byte in enumerate(data):
        plain[index] = byte ^ (key >> 8)
        key = ((byte + key) * 52845 + 22719) & 0xFFFF
    return bytes(plain)


def charstring_width(glyph) -> float | None:
    """The advance width that a Type 1 charstring's opening hsbw or sbw sets."""
    glyph.decompile()
    program = glyph.program
    for index, token in enumerate(program[:6]):
        if token == "hsbw" and index >= 2:
            return float(program[index - 1])
        if token == "sbw" and index >= 4:
            return float(program[index - 2])
    return None
