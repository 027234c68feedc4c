"""The editions: one module each, every one written from the same filtered AST."""

from __future__ import annotations

from publish.editions import brf, docx, docx_large, epub, html, pdf, pdf_large, txt
from publish.editions.base import BuildContext, Edition, Layout

# In the order the download page offers them: HTML first, as UK guidance asks, then what screen readers prefer.
EDITIONS: dict[str, Edition] = {e.name: e for e in (
    html.EDITION, epub.EDITION, docx.EDITION, pdf.EDITION, txt.EDITION, pdf_large.EDITION, docx_large.EDITION,
    *brf.EDITIONS,
)}

__all__ = ["EDITIONS", "Edition", "BuildContext", "Layout"]
