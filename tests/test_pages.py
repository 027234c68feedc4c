"""The download page and the accessibility report: links that resolve, facts that match the files,
a statement whose facts follow the lint results and the front matter, pages that pass axe and reflow."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from lxml import etree
from test_html_edition import assert_reflows, measure

from conftest import ROOT
from publish import checkers, pages, pipeline
from publish.lint import mp3_frames
from publish.editions import EDITIONS
from publish.errors import BuildError

SOURCE = ROOT / "source" / "letter.md"


@pytest.fixture(scope="module")
def site(letter) -> Path:
    """The publication's pages, built into letter/ beside every edition of the letter."""
    out = letter["pdf"].parent
    written = pages.build_pages(SOURCE, out)
    assert sorted(p.name for p in written) == ["accessibility.html", "accessibility.json", "index.html",
                                               "publication.json"]
    assert {p.parent for p in written} == {out / "letter"}
    return out / "letter"


def parse(path: Path):
    return etree.fromstring(path.read_bytes(), etree.HTMLParser(no_network=True))


def text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def build_variant(tmp_path: Path, front_matter: str, names=("txt", "html")) -> Path:
    """A copy of the letter with extra front-matter lines, some editions built, and the pages."""
    source = tmp_path / "letter.md"
    source.write_text(SOURCE.read_text(encoding="utf-8").replace("\nlang: en-GB\n", f"\nlang: en-GB\n{front_matter}"),
                      encoding="utf-8")
    pipeline.build(source, tmp_path / "build", names)
    return source


def test_every_link_on_the_index_resolves(site):
    """Every link but the one up to the catalogue, which test_catalogue.py follows."""
    index = parse(site / "index.html")
    links = index.xpath("//a/@href")
    local = [href for href in links if not urlparse(href).scheme and href != "../index.html"]
    assert local
    for href in local:
        name, _, fragment = href.partition("#")
        target = (site / (name or "index.html")).resolve()
        assert target.is_file() and target.parent in (site, site.parent, site.parent / "letter-audio"), href
        if fragment:
            assert parse(target).xpath(f"//*[@id='{fragment}']"), href


def test_index_lists_every_edition_with_matching_facts(site):
    index = parse(site / "index.html")
    items = index.xpath("//ul[contains(@class, 'editions')]/li")
    assert len(items) == len(EDITIONS)
    for item in items:
        facts = {text(dt): text(dt.getnext()) for dt in item.xpath(".//dt")}
        path = site.parent / facts["File"]
        data = path.read_bytes()
        assert f"({len(data):,} bytes)" in facts["Size"]
        assert facts["SHA-256 checksum"] == hashlib.sha256(data).hexdigest()
        assert facts["Language"] == "English (en-GB)"
        edition = next(e for e in EDITIONS.values() if path.name == "letter" + e.suffix)
        assert facts["Who it suits"].lower() == " ".join(edition.audience.split()).lower()
        assert item.xpath(f".//a[@href='../{path.name}']")


def test_listen_offers_each_section_with_its_length_player_and_transcript(site):
    index = parse(site / "index.html")
    playlist = (site.parent / "letter-audio" / "letter.m3u8").read_text(encoding="utf-8").splitlines()
    titles = [line.partition(",")[2] for line in playlist if line.startswith("#EXTINF:")]
    items = index.xpath("//ol[@class='tracks']/li")
    assert [text(item.find("h3")) for item in items] == titles and len(titles) == 3
    assert index.xpath("//h2[@id='listen']/following-sibling::p/a/@href")[0] == "../letter-audio/letter.m3u8"
    transcript = parse(site.parent / "letter.html")
    for number, (item, title) in enumerate(zip(items, titles), 1):
        data = (site.parent / "letter-audio" / f"letter-{number:02d}.mp3").read_bytes()
        minutes, seconds = divmod(round(mp3_frames.duration(data).seconds), 60)
        assert item.xpath(".//time/@datetime") == [f"PT{minutes}M{seconds}S"]
        assert f"{len(data) / 1024:.1f} KB" in text(item.find("p"))
        player = item.find("audio")
        assert (player.get("controls"), player.get("preload"), player.get("src")) == (
            "", "none", f"../letter-audio/letter-{number:02d}.mp3")
        assert player.get("aria-labelledby") == item.find("h3").get("id")
        href = item.xpath(".//a[text()='Read the transcript']/@href")[0]
        name, _, fragment = href.partition("#")
        assert name == "../letter.html"
        if number > 1:  # the first track is the title and opening: the top of the page
            assert text(transcript.xpath(f"//*[@id='{fragment}']")[0]) == title


