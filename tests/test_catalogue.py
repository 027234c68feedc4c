"""The catalogue: every source a publication, built by its own make rule; the catalogue page
and its Atom feed made from what each check recorded; pages that resolve and pass axe;
`publish new` starting a source from the catalogue's settings."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from lxml import etree
from test_html_edition import assert_reflows, measure

from conftest import ROOT
from publish import catalogue, checkers, cli, source
from publish.editions import EDITIONS
from publish.pages.feed import ATOM, atom_feed

A = f"{{{ATOM}}}"
NEWEST_FIRST = ["call-for-evidence-response", "briefing-for-new-members", "letter"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The project's three publications, each built and checked by `publish build --check`, then
    the catalogue written by `publish catalogue`, as `make all` does; returns the build folder."""
    root = tmp_path_factory.mktemp("catalogue")
    shutil.copytree(ROOT / "source", root / "source")
    out = root / "build"
    sources = [str(p) for p in catalogue.discover(root / "source")]
    for path in sources:
        assert cli.main(["build", "--check", "--source", path, "--out", str(out)]) == 0, path
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(ROOT)  # the catalogue's settings: pyproject.toml [tool.publish]
        assert cli.main(["catalogue", "--out", str(out), *sources]) == 0
    return out


def parse(path: Path):
    return etree.fromstring(path.read_bytes(), etree.HTMLParser(no_network=True))


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def every_page(out: Path) -> list[Path]:
    return [out / "index.html", *(out / name / page for name in NEWEST_FIRST
                                  for page in ("index.html", "accessibility.html"))]


def test_every_source_is_a_publication_built_under_its_name(built):
    assert {p.parent.name for p in built.glob("*/publication.json")} == set(NEWEST_FIRST)
    for name in NEWEST_FIRST:
        for edition in EDITIONS.values():
            assert (built / f"{name}{edition.suffix}").is_file(), (name, edition.suffix)
        for page in ("index.html", "accessibility.html", "accessibility.json", "lint.txt"):
            assert (built / name / page).is_file(), (name, page)


def test_catalogue_lists_every_publication_newest_first(built):
    page = parse(built / "index.html")
    entries = page.xpath("//ul[@class='catalogue']/li/article")
    assert [e.xpath("string(.//h2/a/@href)") for e in entries] == [f"{n}/index.html" for n in NEWEST_FIRST]
    dates = [e.xpath("string(.//p[@class='byline']/time/@datetime)") for e in entries]
    assert dates == ["2020-06-15", "2020-02", "2019-11"]
    sources = {source.publication_name(p): p for p in catalogue.discover(ROOT / "source")}
    for name, article in zip(NEWEST_FIRST, entries):
        meta = source.load(sources[name]).meta
        assert " ".join(str(meta["description"]).split()) in text(article)
        assert text(article.xpath(".//h2")[0]).replace("’", "'") == meta["title"]
        hrefs = article.xpath(".//ul[@class='formats']//a/@href")
        assert hrefs == [f"{name}{e.suffix}" for e in EDITIONS.values()]
        assert article.xpath(f".//a[@href='{name}/accessibility.html']")


def test_every_link_on_every_page_resolves(built):
    for page_path in every_page(built):
        page = parse(page_path)
        local = [href for href in page.xpath("//a/@href") if not urlparse(href).scheme]
        assert local, page_path
        for href in local:
            name, _, fragment = href.partition("#")
            target = (page_path.parent / unquote(name)).resolve() if name else page_path
            assert target.is_file() and target.is_relative_to(built), (page_path, href)
            if fragment:
                assert parse(target).xpath(f"//*[@id='{fragment}']"), (page_path, href)


