"""Reading untrusted files safely: XML without entities or network, ZIP members in memory with caps."""

from __future__ import annotations

import io
import zipfile
import zlib

from lxml import etree

MAX_ENTRIES = 10_000
MAX_TOTAL = 512 * 1024 * 1024  # bytes, all members together
MAX_MEMBER = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member


# What a damaged ZIP raises from zipfile: bad headers, cut data, broken deflate streams,
# unknown versions or methods, encryption.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError)


class Unreadable(Exception):
    """The file cannot be checked; the message says why, for the editor."""


def xml_parser(html: bool = False):
    if html:
        return etree.HTMLParser(no_network=True, remove_pis=True, huge_tree=False)
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_pis=True)


def parse_xml(data: bytes, name: str = "XML"):
    """Parse without expanding entities; a document that declares any is refused outright.

    The byte test is the quick way out; the check of the parsed DTD catches declarations
    hidden from it (UTF-16, say), which the parser has recorded but not expanded.
    """
    refused = Unreadable(f"{name} declares XML entities, which are refused for safety")
    if b"<!ENTITY" in data:
        raise refused
    try:
        root = etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"{name} is not well-formed XML ({exc.msg})") from None
    except ValueError as exc:  # e.g. an encoding lxml cannot use
        raise Unreadable(f"{name} cannot be read as XML ({exc})") from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise refused
    return root


def parse_html(data: bytes):
    """Parse HTML leniently, as browsers do, but not past a fatal error: the parser would
    drop the rest of the page (for one, everything below 256 levels of nesting) unchecked."""
    parser = xml_parser(html=True)
    try:
        root = etree.fromstring(data, parser) if data.strip() else None
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"HTML cannot be read ({exc.msg})") from None
    fatal = [e for e in parser.error_log if e.level == etree.ErrorLevels.FATAL]
    if fatal:
        raise Unreadable(f"HTML cannot be read past line {fatal[0].line} ({fatal[0].message})")
    if root is None:
        raise Unreadable("HTML file is empty")
    return root


def escapes(name: str) -> bool:
    """Absolute, drive-lettered or `..` member names: forbidden in EPUB and DOCX, a trap for unzippers."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (name[:1].isalpha() and name[1:2] == ":")


class SafeZip:
    """A ZIP archive read in memory, member by member, within size and ratio caps."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except ZIP_ERRORS as exc:
            raise Unreadable(f"not a readable ZIP container ({exc})") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise Unreadable(f"ZIP has {len(infos)} entries, more than the {MAX_ENTRIES} allowed")
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise Unreadable("ZIP would unpack to more than 512 MB")
        self.infos = {}
        for info in infos:
            if escapes(info.filename):
                raise Unreadable(f"ZIP member `{info.filename}` is named to lead outside the container")
            if info.filename in self.infos:
                raise Unreadable(f"ZIP has two members named `{info.filename}`")
            self.infos[info.filename] = info

    def names(self) -> list[str]:
        return list(self.infos)

    def __contains__(self, name: str) -> bool:
        return name in self.infos

    def read(self, name: str) -> bytes:
        info = self.infos.get(name)
        if info is None:
            raise Unreadable(f"ZIP has no member `{name}`")
        if info.file_size > MAX_MEMBER or info.file_size > max(info.compress_size, 1) * MAX_RATIO + 65536:
            raise Unreadable(f"ZIP member `{name}` expands too far to be read safely")
        try:
            with self.zip.open(info) as handle:
                data = handle.read(MAX_MEMBER + 1)
        except ZIP_ERRORS as exc:
            raise Unreadable(f"ZIP member `{name}` cannot be read ({exc})") from None
        if len(data) > MAX_MEMBER:
            raise Unreadable(f"ZIP member `{name}` is larger than declared")
        return data

    def xml(self, name: str):
        return parse_xml(self.read(name), name)
