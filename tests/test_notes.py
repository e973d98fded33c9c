"""Tests for the notes stage: foot notes found at page feet and linked to their markers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tei import notes
from tei.config import Config
from tei.model import Document, Span

ROOT = Path(__file__).resolve().parent.parent
SEEDS, SHARED = ROOT / "seeds", ROOT.parent / "shared"


def paged(pages: list[list[str]], heads: bool = True) -> tuple[str, list[Span]]:
    """Raw text and pb/fw spans for pages given as lists of lines (a running head on top)."""
    raw, spans = "", []
    for k, lines in enumerate(pages):
        spans.append(Span(len(raw), len(raw), "pb", attrs={"n": str(10 + k)}))
        if heads:
            head = f"{10 + k} A HISTORY OF THINGS"
            spans.append(Span(len(raw), len(raw) + len(head), "fw",
                              attrs={"type": "header", "place": "top"}, reading=""))
            raw += head + "\n"
        raw += "\n".join(lines) + "\n"
    return raw, spans


def run_notes(make_doc, raw: str, spans=()) -> Document:
    doc = make_doc(raw, spans=spans, provided=("raw", "pages", "repeats"))
    return notes.run(doc, Config(build_date="1970-01-01"))


def marker_word(doc: Document, note) -> str:
    """The word the note stands after (as the scorer reads it), or "" when unanchored."""
    if note.anchor is None:
        return ""
    return re.findall(r"\w[\w'-]*", doc.raw[max(0, note.anchor - 40):note.anchor])[-1]


def by_n(doc: Document) -> dict[str, object]:
    return {n.n: n for n in doc.notes}


@pytest.mark.parametrize("body, before", [
    ("the émigré Azeris.³¹(Techni-\ncally speaking it was allowed.", "Azeris"),
    ("to check up with Mr. Frazar31 the situation there.", "Frazar"),
    ("For Crosby from Rathbone:31\nEmbassy reports.", "Rathbone"),
    ('threatens both countries. "31\nThe harsh peace terms.', 'countries'),
    ("rested on the Turkish Communist movement. 31\nAs discussed.", "movement"),
    ("a coup d'etat in January 1921. 31 This move appeared.", "1921"),
    ("[Enclosure—Translation]\n31\nAide-Mémoire of the envoy.", "Translation"),
])
def test_notes_marker_forms(make_doc, body, before):
    raw, spans = paged([[body, "31 Mamoulia, Les combats, 132."]])
    doc = run_notes(make_doc, raw, spans)
    assert [n.n for n in doc.notes] == ["31"]
    note = doc.notes[0]
    assert raw[note.marker[0]:note.marker[1]] in ("31", "³¹")
    assert note.anchor <= note.marker[0] and raw[:note.anchor].endswith(before)
    assert not raw[note.anchor:note.marker[0]].strip(".,;:)]\"' \n")
    assert raw[note.segments[0][0]:note.segments[0][1]] == "31 Mamoulia, Les combats, 132."
    assert raw[note.label[0]:note.label[1]] == "31"
    assert doc.diagnostics == []


@pytest.mark.parametrize("body", [
    "Tokyo, December 3, 1918, 1 a.m. came the reply.",
    "See vol. 1 of the series for the details.",
    "The order of 1 March was obeyed by the army.",
    "On page p. 1 the editor explains it all.",
    "1. British plan for special ruble currency is considered.",
    "It cost 1 000 roubles; 1921-1 was the year.",
])
def test_notes_years_refs_and_quantities_are_not_markers(make_doc, body):
    raw, spans = paged([[body, "1 Oscar T. Crosby, delegate of the Treasury."]])
    doc = run_notes(make_doc, raw, spans)
    assert [(n.n, n.marker) for n in doc.notes] == [("1", None)]
    assert [d.code for d in doc.diagnostics] == ["NOT001"]


@pytest.mark.parametrize("label, value", [("l91", "191"), ("19l", "191"), ("1 91", "191")])
def test_notes_mangled_labels_read_through_the_sequence(make_doc, label, value):
    body = ["A long story of the era. 190 It went on. 191 More came. 192", "and the rest."]
    feet = ["190 First note here.", f"{label} Second note here.", "192 Third note here."]
    raw, spans = paged([body + feet])
    doc = run_notes(make_doc, raw, spans)
    assert [n.n for n in doc.notes] == ["190", value, "192"]
    assert all(n.marker for n in doc.notes)


@pytest.mark.parametrize("junk", ["m", "I%"])
def test_notes_garbled_label_fills_a_hole(make_doc, junk):
    body = ["Events moved fast. 176 Then more. 177 And more. 178", "The end of the page."]
    feet = ["176 The first note.", f"{junk} See Allen S. Whiting, Soviet Policies.", "178 The third note."]
    raw, spans = paged([body + feet])
    doc = run_notes(make_doc, raw, spans)
    assert [n.n for n in doc.notes] == ["176", "177", "178"]
    assert raw[doc.notes[1].segments[0][0]:].startswith(junk + " See Allen")
    assert all(n.marker for n in doc.notes)


@pytest.mark.parametrize("lost", ["57", "58"])
def test_notes_lost_leading_digit(make_doc, lost):
    feet = [f"{lost} The first note.", "158 The second note.", "159 The third note."]
    raw, spans = paged([["Body text ends here. 158 and 159 are not markers here.", *feet]])
    doc = run_notes(make_doc, raw, spans)
    want = ["157", "158", "159"] if lost == "57" else ["158", "159"]
    assert [n.n for n in doc.notes] == want


def test_notes_continue_over_page_break(make_doc):
    p1 = ["The workers spoke. 159", "159 After meeting with the Council, Kamenev wired that in this"]
    p2 = ["Lloyd George was still committed. 160", "lies your chief task. Ullman, Accord, 224.",
          "160 The text of the agreement is reprinted."]
    raw, spans = paged([p1, p2])
    doc = run_notes(make_doc, raw, spans)
    n159 = by_n(doc)["159"]
    assert len(n159.segments) == 2
    assert raw[n159.segments[1][0]:n159.segments[1][1]] == "lies your chief task. Ullman, Accord, 224."
    assert by_n(doc)["160"].marker is not None


def test_notes_continuation_is_not_body_with_markers(make_doc):
    p1 = ["The workers spoke. 169", "169 The"]
    p2 = ["on the Turkish Straits the regime fell. 170", "170 See Kapur, Soviet Russia and Asia."]
    raw, spans = paged([p1, p2])
    doc = run_notes(make_doc, raw, spans)
    assert len(by_n(doc)["169"].segments) == 1
    assert by_n(doc)["170"].marker is not None


def test_notes_several_on_one_line_and_out_of_order(make_doc):
    body = ['central Asia. "171', "the Communist movement. 172", "between Moscow and Kabul. 170 Like the Persians."]
    feet = ["171 Bolshevik Revolution, 3:292. 172 Ibid., 3:244-47.", "170 The treaty."]
    raw, spans = paged([body + feet])
    doc = run_notes(make_doc, raw, spans)
    got = {n.n: (raw[n.segments[0][0]:n.segments[0][1]], marker_word(doc, n)) for n in doc.notes}
    assert got == {"171": ("171 Bolshevik Revolution, 3:292.", "Asia"),
                   "172": ("172 Ibid., 3:244-47.", "movement"),
                   "170": ("170 The treaty.", "Kabul")}


def test_notes_wrapped_note_text_and_interleaved_furniture(make_doc):
    lines = ["in-exile in Paris, but did not carry on.³²", "These events made it difficult.",
             "32 See National Republic of Georgia: Hearings before the Committee",
             "PAGE FURNITURE", "on Foreign Affairs, House of Representatives, 1926."]
    raw, spans = paged([lines])
    fw_at = raw.index("PAGE FURNITURE")
    spans.append(Span(fw_at, fw_at + len("PAGE FURNITURE"), "fw", attrs={"type": "garbage"}, reading=""))
    doc = run_notes(make_doc, raw, spans)
    (note,) = doc.notes
    texts = [raw[a:b] for a, b in note.segments]
    assert texts[0].startswith("32 See National") and texts[-1].endswith("1926.")
    assert all("PAGE FURNITURE" not in t for t in texts)


def test_notes_numbering_restarts_per_page(make_doc):
    p1 = ["The Minister to-day1 handed me the plan for the Railways:2", "1 Dated Dec. 2.", "2 Text corrected."]
    p2 = ["The hopeful factor is the effort of Hara1 and others.", "Morris", "1 Takashi Hara, Prime Minister."]
    raw, spans = paged([p1, p2])
    doc = run_notes(make_doc, raw, spans)
    assert [(n.n, marker_word(doc, n)) for n in doc.notes] == [("1", "to-day"), ("2", "Railways"),
                                                                ("1", "Hara")]


@pytest.mark.parametrize("lines", [
    ["- 1 Soviet Russia and the first Labour Government", "- 2 The policy of doing nothing"],
    ["1. Believe steps should be taken.", "2. French offer has not changed.", "3. War Trade Board instructing."],
    ["The year was long and hard.", "1921 the Soviets signed the treaty with Persia."],
    ["From May to July", "1862 the city was occupied, and in the winter of", "1863 the army rested."],
])
def test_notes_numbered_body_lines_are_not_notes(make_doc, lines):
    raw, spans = paged([["Some text about the period."] + lines])
    doc = run_notes(make_doc, raw, spans)
    assert doc.notes == []


def test_notes_unmatched_superscript_reported_and_kept(make_doc):
    raw, spans = paged([["He spoke.⁴ Then left.⁵", "5 The note five."]])
    doc = run_notes(make_doc, raw, spans)
    assert [n.n for n in doc.notes] == ["5"]
    assert [d.code for d in doc.diagnostics] == ["NOT002"]
    assert "⁴" not in "".join(raw[n.marker[0]:n.marker[1]] for n in doc.notes if n.marker)


def test_notes_surplus_copy_keeps_its_own_markers(make_doc):
    page = ["The treaty was signed. 12 More text.", "12 See the treaty text."]
    raw, spans = paged([page, page])
    second = next(s.start for s in spans if s.tag == "pb" and s.start > 0)
    spans.append(Span(second, len(raw), "surplus", attrs={"reason": "repeated"}, reading=""))
    doc = run_notes(make_doc, raw, spans)
    first, copy = doc.notes
    assert first.marker[1] <= first.segments[0][0] < second
    assert second <= copy.marker[0] < copy.segments[0][0]


def test_notes_marker_on_neighbouring_page(make_doc):
    p1 = ["The commission heard of it from Preston,2", "and then it ended."]
    p2 = ["Nothing more came.", "2 Charles L. Preston, representative in Siberia."]
    raw, spans = paged([p1, p2])
    doc = run_notes(make_doc, raw, spans)
    assert [(n.n, marker_word(doc, n)) for n in doc.notes] == [("2", "Preston")]


def test_notes_without_pages_the_text_is_one_page(make_doc):
    raw = "A sentence ends here.¹\nAnother follows.\n1 The only note.\n"
    doc = run_notes(make_doc, raw)
    assert [(n.n, raw[n.marker[0]:n.marker[1]]) for n in doc.notes] == [("1", "¹")]


def test_notes_seed_000_matches_gold(make_doc):
    gold = json.loads((SHARED / "eval/dev/000_b7f73842bc1c9dd8.json").read_text(encoding="utf-8"))
    raw = next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8")
    first = raw.split("\n", 1)[0]
    spans = [Span(0, 0, "pb", attrs={"n": "113"}),
             Span(0, len(first), "fw", attrs={"type": "header", "place": "top"}, reading="")]
    doc = run_notes(make_doc, raw, spans)
    got = [(n.n, n.segments[0][0], n.segments[-1][1], n.marker[0]) for n in doc.notes]
    want = [(g["n"], g["text_start"], g["text_end"], g["marker_start"]) for g in gold["notes"]]
    assert got == want


WORDS = st.sampled_from(["the", "treaty", "was", "signed", "Moscow", "army", "of", "and", "in", "power"])


@st.composite
def synthetic_book(draw):
    """Pages of body text with note markers in known places and the notes at their feet."""
    start = draw(st.integers(1, 300))
    restart = draw(st.booleans())
    n, pages, truth = start, [], []
    for _ in range(draw(st.integers(1, 4))):
        if restart:
            n = 1
        body, feet = [], []
        for _ in range(draw(st.integers(0, 3))):
            words = draw(st.lists(WORDS, min_size=4, max_size=12))
            style = draw(st.sampled_from(["glued", "bare", "punct"]))
            word = draw(WORDS)
            mark = {"glued": f"{word.capitalize()}{n}", "bare": f"{word}. {n}", "punct": f"{word},{n}"}[style]
            tail = " ".join(draw(st.lists(WORDS, min_size=1, max_size=5)))
            body.append(" ".join(words) + f" {mark} " + (tail.capitalize() if style == "bare" else tail))
            feet.append(f"{n} " + " ".join(w.capitalize() for w in draw(st.lists(WORDS, min_size=3, max_size=8))) + ".")
            truth.append((str(n), word.capitalize() if style == "glued" else word))
            n += 1
        body.append("Year 1921 came and 1 000 men left in 1922 for good.")
        pages.append(body + feet)
    return pages, truth


@given(synthetic_book())
def test_notes_synthetic_books_found_and_anchored(book):
    pages, truth = book
    raw, spans = paged(pages)
    doc = run_notes(lambda text, spans, provided: Document(raw=text, spans=list(spans)), raw, spans)
    assert [(n.n, marker_word(doc, n)) for n in doc.notes] == truth
    for note in doc.notes:
        assert raw[note.segments[0][0]:note.segments[0][1]].startswith(note.n + " ")


@pytest.mark.parametrize("options", [
    {"notes_per_page": (0, 3)},
    {"notes_per_page": (1, 4), "junk": 0.3, "ocr_damage": 0.3, "marker_style": "glued"},
    {"notes_per_page": (1, 3), "join_lines": True, "hyphen_rate": 0.2, "marker_style": "bare"},
    {"notes_per_page": (1, 3), "marker_style": "super", "numbers": "bare-bottom"},
])
def test_notes_synth_books_after_the_pages_stage(options):
    """On generated books (pages and repeats stages first) notes are found, complete and anchored."""
    from tei import pages, repeats
    from tests.synth import make_book

    config = Config(build_date="1970-01-01")
    gold = found = anchored = 0
    for seed in range(12):
        text, truth = make_book(seed, pages=5, **options)
        doc = Document(raw=text)
        for stage in (pages, repeats, notes):
            doc = stage.run(doc, config)
        by_label = {n.segments[0][0]: n for n in doc.notes}
        for t in truth.notes:
            if t.marker == (0, 0):
                continue                    # the generator placed no marker for this note
            gold += 1
            note = by_label.get(t.label[0])
            if note and note.n == str(t.n) and note.segments[-1][1] >= t.text[1] - 1:
                found += 1
                anchored += note.marker is not None and note.marker[0] == t.marker[0]
    assert gold and found / gold >= 0.97 and anchored / gold >= 0.95


def turned(before: list[str], top: list[str], after: list[str]) -> tuple[str, list[Span]]:
    """Two pages where the second's number stands first, then ``top`` lines, then its running head."""
    raw, spans = paged([before])
    spans.append(Span(len(raw), len(raw), "pb", attrs={"n": "11"}))
    spans.append(Span(len(raw), len(raw) + 4, "fw", attrs={"type": "pageNum", "place": "top"}, reading=""))
    raw += "[11]\n" + "".join(line + "\n" for line in top)
    head = "A HISTORY OF THINGS"
    spans.append(Span(len(raw), len(raw) + len(head), "fw", attrs={"type": "header", "place": "top"}, reading=""))
    raw += head + "\n" + "\n".join(after) + "\n"
    return raw, spans


