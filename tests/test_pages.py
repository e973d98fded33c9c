"""Tests for the pages stage: page breaks, running heads, page numbers, noise lines."""

from __future__ import annotations

import pytest

from tests.synth import NUMBER_STYLES, make_book
from tei import pages


def _pbs(doc) -> list[tuple[int, str | None]]:
    return [(s.start, s.attrs.get("n")) for s in doc.spans_of("pb")]


def _fw(doc, kind: str) -> list[str]:
    return [doc.raw[s.start:s.end] for s in doc.spans_of("fw") if s.attrs["type"] == kind]


def _f1(pred: set, gold: set) -> float:
    return 2 * len(pred & gold) / (len(pred) + len(gold)) if pred or gold else 1.0


@pytest.mark.parametrize("first_line, head, number", [
    ("International Realignments Ë 113", "International Realignments", "113"),
    ("113 Chapter Title", "Chapter Title", "113"),
    ("64  FOREIGN RELATIONS, 1918, RUSSIA, VOLUME III", "FOREIGN RELATIONS, 1918, RUSSIA, VOLUME III", "64"),
])
def test_pages_single_page_fused_head(make_doc, config, first_line, head, number):
    body = "into the territory to liquidate military detachments of the day.\nNonetheless, it remained a task.\n"
    doc = pages.run(make_doc(first_line + "\n" + body), config)
    assert _pbs(doc) == [(0, number)]
    assert _fw(doc, "header") == [head]
    assert _fw(doc, "pageNum") == [number]


@pytest.mark.parametrize("printed, n", [("[18o]", "180"), ("[1771", "177"), ("[t88]", "188")])
def test_pages_damaged_number_repaired(make_doc, config, printed, n):
    v = int(n)
    text = (f"[{v - 1}]\nRunning Head Title\n" + "Some body text of the page goes here and on.\n" * 6
            + f"{printed}\nOther Recto Title\n" + "More body text continues on the page here.\n" * 6
            + f"[{v + 1}]\nRunning Head Title\n" + "Last page body text runs on to the end now.\n" * 6)
    doc = pages.run(make_doc(text), config)
    assert [p[1] for p in _pbs(doc)] == [str(v - 1), n, str(v + 1)]
    choices = [s for s in doc.spans_of("choice") if s.kind == "pagenum"]
    assert [(doc.raw[c.start:c.end], c.reading) for c in choices] == [(printed, n)]
    assert [d.code for d in doc.diagnostics] == ["PAG002"]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("style", NUMBER_STYLES)
def test_pages_synthetic_books(make_doc, config, style, seed):
    text, truth = make_book(seed, pages=6 + seed, numbers=style, ocr_damage=0.3, missing_numbers=0.15,
                            junk=0.3, notes_per_page=(0, 3), hyphen_rate=0.1, join_lines=seed % 2 == 1)
    doc = pages.run(make_doc(text), config)
    gold = {(p.start, str(p.n)) for p in truth.pages}
    assert _f1(set(_pbs(doc)), gold) >= 0.98
    heads = {(s.start, s.end) for s in doc.spans_of("fw") if s.attrs["type"] == "header"}
    assert heads == {(a, b) for a, b, _ in truth.heads}


@pytest.mark.parametrize("seed", range(3))
def test_pages_numbers_at_page_foot(make_doc, config, seed):
    text, truth = make_book(seed, pages=8, numbers="bare-bottom")
    doc = pages.run(make_doc(text), config)
    assert _pbs(doc) == [(p.start, str(p.n)) for p in truth.pages]
    assert {s.attrs["place"] for s in doc.spans_of("fw") if s.attrs["type"] == "pageNum"} == {"bottom"}


@pytest.mark.parametrize("text", [
    "A plain paragraph with no page furniture at all.\nAnother line follows it here.\n",
    "Book contents\n- Frontmatter\n- Contents\n- Index\nSummary\nA summary of the book.\n",
    "The list:\n1.\nFirst point of the matter.\n2.\nSecond point.\n7\nAide-Mémoire\n",
])
def test_pages_no_furniture_no_spans(make_doc, config, text):
    doc = pages.run(make_doc(text), config)
    assert doc.spans == []


@pytest.mark.parametrize("line, is_noise", [
    ("}29CH)2.", True), ("? ?", True), ("■", True),
    ("1966), 154?", False), ("M.", False), ("(a)", False), ("* * *", False), ("Aide-Mémoire", False),
])
def test_pages_garbage_lines(line, is_noise):
    assert pages.is_garbage_line(line) is is_noise


@pytest.mark.parametrize("seed", range(2))
def test_pages_gap_reported(make_doc, config, seed):
    text, truth = make_book(seed, pages=6, numbers="bracket")
    gone = truth.pages[3]
    # drop page 4's top furniture (number and head): the sequence jumps over it
    cut_end = text.index("\n", text.index("\n", gone.start) + 1) + 1
    doc = pages.run(make_doc(text[:gone.start] + text[cut_end:]), config)
    assert "PAG001" in [d.code for d in doc.diagnostics]
    assert str(gone.n) not in [n for _, n in _pbs(doc)]


@pytest.mark.parametrize("seed", range(3))
def test_pages_lossless_furniture_only(make_doc, config, seed):
    """Spans with reading="" cover only furniture: every body word of the truth stays readable."""
    text, truth = make_book(seed, pages=6, notes_per_page=(1, 3), junk=0.4)
    doc = pages.run(make_doc(text), config)
    hidden = [(s.start, s.end) for s in doc.spans if s.reading == ""]
    furniture = [(a, b) for a, b, _ in truth.heads] + [p.number for p in truth.pages if p.number]
    for a, b in hidden:
        chunk = text[a:b]
        assert any(fa <= a and b <= fb for fa, fb in furniture) or not any(c.isalpha() for c in chunk) \
            or chunk.strip() in "?•", chunk


def _two_pages(lead: str) -> str:
    body = "Some body text of the page goes here and on for a line.\n" * 6
    return lead + body + "[177]\nRecto Title\n" + body + "[178]\nVerso Title\n" + body


@pytest.mark.parametrize("lead, page_nums, first_n", [
    ("176\n", ["176", "[177]", "[178]"], "176"),    # fits the sequence: the first page's number
    ("184\n", ["[177]", "[178]"], "176"),           # does not fit (a stray fragment): left in the text
])
def test_pages_bare_number_at_document_start(make_doc, config, lead, page_nums, first_n):
    doc = pages.run(make_doc(_two_pages(lead)), config)
    assert _fw(doc, "pageNum") == page_nums
    assert _pbs(doc)[0] == (0, first_n)

