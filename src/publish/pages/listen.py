"""The download page's "Listen" section: the spoken edition's MP3s, one per section, each
with its length, size, a player, a download link and its transcript (the section in the
HTML edition), and the M3U playlist that plays them in order.

Lengths are read from the MP3 frames with the linter's reader, the one the overlay rules
trust; the titles and order come from the playlist the audio edition wrote.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from lxml import html as lxml_html

from publish.editions.audio import playlist_suffix
from publish.lint import mp3_frames
from publish.pages.html import in_lang, size_text
from publish.pages.site import Site

HEADINGS = "//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]"


@dataclass(frozen=True)
class Track:
    title: str
    file: str  # in the build folder: `letter-audio/letter-01.mp3`
    size: int
    seconds: float
    transcript: str | None  # the HTML edition, at the section when its heading has an id

    @property
    def href(self) -> str:
        """The link from the publication's pages, one folder down."""
        return "../" + quote(self.file)


def duration_words(seconds: float) -> str:
    """`4 minutes 12 seconds`, as it is said, and its ISO 8601 duration for <time>."""
    minutes, rest = divmod(round(seconds), 60)
    parts = [f"{minutes} minute{'s' if minutes != 1 else ''}"] if minutes else []
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return f'<time datetime="PT{minutes}M{rest}S">{" ".join(parts)}</time>'


def anchors(site: Site) -> tuple[str, dict[str, str]] | None:
    """The HTML edition's link and its headings' ids by their text; None when it was not built."""
    edition = next((e for e in site.editions if e.edition.name == "html"), None)
    if edition is None:
        return None
    root = lxml_html.fromstring(edition.data)
    ids = {}
    for heading in root.xpath(HEADINGS):
        ident = heading.get("id") or next((a.get("id") for a in heading.iterancestors("section") if a.get("id")), None)
        if ident:
            ids.setdefault(" ".join(heading.text_content().split()), ident)
    return edition.href, ids


Spoken = tuple[str, list[Track]] | None  # the playlist's link and its tracks, or None: no spoken edition


def tracks(site: Site) -> Spoken:
    """The playlist's link and its tracks, or None when the audio edition is not beside the page."""
    audio = next((e for e in site.editions if e.edition.name == "audio"), None)
    if audio is None:
        return None
    playlist = audio.path.parent / (site.name + playlist_suffix(site.ctx))
    if not playlist.is_file():
        return None
    folder = playlist.parent.name
    transcript = anchors(site)
    found = []
    lines = playlist.read_text(encoding="utf-8").splitlines()
    for info, name in zip(lines, lines[1:]):
        if not info.startswith("#EXTINF:"):
            continue
        data = (playlist.parent / name).read_bytes()
        title = info.partition(",")[2]
        link = None
        if transcript:
            href, ids = transcript
            link = f"{href}#{quote(ids[title])}" if title in ids else href
        found.append(Track(title, f"{folder}/{name}", len(data),
                           mp3_frames.duration(data).seconds, link))
    return f"../{quote(folder)}/{quote(playlist.name)}", found


def track_item(site: Site, number: int, track: Track) -> str:
    """A section's heading, facts, player and links; the links are named by their list item."""
    links = [f'<a href="{escape(track.href)}">Download the MP3</a>']
    if track.transcript:
        links.append(f'<a href="{escape(track.transcript)}">Read the transcript</a>')
    return (f'<li>\n<h3 id="track-{number}">{in_lang(track.title, site.ctx.lang)}</h3>\n'
            f"<p>MP3, {duration_words(track.seconds)}, {size_text(track.size).split(' (')[0]}</p>\n"
            f'<audio controls preload="none" src="{escape(track.href)}" aria-labelledby="track-{number}">'
            f"{links[0]}</audio>\n"
            f'<ul class="track-links">{"".join(f"<li>{link}</li>" for link in links)}</ul>\n'
            "</li>")


def section(site: Site, spoken: Spoken) -> list[str]:
    """The Listen section's HTML (`spoken`: `tracks(site)`), or nothing when there is no audio to offer."""
    if not spoken or not spoken[1]:
        return []
    playlist, listed = spoken
    count = f"{len(listed)} MP3 file{'s' if len(listed) != 1 else ''}"
    return [
        '<h2 id="listen">Listen</h2>',
        f"<p>The text read aloud by a synthetic voice, as {count}, one for each section, "
        f"{duration_words(sum(t.seconds for t in listed))} in all. Play a section here, download it, or read "
        "its transcript: the same section in the HTML edition. The playlist plays every section in order "
        "in most audio players.</p>",
        f'<p class="download"><a href="{escape(playlist)}">Download the playlist (M3U) of all {count}</a></p>',
        '<ol class="tracks">', *(track_item(site, n, t) for n, t in enumerate(listed, 1)), "</ol>",
    ]
