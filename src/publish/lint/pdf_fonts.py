"""PDF font rules: fonts embedded, text mappable to Unicode, encodings as PDF/UA-1 requires.

Only fonts that the content actually uses are checked, with the character codes it shows.
"""

from __future__ import annotations

import re

import pikepdf

from fontTools.encodings.StandardEncoding import StandardEncoding

from publish.lint.pdf_cmap import lookup, read, unicode_map
from publish.lint.pdf_document import FontUse, PdfDocument, count, safely, text
from publish.lint.pdf_font_program import Program, descendant, descriptor, font_file
from publish.lint.rule import Hit, Severity, rule

STANDARD_ENCODINGS = {"MacRomanEncoding", "MacExpertEncoding", "WinAnsiEncoding"}
# ISO 32000-1 Table 118: the predefined CMaps, which need not be embedded
PREDEFINED_CMAPS = set("""Identity-H Identity-V GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V
GBK2K-H GBK2K-V UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H UniGB-UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V
ETen-B5-H ETen-B5-V ETenms-B5-H ETenms-B5-V CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H
UniCNS-UTF16-V 83pv-RKSJ-H 90ms-RKSJ-H 90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H Add-RKSJ-V
EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V H V UniJIS-UCS2-H UniJIS-UCS2-V UniJIS-UCS2-HW-H UniJIS-UCS2-HW-V
UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H KSCms-UHC-HW-V
KSCpc-EUC-H UniKS-UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V""".split())
CJK_ORDERINGS = {"GB1", "CNS1", "Japan1", "Korea1"}
SUBSET = re.compile(r"[A-Z]{6}\+")
CODECS = {"WinAnsiEncoding": "cp1252", "MacRomanEncoding": "mac_roman"}


def used_fonts(doc: PdfDocument):
    return [use for use in doc.fonts.values() if use.all_codes]


def cmap_name(font) -> str | None:
    encoding = font.get("/Encoding")
    if isinstance(encoding, pikepdf.Name):
        return str(encoding)[1:]
    if isinstance(encoding, pikepdf.Stream):
        return text(encoding.get("/CMapName"))
    return None


def where(use: FontUse) -> str:
    return f"page {min(use.pages)}" if use.pages else None


def glyph_names(font) -> dict[int, str]:
    """Code -> glyph name from the Differences of a simple font's encoding."""
    encoding = font.get("/Encoding")
    differences = encoding.get("/Differences") if isinstance(encoding, pikepdf.Dictionary) else None
    names, code = {}, 0
    for item in differences or ():
        if isinstance(item, int):
            code = item
        elif isinstance(item, pikepdf.Name):
            names[code] = str(item)[1:]
            code += 1
    return names


@rule("PDF402", "font-not-embedded", Severity.ERROR,
      "Fonts must be embedded with every glyph the text uses, at the declared widths",
      fix="Rebuild with `{build}`; the pipeline embeds its fonts",
      fix_file="Export with 'embed all fonts' turned on (and no 'subset below 100%' that drops glyphs)",
      refs=("ISO 14289-1 7.21.4", "ISO 14289-1 7.21.5", "veraPDF 7.21.4.1-1", "veraPDF 7.21.4.1-2",
            "veraPDF 7.21.4.2-1", "veraPDF 7.21.4.2-2", "veraPDF 7.21.5-1", "Matterhorn 31-008", "Matterhorn 31-009",
            "Matterhorn 31-011"))
