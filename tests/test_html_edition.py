"""The HTML edition: one self-contained, accessible page that reflows from a phone to a desktop.

The layout is measured in Debian's headless chromium, driven by puppeteer-core from the
project's package.json (`make checkers`): at 320 and 1280 CSS pixels wide, and at 320 with
the reader's text size doubled, the page must not scroll sideways. Screenshots of each
are written to the test's temporary folder for a person to look at.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import etree


from publish import checkers

WIDTHS = (320, 1280)
# Lays out each page at each width, in one browser, and reports the document's scroll width.
# `zoom` doubles the root font size, as a reader who sets a larger text size would.
MEASURE = r"""
const puppeteer = require('puppeteer-core');
const fs = require('fs'), os = require('os'), path = require('path'), url = require('url');
(async () => {
  const jobs = JSON.parse(process.argv[1]);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'reflow-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH, headless: true, userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const out = [];
  try {
    for (const job of jobs) {
      const page = await browser.newPage();
      const requests = [];
      page.on('request', r => { if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url()); });
      await page.setViewport({ width: job.width, height: 900 });
      await page.goto(url.pathToFileURL(job.file).href, { waitUntil: 'load' });
      if (job.zoom) await page.addStyleTag({ content: 'html { font-size: 200% !important; }' });
      const size = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
      const probe = job.probe ? await page.evaluate(job.probe) : null;
      await page.screenshot({ path: job.shot, fullPage: true });
      out.push({ ...job, ...size, probe, requests });
      await page.close();
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(JSON.stringify(out));
})().catch(e => { console.log(JSON.stringify({ error: String((e && e.stack) || e) })); process.exit(2); });
"""


def measure(pages: list[Path], shots: Path, zoom: bool = False, probe: str | None = None) -> list[dict]:
    """scrollWidth and clientWidth of each page at each width, with a full-page screenshot of each;
    `probe`, a JavaScript expression evaluated in each laid-out page, adds its value as `probe`."""
    node = checkers.need("node", "the layout is measured in chromium through puppeteer-core")
    checkers.need_node_package(checkers.NODE_MODULES / "puppeteer-core", "puppeteer-core")
    jobs = [{"file": str(page.resolve()), "width": width, "zoom": zoom, "probe": probe,
             "shot": str(shots / f"{page.stem}-{width}{'-zoom' if zoom else ''}.png")}
            for page in pages for width in ((320,) if zoom else WIDTHS)]
    done = checkers.run([node, "-e", MEASURE, json.dumps(jobs)], "chromium layout",
                        env={"PUPPETEER_EXECUTABLE_PATH": checkers.chromium()}, cwd=checkers.ROOT)
    result = json.loads(done.stdout or "{}")
    if not isinstance(result, list):
        raise checkers.CheckerFailed(f"chromium could not lay out the pages: {result} {done.stderr[-500:]}")
    return result


def assert_reflows(results: list[dict]) -> None:
    wide = [f"{Path(r['file']).name} at {r['width']} px: {r['scrollWidth']} px wide"
            for r in results if r["scrollWidth"] > r["clientWidth"]]
    assert wide == [], "pages scroll sideways"
    assert [r["requests"] for r in results if r["requests"]] == [], "pages made network requests"
    assert all(Path(r["shot"]).stat().st_size > 1000 for r in results)


def parse(path: Path):
    return etree.fromstring(path.read_bytes(), etree.HTMLParser(no_network=True))


@pytest.fixture(scope="module")
def page(letter):
    return parse(letter["html"])


def test_language_title_and_main(page, letter):
    assert page.get("lang") == "en-GB"
    assert page.findtext("head/title").startswith("UK Atrocity Prevention Working Group")
    assert len(page.xpath("//main")) == 1
    assert page.xpath("//main//h1")


def test_skip_link_comes_first_and_reaches_main(page):
    first = page.xpath("//body//a")[0]
    target = first.get("href")
    assert "skip-link" in first.get("class") and target.startswith("#")
    assert page.xpath(f"//main[@id='{target[1:]}']")


def test_date_is_a_time_element(page):
    assert [(t.get("datetime"), t.text) for t in page.iter("time")] == [("2019-11", "November 2019")]


def test_headings_lists_and_signatories(page):
    assert [h.tag for h in page.iter("h1", "h2", "h3")] == ["h1", "h2", "h3", "h3", "h2"]
    assert len(page.xpath("//h3[.='Our recommendations']/following-sibling::ul[1]/li")) == 3
    signatories = page.xpath("//div[contains(@class, 'signatories')]/ul/li")
    assert len(signatories) == 14
    assert all(li.xpath("span[@class='name']") and li.xpath("span[@class='organisation']") for li in signatories)


def test_self_contained_without_script(letter, sample):
    for path in (letter["html"], sample["html"]):
        root = parse(path)
        assert root.xpath("//script|//link|//iframe|//object|//embed|//@*[starts-with(name(), 'on')]") == []
        assert all(src.startswith("data:") for src in root.xpath("//@src"))
        css = "".join(root.xpath("//style/text()"))
        assert not re.search(r"@import|url\(", css)


def test_css_clear_print(page):
    css = "".join(page.xpath("//style/text()"))
    for needed in ("70ch", "prefers-color-scheme: dark", "prefers-contrast: more", "@media print",
                   "font-size: 100%", "font-size: 1.125rem"):
        assert needed in css
    assert not re.search(r"font-size:\s*[\d.]+px", css), "text sizes must follow the reader's (rem, em, %)"


def test_decorative_image_is_skipped_and_chart_described(sample):
    root = parse(sample["html"])
    assert [img.get("alt") for img in root.xpath("//img[contains(@class, 'decorative')]")] == [""]
    assert root.xpath("//img[@role='img' and not(@alt)]") == []
    assert root.xpath("//img[starts-with(@alt, 'Bar chart of reports by region')]")


def test_reflows_without_sideways_scroll(letter, sample, tmp_path):
    assert_reflows(measure([letter["html"], sample["html"]], tmp_path))


def test_reflows_at_double_text_size(letter, sample, tmp_path):
    assert_reflows(measure([letter["html"], sample["html"]], tmp_path, zoom=True))


def test_axe_finds_nothing(letter):
    assert checkers.axe(letter["html"]) == []
