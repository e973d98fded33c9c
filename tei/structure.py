"""Stage: divisions, headings, paragraphs, quotations, lists, citations in notes."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"reading"})
PROVIDES = frozenset({"blocks"})


def run(doc: Document, config: Config) -> Document:
    """First version: finds nothing yet."""
    return doc
