"""Stage: footnotes at page feet linked to their markers in the text."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"pages", "repeats"})
PROVIDES = frozenset({"notes"})


def run(doc: Document, config: Config) -> Document:
    """First version: finds nothing yet."""
    return doc
