"""The editions: one module each, every one written from the same filtered AST."""

from __future__ import annotations

from publish.editions import docx, epub, html, pdf, pdf_large, txt
from publish.editions.base import BuildContext, Edition

EDITIONS: dict[str, Edition] = {e.name: e for e in (pdf.EDITION, pdf_large.EDITION, docx.EDITION, epub.EDITION,
                                                     txt.EDITION, html.EDITION)}

__all__ = ["EDITIONS", "Edition", "BuildContext"]
