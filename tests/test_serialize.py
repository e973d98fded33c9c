"""Serialising spans into TEI: nesting, notes moved to anchors, nothing of the source lost."""

from __future__ import annotations

import collections
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tei import serialize
from tei.model import TEI_NS, Entity, Note, Span

T = f"{{{TEI_NS}}}"
READING_ONLY = {T + "reg", T + "corr"}


def diplomatic(el: etree._Element) -> str:
    """The body's text with every source form chosen (reg/corr left out)."""
    out = []

    def walk(e: etree._Element) -> None:
        if e.tag in READING_ONLY:
            out.append(e.tail or "")
            return
        out.append(e.text or "")
        for c in e:
            walk(c)
        out.append(e.tail or "")

    out.append(el.text or "")
    for c in el:
        walk(c)
    return "".join(out)


def chars(s: str) -> collections.Counter[str]:
    return collections.Counter(c for c in s if not c.isspace())


def body_of(doc, config) -> etree._Element:
    data = serialize.to_bytes(serialize.to_tei(doc, config))
    root = etree.fromstring(data)
    return root.find(f"{T}text/{T}body")


@pytest.mark.parametrize("text", ["One line.\nTwo lines.\n", "A\n\nB ends here"])
def test_serialize_plain_text_becomes_div_and_ab(make_doc, config, text):
    body = body_of(make_doc(text), config)
    assert body[0].tag == T + "div"
    assert re.sub(r"\s+", " ", diplomatic(body)).strip() == re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("kind,pair", [("hyphen", ("orig", "reg")), ("ligature", ("sic", "corr"))])
def test_serialize_repair_becomes_choice(make_doc, config, kind, pair):
    text = "It was dicult to negotia- te.\n"
    start = text.index("dicult") if kind == "ligature" else text.index("negotia- te")
    end = start + (6 if kind == "ligature" else 11)
    doc = make_doc(text, [Span(0, len(text) - 1, "p"),
                          Span(start, end, "choice", kind=kind, reading="REPAIRED", cert="high")])
    body = body_of(doc, config)
    choice = body.find(f".//{T}choice")
    assert choice.get("ana") == f"#repair-{kind}"
    assert [c.tag for c in choice] == [T + pair[0], T + pair[1]]
    assert choice[0].text == text[start:end]
    assert choice[1].text == "REPAIRED" and choice[1].get("resp") == "#pipeline" and choice[1].get("cert") == "high"


@pytest.mark.parametrize("marker", ["³¹", " 31"])
def test_serialize_note_moves_to_anchor_with_marker_and_label(make_doc, config, marker):
    text = f"Body text ends here.{marker}\nMore body.\n31 The note text.\n"
    m = text.index(marker)
    seg = text.index("31 The")
    note = Note("31", [(seg, len(text) - 1)], label=(seg, seg + 2), anchor=m, marker=(m, m + len(marker)))
    doc = make_doc(text, [Span(0, text.index("31 The") - 1, "p")], [note])
    body = body_of(doc, config)
    el = body.find(f".//{T}note")
    assert el.get("n") == "31" and el.get("place") == "bottom" and el.get("{http://www.w3.org/XML/1998/namespace}id")
    labels = el.findall(f"{T}label")
    assert labels[0].get("type") == "marker" and labels[0].text == marker
    assert labels[1].text == "31"
    prev_text = (el.getparent().text or "") if el.getprevious() is None else el.getprevious().tail
    assert prev_text.rstrip().endswith("here.")
    assert chars(diplomatic(body)) == chars(text)


def test_serialize_unanchored_note_stays_in_place(make_doc, config):
    text = "Para.\n7 A note whose marker is lost.\n"
    seg = text.index("7 A")
    doc = make_doc(text, [Span(0, 5, "p")], [Note("7", [(seg, len(text) - 1)], label=(seg, seg + 1))])
    body = body_of(doc, config)
    note = body.find(f".//{T}note")
    assert note is not None and note.get("n") == "7"
    assert chars(diplomatic(body)) == chars(text)


