"""Braille (BRF): Unified English Braille in North American ASCII braille, paged for embossing.

Two editions from the same filtered document: grade 2 (contracted, what most UK braille
readers read) and grade 1 (uncontracted, for learners and for readers who prefer it).
The page size is `publish build --braille-page CELLSxLINES` (40x25 by default).
"""

from __future__ import annotations

from functools import partial

from publish.braille.document import brf
from publish.braille.layout import PageSize
from publish.editions.base import BuildContext, Edition


def write(ast: dict, ctx: BuildContext, grade: int) -> bytes:
    return brf(ast, ctx, grade, PageSize(*ctx.braille_page)).encode("ascii")


EDITIONS = (
    Edition(name="brf", suffix=".brf", pandoc_format="brf",
            audience="braille readers: Unified English Braille grade 2 (contracted) for embossers and braille displays",
            write=partial(write, grade=2)),
    Edition(name="brf-g1", suffix="-g1.brf", pandoc_format="brf",
            audience="braille readers who prefer uncontracted braille: Unified English Braille grade 1",
            write=partial(write, grade=1)),
)
