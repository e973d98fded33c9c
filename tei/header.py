"""Stage: what the teiHeader says about the source (metadata gathered by the other stages)."""

from __future__ import annotations

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"blocks"})
PROVIDES = frozenset({"meta"})


def run(doc: Document, config: Config) -> Document:
    """Fill what the stages left open: the title falls back to the first heading or the file name."""
    meta = doc.meta
    if not meta.title:
        heads = doc.spans_of("head")
        meta.title = " ".join(doc.text_of(heads[0]).split()) if heads else doc.stem
    return doc
