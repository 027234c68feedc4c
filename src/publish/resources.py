"""Check every file the document points at before any writer reads it.

The build may read the source and files inside its folder, nothing else: no network,
no `../`, no absolute paths, no symlinks that lead out.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

from publish import facts
from publish.source import Source

REMOTE_SCHEMES = {"http", "https", "ftp", "data", "file"}
# What every edition can show (Typst, Word, EPUB reading systems): PNG, JPEG, GIF, SVG.
SIGNATURES = {".png": (b"\x89PNG\r\n\x1a\n",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
              ".gif": (b"GIF87a", b"GIF89a"), ".svg": (b"<svg", b"<?xml")}


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
        check_image_file(src, url, target)


def check_image_file(src: Source, url: str, target: Path) -> None:
    """The file is the kind of image its name says, and an SVG carries no script."""
    suffix = target.suffix.lower()
    if suffix not in SIGNATURES:
        raise src.error(f"image `{url}` is not PNG, JPEG, GIF or SVG", "convert it to PNG (photos: JPEG)",
                        needle=url)
    head = target.read_bytes()[:512]
    if not head.lstrip().startswith(SIGNATURES[suffix]):
        raise src.error(f"image `{url}` is not really a {suffix[1:].upper()} file", "export the image again "
                        "from the program that made it, or correct its name", needle=url)
    if suffix == ".svg" and re.search(rb"<script|\son[a-z]+\s*=|javascript:", target.read_bytes(), re.I):
        raise src.error(f"SVG image `{url}` contains script", "remove the script from the SVG, or export it "
                        "as PNG", needle=url)
