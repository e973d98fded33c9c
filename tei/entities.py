"""Stage: persons, places and organisations, linked to a register."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"reading", "blocks"})
PROVIDES = frozenset({"entities"})


def run(doc: Document, config: Config) -> Document:
    """First version: finds nothing yet."""
    return doc
