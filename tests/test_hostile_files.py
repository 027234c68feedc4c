"""The linter on hostile files, run as the command an outside user would run.

Each file is made here, from the letter's own editions. Whatever it holds, `publish lint`
must end within 20 s with a finding or exit 2: no hang, no traceback, nothing read from
outside the file (an external entity aimed at a secret never shows it) and nothing
written (the working folder and the file's folder are unchanged).
"""

from __future__ import annotations

import io
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


CASES = {
    "docx-xxe": entity_case("docx", "word/document.xml", XXE),
    "docx-xxe-hidden-by-padding": entity_case("docx", "word/document.xml", XXE, before=PADDING),
    "docx-xxe-utf16": entity_case("docx", "word/document.xml", XXE, encoding="utf-16"),
    "docx-billion-laughs": entity_case("docx", "word/document.xml", LAUGHS),
    "docx-billion-laughs-utf16": entity_case("docx", "word/document.xml", LAUGHS, encoding="utf-16"),
    "docx-xxe-core-properties": entity_case("docx", "docProps/core.xml", XXE, before=PADDING),
    "epub-xxe-container": entity_case("epub", "META-INF/container.xml", XXE),
    "epub-xxe-package": entity_case("epub", "EPUB/content.opf", XXE, before=PADDING),
    "epub-xxe-content-utf16": entity_case("epub", "EPUB/text/ch001.xhtml", XXE, encoding="utf-16"),
    "epub-billion-laughs": entity_case("epub", "EPUB/content.opf", LAUGHS),
    "epub-billion-laughs-hidden": entity_case("epub", "EPUB/text/ch001.xhtml", LAUGHS, before=PADDING),
    "epub-image-is-secret-file": points_at_secret("epub", "EPUB/text/ch001.xhtml"),
    "html-image-is-secret-file": points_at_secret("html", None),
    "zip-too-many-entries": too_many_entries,
    "zip-declared-600MB": declared_too_big,
    "zip-ratio-bomb": high_ratio,
    "zip-dot-dot-name": zip_case("epub", {"../../escaped.txt": b"out"}),
    "zip-absolute-name": zip_case("docx", {"/tmp/escaped.txt": b"out"}),
    "zip-backslash-name": zip_case("docx", {"..\\..\\escaped.txt": b"out"}),
    "zip-duplicate-member": zip_case("docx", {"word/document.xml": b"<w:document/>"}),
    "epub-rootfile-outside": zip_case("epub", replace={"META-INF/container.xml": (
        b'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        b'<rootfiles><rootfile full-path="../../../etc/passwd" media-type="application/oebps-package+xml"/>'
        b"</rootfiles></container>")}),
    "epub-deep-xml": deep_xml("epub", "EPUB/text/ch001.xhtml", "div", "</body>"),
    "docx-deep-xml": deep_xml("docx", "word/document.xml", "w:r", "</w:body>"),
    "pdf-struct-self-kid": pdf_case(self_kid),
    "pdf-struct-parent-loop": pdf_case(parent_loop),
    "pdf-struct-root-is-kid": pdf_case(root_is_kid),
    "pdf-struct-10000-deep": pdf_case(deep_structure),
    "pdf-10000-deep-array": raw("pdf", deep_pdf_object),
    "pdf-broken-xref": raw("pdf", broken_xref),
    "pdf-truncated": raw("pdf", lambda data: data[: len(data) // 2]),
    "pdf-header-only": raw("pdf", lambda data: data[:16]),
    "epub-truncated": raw("epub", lambda data: data[: len(data) // 2]),
    "docx-truncated": raw("docx", lambda data: data[: len(data) - 40]),
    "txt-truncated-mid-character": raw("txt", lambda data: data + "é".encode()[:1]),
    "pdf-zero-bytes": raw("pdf", lambda data: b""),
    "epub-zero-bytes": raw("epub", lambda data: b""),
    "docx-zero-bytes": raw("docx", lambda data: b""),
    "txt-zero-bytes": raw("txt", lambda data: b""),
    "html-zero-bytes": raw("html", lambda data: b""),
    "html-10000-deep": raw("html", lambda data: data.replace(  # an image without alt where the parser gives up
        b"</main>", b"<div>" * 10_000 + b'<img src="x.png">' + b"</div>" * 10_000 + b"</main>", 1)),
    "png-named-epub": raw("epub", lambda data: PNG),
    "png-named-pdf": raw("pdf", lambda data: PNG),
    "pdf-damaged-xmp": pdf_case(lambda pdf: pdf.Root.Metadata.write(b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><a/></x:xmpmeta>'),
                                 fix_metadata_version=False),
    "pdf-struct-empty": pdf_case(lambda pdf: setattr(pdf.Root.StructTreeRoot, "K", pikepdf.Array())),
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
    path = CASES[case](letter, files, secret)
    before = snapshot(files), snapshot(work)
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "publish", "lint", "--format", "json", str(path)],
                            cwd=work, capture_output=True, text=True, timeout=20, env=env)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    assert result.returncode in (1, 2), output[-2000:]
    assert '"code"' in result.stdout, output[-2000:]
    assert SECRET not in output
    assert (snapshot(files), snapshot(work)) == before