def test_serialize_entity_ref_points_to_standoff(make_doc, config):
    text = "Lenin went to Moscow.\n"
    doc = make_doc(text, [Span(0, 21, "p"), Span(0, 5, "persName", ref="person-lenin"),
                          Span(14, 20, "placeName", ref="place-moscow")])
    doc.entities["person-lenin"] = Entity("person-lenin", "person", ["Lenin"])
    root = etree.fromstring(serialize.to_bytes(serialize.to_tei(doc, config)))
    ids = set(root.xpath("//@xml:id"))
    refs = [r[1:] for r in root.xpath("//tei:text//@ref", namespaces={"tei": TEI_NS})]
    assert refs == ["person-lenin"]          # place-moscow has no register entry: no dangling ref
    assert set(refs) <= ids


def test_serialize_crossing_spans_dropped_with_warning(make_doc, config):
    text = "Alpha beta gamma.\nDelta.\n"
    doc = make_doc(text, [Span(0, 17, "p"), Span(18, 24, "p"), Span(11, 24, "persName")])
    body = body_of(doc, config)
    assert body.find(f".//{T}persName") is None
    assert [d.code for d in doc.diagnostics] == ["SER001"]


def test_serialize_page_break_and_running_head_inside_paragraph(make_doc, config):
    text = "Start of a para that\nHEAD 12\ncontinues here.\n"
    h = text.index("HEAD 12")
    doc = make_doc(text, [Span(0, len(text) - 1, "p"), Span(h, h, "pb", {"n": "12"}),
                          Span(h, h + 4, "fw", {"type": "header", "place": "top"}, reading=""),
                          Span(h + 5, h + 7, "fw", {"type": "pageNum", "place": "top"}, reading="")])
    body = body_of(doc, config)
    p = body.find(f".//{T}p")
    assert [c.tag for c in p] == [T + "pb", T + "fw", T + "fw"]
    assert p[0].get("n") == "12"


def test_serialize_output_is_deterministic(make_doc, config):
    text = "Same input.\n"
    a = serialize.to_bytes(serialize.to_tei(make_doc(text), config))
    b = serialize.to_bytes(serialize.to_tei(make_doc(text), config))
    assert a == b


def test_serialize_write_atomic_leaves_no_temp_file(tmp_path):
    target = tmp_path / "x" / "out.xml"
    serialize.write_atomic(target, b"<a/>")
    assert target.read_bytes() == b"<a/>"
    assert [p.name for p in target.parent.iterdir()] == ["out.xml"]


_TAGS = ["p", "persName", "placeName", "date", "fw", "choice", "surplus", "head", "quote"]


@st.composite
def documents(draw):
    alphabet = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufffe\uffff",
                             max_codepoint=0x2FF).filter(lambda c: c in "\n\t" or ord(c) >= 0x20)
    text = draw(st.text(alphabet, min_size=1, max_size=80))
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 8))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        tag = draw(st.sampled_from(_TAGS + ["pb"]))
        if tag == "pb":
            spans.append(Span(a, a, "pb", {"n": "1"}))
        elif b > a:
            reading = "X" if tag == "choice" else ("" if tag in ("fw", "surplus") else None)
            spans.append(Span(a, b, tag, reading=reading, kind="ocr" if tag == "choice" else ""))
    return text, spans


@given(documents())
def test_serialize_random_spans_always_give_wellformed_lossless_tei(case):
    from tests.conftest import build_doc
    from tei.config import Config

    text, spans = case
    doc = build_doc(text, spans)
    data = serialize.to_bytes(serialize.to_tei(doc, Config(build_date="1970-01-01")))
    root = etree.fromstring(data)
    body = root.find(f"{T}text/{T}body")
    assert chars(diplomatic(body)) == chars(text.replace("\x0c", "\n"))
    assert all(d.code == "SER001" for d in doc.diagnostics)


def test_serialize_note_anchored_at_paragraph_end_stays_inside(make_doc, config):
    text = "A paragraph ends.\n5 The note.\n"
    end = text.index("\n")
    seg = text.index("5 The")
    doc = make_doc(text, [Span(0, end, "p")], [Note("5", [(seg, len(text) - 1)], label=(seg, seg + 1), anchor=end)])
    body = body_of(doc, config)
    assert body.find(f".//{T}p/{T}note") is not None