@safely
def font_not_embedded(doc: PdfDocument):
    """## What it does
    Checks that each font used for visible text (not Type 3, not invisible text) has
    its font program embedded; reads the program (TrueType, OpenType, CFF or Type 1) and
    checks that it has a glyph for each code shown, as wide as the PDF's `Widths` or `W`
    say (within 1/1000 em, as veraPDF allows); that a Type 1 subset's CharSet names
    exactly the glyphs of its program, and that a CID subset's CIDSet lists every CID shown.

    ## Why is this bad?
    A missing font is replaced by the reader's own, which can change the shapes and
    the meaning of the text (symbols, ligatures) and the reflowed layout.

    ## Example
    A PDF made with 'do not embed standard fonts' fails for Helvetica.
    """
    for use in used_fonts(doc):
        font = use.font
        if not use.codes or font.get("/Subtype") == "/Type3":
            continue
        if font_file(font) is None:
            yield Hit(f"the font {use.name} is not embedded", where(use))
            continue
        prog = use.program
        if SUBSET.match(use.name):
            yield from (Hit(f"the font {use.name} {message}", where(use)) for message in subset_lists(use, prog))
        if prog is None:
            continue
        glyphs = used_glyphs(use, prog)
        absent = next((code for code, glyph in glyphs.items() if glyph is MISSING), None)
        if absent is not None:
            yield Hit(f"the font {use.name} has no glyph for character code {absent}", where(use))
        mismatch = wrong_width(use, prog, glyphs)
        if mismatch is not None:
            yield Hit(f"the font {use.name} gives character code {mismatch[0]} the width {mismatch[1]:g} where "
                      f"the font program has {mismatch[2]:g}", where(use))


@rule("PDF403", "text-not-unicode", Severity.ERROR, "Text must map to Unicode characters",
      fix="Rebuild with `{build}`; the pipeline's fonts carry Unicode mappings",
      fix_file="Export with a font that has Unicode mappings, or add a ToUnicode map in a remediation tool",
      refs=("ISO 14289-1 7.21.7", "veraPDF 7.21.7-1", "veraPDF 7.21.7-2", "Matterhorn 10-001",
            "WCAG 2.2 SC 1.3.1"))
@safely
def text_not_unicode(doc: PdfDocument):
    """## What it does
    Checks that every character code shown with each font maps to Unicode: through
    the font's ToUnicode map, to a value that is not 0, U+FEFF or U+FFFE, or through
    a standard encoding (WinAnsi, MacRoman, MacExpert) or a standard CJK character
    collection. A glyph name that a simple font's `Differences` give a code must then
    be in the Adobe Glyph List (`Euro`, `arrowright`, `fi`), which holds the standard
    Latin and Symbol names ISO 32000-1 9.10.2 relies on; a made-up name, or a derived one
    such as `uni2192` or `f_i`, needs a ToUnicode entry.

    ## Why is this bad?
    A screen reader reads the Unicode text; glyphs without it are read as nothing or
    as gibberish, and search and copy fail too.

    ## Example
    A PDF whose symbol font has no ToUnicode map fails for each symbol used.
    """
    for use in used_fonts(doc):
        font = use.font
        to_unicode = font.get("/ToUnicode")
        if isinstance(to_unicode, pikepdf.Stream):
            mapping = unicode_map(read(to_unicode))
            bad = [c for c in sorted(use.all_codes) if lookup(mapping, c) in (b"\x00\x00", b"\xff\xfe", b"\xfe\xff")]
            if bad:
                yield Hit(f"the font {use.name} maps character code {bad[0]} to an invalid Unicode value", where(use))
                continue
            unmapped = [c for c in sorted(use.all_codes) if lookup(mapping, c) is None]
        else:
            mapping, unmapped = None, sorted(use.all_codes)
        if unmapped and not standard_mapping(font):
            yield Hit(f"the font {use.name} has no Unicode value for character code {unmapped[0]} "
                      f"({count(len(unmapped), 'code', 'codes')} unmapped)" if mapping is not None else
                      f"the font {use.name} has no Unicode mapping (ToUnicode) and no standard encoding", where(use))
        elif unmapped and font.get("/Subtype") != "/Type0":
            from fontTools.agl import LEGACY_AGL2UV  # only simple fonts need the glyph list: a tenth of a one-file lint

            differences = glyph_names(font)
            unknown = [(c, differences[c]) for c in unmapped
                       if c in differences and differences[c] not in LEGACY_AGL2UV]
            if unknown:
                yield Hit(f"the font {use.name} names the glyph `{unknown[0][1]}` for character code {unknown[0][0]}, "
                          f"a name not in the Adobe Glyph List, and has no ToUnicode entry for it", where(use))