@pytest.mark.parametrize("last_note, top, joined", [
    ("170 The", ["main dispute concerned the emir. See Kapur, Asia, 222."], True),
    ("170 The", ["main dispute concerned", "the emir of Bokhara. See Kapur, 222."], True),
    ("170 The treaty was signed.", ["main dispute concerned the emir. See Kapur, 222."], False),
    ("170 The", ["Main dispute concerned the emir. See Kapur, 222."], False),
    ("170 The", ["main dispute concerned the emir. 171"], False),
])
def test_notes_continuation_displaced_before_running_head(make_doc, last_note, top, joined):
    before = ["A formal note to Moscow proposing diplomatic rela-", last_note]
    after = ["tions and a joint struggle. 171", "The treaty was signed. 171 See the treaty."]
    raw, spans = turned(["Kabul and Moscow met. 170"] + before, top, after)
    doc = run_notes(make_doc, raw, spans)
    n170 = by_n(doc)["170"]
    texts = [raw[a:b] for a, b in n170.segments]
    assert (texts[-1] == top[-1] if len(top) == 1 else texts[-1].endswith(top[-1])) is joined
    assert all("tions and" not in t for t in texts)


@pytest.mark.parametrize("above, below, joined", [
    ("the government. At-", "tempts to organize were vain.", False),   # "Attempts": the body runs on
    ("the government. Rela-", "tions grew worse.", False),
    ("the government. Nothing", "edited his speech. See Ullman, 62.", True),
    ("the army marched on. Zy-", "edited his speech. See Ullman, 62.", True),   # no word "Zyedited"
])
def test_notes_body_running_on_is_not_a_continuation(make_doc, above, below, joined):
    p1 = ["The workers spoke. 196", "196 Lenin personally"]
    p2 = ["Cooperation grew. 197", above, below, "197 As Freund points out."]
    raw, spans = paged([p1, p2])
    doc = run_notes(make_doc, raw, spans)
    assert (len(by_n(doc)["196"].segments) == 2) is joined
    assert by_n(doc)["197"].marker is not None


