"""Stage: printed pages: page breaks (pb), running heads and page numbers (fw), noise lines."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"raw"})
PROVIDES = frozenset({"pages"})


def run(doc: Document, config: Config) -> Document:
    """First version: finds nothing yet."""
    return doc
