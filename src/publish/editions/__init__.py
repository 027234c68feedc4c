"""The editions: one module each, every one written from the same filtered AST."""

from __future__ import annotations

from publish.editions import audio, docx, epub, html, pdf, txt
from publish.editions.base import BuildContext, Edition

EDITIONS: dict[str, Edition] = {e.name: e for e in (pdf.EDITION, docx.EDITION, epub.EDITION, txt.EDITION, audio.EDITION, html.EDITION)}

__all__ = ["EDITIONS", "Edition", "BuildContext"]
