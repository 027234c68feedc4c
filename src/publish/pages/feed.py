"""build/feed.xml: an Atom 1.0 feed (RFC 4287), one entry per publication, so partner
organisations hear of new ones in their feed readers.

Ids stay the same from build to build: under the catalogue's `url` when it is set, else
name-based UUIDs. Each entry links to the publication's page and encloses every edition,
then each MP3 of the spoken edition in reading order, so a podcast app can play it.
"""

from __future__ import annotations

import datetime as dt
import uuid
from urllib.parse import quote, urljoin

from lxml import etree

from publish.catalogue import Publication, Settings

ATOM = "http://www.w3.org/2005/Atom"
# Braille (BRF) has no registered media type: it is ASCII text, so text/plain.
MEDIA_TYPES = {"html": "text/html", "epub": "application/epub+zip", "pdf": "application/pdf", "txt": "text/plain",
               "brf": "text/plain", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


def timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def address(found: Settings, path: str) -> str:
    """A link from the feed: absolute under the catalogue's url, else relative to the feed itself."""
    return urljoin(found.url, path) if found.url else path


def identifier(found: Settings, path: str) -> str:
    """A permanent id: the address when the catalogue has a url, else a UUID named by title and path."""
    if found.url:
        return urljoin(found.url, path)
    return uuid.uuid5(uuid.NAMESPACE_URL, f"publish:{found.title}/{path}").urn


def add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    element.text = text
    return element


def add_entry(feed: etree._Element, publication: Publication, found: Settings) -> None:
    page = f"{quote(publication.name)}/"
    entry = add(feed, "entry")
    add(entry, "id", identifier(found, page))
    title = add(entry, "title", publication.title)
    title.set("{http://www.w3.org/XML/1998/namespace}lang", publication.lang)
    add(entry, "updated", timestamp(publication.when))
    if publication.publisher:
        add(add(entry, "author"), "name", publication.publisher)
    add(entry, "link", rel="alternate", type="text/html", href=address(found, page + "index.html"))
    for edition in publication.editions:
        media_type = MEDIA_TYPES.get(edition.file_format, "application/octet-stream")
        add(entry, "link", rel="enclosure", type=media_type, length=str(edition.size), title=edition.label,
            href=address(found, quote(edition.file)))
    for number, track in enumerate(publication.tracks, 1):
        add(entry, "link", rel="enclosure", type="audio/mpeg", length=str(track.size),
            title=f"Read aloud, part {number} of {len(publication.tracks)}: {track.title}",
            href=address(found, quote(track.file)))
    add(entry, "summary", publication.description or f"{publication.title}, in {len(publication.editions)} formats.")


def atom_feed(publications: list[Publication], found: Settings) -> bytes:
    """The feed, newest publication first; `updated` is the newest publication's date, so the
    feed changes only when the catalogue does."""
    feed = etree.Element(f"{{{ATOM}}}feed", nsmap={None: ATOM})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", found.lang)
    add(feed, "id", identifier(found, "feed.xml"))
    add(feed, "title", found.title)
    if found.description:
        add(feed, "subtitle", found.description)
    newest = max((p.when for p in publications), default=dt.date(1970, 1, 1))
    add(feed, "updated", timestamp(newest))
    add(add(feed, "author"), "name", found.publisher or found.title)
    add(feed, "link", rel="self", type="application/atom+xml", href=address(found, "feed.xml"))
    add(feed, "link", rel="alternate", type="text/html", href=address(found, "index.html"))
    add(feed, "generator", "publish")
    for publication in publications:
        add_entry(feed, publication, found)
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True)
