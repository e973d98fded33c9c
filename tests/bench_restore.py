"""Benchmark: issue 3's restoration targets on synthetic books with known truth (pytest does not collect it).

    .venv/bin/python tests/bench_restore.py [--seeds 20] [--pages 8] [--layout ocr ...] [--keep DIR] [--worst 3]

Each layout (a set of ``tests.synth.make_book`` options) is generated for ``--seeds`` seeds;
every book is converted with ``tei.batch.convert`` (no statistical model, pinned date), its
truth is turned into the shared gold JSON format (``truth_to_gold``) and the book is scored
by the project's official scorer, ``shared/eval/score.py``, so the figures are comparable
with the development gold.  Prints one markdown table of micro-averages per layout and
overall, and, with ``--worst N``, the N worst books of each failing measure.

Measures beyond the scorer's: real hyphens lost counts line-break compounds (``pro-|Soviet``)
joined without their hyphen as well as the scorer's intact compounds; duplicates marked is the
share of the repeated copy's words that stand inside ``<surplus>``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Callable

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SCORER_DIR = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(SCORER_DIR))

from tests.synth import SUPERSCRIPT, LigatureTruth, Truth, make_book, vocabulary  # noqa: E402

TEI_NS = "{http://www.tei-c.org/ns/1.0}"
#: Words of a note's text kept as its ``first_words`` (the scorer compares the first 16 letters).
FIRST_WORDS = 6
#: The entity and date types the gold format knows; synthetic books tag none of them.
TAG_TYPES = ("person", "place", "org", "date")
#: Issue 3's targets: (measure, lowest acceptable value), and the counts that must stay zero.
TARGETS = {"pb F1": 0.98, "notes found": 0.95, "notes anchored": 0.95, "anchored after repair": 0.95,
           "notes text": 0.95,
           "hyphens restored": 0.97, "ligatures restored": 0.95, "duplicates marked": 0.95}
ZERO = ("real hyphens lost", "heads leaked")
COMMON = dict(notes_per_page=(1, 3))
#: The layouts measured: name -> (make_book options, notes restart on every page).
LAYOUTS: dict[str, tuple[dict[str, Any], bool]] = {
    "pdf": (dict(numbers="fused", marker_style="super", ligature_rate=1.0, hyphen_rate=0.15), False),
    "ocr": (dict(numbers="bracket", ocr_damage=0.3, junk=0.3, marker_style="glued", join_lines=True,
                 hyphen_rate=0.15), False),
    "ocr-gaps": (dict(numbers="bare-top", ocr_damage=0.2, missing_numbers=0.2, junk=0.2, marker_style="bare",
                      hyphen_rate=0.1), False),
    "foot": (dict(numbers="bare-bottom", marker_style="mixed", hyphen_rate=0.1, ligature_rate=0.5), False),
    "restart": (dict(numbers="mixed", marker_style="mixed", hyphen_rate=0.1), True),
    "repeats": (dict(numbers="mixed", marker_style="mixed", repeat_pages=3, hyphen_rate=0.1, ligature_rate=0.5),
                False),
}


def truth_to_gold(text: str, truth: Truth, source: str = "") -> dict[str, Any]:
    """Synthetic truth in the shared gold format (``shared/eval/dev/*.json``), as ``score.py`` reads it.

    Args:
        text: the book's raw text (gold offsets index it).
        truth: what ``make_book`` put into it.
        source: the raw file's name, recorded as the gold's ``source``.
    Returns:
        The gold dict: pages, notes, hyphenations (soft/hard at line breaks, intact compounds
        elsewhere), ligature_repairs, furniture (running heads and page numbers), duplicates;
        entities and dates empty and marked as not exhaustive.
    """
    dups = [(r.start, r.end) for r in truth.repeats]
    ambiguous = _ambiguous_ligatures(text, truth)

    def copy(pos: int) -> bool:
        return any(a <= pos < b for a, b in dups)

    originals = sorted((p for p in truth.pages if not p.copy), key=lambda p: p.start)
    ends = [p.start for p in originals[1:]] + [min([len(text)] + [a for a, _ in dups])]
    pages = [{"n": str(p.n), "marker_text": p.printed,
              "start": p.number[0] if p.number else p.start, "end": p.number[1] if p.number else p.start,
              "inferred": p.number is None, "page_start": p.start, "page_end": end, "copy": None}
             for p, end in zip(originals, ends)]
    notes = [{"n": str(x.n), "copy": None, "label_text": text[x.label[0]:x.label[1]],
              "text_start": x.text[0], "text_end": x.text[1],
              "marker_start": x.marker[0] if x.marker_style else None,
              "marker_end": x.marker[1] if x.marker_style else None,
              "marker_text": text[x.marker[0]:x.marker[1]] if x.marker_style else None,
              "first_words": " ".join(text[x.label[1]:x.text[1]].split()[:FIRST_WORDS])}
             for x in truth.notes]
    breaks = [{"kind": h.kind, "surface": text[h.start:h.end], "joined": h.joined, "start": h.start,
               "end": h.end, "copy": None} for h in truth.hyphens]
    furniture = [{"kind": "running-head", "text": text[a:b], "start": a, "end": b, "reading": text[a:b],
                  "copy": copy(a) or None} for a, b, _ in truth.heads]
    furniture += [{"kind": "page-number", "text": text[p.number[0]:p.number[1]], "start": p.number[0],
                   "end": p.number[1], "reading": "", "copy": p.copy or None} for p in truth.pages if p.number]
    return {
        "source": source,
        "entities": [], "dates": [],
        "tagging_exhaustive": {t: False for t in TAG_TYPES},
        "notes": notes,
        "pages": pages,
        "furniture": sorted(furniture, key=lambda f: f["start"]),
        "hyphenations": sorted(breaks + _intact_compounds(text, truth), key=lambda h: h["start"]),
        "ligature_repairs": [_ligature(x) for x in truth.ligatures if not ambiguous(x)],
        "ambiguous_ligature_repairs": [_ligature(x) for x in truth.ligatures if ambiguous(x)],
        "duplicates": [{"start": a, "end": b} for a, b in dups],
    }


def _ligature(x: LigatureTruth) -> dict[str, Any]:
    return {"surface": x.surface, "corrected": x.word, "start": x.start, "end": x.end}


def _ambiguous_ligatures(text: str, truth: Truth) -> Callable[[LigatureTruth], bool]:
    """A test for ligature losses no one can score: the damaged form is itself a word the book
    uses (``fired`` -> ``red``), or stands undamaged elsewhere in the text (the scorer looks
    for the damaged form anywhere in the reading text)."""
    words = {w for group in vocabulary() for w in group}
    damaged = {(x.start, x.end) for x in truth.ligatures}
    copies = [(r.start, r.end) for r in truth.repeats]
    undamaged = {m.group().lower() for m in re.finditer(r"[^\W\d_]+", text)
                 if m.span() not in damaged and not any(a <= m.start() < b for a, b in copies)}
    return lambda x: x.surface.lower() in words or x.surface.lower() in undamaged


def _intact_compounds(text: str, truth: Truth) -> list[dict[str, Any]]:
    """Hyphenated compounds not at a line break (synthetic words are letters only, so every
    letter-hyphen-letter run is a compound), outside the furniture and the repeated copies."""
    skip = [(a, b) for a, b, _ in truth.heads] + [(r.start, r.end) for r in truth.repeats]
    out = []
    for m in re.finditer(r"(?<![\w-])[A-Za-z]+(?:-[A-Za-z]+)+(?![\w-])", text):
        if not any(a <= m.start() < b for a, b in skip):
            out.append({"kind": "intact", "surface": m.group(), "joined": m.group(), "start": m.start(),
                        "end": m.end(), "copy": None})
    return out


def restart_notes_per_page(text: str, truth: Truth) -> tuple[str, Truth]:
    """The book with its footnotes numbered from 1 on every page (labels and markers rewritten,
    every truth offset moved to match).  Books with repeated copies are not supported."""
    if truth.repeats:
        raise ValueError("restart_notes_per_page: books with repeated copies are not supported")
    starts = sorted(p.start for p in truth.pages)
    edits: list[tuple[int, int, str]] = []
    notes = []
    for page_start in starts:
        on_page = [x for x in truth.notes if _page_of(x.label[0], starts) == page_start]
        for k, note in enumerate(on_page, 1):
            notes.append(replace(note, n=k))
            edits.append((note.label[0], note.label[1], str(k)))
            if note.marker_style:
                edits.append((note.marker[0], note.marker[1],
                              str(k).translate(SUPERSCRIPT) if note.marker_style == "super" else str(k)))
    edits.sort()
    pieces, last = [], 0
    for a, b, new in edits:
        pieces += [text[last:a], new]
        last = b
    pieces.append(text[last:])
    move = _offset_mover(edits)
    return "".join(pieces), _moved(replace(truth, notes=notes), move)


def _page_of(pos: int, starts: list[int]) -> int:
    return max(s for s in starts if s <= pos)


def _offset_mover(edits: list[tuple[int, int, str]]) -> Callable[[int], int]:
    """Where an old offset lands after the (non-overlapping, sorted) edits; an edit's end maps to its new end."""
    def move(pos: int) -> int:
        return pos + sum(len(new) - (b - a) for a, b, new in edits if b <= pos)
    return move


def _moved(obj: Any, move: Callable[[int], int]) -> Any:
    """A copy of a truth object (dataclass, list, offset tuple) with every offset moved."""
    if is_dataclass(obj):
        changes = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.name in ("start", "end", "of_start", "of_end") and isinstance(value, int):
                changes[f.name] = move(value)
            elif isinstance(value, (list, tuple)) or is_dataclass(value):
                changes[f.name] = _moved(value, move)
        return replace(obj, **changes)
    if isinstance(obj, list):
        return [_moved(x, move) for x in obj]
    if isinstance(obj, tuple) and len(obj) >= 2 and all(isinstance(x, int) for x in obj[:2]):
        return (move(obj[0]), move(obj[1])) + obj[2:]
    return obj


def hard_hyphens_lost(tei: etree._ElementTree, text: str, gold: dict[str, Any]) -> int:
    """Line-break compounds (kind ``hard``) whose hyphen the reading text lost (``pro-|Soviet`` -> ``proSoviet``),
    counted beyond the times the unhyphenated word stands in the raw text."""
    from score import reading

    body = " " + reading(tei.find(f".//{TEI_NS}text"), skip_notes=False).lower() + " "
    raw = text.lower()
    lost = 0
    for joined in {h["joined"].lower() for h in gold["hyphenations"] if h["kind"] == "hard"}:
        pattern = r"(?<![\w-])" + re.escape(joined.replace("-", "")) + r"(?![\w-])"
        lost += max(0, len(re.findall(pattern, body)) - len(re.findall(pattern, raw)))
    return lost


def anchored_after_repair(tei: etree._ElementTree, text: str, gold: dict[str, Any]) -> int:
    """Notes anchored after the right word, as the scorer counts them, but comparing with the word as
    repaired (the scorer compares the raw word, ``modied``, with the reading text's ``modified``)."""
    from score import align, in_dup, inside, norm, reading

    text_el = tei.find(f".//{TEI_NS}text")
    skip = {f"{TEI_NS}{t}" for t in ("teiHeader", "standOff", "fw", "surplus")}
    pred = [e for e in text_el.iter(f"{TEI_NS}note") if e.get("n") and not inside(e, skip)]
    notes = [x for x in gold["notes"] if not in_dup(gold, x["text_start"])]
    repairs = gold["ligature_repairs"] + gold["ambiguous_ligature_repairs"]
    anchored = 0
    for i, j in align([e.get("n").strip() for e in pred], [x["n"] for x in notes]):
        start = notes[j]["marker_start"]
        if start is None:
            continue
        window = _repaired(text, max(0, start - 40), start, repairs)
        prev = pred[i].getprevious()
        ctx = (prev.tail if prev is not None else pred[i].getparent().text) or ""
        if prev is not None and not ctx.strip():
            ctx = reading(prev, skip_notes=True)
        before, ctx_words = norm(window).split(), norm(ctx).split()
        anchored += bool(before and ctx_words and before[-1] == ctx_words[-1])
    return anchored


def _repaired(text: str, a: int, b: int, repairs: list[dict[str, Any]]) -> str:
    """``text[a:b]`` with the ligature losses inside it repaired."""
    out, pos = [], a
    for r in sorted((r for r in repairs if a <= r["start"] and r["end"] <= b), key=lambda r: r["start"]):
        out += [text[pos:r["start"]], r["corrected"]]
        pos = r["end"]
    return "".join(out) + text[pos:b]


def duplicates_marked(tei: etree._ElementTree, text: str, gold: dict[str, Any]) -> tuple[int, int]:
    """(words of the repeated copies found inside ``<surplus>``, words of the repeated copies).

    Words are compared as bags, not sequences: the pipeline moves notes to their anchors."""
    surplus = Counter(_words(" ".join(" ".join(e.itertext()) for e in tei.iter(f"{TEI_NS}surplus"))))
    copies = Counter(w for d in gold["duplicates"] for w in _words(text[d["start"]:d["end"]]))
    return sum(min(n, surplus[w]) for w, n in copies.items()), sum(copies.values())


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


@dataclass
class Tally:
    """Micro-averaged counts over many books."""

    counts: dict[str, float] = field(default_factory=dict)
    books: list[tuple[str, dict[str, float]]] = field(default_factory=list)

    def add(self, name: str, row: dict[str, float]) -> None:
        for k, v in row.items():
            self.counts[k] = self.counts.get(k, 0) + v
        self.books.append((name, row))

    def merge(self, other: Tally) -> None:
        for name, row in other.books:
            self.add(name, row)

    def figures(self) -> dict[str, float | None]:
        """The measures of the issue, micro-averaged."""
        c = self.counts.get

        def ratio(part: str, whole: str) -> float | None:
            return c(part, 0) / self.counts[whole] if c(whole) else None

        p, r = ratio("pb tp", "pb pred"), ratio("pb tp", "pb gold")
        return {"books": c("books", 0), "pb P": p, "pb R": r,
                "pb F1": 2 * p * r / (p + r) if p and r else (0.0 if c("pb gold") else None),
                "notes found": ratio("notes found", "notes gold"),
                "notes anchored": ratio("notes anchored", "notes with marker"),
                "anchored after repair": ratio("notes anchored after repair", "notes with marker"),
                "notes text": ratio("notes text", "notes gold"),
                "hyphens restored": _one_minus(ratio("hyphens left", "hyphens gold")),
                "real hyphens lost": c("real hyphens lost", 0),
                "ligatures restored": _one_minus(ratio("ligatures left", "ligatures gold")),
                "heads leaked": c("heads leaked", 0),
                "duplicates marked": ratio("dup words marked", "dup words")}


def _one_minus(x: float | None) -> float | None:
    return None if x is None else 1 - x


def book_row(res: dict[str, Any], gold: dict[str, Any], tei: etree._ElementTree, text: str) -> dict[str, float]:
    """One scored book's counts (the scorer's result plus the benchmark's own measures)."""
    n = res["notes"]
    with_marker = sum(1 for x in gold["notes"] if x["marker_start"] is not None)
    hy, lig = res.get("hyphenation") or {}, res.get("ligatures") or {}
    marked, dup_words = duplicates_marked(tei, text, gold)
    return {"books": 1, "pb tp": res["pb"]["tp"], "pb pred": res["pb"]["pred"], "pb gold": res["pb"]["gold"],
            "notes gold": n["gold"], "notes found": round(n["found"] * n["gold"]),
            "notes text": round(n["text"] * n["gold"]), "notes with marker": with_marker,
            "notes anchored": round(n["anchored"] * with_marker),
            "notes anchored after repair": anchored_after_repair(tei, text, gold),
            "hyphens gold": hy.get("gold", 0), "hyphens left": hy.get("left_broken", 0),
            "real hyphens lost": hy.get("real_hyphens_lost", 0) + hard_hyphens_lost(tei, text, gold),
            "ligatures gold": lig.get("gold", 0), "ligatures left": lig.get("left_broken", 0),
            "heads leaked": res["furniture"]["leaked_into_reading"],
            "dup words marked": marked, "dup words": dup_words}


def run_layout(name: str, seeds: int, pages: int, work: Path) -> Tally:
    """Generate, convert and score ``seeds`` books of one layout."""
    from score import score
    from tei.batch import convert
    from tei.config import Config

    options, restart = LAYOUTS[name]
    options = {**COMMON, **options, "pages": pages}
    config = Config(build_date="1970-01-01", use_model=False)
    tally = Tally()
    for seed in range(seeds):
        text, truth = make_book(seed, **options)
        if restart:
            text, truth = restart_notes_per_page(text, truth)
        stem = work / f"{name}-{seed:03d}"
        raw, gold_path, tei_path = stem.with_suffix(".txt"), stem.with_suffix(".json"), stem.with_suffix(".xml")
        raw.write_text(text, encoding="utf-8")
        gold = truth_to_gold(text, truth, raw.name)
        gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        convert(raw, config, out=tei_path)
        res = score(str(tei_path), str(gold_path), str(raw))
        tally.add(f"{name}-{seed:03d}", book_row(res, gold, etree.parse(str(tei_path)), text))
    return tally


def markdown(rows: dict[str, dict[str, float | None]]) -> str:
    """The figures as a markdown table, one row per layout; values under target are starred."""
    cols = list(next(iter(rows.values())))
    lines = ["| layout | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for name, figs in rows.items():
        lines.append(f"| {name} | " + " | ".join(_cell(k, v) for k, v in figs.items()) + " |")
    return "\n".join(lines)


def _cell(key: str, v: float | None) -> str:
    if v is None:
        return "–"
    if key in ("books",) or key in ZERO:
        return f"{int(v)}" + (" ✗" if key in ZERO and v else "")
    return f"{v:.3f}" + (" ✗" if key in TARGETS and v < TARGETS[key] else "")


def worst(tally: Tally, count: int) -> list[str]:
    """The books that miss a target, worst first per measure."""
    out = []
    for key, low in TARGETS.items():
        per_book = []
        for name, row in tally.books:
            single = Tally()
            single.add(name, row)
            v = single.figures()[key]
            if v is not None and v < low:
                per_book.append((v, name))
        for v, name in sorted(per_book)[:count]:
            out.append(f"{key}: {name} {v:.3f}")
    for key in ZERO:
        bad = sorted(((row[key], name) for name, row in tally.books if row[key]), reverse=True)[:count]
        out += [f"{key}: {name} {int(v)}" for v, name in bad]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=20, help="books per layout")
    ap.add_argument("--pages", type=int, default=8, help="printed pages per book")
    ap.add_argument("--layout", nargs="*", choices=list(LAYOUTS), default=list(LAYOUTS))
    ap.add_argument("--keep", type=Path, help="keep the books, gold and TEI in this folder")
    ap.add_argument("--worst", type=int, default=0, help="list the N worst books of each missed target")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        overall, rows, t0 = Tally(), {}, time.perf_counter()
        for name in args.layout:
            t1 = time.perf_counter()
            tally = run_layout(name, args.seeds, args.pages, work)
            rows[name] = tally.figures()
            overall.merge(tally)
            print(f"{name}: {args.seeds} books in {time.perf_counter() - t1:.1f} s", file=sys.stderr, flush=True)
            if args.worst and worst(tally, args.worst):
                print("\n".join("  " + w for w in worst(tally, args.worst)), file=sys.stderr)
        rows["overall"] = overall.figures()
        print(markdown(rows))
        print(f"\n{int(overall.counts['books'])} books in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
