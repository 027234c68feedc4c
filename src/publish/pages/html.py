"""Pieces of HTML both pages share: the page frame, and facts written as words.

Every value that comes from outside (front matter, file names, findings) goes through escape().
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from pathlib import Path
from string import Template

from publish.editions import BuildContext
from publish.lint import Severity

TEMPLATES = Path(__file__).parent.parent / "templates"
PAGE = Template((TEMPLATES / "page.html").read_text(encoding="utf-8"))
CSS = (TEMPLATES / "html.css").read_text(encoding="utf-8") + (TEMPLATES / "page.css").read_text(encoding="utf-8")
PAGE_LANG = "en-GB"  # the language of the text these pages add around the document's own
LANGUAGES = {"en": "English", "cy": "Welsh", "gd": "Scottish Gaelic", "ga": "Irish", "kw": "Cornish",
             "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
             "pl": "Polish", "ar": "Arabic", "ur": "Urdu", "pa": "Punjabi", "bn": "Bengali", "zh": "Chinese"}
EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
SEVERITY_WORDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def in_lang(text: str, lang: str) -> str:
    """Text from the document, marked with its language when it differs from the page's."""
    return f'<span lang="{escape(lang)}">{escape(text)}</span>' if lang != PAGE_LANG else escape(text)


def size_text(size: int) -> str:
    words = f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"
    return f"{words} ({size:,} bytes)"


def language_text(tag: str) -> str:
    name = LANGUAGES.get(tag.split("-")[0].lower())
    return f"{name} ({escape(tag)})" if name else escape(tag)


def date_html(date: dt.date) -> str:
    return f'<time datetime="{date.isoformat()}">{date.day} {date:%B %Y}</time>'


def document_date(ctx: BuildContext) -> str:
    raw = str(ctx.meta.get("date", "")).strip()
    if re.fullmatch(r"\d{4}(-\d{2}){0,2}", raw):
        return f'<time datetime="{raw}">{escape(ctx.date_text)}</time>'
    return escape(raw)


def contact_html(ctx: BuildContext) -> str:
    """The front matter's `contact` as a link when it is an address; else the publisher, named."""
    return contact_words(str(ctx.meta.get("contact") or ""), str(ctx.meta.get("publisher") or ", ".join(ctx.authors)))


def contact_words(contact: str, who: str) -> str:
    """How to get in touch: a link when `contact` is an address, else `who`, named."""
    contact = " ".join(contact.split())
    if EMAIL.match(contact):
        return f'email <a href="mailto:{escape(contact)}">{escape(contact)}</a>'
    if re.match(r"^https?://\S+$", contact):
        return f'use the contact details at <a href="{escape(contact)}">{escape(contact)}</a>'
    if contact:
        return f"contact {escape(contact)}"
    who = who.strip()
    return f"contact the publisher, {escape(who)}" if who else "contact the publisher"


def response_time(ctx: BuildContext) -> str:
    wait = " ".join(str(ctx.meta.get("response-time") or "").split())
    if wait:
        return f"We will reply within {escape(wait)}."
    return "When you write, ask how soon the format can be made for you."


def another_format(ctx: BuildContext) -> str:
    return (f"<p>If you need this document in another format, such as large print, easy read, audio or braille, "
            f"{contact_html(ctx)}. Say which format you need and the title of the document. "
            f"{response_time(ctx)}</p>")


# The pages' navigation: what it is called, and its links (href, label).
PUBLICATION_NAV = ("This publication", (("../index.html", "All publications"), ("index.html", "Downloads"),
                                        ("accessibility.html", "Accessibility")))


def page(title: str, current: str, body: str, nav: tuple[str, tuple] = PUBLICATION_NAV) -> bytes:
    label, links = nav
    marks = {href: ' aria-current="page"' if href == current else "" for href, _ in links}
    items = "\n".join(f'<li><a href="{href}"{marks[href]}>{text}</a></li>' for href, text in links)
    return PAGE.substitute(lang=PAGE_LANG, title=escape(title), css=CSS, nav_label=escape(label), nav=items,
                           body=body).encode("utf-8")
