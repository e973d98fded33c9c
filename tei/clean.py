"""Stage: repairs: line-break hyphens, lost ligatures, OCR damage; derives the reading text."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"pages", "notes"})
PROVIDES = frozenset({"repairs", "reading"})


def run(doc: Document, config: Config) -> Document:
    """First version: finds nothing yet."""
    doc.derive_reading()
    return doc
