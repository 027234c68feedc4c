"""Braille: the document in Unified English Braille, as BRF pages for embossers and braille displays.

`translate` brailles text with liblouis; `layout` sets brailled blocks in margins and pages;
`document` walks the filtered pandoc document into blocks and makes the BRF file.
"""
