"""Fuzzing the linter: mutated editions give findings, never an exception.

Hypothesis mutates the letter's PDF, EPUB, DOCX, HTML and text editions (byte flips, cuts and
insertions; ZIP members deleted, cut or replaced; XML elements dropped, moved, nested and
re-attributed; PDF objects rewired with pikepdf) and lints each result in process. The run
is bounded and derandomised so CI is stable; `PUBLISH_FUZZ_EXAMPLES` sets a longer run.
The suite runs the linter with its safety nets re-raising (tests/conftest.py), so a crash
fails here instead of passing as a could-not-check finding; each file has a time limit.
Inputs that once crashed the linter live in tests/fixtures/fuzz-regressions/, each with
the could-not-check reason it must get.
"""

from __future__ import annotations

import io
import os
import random
import signal
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pikepdf
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from publish.lint import lint_file

EXAMPLES = int(os.environ.get("PUBLISH_FUZZ_EXAMPLES", "200"))
REGRESSIONS = Path(__file__).parent / "fixtures" / "fuzz-regressions"
CASE_SECONDS = 20  # one file; the slowest takes well under a second: more is a hang
# each regression file -> the could-not-check finding it must get (code, start of the message)
REGRESSION_FINDINGS = {
    "docx-member-deflate-broken.docx": ("DOCX901", "could not check: ZIP member `word/styles.xml` cannot be read"),
    "docx-zip-version-unknown.docx": ("DOCX901", "could not check: not a readable ZIP container (zip file version"),
    "epub-member-deflate-broken.epub": ("EPUB901", "could not check: ZIP member `META-INF/container.xml` cannot be read"),
}
NASTY_TEXT = ["", " ", "\u0000", "\ufffd", "x" * 5000, "<", "&amp;", "\u202e", "😀", "-1", "0", "1e999", "/", ".."]


# --- byte mutations ---------------------------------------------------------------

def flip(data: bytes, rnd: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rnd.randint(1, 16)):
        if data:
            data[rnd.randrange(len(data))] = rnd.randrange(256)
    return bytes(data)


def cut(data: bytes, rnd: random.Random) -> bytes:
    return data[: rnd.randrange(len(data) + 1)]


def splice(data: bytes, rnd: random.Random) -> bytes:
    """Insert random bytes, or a copy of another part of the file, somewhere."""
    at = rnd.randrange(len(data) + 1)
    if rnd.random() < 0.5:
        start = rnd.randrange(len(data) + 1)
        insert = data[start:start + rnd.randint(1, 4096)]
    else:
        insert = rnd.randbytes(rnd.randint(1, 64))
    return data[:at] + insert + data[at:]


BYTES = (flip, cut, splice)


def mutate_bytes(data: bytes, rnd: random.Random) -> bytes:
    return rnd.choice(BYTES)(data, rnd)


# --- XML mutations ----------------------------------------------------------------

def mutate_xml(data: bytes, rnd: random.Random) -> bytes:
    """Drop, move, nest or re-attribute an element, or change its text; bytes if it is not XML."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return mutate_bytes(data, rnd)
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    element = rnd.choice(elements)
    action = rnd.randrange(6)
    parent = element.getparent()
    if action == 0 and parent is not None:
        parent.remove(element)
    elif action == 1 and parent is not None:  # move it under another element (possibly its own descendant's place)
        target = rnd.choice(elements)
        if element not in target.iterancestors() and target is not element:
            target.insert(rnd.randint(0, len(target)), element)
    elif action == 2:  # wrap it in a chain of copies of itself
        for _ in range(rnd.randint(1, 300)):
            wrapper = etree.Element(element.tag, dict(element.attrib))
            if element.getparent() is None:
                break
            element.addprevious(wrapper)
            wrapper.append(element)
            element = wrapper
    elif action == 3 and element.attrib:
        name = rnd.choice(list(element.attrib))
        if rnd.random() < 0.5:
            del element.attrib[name]
        else:
            element.set(name, rnd.choice(NASTY_TEXT).replace("\u0000", ""))
    elif action == 4 and parent is not None:
        parent.insert(rnd.randint(0, len(parent)), etree.fromstring(etree.tostring(element)))
    else:
        element.text = rnd.choice(NASTY_TEXT).replace("\u0000", "")
    return etree.tostring(root, xml_declaration=True, encoding="utf-8")


# --- ZIP mutations ----------------------------------------------------------------

def mutate_zip(data: bytes, rnd: random.Random) -> bytes:
    """Delete a member, or mutate one (as XML when it is XML), then zip again."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        members = {name: source.read(name) for name in source.namelist()}
    name = rnd.choice(list(members))
    if rnd.random() < 0.2:
        del members[name]
    elif name.endswith((".xml", ".xhtml", ".opf", ".rels", ".ncx")) and rnd.random() < 0.8:
        members[name] = mutate_xml(members[name], rnd)
    else:
        members[name] = mutate_bytes(members[name], rnd)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member, content in members.items():
            target.writestr(member, content)
    return out.getvalue()


