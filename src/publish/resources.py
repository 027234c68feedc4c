"""Check every file the document points at before any writer reads it.

The build may read the source and files inside its folder, nothing else: no network,
no `../`, no absolute paths, no symlinks that lead out.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

from publish import facts
from publish.source import Source

REMOTE_SCHEMES = {"http", "https", "ftp", "data", "file"}


def check(src: Source, ast: dict) -> None:
    folder = src.folder.resolve()
    for node in facts.walk(ast["blocks"]):
        if node["t"] != "Image":
            continue
        url = node["c"][2][0]
        scheme = urlparse(url).scheme.lower()
        if scheme in REMOTE_SCHEMES or url.startswith("//"):
            raise src.error(f"image `{url}` is not a local file", "download the image into the source folder and "
                            "point at it with a relative path", needle=url)
        if Path(url).is_absolute() or url.startswith("\\"):
            raise src.error(f"image path `{url}` is absolute", "copy the image into the source folder and use "
                            "a relative path such as `images/name.png`", needle=url)
        target = (src.folder / url).resolve()
        if not target.is_relative_to(folder):
            raise src.error(f"image `{url}` is outside the source folder", "copy the image into the source folder "
                            "and use a path inside it", needle=url)
        if not target.is_file():
            raise src.error(f"image file `{url}` not found", f"put the image at {src.folder / url} or correct "
                            "the path", needle=url)
