"""Stage: passages the extraction repeated, marked <surplus reason="repeated">."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"pages"})
PROVIDES = frozenset({"repeats"})


def run(doc: Document, config: Config) -> Document:
    """First version: finds nothing yet."""
    return doc
