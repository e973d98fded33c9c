"""The restoration benchmark's gold conversion: synthetic truth -> the shared gold JSON format."""

from __future__ import annotations

import pytest

from tests.bench_restore import restart_notes_per_page, truth_to_gold
from tests.synth import SUPERSCRIPT, make_book

BOOKS = {
    "pdf": dict(numbers="fused", marker_style="super", ligature_rate=1.0, hyphen_rate=0.2),
    "ocr": dict(numbers="bracket", ocr_damage=0.5, missing_numbers=0.3, junk=0.3, marker_style="glued",
                join_lines=True, hyphen_rate=0.2),
    "repeats": dict(numbers="bare-bottom", repeat_pages=2, hyphen_rate=0.2, ligature_rate=0.5),
}


@pytest.mark.parametrize("options", BOOKS.values(), ids=BOOKS.keys())
def test_bench_restore_gold_spans_index_the_raw_text(options):
    text, truth = make_book(5, pages=5, notes_per_page=(1, 3), **options)
    gold = truth_to_gold(text, truth, "book.txt")
    assert gold["source"] == "book.txt"
    for h in gold["hyphenations"]:
        assert text[h["start"]:h["end"]] == h["surface"]
        assert h["kind"] == "intact" or "\n" in h["surface"] or "- " in h["surface"]
    for x in gold["ligature_repairs"] + gold["ambiguous_ligature_repairs"]:
        assert text[x["start"]:x["end"]] == x["surface"] and len(x["corrected"]) > len(x["surface"])
    for f in gold["furniture"]:
        assert text[f["start"]:f["end"]] == f["text"]
    for note in gold["notes"]:
        assert text[note["text_start"]:].startswith(note["label_text"] + " " + note["first_words"].split()[0])
        if note["marker_start"] is not None:
            assert text[note["marker_start"]:note["marker_end"]] == note["marker_text"]


@pytest.mark.parametrize("options", BOOKS.values(), ids=BOOKS.keys())
def test_bench_restore_gold_pages_follow_the_printed_sequence(options):
    text, truth = make_book(7, pages=6, **options)
    gold = truth_to_gold(text, truth)
    numbers = [int(p["n"]) for p in gold["pages"]]
    assert numbers == list(range(numbers[0], numbers[0] + 6))
    for p in gold["pages"]:
        assert p["inferred"] == (p["marker_text"] is None)
        assert p["inferred"] or p["marker_text"] == text[p["start"]:p["end"]]


def test_bench_restore_gold_duplicates_cover_the_copy():
    text, truth = make_book(3, pages=5, repeat_pages=2)
    gold = truth_to_gold(text, truth)
    [dup] = gold["duplicates"]
    rep = truth.repeats[0]
    assert text[dup["start"]:dup["end"]] == text[rep.of_start:rep.of_end]
    assert all(p["start"] < dup["start"] for p in gold["pages"])


def test_bench_restore_ambiguous_ligature_losses_are_set_apart():
    text, truth = make_book(11, pages=6, ligature_rate=1.0)
    gold = truth_to_gold(text, truth)
    assert len(gold["ligature_repairs"]) + len(gold["ambiguous_ligature_repairs"]) == len(truth.ligatures)
    words = {w.strip(".,").lower() for w in text.split()}
    plain = {x["surface"].lower() for x in gold["ligature_repairs"]}
    assert plain and all(s in words for s in plain)
    assert not {x["surface"].lower() for x in gold["ambiguous_ligature_repairs"]} & {"difficult", "office"}


@pytest.mark.parametrize("marker_style", ["bare", "super", "glued"])
def test_bench_restore_restarted_notes_count_from_one_on_each_page(marker_style):
    text, truth = make_book(4, pages=5, notes_per_page=(2, 3), marker_style=marker_style, hyphen_rate=0.2,
                            ligature_rate=0.5)
    new_text, new = restart_notes_per_page(text, truth)
    starts = sorted(p.start for p in new.pages)
    for note in new.notes:
        assert new_text[note.label[0]:note.label[1]] == str(note.n)
        if note.marker_style:
            want = str(note.n).translate(SUPERSCRIPT) if marker_style == "super" else str(note.n)
            assert new_text[note.marker[0]:note.marker[1]] == want
    first_on_page = [min(x.n for x in new.notes if max(s for s in starts if s <= x.label[0]) == s)
                     for s in starts if any(max(t for t in starts if t <= x.label[0]) == s for x in new.notes)]
    assert set(first_on_page) == {1}
    for old, moved in zip(truth.hyphens + truth.ligatures, new.hyphens + new.ligatures):
        assert new_text[moved.start:moved.end] == text[old.start:old.end]
    for old, moved in zip(truth.heads, new.heads):
        assert new_text[moved[0]:moved[1]] == text[old[0]:old[1]]


def test_bench_restore_restart_refuses_books_with_repeats():
    text, truth = make_book(3, pages=4, repeat_pages=1)
    with pytest.raises(ValueError):
        restart_notes_per_page(text, truth)