def standard_mapping(font) -> bool:
    """Whether the font's encoding alone gives Unicode values (ISO 14289-1 7.21.7)."""
    subtype = font.get("/Subtype")
    if subtype == "/Type0":
        kid = descendant(font)
        info = kid.get("/CIDSystemInfo") if kid is not None else None
        ordering = text(info.get("/Ordering")) if isinstance(info, pikepdf.Dictionary) else None
        registry = text(info.get("/Registry")) if isinstance(info, pikepdf.Dictionary) else None
        return registry == "Adobe" and ordering in CJK_ORDERINGS
    encoding = font.get("/Encoding")
    if isinstance(encoding, pikepdf.Dictionary):
        encoding = encoding.get("/BaseEncoding") or ("/Differences" in encoding and subtype in ("/Type1", "/Type3")
                                                     and pikepdf.Name.WinAnsiEncoding)
    return text(encoding) in STANDARD_ENCODINGS


@rule("PDF404", "notdef-glyph", Severity.ERROR, "Text must not show the .notdef (missing) glyph",
      fix="Use characters the document font has, or let the pipeline pick a font with them, in {source}",
      fix_file="Replace the characters that show as empty boxes, or embed a font that has them",
      refs=("ISO 14289-1 7.21.8", "veraPDF 7.21.8-1", "Matterhorn 31-030"))
@safely
def notdef_glyph(doc: PdfDocument):
    """## What it does
    Checks that no character shown maps to the `.notdef` glyph: a code the encoding
    names `.notdef`, or, in a composite font, CID 0 or a CID the CIDToGIDMap sends to glyph 0.

    ## Why is this bad?
    `.notdef` is the empty box a font draws for a character it lacks; the reader
    sees a box and a screen reader may read nothing.

    ## Example
    ```markdown
    Price: 10 ₿
    ```
    in a font without ₿ shows a box.
    """
    for use in used_fonts(doc):
        code = next((c for c in sorted(use.all_codes) if is_notdef(use.font, c)), None)
        if code is not None:
            yield Hit(f"the font {use.name} shows the missing-glyph box (.notdef) for character code {code}",
                      where(use))


def is_notdef(font, code: int) -> bool:
    if font.get("/Subtype") != "/Type0":
        return glyph_names(font).get(code) == ".notdef"
    if cmap_name(font) not in ("Identity-H", "Identity-V"):
        return False
    if code == 0:
        return True
    kid = descendant(font)
    gids = kid.get("/CIDToGIDMap") if kid is not None else None
    if isinstance(gids, pikepdf.Stream):
        data = read(gids)
        return 2 * code + 1 < len(data) and data[2 * code:2 * code + 2] == b"\x00\x00"
    return False


@rule("PDF405", "font-encoding-invalid", Severity.ERROR,
      "Fonts must use the encodings and character maps PDF/UA-1 allows",
      fix="Rebuild with `{build}`; the pipeline's fonts use Identity encodings",
      fix_file="Re-export with fonts embedded as Unicode (Identity-H) fonts, or fix the fonts in a preflight tool",
      refs=("ISO 14289-1 7.21.3", "ISO 14289-1 7.21.6", "veraPDF 7.21.3.1-1", "veraPDF 7.21.3.2-1",
            "veraPDF 7.21.3.3-1", "veraPDF 7.21.3.3-2", "veraPDF 7.21.3.3-3", "veraPDF 7.21.6-1",
            "veraPDF 7.21.6-2", "veraPDF 7.21.6-3", "veraPDF 7.21.6-4", "Matterhorn 31-001", "Matterhorn 31-003",
            "Matterhorn 31-004", "Matterhorn 31-005", "Matterhorn 31-006", "Matterhorn 31-014", "Matterhorn 31-016"))
@safely
def font_encoding_invalid(doc: PdfDocument):
    """## What it does
    Checks composite fonts (a character collection that matches the CMap's, an
    embedded TrueType CID font with a CIDToGIDMap, CMaps that are predefined or
    embedded with a matching writing mode and no reference to non-standard CMaps),
    and TrueType fonts (WinAnsi or MacRoman encoding and a Unicode or Macintosh cmap
    when non-symbolic; no encoding, and one cmap or a (3,0) cmap, when symbolic).

    ## Why is this bad?
    With an encoding outside these rules, readers and screen readers cannot be sure
    which character each code stands for.

    ## Example
    A PDF from an old CJK typesetting tool with a custom, unembedded CMap fails.
    """
    for use in used_fonts(doc):
        for message in composite_problems(use.font) if use.font.get("/Subtype") == "/Type0" else \
                truetype_problems(use):
            yield Hit(f"the font {use.name} {message}", where(use))


