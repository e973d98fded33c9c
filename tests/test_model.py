"""The document model: reading text and the source map between it and the untouched source."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei.model import Note, SourceMap, Span


@pytest.mark.parametrize("raw,edits,reading", [
    ("abc", [], "abc"),
    ("negotia- tions now", [(0, 14, "negotiations")], "negotiations now"),
    ("HEAD\nbody", [(0, 4, "")], "\nbody"),
    ("a dicult b", [(2, 8, "difficult")], "a difficult b"),
])
def test_model_sourcemap_builds_reading_text(raw, edits, reading):
    assert SourceMap(raw, edits).text == reading


@pytest.mark.parametrize("pos,side,expected", [
    (0, "start", 0), (2, "start", 2), (3, "start", 2), (11, "end", 8), (12, "start", 9), (13, "end", 10),
])
def test_model_sourcemap_maps_into_and_around_edits(pos, side, expected):
    m = SourceMap("a dicult b", [(2, 8, "difficult")])
    assert m.to_raw(pos, side) == expected


def test_model_document_reading_text_leaves_out_furniture_and_markers(make_doc):
    text = "HEAD\nWord.³¹ more dicult\n"
    m = text.index("³¹")
    d = text.index("dicult")
    doc = make_doc(text, [Span(0, 4, "fw", reading=""), Span(d, d + 6, "choice", kind="ligature", reading="difficult")],
                   [Note("31", [(0, 0)], marker=(m, m + 2), anchor=m)])
    assert doc.text == "\nWord. more difficult\n"
    s = doc.text.index("difficult")
    span = doc.add_from_reading(s, s + len("difficult"), "date")
    assert (span.start, span.end) == (d, d + 6)


def test_model_document_location_is_one_based(make_doc):
    doc = make_doc("ab\ncd\n")
    loc = doc.location(4)
    assert (loc.line, loc.col) == (2, 2)


def test_model_add_rejects_span_outside_text(make_doc):
    doc = make_doc("abc")
    with pytest.raises(ValueError):
        doc.add(Span(2, 9, "p"))


@given(st.text(min_size=0, max_size=60), st.data())
def test_model_sourcemap_offsets_are_monotone_and_in_range(raw, data):
    n = len(raw)
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=6)))
    edits = []
    for a, b in zip(cuts[0::2], cuts[1::2]):
        if edits and a < edits[-1][1]:
            continue
        edits.append((a, b, data.draw(st.text(max_size=4))))
    m = SourceMap(raw, edits)
    prev = 0
    for i in range(len(m.text) + 1):
        r = m.to_raw(i, "start")
        assert 0 <= r <= n and r >= prev
        prev = r
    for i in range(n + 1):
        assert 0 <= m.to_reading(i) <= len(m.text)
