"""The linter on hostile files, run as the command an outside user would run.

Each file is made here, from the letter's own editions. Whatever it holds, `publish lint`
must end within 20 s with the finding that names what is wrong (for a file it cannot
check, the real reason: entities refused, a size limit, a path outside the archive...),
never the linter's own failure: no hang, no traceback, nothing read from outside the file
(an external entity aimed at a secret never shows it) and nothing written (the working
folder and the file's folder are unchanged).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pikepdf
import pytest

SECRET = "TOPSECRET-hostile-7f3a"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cf"
    "c000000301010018dd8db00000000049454e44ae426082")


def rezip(base: Path, replace: dict[str, bytes] = {}, add: dict[str, bytes] = {}) -> bytes:
    """The container `base` with some members replaced and some added (after the others)."""
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, replace.get(name, source.read(name)))
        for name, data in add.items():
            target.writestr(name, data)
    return out.getvalue()


def with_doctype(xml: bytes, subset: str, before: str = "", encoding: str = "utf-8") -> bytes:
    """`xml` with an internal DTD subset whose entity `hostile` is used in the root, re-encoded.

    `before` goes ahead of the DOCTYPE (e.g. a long comment, to hide it from a look at the head).
    """
    text = xml.decode("utf-8").lstrip()
    for prolog in ("<?xml", "<!DOCTYPE"):
        if text.startswith(prolog):
            text = text[text.index(">") + 1:].lstrip()
    end = text.index(">") + 1
    body = text[:end] + "&hostile;" + text[end:]
    return f'<?xml version="1.0" encoding="{encoding}"?>{before}<!DOCTYPE root [{subset}]>{body}'.encode(encoding)


XXE = '<!ENTITY hostile SYSTEM "file://{secret}">'
LAUGHS = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)) \
    + '<!ENTITY hostile "&l9;">'
PADDING = "<!--" + "x" * 70_000 + "-->"  # pushes the DOCTYPE past any quick look at the head


def entity_case(kind: str, member: str, subset: str, **options):
    def make(letter, folder, secret):
        data = Path(letter[kind]).read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read(member)
        path = folder / f"hostile.{kind}"
        path.write_bytes(rezip(letter[kind], {member: with_doctype(xml, subset.format(secret=secret), **options)}))
        return path
    return make


def zip_case(kind: str, members: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None):
    def make(letter, folder, secret):
        path = folder / f"hostile.{kind}"
        path.write_bytes(rezip(letter[kind], replace or {}, members or {}))
        return path
    return make


def points_at_secret(kind: str, member: str | None):
    """An image whose address is the secret file: the linter must not fetch it."""
    def make(letter, folder, secret):
        image = f'<img src="file://{secret}"/><img src="{secret}"/>'.encode()
        path = folder / f"hostile.{kind}"
        if member is None:
            path.write_bytes(Path(letter[kind]).read_bytes().replace(b"</main>", image + b"</main>", 1))
        else:
            with zipfile.ZipFile(letter[kind]) as archive:
                xhtml = archive.read(member)
            path.write_bytes(rezip(letter[kind], {member: xhtml.replace(b"</body>", image + b"</body>", 1)}))
        return path
    return make


def too_many_entries(letter, folder, secret):
    path = folder / "hostile.epub"
    path.write_bytes(rezip(letter["epub"], add={f"EPUB/x/{i}.txt": b"" for i in range(10_001)}))
    return path


def declared_too_big(letter, folder, secret):
    """A member whose central-directory entry claims 600 MB (the data is tiny)."""
    data = bytearray(rezip(letter["epub"], add={"EPUB/big.bin": b"x"}))
    entry = data.rindex(b"PK\x01\x02")  # the last central-directory entry is the added member
    data[entry + 24:entry + 28] = (600 * 1024 * 1024).to_bytes(4, "little")
    path = folder / "hostile.epub"
    path.write_bytes(bytes(data))
    return path


def high_ratio(letter, folder, secret):
    """A spine document that inflates 1000 to 1: a classic bomb member."""
    xhtml = b"<html xmlns='http://www.w3.org/1999/xhtml'><body>" + b" " * 40_000_000 + b"</body></html>"
    path = folder / "hostile.epub"
    path.write_bytes(rezip(letter["epub"], {"EPUB/text/ch001.xhtml": xhtml}))
    return path


def deep_xml(kind: str, member: str, tag: str, closing: str):
    """`member` with elements nested 10,000 deep just before `closing`."""
    def make(letter, folder, secret):
        with zipfile.ZipFile(letter[kind]) as archive:
            xml = archive.read(member).decode("utf-8")
        where = xml.rindex(closing)
        deep = f"<{tag}>" * 10_000 + f"</{tag}>" * 10_000
        path = folder / f"hostile.{kind}"
        path.write_bytes(rezip(letter[kind], {member: (xml[:where] + deep + xml[where:]).encode()}))
        return path
    return make


def pdf_case(change, **save):
    def make(letter, folder, secret):
        pdf = pikepdf.open(letter["pdf"])
        change(pdf)
        path = folder / "hostile.pdf"
        pdf.save(path, **save)
        return path
    return make


def struct_elem(pdf, **entries):
    return pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.P, **entries))


def self_kid(pdf):
    element = struct_elem(pdf, P=pdf.Root.StructTreeRoot)
    element.K = element
    pdf.Root.StructTreeRoot.K = pikepdf.Array([element])


def parent_loop(pdf):
    """Root → a → b → a, with each /P naming the other: both ways round in a circle."""
    a = struct_elem(pdf, P=pdf.Root.StructTreeRoot)
    b = struct_elem(pdf, P=a)
    a.K, b.K, a.P = pikepdf.Array([b]), pikepdf.Array([a, pdf.Root.StructTreeRoot]), b
    pdf.Root.StructTreeRoot.K = pikepdf.Array([a])


def deep_structure(pdf):
    parent = pdf.Root.StructTreeRoot
    top = None
    for _ in range(10_000):
        child = struct_elem(pdf, P=parent)
        if top is None:
            top = child
        else:
            parent.K = child
        parent = child
    pdf.Root.StructTreeRoot.K = pikepdf.Array([top])


def root_is_kid(pdf):
    pdf.Root.StructTreeRoot.K = pikepdf.Array([pdf.Root.StructTreeRoot, pdf.Root])


def raw(kind: str, transform):
    def make(letter, folder, secret):
        path = folder / f"hostile.{kind}"
        path.write_bytes(transform(Path(letter[kind]).read_bytes()))
        return path
    return make


def broken_xref(data: bytes) -> bytes:
    """Every offset in the cross-reference data shifted, and the startxref pointing nowhere."""
    data = data.replace(b"startxref", b"startxref\n999999999\n%", 1) if b"startxref" in data else data
    at = data.rfind(b"startxref")
    return data[:at] + b"startxref\n123456\n%%EOF\n"


def deep_pdf_object(data: bytes) -> bytes:
    """An incremental update adding a direct array nested 10,000 deep as the structure root's /K."""
    plain = io.BytesIO()
    pikepdf.open(io.BytesIO(data)).save(plain, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    body = plain.getvalue()
    pdf = pikepdf.open(io.BytesIO(body))
    number, size = pdf.Root.StructTreeRoot.objgen[0], int(pdf.trailer.Size)
    update = f"{number} 0 obj\n<< /Type /StructTreeRoot /K {'[' * 10_000}{']' * 10_000} >>\nendobj\n".encode()
    offset = len(body)
    xref_at = offset + len(update)
    old_xref = body.rindex(b"startxref")
    prev = int(body[old_xref + 9:].split()[0])
    trailer = (f"xref\n0 1\n0000000000 65535 f \n{number} 1\n{offset:010d} 00000 n \n"
               f"trailer\n<< /Size {size} /Root {pdf.Root.objgen[0]} 0 R /Prev {prev} >>\n"
               f"startxref\n{xref_at}\n%%EOF\n").encode()
    return body + update + trailer


# case -> (how to make the file, the rule that must report it, what its message must say: for a
# could-not-check finding, the real reason)
CASES = {
    "docx-xxe": (entity_case("docx", "word/document.xml", XXE),
        "DOCX901", 'word/document.xml declares XML entities, which are refused'),
    "docx-xxe-hidden-by-padding": (entity_case("docx", "word/document.xml", XXE, before=PADDING),
        "DOCX901", 'word/document.xml declares XML entities, which are refused'),
    "docx-xxe-utf16": (entity_case("docx", "word/document.xml", XXE, encoding="utf-16"),
        "DOCX901", 'word/document.xml declares XML entities, which are refused'),
    "docx-billion-laughs": (entity_case("docx", "word/document.xml", LAUGHS),
        "DOCX901", 'word/document.xml declares XML entities, which are refused'),
    "docx-billion-laughs-utf16": (entity_case("docx", "word/document.xml", LAUGHS, encoding="utf-16"),
        "DOCX901", 'word/document.xml is not well-formed XML (Maximum entity amplification'),
    "docx-xxe-core-properties": (entity_case("docx", "docProps/core.xml", XXE, before=PADDING),
        "DOCX901", 'docProps/core.xml declares XML entities, which are refused'),
    "epub-xxe-container": (entity_case("epub", "META-INF/container.xml", XXE),
        "EPUB901", 'META-INF/container.xml declares XML entities, which are refused'),
    "epub-xxe-package": (entity_case("epub", "EPUB/content.opf", XXE, before=PADDING),
        "EPUB901", 'EPUB/content.opf declares XML entities, which are refused'),
    "epub-xxe-content-utf16": (entity_case("epub", "EPUB/text/ch001.xhtml", XXE, encoding="utf-16"),
        "EPUB903", 'EPUB/text/ch001.xhtml declares XML entities, which are refused'),
    "epub-billion-laughs": (entity_case("epub", "EPUB/content.opf", LAUGHS),
        "EPUB901", 'EPUB/content.opf declares XML entities, which are refused'),
    "epub-billion-laughs-hidden": (entity_case("epub", "EPUB/text/ch001.xhtml", LAUGHS, before=PADDING),
        "EPUB903", 'EPUB/text/ch001.xhtml declares XML entities, which are refused'),
    "epub-image-is-secret-file": (points_at_secret("epub", "EPUB/text/ch001.xhtml"),
        "EPUB905", 'secret.txt` is used here but missing from the EPUB'),
    "html-image-is-secret-file": (points_at_secret("html", None), "HTML201", 'secret.txt` has no alt text'),
    "zip-too-many-entries": (too_many_entries, "EPUB901", 'ZIP has 10010 entries, more than the 10000 allowed'),
    "zip-declared-600MB": (declared_too_big, "EPUB901", 'ZIP would unpack to more than 512 MB'),
    "zip-ratio-bomb": (high_ratio, "EPUB903", 'ZIP member `EPUB/text/ch001.xhtml` expands too far to be read safely'),
    "zip-dot-dot-name": (zip_case("epub", {"../../escaped.txt": b"out"}),
        "EPUB901", 'ZIP member `../../escaped.txt` is named to lead outside the container'),
    "zip-absolute-name": (zip_case("docx", {"/tmp/escaped.txt": b"out"}),
        "DOCX901", 'ZIP member `/tmp/escaped.txt` is named to lead outside the container'),
    "zip-backslash-name": (zip_case("docx", {"..\\..\\escaped.txt": b"out"}),
        "DOCX901", 'ZIP member `..\\..\\escaped.txt` is named to lead outside the container'),
    "zip-duplicate-member": (zip_case("docx", {"word/document.xml": b"<w:document/>"}),
        "DOCX901", 'ZIP has two members named `word/document.xml`'),
    "epub-rootfile-outside": (zip_case("epub", replace={"META-INF/container.xml": (
        b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        b'<rootfiles><rootfile full-path="../../../etc/passwd" media-type="application/oebps-package+xml"/>'
        b"</rootfiles></container>")}), "EPUB901", 'EPUB package document `../../../etc/passwd` is missing'),
    "epub-deep-xml": (deep_xml("epub", "EPUB/text/ch001.xhtml", "div", "</body>"),
        "EPUB903", 'EPUB/text/ch001.xhtml is not well-formed XML (Excessive depth'),
    "docx-deep-xml": (deep_xml("docx", "word/document.xml", "w:r", "</w:body>"),
        "DOCX901", 'word/document.xml is not well-formed XML (Excessive depth'),
    "pdf-struct-self-kid": (pdf_case(self_kid), "PDF103", 'pieces of marked content not in the structure tree'),
    "pdf-struct-parent-loop": (pdf_case(parent_loop), "PDF103", 'pieces of marked content not in the structure tree'),
    "pdf-struct-root-is-kid": (pdf_case(root_is_kid), "PDF103", 'pieces of marked content not in the structure tree'),
    "pdf-struct-10000-deep": (pdf_case(deep_structure),
        "PDF103", 'pieces of marked content not in the structure tree'),
    "pdf-10000-deep-array": (raw("pdf", deep_pdf_object), "PDF101", 'document has no structure tree'),
    "pdf-broken-xref": (raw("pdf", broken_xref),
        "PDF902", 'the file is damaged and had to be repaired to be read (xref not found'),
    "pdf-truncated": (raw("pdf", lambda data: data[: len(data) // 2]),  # its catalog comes first: qpdf rebuilds the rest
        "PDF902", "the file is damaged and had to be repaired to be read (can't find startxref; Attempting to "
                  "reconstruct cross-reference table"),
    "pdf-header-only": (raw("pdf", lambda data: data[:16]),
        "PDF901", 'the PDF is damaged (unable to find trailer dictionary'),
    "epub-truncated": (raw("epub", lambda data: data[: len(data) // 2]),
        "EPUB901", 'not a readable ZIP container (File is not a zip file)'),
    "docx-truncated": (raw("docx", lambda data: data[: len(data) - 40]),
        "DOCX901", 'not a readable ZIP container (File is not a zip file)'),
    "txt-truncated-mid-character": (raw("txt", lambda data: data + "é".encode()[:1]),
        "TXT030", 'byte 0xc3 is not UTF-8'),
    "pdf-zero-bytes": (raw("pdf", lambda data: b""), "FILE901", 'file is empty (0 bytes)'),
    "epub-zero-bytes": (raw("epub", lambda data: b""), "FILE901", 'file is empty (0 bytes)'),
    "docx-zero-bytes": (raw("docx", lambda data: b""), "FILE901", 'file is empty (0 bytes)'),
    "txt-zero-bytes": (raw("txt", lambda data: b""), "FILE901", 'file is empty (0 bytes)'),
    "html-zero-bytes": (raw("html", lambda data: b""), "FILE901", 'file is empty (0 bytes)'),
    "html-10000-deep": (raw("html", lambda data: data.replace(  # an image without alt where the parser gives up
        b"</main>", b"<div>" * 10_000 + b'<img src="x.png">' + b"</div>" * 10_000 + b"</main>", 1)),
        "HTML901", 'HTML cannot be read past line'),
    "png-named-epub": (raw("epub", lambda data: PNG), "FILE901", 'the content is not EPUB (the name says it is)'),
    "png-named-pdf": (raw("pdf", lambda data: PNG), "FILE901", 'the content is not PDF (the name says it is)'),
    "pdf-damaged-xmp": (pdf_case(lambda pdf: pdf.Root.Metadata.write(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><a/></x:xmpmeta>'),
                                 fix_metadata_version=False), "PDF001", 'XMP metadata has no dc:title'),
    "pdf-struct-empty": (pdf_case(lambda pdf: setattr(pdf.Root.StructTreeRoot, "K", pikepdf.Array())),
        "PDF103", 'pieces of marked content not in the structure tree'),
}



def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.filterwarnings("ignore:Duplicate name")
@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_file_ends_in_a_finding(case, letter, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    files, work = tmp_path / "files", tmp_path / "work"
    files.mkdir()
    work.mkdir()
    make, code, message = CASES[case]
    path = make(letter, files, secret)
    before = snapshot(files), snapshot(work)
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "publish", "lint", "--format", "json", str(path)],
                            cwd=work, capture_output=True, text=True, timeout=20, env=env)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    assert "please report" not in output and "could not finish this check" not in output, output[-2000:]
    assert result.returncode == (2 if code.endswith("901") else 1), output[-2000:]
    findings = [(f["code"], f["message"]) for f in json.loads(result.stdout)["findings"]]
    assert any(c == code and message in m for c, m in findings), findings
    assert SECRET not in output
    assert " object at 0x" not in output, "a message names the linter's in-memory buffer"
    assert (snapshot(files), snapshot(work)) == before