def composite_problems(font):
    encoding, kid = font.get("/Encoding"), descendant(font)
    name = cmap_name(font)
    if isinstance(encoding, pikepdf.Name) and name not in PREDEFINED_CMAPS:
        yield f"uses the CMap {name}, which is neither predefined nor embedded"
    if isinstance(encoding, pikepdf.Stream):
        used = encoding.get("/UseCMap")
        if used is not None and not (isinstance(used, pikepdf.Name) and str(used)[1:] in PREDEFINED_CMAPS):
            yield "has a CMap that refers to another non-standard CMap"
        declared = re.search(rb"/WMode\s+(\d)", read(encoding))
        wmode = encoding.get("/WMode", 0)
        if declared and int(declared.group(1)) != wmode:
            yield f"has a CMap whose writing mode ({declared.group(1).decode()}) differs from its dictionary ({wmode})"
        mismatch = system_info_mismatch(kid.get("/CIDSystemInfo") if kid is not None else None,
                                        encoding.get("/CIDSystemInfo"))
        if mismatch:
            yield mismatch
    if kid is not None and kid.get("/Subtype") == "/CIDFontType2" and font_file(font) is not None:
        gids = kid.get("/CIDToGIDMap")
        if not (gids == "/Identity" or (isinstance(gids, pikepdf.Stream) and read(gids))):
            yield "is an embedded TrueType CID font without a valid CIDToGIDMap"


def system_info_mismatch(font_info, cmap_info) -> str | None:
    if not isinstance(font_info, pikepdf.Dictionary) or not isinstance(cmap_info, pikepdf.Dictionary):
        return None
    for key in ("/Registry", "/Ordering"):
        if text(font_info.get(key)) != text(cmap_info.get(key)):
            return f"has a character collection {key[1:]} that differs from its CMap's"
    if font_info.get("/Supplement", 0) > cmap_info.get("/Supplement", 0):
        return "has a character collection Supplement newer than its CMap's"
    return None


def truetype_problems(use: FontUse):
    font = use.font
    if font.get("/Subtype") != "/TrueType":
        return
    desc = descriptor(font)
    flags = desc.get("/Flags", 0) if desc is not None else 0
    flags = flags if isinstance(flags, int) else 0
    encoding = font.get("/Encoding")
    subtables = list(use.program.cmaps) if use.program is not None else None
    if flags & 4:
        if encoding is not None:
            yield "is a symbolic TrueType font with an Encoding entry"
        if subtables is not None and len(subtables) != 1 and (3, 0) not in subtables:
            yield "is a symbolic TrueType font whose program has neither one cmap nor a (3,0) cmap"
        return
    base = encoding.get("/BaseEncoding") if isinstance(encoding, pikepdf.Dictionary) else encoding
    if text(base) not in ("MacRomanEncoding", "WinAnsiEncoding"):
        yield "is a non-symbolic TrueType font without WinAnsi or MacRoman encoding"
    if subtables is not None and not set(subtables) - {(3, 0)}:
        yield "is a non-symbolic TrueType font whose program has no Unicode or Macintosh cmap"


MISSING = object()  # a glyph the font program lacks


def used_glyphs(use: FontUse, prog: Program) -> dict:
    """Code -> the glyph it shows in the program, MISSING, or None where only a full
    renderer could tell (a TrueType font whose cmaps do not answer)."""
    font, glyphs = use.font, {}
    kid = descendant(font) if font.get("/Subtype") == "/Type0" else None
    differences = glyph_names(font)
    for code in sorted(use.codes):
        if kid is not None:
            glyph = cid_glyph(font, kid, prog, code)
        elif prog.cmaps:
            glyph = truetype_glyph(prog, code, encoded_name(font, prog, code, differences))
        else:
            name = encoded_name(font, prog, code, differences)
            glyph = None if name is None else name if name in prog.names else MISSING
        glyphs[code] = glyph
    return glyphs


