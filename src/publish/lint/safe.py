"""Reading untrusted files safely: XML without entities or network, ZIP members in memory with caps."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

MAX_ENTRIES = 10_000
MAX_TOTAL = 512 * 1024 * 1024  # bytes, all members together
MAX_MEMBER = 256 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member


class Unreadable(Exception):
    """The file cannot be checked; the message says why, for the editor."""


def xml_parser(html: bool = False):
    if html:
        return etree.HTMLParser(no_network=True, remove_pis=True, huge_tree=False)
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_pis=True)


def parse_xml(data: bytes, name: str = "XML"):
    if b"<!ENTITY" in data[:65536]:
        raise Unreadable(f"{name} declares XML entities, which are refused for safety")
    try:
        return etree.fromstring(data, xml_parser())
    except etree.XMLSyntaxError as exc:
        raise Unreadable(f"{name} is not well-formed XML ({exc.msg})") from None


def parse_html(data: bytes):
    root = etree.fromstring(data, xml_parser(html=True)) if data.strip() else None
    if root is None:
        raise Unreadable("HTML file is empty")
    return root


class SafeZip:
    """A ZIP archive read in memory, member by member, within size and ratio caps."""

    def __init__(self, data: bytes):
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, ValueError) as exc:
            raise Unreadable(f"not a readable ZIP container ({exc})") from None
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise Unreadable(f"ZIP has {len(infos)} entries, more than the {MAX_ENTRIES} allowed")
        if sum(i.file_size for i in infos) > MAX_TOTAL:
            raise Unreadable("ZIP would unpack to more than 512 MB")
        self.infos = {i.filename: i for i in infos}

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
        except (zipfile.BadZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise Unreadable(f"ZIP member `{name}` cannot be read ({exc})") from None
        if len(data) > MAX_MEMBER:
            raise Unreadable(f"ZIP member `{name}` is larger than declared")
        return data

    def xml(self, name: str):
        return parse_xml(self.read(name), name)
