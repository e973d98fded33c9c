"""Benchmark of the entity recogniser on the development set (not a test; run it directly).

usage: .venv/bin/python tests/bench_entities.py [--markdown]

Runs the pipeline up to ``structure`` once per document, then the ``entities`` stage with each set
of components, serialises the TEI and scores it with ``../shared/eval/score.py``: P/R/F1 on the
gold of seeds 000 and 002 and of the passages in ``tests/data/books``, recall on the FRUS
documents (their gold tags only some mentions).
Variants: the full recogniser, the bare spaCy model, and the full recogniser minus each component.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tei import entities, ingest, pipeline, serialize
from tei.config import Config
from tei.model import Document

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
BOOKS = ROOT / "tests" / "data" / "books"
TYPES = ("person", "place", "org")


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


SCORER = _scorer()
CONFIG = Config(build_date="1970-01-01")


def cases() -> list[tuple[str, Path, Path]]:
    """(set, raw path, gold path) for every development document."""
    out = []
    for g in sorted((EVAL / "dev").glob("*.json")):
        out.append(("dev", ROOT / "seeds" / json.loads(g.read_text(encoding="utf-8"))["source"], g))
    for g in sorted((EVAL / "dev-frus" / "gold").glob("*.json")):
        out.append(("frus", EVAL / "dev-frus" / "raw" / json.loads(g.read_text(encoding="utf-8"))["source"], g))
    for g in sorted((BOOKS / "gold").glob("*.json")):
        out.append(("books", BOOKS / "raw" / json.loads(g.read_text(encoding="utf-8"))["source"], g))
    return out


def prepared(raw_path: Path) -> Document:
    """The document after the stages before ``entities``."""
    doc = ingest.read(raw_path)
    return pipeline.run(doc, CONFIG, until="structure")


def scored(doc: Document, gold_path: Path, raw_path: Path, components: frozenset[str]) -> dict:
    """Run the entities stage with the given components, serialise, and score with score.py."""
    doc = dataclasses.replace(doc, spans=list(doc.spans), entities={}, diagnostics=[], provided=set(doc.provided))
    saved = entities.COMPONENTS
    entities.COMPONENTS = components
    try:
        doc = entities.run(doc, CONFIG)
    finally:
        entities.COMPONENTS = saved
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.xml"
        out.write_bytes(serialize.to_bytes(serialize.to_tei(doc, CONFIG)))
        return SCORER.score(str(out), str(gold_path), str(raw_path))


def evaluate(variants: dict[str, frozenset[str]]) -> dict[str, dict[str, dict]]:
    """Micro P/R/F1 per variant, set ("dev", "frus") and type, as score.py counts them."""
    docs = [(kind, prepared(raw), gold, raw) for kind, raw, gold in cases()]
    res: dict[str, dict[str, dict]] = {}
    for name, comps in variants.items():
        tot: dict[str, list[int]] = {}
        for kind, doc, gold, raw in docs:
            r = scored(doc, gold, raw, comps)
            for typ in TYPES:
                acc = tot.setdefault(f"{kind}/{typ}", [0, 0, 0])
                for i, k in enumerate(("tp", "pred", "gold")):
                    acc[i] += r[typ][k]
        res[name] = {k: SCORER.prf(*v) for k, v in tot.items()}
    return res


def main() -> None:
    full = entities.COMPONENTS
    variants = {"full": full, "bare spaCy": frozenset({"model"})}
    variants.update({f"- {c}": full - {c} for c in sorted(full)})
    t0 = time.perf_counter()
    res = evaluate(variants)
    cols = [f"dev/{t}" for t in TYPES] + ["frus/person", "frus/place"] + [f"books/{t}" for t in TYPES]
    print("| variant | " + " | ".join(f"{c} R" if c.startswith("frus") else f"{c} P/R/F1" for c in cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for name, r in res.items():
        cells = [f"{r[c]['r']:.2f}" if c.startswith("frus") else f"{r[c]['p']:.2f}/{r[c]['r']:.2f}/{r[c]['f1']:.2f}"
                 for c in cols]
        print(f"| {name} | " + " | ".join(cells) + " |")
    seed = ROOT / "seeds" / "001_743ea2a93721c107.txt"
    doc = prepared(seed)
    entities.load_model()
    t1 = time.perf_counter()
    entities.run(doc, CONFIG)
    print(f"\nentities stage on {seed.name} ({len(doc.raw)} chars): {time.perf_counter() - t1:.1f} s"
          f" (model loaded beforehand); benchmark {time.perf_counter() - t0:.0f} s")
    if "-v" in sys.argv:
        print(json.dumps(res["full"], indent=1))


if __name__ == "__main__":
    main()