def cid_glyph(font, kid, prog: Program, cid: int):
    """The glyph of a CID under an Identity CMap: through the CIDToGIDMap (TrueType) or the
    CFF's own CIDs."""
    if cmap_name(font) not in ("Identity-H", "Identity-V"):
        return None
    if kid.get("/Subtype") == "/CIDFontType2":
        gids = kid.get("/CIDToGIDMap")
        table = read(gids) if isinstance(gids, pikepdf.Stream) else None
        gid = int.from_bytes(table[2 * cid:2 * cid + 2], "big") if table is not None else cid
        return prog.order[gid] if gid < len(prog.order) else MISSING
    return prog.cid_glyph(cid) or MISSING


def encoded_name(font, prog: Program, code: int, differences: dict) -> str | None:
    """The glyph name a simple font's encoding gives a code: Differences, then the base
    encoding, else the program's built-in encoding; None for .notdef (PDF404's concern)."""
    encoding = font.get("/Encoding")
    base = text(encoding.get("/BaseEncoding") if isinstance(encoding, pikepdf.Dictionary) else encoding)
    from fontTools.agl import UV2AGL  # imported here, as the other uses of the glyph list: simple fonts only

    if code in differences:
        name = differences[code]
    elif base in CODECS:
        try:
            name = UV2AGL.get(ord(bytes([code]).decode(CODECS[base])))
        except UnicodeDecodeError:
            name = None
    elif base == "StandardEncoding":
        name = StandardEncoding[code]
    else:
        name = prog.encoding.get(code)
    return None if name == ".notdef" else name


def truetype_glyph(prog: Program, code: int, name: str | None) -> str | None:
    """A simple TrueType font's glyph for a code, looked up in its cmaps as ISO 32000-1 9.6.6.4 says."""
    symbol = prog.cmaps.get((3, 0), {})
    for candidate in (code, 0xF000 + code, 0xF100 + code, 0xF200 + code):
        if candidate in symbol:
            return symbol[candidate]
    from fontTools.agl import toUnicode  # simple fonts only, as above

    unicode = toUnicode(name) if name else None
    if unicode and len(unicode) == 1 and ord(unicode) in prog.cmaps.get((3, 1), {}):
        return prog.cmaps[(3, 1)][ord(unicode)]
    return prog.cmaps.get((1, 0), {}).get(code)


def wrong_width(use: FontUse, prog: Program, glyphs: dict) -> tuple[int, float, float] | None:
    """(code, width in the PDF, width in the program) where they differ by more than
    1/1000 em, the tolerance veraPDF allows; codes a simple font gives no width are skipped."""
    composite = use.font.get("/Subtype") == "/Type0"
    metrics = use.metrics
    for code, glyph in glyphs.items():
        if glyph is None or glyph is MISSING or not (composite or code in metrics.widths):
            continue
        actual = prog.widths(glyph)
        declared = metrics.widths.get(code, metrics.default) * 1000
        if actual is not None and abs(declared - actual) > 1:
            return code, declared, actual
    return None


def subset_lists(use: FontUse, prog: Program | None):
    """What is wrong with a subset's CharSet (it must name exactly the program's glyphs)
    or CIDSet (it must include each CID shown)."""
    font = use.font
    desc = descriptor(font)
    charset = desc.get("/CharSet")
    if isinstance(charset, pikepdf.String) and font.get("/Subtype") == "/Type1" and prog is not None:
        listed = set(str(charset).lstrip("/").split("/")) - {""}
        present = prog.names - {".notdef"}
        if listed - present:
            yield f"lists the glyph `{sorted(listed - present)[0]}` in its CharSet, but its program lacks it"
        if present - listed:
            yield f"has the glyph `{sorted(present - listed)[0]}`, which its CharSet does not list"
    cidset = desc.get("/CIDSet")
    if isinstance(cidset, pikepdf.Stream) and cmap_name(font) in ("Identity-H", "Identity-V"):
        bits = read(cidset)
        missing = sorted(c for c in use.codes if c // 8 >= len(bits) or not bits[c // 8] & (0x80 >> c % 8))
        if missing:
            yield f"does not list glyph {missing[0]} in its CIDSet"
