"""Tests for the repeats stage: passages the extraction repeated."""

from __future__ import annotations

import time

import json

import pytest

from tests.conftest import SEEDS, SHARED
from tests.synth import make_book
from tei import pages, repeats
from tei.model import Span


def _surplus(doc) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.spans_of("surplus")]


TOC = ("- Frontmatter\n- Abbreviations\n- Introduction: Striving for acceptance\n- 1 The first government\n"
       "- 2 The policy of doing nothing\n- Conclusions\n- Bibliography\n- Index")
LONG = "The quick extraction repeated this line of text because the PDF had two layers."


@pytest.mark.parametrize("text, marked", [
    (f"Intro line.\n{LONG}\n{LONG}\nAfter.\n", [LONG]),                      # back to back
    ("Accept [etc.]\nBody text one.\nAccept [etc.]\n", []),                   # a short phrase recurs
    (f"{LONG}\nA memorandum follows here.\n{LONG}\n", []),                      # a heading line over two documents
    (f"Contents\n{TOC}\n{TOC}\nSummary\n", [TOC]),                              # a list given twice
])
def test_repeats_marks_later_copy(make_doc, config, text, marked):
    doc = repeats.run(make_doc(text, provided=("raw", "pages")), config)
    assert [text[a:b] for a, b in _surplus(doc)] == marked
    assert all(s.reading == "" and s.attrs == {"reason": "repeated"} for s in doc.spans_of("surplus"))
    assert [d.code for d in doc.diagnostics] == ["REP001"] * len(marked)


@pytest.mark.parametrize("text", [
    "Chapter Title\nfirst page text that is long enough to matter in the test.\nChapter Title\nsecond.\n",
])
def test_repeats_skips_furniture(make_doc, config, text):
    head = [Span(0, 13, "fw", attrs={"type": "header"}, reading=""),
            Span(text.rindex("Chapter"), text.rindex("Chapter") + 13, "fw", attrs={"type": "header"}, reading="")]
    doc = repeats.run(make_doc(text, spans=head, provided=("raw", "pages")), config)
    assert _surplus(doc) == []


@pytest.mark.parametrize("seed", range(4))
def test_repeats_synthetic_repeated_pages(make_doc, config, seed):
    text, truth = make_book(seed, pages=8, repeat_pages=2 + seed % 2, notes_per_page=(1, 3))
    doc = pages.run(make_doc(text), config)
    doc = repeats.run(doc, config)
    (rep,) = truth.repeats
    marked = _surplus(doc)
    assert len(marked) == 1
    a, b = marked[0]
    assert a == rep.start and b == len(text.rstrip("\n"))
    assert not [s for s in doc.spans_of("pb") if a <= s.start < b]
    assert [int(s.attrs["n"]) for s in doc.spans_of("pb")] == [p.n for p in truth.pages if not p.copy]


@pytest.mark.parametrize("seed", [7])
def test_repeats_no_false_marks_without_repeats(make_doc, config, seed):
    text, _ = make_book(seed, pages=12, notes_per_page=(1, 3))
    doc = repeats.run(pages.run(make_doc(text), config), config)
    assert _surplus(doc) == []


@pytest.mark.parametrize("pages_n", [60])
def test_repeats_fast_on_long_input(make_doc, config, pages_n):
    text, _ = make_book(3, pages=pages_n, repeat_pages=10)
    assert len(text) > 100_000
    doc = make_doc(text, provided=("raw", "pages"))
    t0 = time.perf_counter()
    repeats.run(doc, config)
    assert time.perf_counter() - t0 < 1.0
    assert len(_surplus(doc)) == 1


@pytest.mark.parametrize("gold_name", ["002_1c0feaee1940107d"])
def test_repeats_seed_gold_duplicates(make_doc, config, gold_name):
    """Seed 002 lists its table of contents twice; the gold marks the second copy."""
    gold = json.loads((SHARED / "eval" / "dev" / f"{gold_name}.json").read_text())
    text = (SEEDS / f"{gold_name}.txt").read_text(encoding="utf-8")
    doc = repeats.run(pages.run(make_doc(text), config), config)
    assert _surplus(doc) == [(d["start"], d["end"] - (text[d["end"] - 1] == "\n")) for d in gold["duplicates"]]


@pytest.mark.parametrize("tail", [".\n", ").\n"])
def test_repeats_copy_takes_in_punctuation_only_last_line(make_doc, config, tail):
    """A note whose last printed line is only punctuation must stay inside the repeated copy
    (docs/quality.md: the surplus used to stop before it, cut the note and get dropped)."""
    body = "".join(f"Line {k} of a page that is long enough to count as real content here.\n" for k in range(3))
    text = "Intro paragraph that is not repeated anywhere else at all.\n" + body + tail + body + tail + "End.\n"
    doc = repeats.run(make_doc(text, provided=("raw", "pages")), config)
    (surplus,) = doc.spans_of("surplus")
    copy = text.index(body, text.index(body) + 1)
    assert (surplus.start, surplus.end) == (copy, copy + len(body) + len(tail) - 1)
