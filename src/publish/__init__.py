"""publish: one Markdown master, every accessible edition."""

__version__ = "0.1.0"