# --- PDF mutations ----------------------------------------------------------------

def nasty_value(pdf: pikepdf.Pdf, rnd: random.Random, own):
    choices = [
        lambda: None, lambda: rnd.randint(-2**31, 2**31), lambda: -1, lambda: 3.5,
        lambda: pikepdf.Name("/" + rnd.choice(["P", "H1", "Document", "Figure", "Span", "X", "Link", "Annot"])),
        lambda: pikepdf.String(rnd.choice(NASTY_TEXT)), lambda: pikepdf.Array([own, own]),
        lambda: own, lambda: pikepdf.Dictionary(K=own, P=own), lambda: pdf.Root,
        lambda: pikepdf.Array([rnd.randint(-1, 100) for _ in range(rnd.randint(0, 5))]),
    ]
    value = rnd.choice(choices)()
    return pikepdf.Object.parse(b"null") if value is None else value


def mutate_pdf(data: bytes, rnd: random.Random) -> bytes:
    """Rewire objects: delete a key, point it at something odd, or garble a stream's data."""
    pdf = pikepdf.open(io.BytesIO(data))
    objects = [o for o in pdf.objects if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream))]
    for _ in range(rnd.randint(1, 4)):
        obj = rnd.choice(objects)
        keys = [k for k in obj.keys() if k != "/Length"]
        action = rnd.randrange(3)
        if action == 0 and keys:
            del obj[rnd.choice(keys)]
        elif action == 1 and keys:
            obj[rnd.choice(keys)] = nasty_value(pdf, rnd, obj)
        elif isinstance(obj, pikepdf.Stream):
            obj.write(mutate_bytes(obj.read_bytes(), rnd))
        else:
            obj[rnd.choice(["/K", "/Alt", "/Lang", "/S", "/Pg", "/ActualText", "/Kids", "/Annots"])] = \
                nasty_value(pdf, rnd, obj)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


MUTATORS = {
    "pdf": (mutate_bytes, mutate_pdf, mutate_pdf),
    "docx": (mutate_bytes, mutate_zip, mutate_zip, mutate_zip),
    "epub": (mutate_bytes, mutate_zip, mutate_zip, mutate_zip),
    "txt": (mutate_bytes,),
    "html": (mutate_bytes, mutate_xml),  # not XML: mutate_xml falls back to bytes
}


def mutated(kind: str, data: bytes, rnd: random.Random) -> bytes:
    """One to three rounds of mutation; a round that fails to apply leaves the data as it was."""
    for _ in range(rnd.randint(1, 3)):
        try:
            data = rnd.choice(MUTATORS[kind])(data, rnd)
        except Exception:  # noqa: BLE001 - an earlier round broke the container: mutate its bytes instead
            data = mutate_bytes(data, rnd)
    return data


@contextmanager
def time_limit(seconds: int):
    """Fail a case that runs longer than `seconds` (the linter looping on a damaged file)."""
    def expire(signum, frame):
        raise TimeoutError(f"linting one file took over {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def check(path: Path):
    """The linter's whole contract on a bad file: findings, within the time limit, and when the
    file cannot be read one could-not-check finding. A crash in a rule raises (conftest.py)."""
    with time_limit(CASE_SECONDS):
        checked = lint_file(path)
    if not checked.readable:
        assert len(checked.findings) == 1 and checked.findings[0].code.endswith("901"), checked.findings
    return checked


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder)


@pytest.mark.timeout(900, method="thread")  # a hang in C code, which the per-case alarm cannot interrupt
@pytest.mark.parametrize("kind", sorted(MUTATORS))
def test_mutated_editions_never_crash_the_linter(kind, letter, workdir):
    base = Path(letter[kind]).read_bytes()
    target = workdir / f"fuzz.{kind}"

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.randoms(use_true_random=False))
    def run(rnd):
        target.write_bytes(mutated(kind, base, rnd))
        check(target)

    run()


def test_every_regression_file_says_what_it_must_get():
    assert sorted(p.name for p in REGRESSIONS.iterdir()) == sorted(REGRESSION_FINDINGS)


@pytest.mark.parametrize("name", sorted(REGRESSION_FINDINGS))
def test_fuzz_regression(name):
    code, message = REGRESSION_FINDINGS[name]
    findings = check(REGRESSIONS / name).findings
    assert [(f.code, f.message[:len(message)]) for f in findings] == [(code, message)]