def test_feed_is_valid_atom(built):
    """RFC 4287: the feed has an id, title, updated and author; each entry an id, title, updated,
    an alternate link and a summary; dates are RFC 3339 and ids are IRIs."""
    feed = etree.parse(str(built / "feed.xml"), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    assert feed.tag == f"{A}feed"
    for required in ("id", "title", "updated", "author/" + A + "name"):
        assert len(feed.findall(A + required)) == 1 and feed.findtext(A + required).strip(), required
    assert feed.find(f"{A}link[@rel='self']").get("href") == "feed.xml"
    entries = feed.findall(f"{A}entry")
    assert [e.find(f"{A}link[@rel='alternate']").get("href") for e in entries] == [
        f"{name}/index.html" for name in NEWEST_FIRST]
    ids = [e.findtext(f"{A}id") for e in entries] + [feed.findtext(f"{A}id")]
    assert len(set(ids)) == len(ids) and all(urlparse(i).scheme for i in ids)
    updated = [dt.datetime.fromisoformat(e.findtext(f"{A}updated")) for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert dt.datetime.fromisoformat(feed.findtext(f"{A}updated")) == updated[0]
    for entry in entries:
        for required in ("id", "title", "updated", "summary"):
            assert len(entry.findall(A + required)) == 1 and entry.findtext(A + required).strip(), required
        for enclosure in entry.findall(f"{A}link[@rel='enclosure']"):
            assert (built / enclosure.get("href")).stat().st_size == int(enclosure.get("length"))


def test_feed_encloses_the_spoken_editions_mp3s_in_playlist_order(built):
    """A podcast app given the feed plays each publication read aloud, section by section."""
    feed = etree.parse(str(built / "feed.xml"), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
    for entry in feed.findall(f"{A}entry"):
        name = entry.find(f"{A}link[@rel='alternate']").get("href").split("/")[0]
        playlist = next((built / f"{name}-audio").glob("*.m3u8"))
        files = [line for line in playlist.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
        audio = entry.findall(f"{A}link[@type='audio/mpeg']")
        assert [a.get("href") for a in audio] == [f"{name}-audio/{file}" for file in files]
        assert all(a.get("rel") == "enclosure" and a.get("title").startswith(f"Read aloud, part {n} of {len(files)}: ")
                   for n, a in enumerate(audio, 1))


def test_feed_ids_and_links_are_absolute_under_the_catalogue_url(built):
    publications = catalogue.gather(catalogue.discover(ROOT / "source"), built)
    found = catalogue.Settings(title="Publications", url="https://example.org/publications/")
    feed = etree.fromstring(atom_feed(publications, found))
    assert feed.findtext(f"{A}id") == "https://example.org/publications/feed.xml"
    entry = feed.find(f"{A}entry")
    assert entry.findtext(f"{A}id") == "https://example.org/publications/call-for-evidence-response/"
    assert {link.get("href").startswith("https://example.org/publications/") for link in entry.findall(f"{A}link")} == {
        True}
    assert atom_feed(publications, found) == atom_feed(publications, found)  # the same catalogue, the same feed


@pytest.mark.parametrize("name", ["index.html", "briefing-for-new-members/index.html",
                                  "briefing-for-new-members/accessibility.html"])
def test_axe_finds_nothing(built, name):
    assert checkers.axe(built / name) == []


def test_catalogue_reflows_without_sideways_scroll(built, tmp_path):
    assert_reflows(measure([built / "index.html"], tmp_path))
    assert_reflows(measure([built / "index.html"], tmp_path, zoom=True))


def test_catalogue_needs_every_publication_checked(built, tmp_path, capsys):
    (tmp_path / "source").mkdir()
    unchecked = tmp_path / "source" / "unchecked.md"
    shutil.copy(ROOT / "source" / "letter.md", unchecked)
    assert cli.main(["catalogue", "--out", str(built), str(unchecked)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unchecked.md has not been checked" in err and "publish build --check" in err


def test_two_sources_with_one_name_are_refused(tmp_path):
    (tmp_path / "report").mkdir()
    (tmp_path / "report.md").write_text("---\ntitle: A\nlang: en\n---\n", encoding="utf-8")
    (tmp_path / "report" / "index.md").write_text("---\ntitle: B\nlang: en\n---\n", encoding="utf-8")
    with pytest.raises(catalogue.CatalogueError, match="would both be built as `report`"):
        catalogue.discover(tmp_path)


def planned(folder: Path, *args: str) -> list[str]:
    """The publish commands `make all` would run on the sources and build in `folder`."""
    done = subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), f"SOURCE_DIR={folder / 'source'}",
                           f"OUT={folder / 'build'}", "-n", "all"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return [line for line in done.stdout.splitlines() if "publish " in line]


def test_make_rebuilds_only_the_publication_that_changed(built, tmp_path):
    """After the build, make has nothing to do; a changed image rebuilds its publication alone,
    and a removed source rewrites the catalogue."""
    folder = tmp_path / "copy"
    shutil.copytree(built.parent, folder)  # keeps every file's time
    assert planned(folder) == []
    (folder / "source" / "briefing-for-new-members" / "three-stages.png").touch()
    commands = planned(folder)
    assert len(commands) == 2, commands
    assert commands[0].endswith(f"build --check --source {folder}/source/briefing-for-new-members/index.md "
                                f"--out {folder}/build")
    assert " catalogue " in commands[1] and "letter.md" in commands[1]

    shutil.copytree(built.parent, folder, dirs_exist_ok=True)
    (folder / "source" / "letter.md").unlink()
    commands = planned(folder)
    assert len(commands) == 1 and " catalogue " in commands[0] and "letter.md" not in commands[0], commands


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_fills_in_the_front_matter_from_the_settings(project, capsys):
    (project / "publish.toml").write_text('lang = "cy"\npublisher = "Example Trust"\ncontact = "access@example.org"\n',
                                          encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.publish]\nlang = "fr"\n', encoding="utf-8")  # publish.toml wins
    assert cli.main(["new", "Ein hymateb: ymgynghoriad ar  ddiogelwch & heddwch"]) == 0
    path = project / "source" / "ein-hymateb-ymgynghoriad-ar-ddiogelwch-heddwch.md"
    assert capsys.readouterr().out.strip() == str(Path("source") / path.name)
    meta = source.load(path).meta
    assert meta == {"title": "Ein hymateb: ymgynghoriad ar ddiogelwch & heddwch", "lang": "cy",
                    "date": dt.date.today().isoformat(), "publisher": "Example Trust", "contact": "access@example.org"}


def test_new_reads_pyproject_and_refuses_to_overwrite(project, capsys):
    (project / "pyproject.toml").write_text('[tool.publish]\npublisher = "Example Trust"\n', encoding="utf-8")
    assert cli.main(["new", "Annual report 2026"]) == 0
    written = project / "source" / "annual-report-2026.md"
    assert source.load(written).meta["lang"] == "en-GB"  # the default when the settings give none
    before = written.read_bytes()
    capsys.readouterr()
    assert cli.main(["new", "Annual Report, 2026!"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "annual-report-2026.md already exists" in err
    assert written.read_bytes() == before


@pytest.mark.parametrize("settings, title, message", [
    ("", "!!!", "has no letters or digits"),
    ('[tool.publish]\nlanguage = "cy"\n', "Report", "unknown setting `language`"),
    ('[tool.publish]\nlang = "english"\n', "Report", "not a BCP 47 language tag"),
    ("[tool.publish\n", "Report", "not valid TOML"),
])
def test_new_explains_each_problem_in_one_line(project, capsys, settings, title, message):
    (project / "pyproject.toml").write_text(settings, encoding="utf-8")
    assert cli.main(["new", title]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and err.startswith("publish: error: ")
    assert not (project / "source").exists() or not any((project / "source").iterdir())


def test_slug_is_short_ascii_words():
    assert catalogue.slug("Café society: “notes” — 2026") == "cafe-society-notes-2026"
    long = catalogue.slug("word " * 40)
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("word-word")
