"""Rewrite ZIP containers (DOCX, EPUB) so two builds of the same source are byte-identical."""

from __future__ import annotations

import io
import time
import zipfile


def normalise(data: bytes, timestamp: int, stored_first: str | None = None) -> bytes:
    """Same members, same order, fixed dates; `stored_first` (EPUB's mimetype) first and uncompressed."""
    date_time = time.gmtime(max(timestamp, 315532800))[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        if stored_first in names:
            names.remove(stored_first)
            info = zipfile.ZipInfo(stored_first, date_time)
            info.compress_type = zipfile.ZIP_STORED
            target.writestr(info, source.read(stored_first))
        for name in names:
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()