def test_no_audio_edition_no_listen_section(tmp_path):
    source = build_variant(tmp_path, "")
    pages.build_pages(source, tmp_path / "build")
    assert not parse(tmp_path / "build" / "letter" / "index.html").xpath("//*[@id='listen']")


def test_html_edition_comes_first(site):
    first = parse(site / "index.html").xpath("//ul[contains(@class, 'editions')]/li//h3")[0]
    assert text(first) == "Web page (HTML)"


def test_without_contact_the_publisher_is_named(site):
    ask = text(parse(site / "index.html").xpath("//h2[@id='another-format']/following-sibling::p[1]")[0])
    assert "contact the publisher, UK Civil Society Atrocity Prevention Working Group" in ask
    assert "ask how soon" in ask


def test_contact_and_response_time_come_from_the_front_matter(tmp_path):
    source = build_variant(tmp_path, "contact: access@example.org\nresponse-time: 10 working days\n")
    pages.build_pages(source, tmp_path / "build")
    for name in ("index.html", "accessibility.html"):
        page = parse(tmp_path / "build" / "letter" / name)
        assert page.xpath("//a[@href='mailto:access@example.org']"), name
        assert "We will reply within 10 working days." in text(page), name


def test_json_report_covers_every_edition(site):
    report = json.loads((site / "accessibility.json").read_text(encoding="utf-8"))
    assert report["tool"]["name"] == "publish"
    assert report["files"] == len(EDITIONS)
    assert report["summary"]["error"] == 0


def test_statement_of_a_clean_build(site):
    page = parse(site / "accessibility.html")
    status = text(page.xpath("//p[@class='status']")[0])
    assert "fully compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2, level AA" in status
    for heading in ("compliance", "not-accessible", "alternatives", "another-format", "feedback", "preparation"):
        assert page.xpath(f"//h2[@id='{heading}']"), heading
    for name in EDITIONS:
        assert page.xpath(f"//h3[@id='report-{name}']"), name
        assert page.xpath(f"//h4[@id='person-{name}']/following-sibling::ul[1]/li"), name
    passed = page.xpath("//h4[@id='passed-html']/following-sibling::details[1]//li/code/text()")
    assert "HTML001" in passed and "HTML002" in passed


def test_statement_follows_the_findings(tmp_path):
    """A broken edition makes the publication partially compliant, names the failure and the alternatives."""
    source = build_variant(tmp_path, "")
    (tmp_path / "build" / "letter.txt").write_bytes("Caf\xe9 au lait\n".encode("latin-1"))
    pages.build_pages(source, tmp_path / "build")
    page = parse(tmp_path / "build" / "letter" / "accessibility.html")
    assert "partially compliant" in text(page.xpath("//p[@class='status']")[0])
    failures = text(page.xpath("//h2[@id='not-accessible']/following-sibling::ul[1]")[0])
    assert "Plain text (TXT), letter.txt" in failures
    alternatives = page.xpath("//h2[@id='alternatives']/following-sibling::ul[1]//a/@href")
    assert alternatives == ["../letter.html"]
    report = json.loads((tmp_path / "build" / "letter" / "accessibility.json").read_text(encoding="utf-8"))
    assert report["summary"]["error"] >= 1


def test_no_editions_is_an_error(tmp_path):
    shutil.copy(SOURCE, tmp_path / "letter.md")
    with pytest.raises(BuildError, match="publish build"):
        pages.build_pages(tmp_path / "letter.md", tmp_path / "empty")


@pytest.mark.parametrize("name", ["index.html", "accessibility.html"])
def test_axe_finds_nothing(site, name):
    assert checkers.axe(site / name) == []


def test_pages_reflow_without_sideways_scroll(site, tmp_path):
    shown = [site / "index.html", site / "accessibility.html"]
    assert_reflows(measure(shown, tmp_path))
    assert_reflows(measure(shown, tmp_path, zoom=True))


def test_pages_are_self_contained(site):
    for name in ("index.html", "accessibility.html"):
        page = parse(site / name)
        assert page.get("lang") == "en-GB" and page.findtext("head/title")
        # nothing is loaded with the page: a player fetches its MP3 only when it is played
        assert page.xpath("//script|//link|//@src[not(parent::audio[@preload='none'])]") == []
        assert len(page.xpath("//main")) == 1
        assert re.search(r"prefers-color-scheme: dark", "".join(page.xpath("//style/text()")))
