"""Stage: temporal expressions normalised to ISO 8601."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"reading"})
PROVIDES = frozenset({"dates"})


def run(doc: Document, config: Config) -> Document:
    """First version: finds nothing yet."""
    return doc