@pytest.mark.parametrize("last_line, joined", [
    ("the Soviet reply. See Ullman, Accord, 224.", True),
    ("the Soviet reply was slow and", False),     # the body's last line, cut mid-sentence
])
def test_notes_continuation_ends_a_sentence(make_doc, last_line, joined):
    p1 = ["The workers spoke. 159", "159 After meeting the Council, Kamenev wired that in this"]
    p2 = ["Lloyd George was still committed. 160", "lies your chief task and", last_line,
          "160 The text of the agreement is reprinted."]
    raw, spans = paged([p1, p2])
    doc = run_notes(make_doc, raw, spans)
    assert (len(by_n(doc)["159"].segments) == 2) is joined


@pytest.mark.parametrize("upper, body, found", [
    (["201 According to Ullman, the trade.", "202 See Uldricks, Russia."],
     "considerable suspicion. 201 And preparations. 202", ["201", "202", "157", "158"]),
    (["23 The chapter ends here.", "24 Ibid., 12."], "the chapter ends. 23 And so. 24", ["23", "24", "1", "2"]),
    (["23 Believe steps should be taken.", "24 French offer has not changed."], "No markers at all here.",
     ["1", "2"]),
])
def test_notes_upper_run_in_another_numbering(make_doc, upper, body, found):
    low = ["157 Soviet officials knew it.", "158 Kamenev omitted it."] if found[-1] == "158" else \
        ["1 Takashi Hara, Prime Minister.", "2 Dated Dec. 2."]
    marks = "Lloyd George spoke. 157 Kamenev too. 158" if found[-1] == "158" else "Hara1 and the plan:2"
    raw, spans = paged([[marks, body] + upper + low])
    doc = run_notes(make_doc, raw, spans)
    assert [n.n for n in doc.notes] == found
    assert all(n.marker is not None for n in doc.notes)


def test_notes_bracketed_labels_and_markers(make_doc):
    """Editions print ``[36]`` both in the text and before the note."""
    raw, spans = paged([["as described by Morga. [36] The city grew [37] fast.",
                         "[36] Morga, p. 323.\n[37] Mallat, i, p. 389."]])
    doc = run_notes(make_doc, raw, spans)
    assert [n.n for n in doc.notes] == ["36", "37"]
    assert [raw[n.marker[0]:n.marker[1]] for n in doc.notes] == ["[36]", "[37]"]
    assert [marker_word(doc, n) for n in doc.notes] == ["Morga", "grew"]


def test_notes_gutenberg_footnote_labels(make_doc):
    raw, spans = paged([["as described by Morga. [1] The city grew.",
                         "[Footnote 1: Morga, p. 323.]"]])
    doc = run_notes(make_doc, raw, spans)
    assert [n.n for n in doc.notes] == ["1"]
    assert raw[doc.notes[0].label[0]:doc.notes[0].label[1]] == "[Footnote 1:"
    assert marker_word(doc, doc.notes[0]) == "Morga"
