"""The stages, in order, and the runner that checks what each needs and gives.

Each stage module exposes ``run(doc, config) -> Document`` and two frozensets,
``REQUIRES`` and ``PROVIDES``, naming facts about the document (``"pages"``,
``"reading"``...).  The order here is the whole registry: no decorators.
"""

from __future__ import annotations

import time
from types import ModuleType
from typing import Callable, Iterable

from tei import clean, dates, entities, header, notes, pages, repeats, structure
from tei.config import Config
from tei.model import Document

#: the text stages, in the order they run over a Document.
STAGES: tuple[tuple[str, ModuleType], ...] = (
    ("pages", pages),          # printed pages, running heads, page numbers, noise lines
    ("repeats", repeats),      # passages the extraction repeated
    ("notes", notes),          # footnotes linked to their markers
    ("clean", clean),          # line-break hyphens, lost ligatures, OCR damage -> reading text
    ("structure", structure),  # divisions, headings, paragraphs, quotations, lists, citations
    ("entities", entities),    # persons, places, organisations, with a register
    ("dates", dates),          # temporal expressions normalised to ISO 8601
    ("header", header),        # what the teiHeader says about the source
)


def check_requirements(stages: Iterable[tuple[str, ModuleType]] = STAGES,
                       initial: frozenset[str] = frozenset({"raw"})) -> list[str]:
    """Problems with the stage order: a stage requiring a fact no earlier stage provides."""
    have = set(initial)
    problems = []
    for name, mod in stages:
        missing = set(mod.REQUIRES) - have
        if missing:
            problems.append(f"stage {name!r} requires {sorted(missing)} that no earlier stage provides")
        have |= set(mod.PROVIDES)
    return problems


def run(doc: Document, config: Config, *, until: str | None = None,
        progress: Callable[[str, float], None] | None = None) -> Document:
    """Run the text stages over ``doc`` (all, or up to and including ``until``).

    Stages named in ``config.skip`` are left out; a stage whose requirements are not met
    (because a stage before it was skipped) is left out too.
    """
    doc.strict = config.strict
    doc.provided.add("raw")
    for name, mod in STAGES:
        if name in config.skip or not set(mod.REQUIRES) <= doc.provided:
            continue
        t0 = time.perf_counter()
        result = mod.run(doc, config)
        if not isinstance(result, Document):
            raise TypeError(f"stage {name!r} returned {type(result).__name__}, not Document")
        doc = result
        doc.provided |= set(mod.PROVIDES)
        if progress:
            progress(name, time.perf_counter() - t0)
        if name == until:
            break
    return doc
