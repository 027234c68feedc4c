"""build/index.html: the catalogue, every publication newest first with its editions, its
download page and its accessibility statement one link away."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from publish import report
from publish.catalogue import Publication, Settings
from publish.pages.html import contact_words, in_lang, page, size_text

CATALOGUE_NAV = ("Catalogue", (("index.html", "All publications"), ("feed.xml", "Atom feed of new publications")))


def checks_text(publication: Publication) -> str:
    editions = report.plural(len(publication.editions), "edition")
    if publication.errors:
        return f"the automated checks found {report.plural(publication.errors, 'error')} in its {editions}"
    return f"the automated checks found no errors in its {editions}"


def entry(publication: Publication) -> str:
    """One publication: its title linking to its download page, its date, description and formats.
    The links after the first name the publication too, in words only a screen reader speaks,
    so a list of the page's links still says which publication each is for."""
    name, title = quote(publication.name), in_lang(publication.title, publication.lang)
    key = f"publication-{escape(publication.name)}"
    of_title = f'<span class="visually-hidden"> of “{title}”</span>'
    body = [f'<li>\n<article aria-labelledby="{key}">',
            f'<h2 id="{key}"><a href="{name}/index.html">{title}</a></h2>']
    byline = [f"Published {dated(publication)}"] if publication.date_text else []
    if publication.publisher:
        byline.append(f"{'by' if byline else 'Published by'} {escape(publication.publisher)}")
    if byline:
        body.append(f'<p class="byline">{" ".join(byline)}.</p>')
    if publication.description:
        body.append(f"<p>{in_lang(publication.description, publication.lang)}</p>")
    formats = "".join(f'<li><a href="{quote(e.file)}">{escape(e.label)}: <code>{escape(e.file)}</code></a>, '
                      f'{size_text(e.size).split(" (")[0]}</li>' for e in publication.editions)
    body += [f'<h3 class="formats-heading">Formats{of_title}</h3>',
             f'<ul class="formats">{formats}</ul>',
             f'<p><a href="{name}/index.html">Sizes and checksums{of_title}</a>, and how to ask for another '
             f'format. Accessibility: {checks_text(publication)}; read the '
             f'<a href="{name}/accessibility.html">accessibility statement{of_title}</a>.</p>',
             "</article>\n</li>"]
    return "\n".join(body)


def dated(publication: Publication) -> str:
    return f'<time datetime="{escape(publication.date)}">{escape(publication.date_text)}</time>'


def catalogue_page(publications: list[Publication], found: Settings) -> bytes:
    count = report.plural(len(publications), "publication")
    body = [f"<h1>{escape(found.title)}</h1>"]
    if found.description:
        body.append(f'<p class="lead">{escape(found.description)}</p>')
    body += [f"<p>{count}, newest first. Each comes in several formats with the same text: choose the one "
             "that suits how you read. To hear of new publications, follow the "
             '<a href="feed.xml">Atom feed</a> in a feed reader.</p>',
             '<ul class="catalogue" role="list">', *(entry(p) for p in publications), "</ul>",
             '<h2 id="another-format">Ask for another format</h2>',
             "<p>If you need a publication in another format, such as large print, easy read, audio or braille, "
             f"{contact_words(found.contact, found.publisher)}. Say which format you need and the title of the "
             "publication.</p>"]
    return page(found.title, "index.html", "\n".join(body), nav=CATALOGUE_NAV)
