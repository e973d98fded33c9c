"""Tests for the clean stage: line-break hyphens, lost ligatures, OCR noise."""

from __future__ import annotations

import time

import pytest

from tei import clean
from tei.model import Note, Span
from tests.conftest import SEEDS, build_doc

PROSE = ("The committee met in the spring and discussed the question of trade with the other "
         "governments of the region at some length before it reported to the ministers.\n")


def repairs(doc, kind=None):
    return [s for s in doc.spans if s.stage == "clean" and (kind is None or s.kind == kind)]


def cleaned(make_doc, config, text, **kw):
    return clean.run(make_doc(text, **kw), config)


@pytest.mark.parametrize("text, surface, word", [
    ("the negotia- tions were long", "negotia- tions", "negotiations"),
    ("it was Techni-\ncally allowed", "Techni-\ncally", "Technically"),
    ("a diffi¬\nculty remained", "diffi¬\nculty", "difficulty"),
    ("their wish- ful thinking", "wish- ful", "wishful"),
    ("read by Ull- man and others", "Ull- man", "Ullman"),
])
def test_clean_joins_line_break_hyphen(make_doc, config, text, surface, word):
    doc = cleaned(make_doc, config, text)
    [span] = repairs(doc)
    assert (doc.raw[span.start:span.end], span.kind, span.reading) == (surface, "hyphen", word)
    assert word in doc.text


@pytest.mark.parametrize("text, reading", [
    ("their self- interest prevailed", "self-interest"),
    ("a pro- Soviet stance", "pro-Soviet"),
    ("the years 1918-\n1923 saw", "1918-1923"),
    ("the Georgian government-\nin-exile in Paris", "government-in"),
])
def test_clean_keeps_compound_hyphen_at_line_break(make_doc, config, text, reading):
    doc = cleaned(make_doc, config, text)
    [span] = repairs(doc)
    assert (span.kind, span.reading) == ("hyphen-kept", reading)


@pytest.mark.parametrize("text", ["had been a previous battle- Genoa was not", "left the city-\nLondon burned"])
def test_clean_dash_before_a_name_is_not_a_hyphen(make_doc, config, text):
    doc = cleaned(make_doc, config, text)
    assert repairs(doc) == []


@pytest.mark.parametrize("text", ["the Anglo-Soviet accord", "in 1918-1923 alone", "a well-known fact\n"])
def test_clean_leaves_hyphen_inside_line(make_doc, config, text):
    doc = cleaned(make_doc, config, text)
    assert repairs(doc) == []
    assert doc.text == text


@pytest.mark.parametrize("compound", ["re-form"])
def test_clean_document_vocabulary_keeps_printed_compound(make_doc, config, compound):
    left, right = compound.split("-")
    doc = cleaned(make_doc, config, f"They had to {compound} the unit.\nLater they had to {left}-\n{right} it again.")
    [span] = repairs(doc)
    assert (span.kind, span.reading) == ("hyphen-kept", compound)


@pytest.mark.parametrize("first, head, note, rest", [
    ("The long negotia-\n", "International Realignments 113\n", "12 A foot note.\n", "tions went on."),
])
def test_clean_joins_word_over_page_break(make_doc, config, first, head, note, rest):
    text = first + note + head + rest
    n0 = len(first)
    h0 = n0 + len(note)
    doc = make_doc(text, spans=[Span(h0, h0 + len(head) - 1, "fw", {"type": "header"}, reading="")],
                   notes=[Note(n="12", segments=[(n0, n0 + len(note) - 1)], label=(n0, n0 + 2))])
    doc = clean.run(doc, config)
    a, b = sorted(repairs(doc), key=lambda s: s.start)
    assert (doc.raw[a.start:a.end], a.reading) == ("negotia-", "negotiations")
    assert (doc.raw[b.start:b.end], b.reading) == ("tions", "")
    assert "negotiations" in doc.text and " went on." in doc.text


LIGATURE_TEXT = ("It was a dicult task and the eorts of the delegates were noted. The dierences were real, "
                 "the benets uncertain, and the rst aim was to build on a rm foundation; the Foreign Oce "
                 "and the Committee on Foreign Aairs dened the terms.\n")


@pytest.mark.parametrize("surface, word", [
    ("dicult", "difficult"), ("eorts", "efforts"), ("dierences", "differences"), ("benets", "benefits"),
    ("rst", "first"), ("rm", "firm"), ("Oce", "Office"), ("Aairs", "Affairs"), ("dened", "defined"),
])
def test_clean_restores_lost_ligatures(make_doc, config, surface, word):
    doc = cleaned(make_doc, config, LIGATURE_TEXT)
    found = {doc.raw[s.start:s.end]: s.reading for s in repairs(doc, "ligature")}
    assert found[surface] == word
    assert word in doc.text


@pytest.mark.parametrize("text", [
    PROSE + "They stood on a rm base.\n",                                    # one isolated case: no evidence
    PROSE + "The first officials found it difficult; their efforts rm ahead.\n",   # ligatures intact
])
def test_clean_no_ligature_repair_without_evidence(make_doc, config, text):
    doc = cleaned(make_doc, config, text)
    assert repairs(doc, "ligature") == []


@pytest.mark.parametrize("text, surface, reading", [
    ("See Ullman, 274-81, 307-3o8.", "3o8", "308"),
    ("as he wrote. l91 Yet", "l91", "191"),
    ("Policy of Iran, 150o-1941: A", "150o", "1500"),
])
def test_clean_repairs_digits_read_as_letters(make_doc, config, text, surface, reading):
    doc = cleaned(make_doc, config, text)
    [span] = repairs(doc, "ocr")
    assert (doc.raw[span.start:span.end], span.reading) == (surface, reading)


@pytest.mark.parametrize("text, reading", [
    ("Quoted in R a m a z a n i , Iran", "Ramazani"),
    ("in the F o r e i g n P o l i c y of", "Foreign Policy"),
    ("Experiment, 1 9 1 7-1933 (Cambridge", "1917"),
])
def test_clean_closes_letter_spaced_words(make_doc, config, text, reading):
    doc = cleaned(make_doc, config, text)
    [span] = repairs(doc, "space")
    assert span.reading == reading


@pytest.mark.parametrize("text, expected", [
    ("31 Mamoulia,Les combats, 132.", "31 Mamoulia, Les combats, 132."),
    ("32 SeeNational Republic of Georgia", "32 See National Republic of Georgia"),
    ("April 2, 1926(Washington: Govt.", "April 2, 1926 (Washington: Govt."),
    ("the Foreign PolicyofIran, 203", "the Foreign Policy of Iran, 203"),
    ("Lenin'smessagecongratulated the people", "Lenin's message congratulated the people"),
    ("the leader ofthe party", "the leader of the party"),
])
def test_clean_restores_lost_spaces(make_doc, config, text, expected):
    doc = cleaned(make_doc, config, text)
    assert doc.text == expected
    assert all(s.kind == "space" for s in repairs(doc))


@pytest.mark.parametrize("text", [
    "connected therewith, be assumed", "all kinds of makeshifts are used", "the undersigned has the honor",
    "Mr. McDonald and Mr. MacArthur", "he transmits herewith an aide-mémoire", "Am[erican] Mission",
    "of denominating as a ruble", "The Right Honourable", "it is understood thereupon",
    "a fine day for a walk on the hill", "the policy- that failed",
])
def test_clean_leaves_real_text_alone(make_doc, config, text):
    doc = cleaned(make_doc, config, PROSE + text + "\n")
    assert repairs(doc) == []


@pytest.mark.parametrize("text, garbage", [
    ("the masses.\n? ? The Russian Revolution\nLloyd George", "? ?"),
    ("end of page\n? [1771\nnext", "?"),
])
def test_clean_marks_line_initial_query_noise(make_doc, config, text, garbage):
    doc = cleaned(make_doc, config, text)
    [span] = [s for s in repairs(doc) if s.tag == "fw"]
    assert doc.raw[span.start:span.end].strip() == garbage
    assert (span.attrs, span.reading) == ({"type": "garbage"}, "")


@pytest.mark.parametrize("text", ["political and mili? ary ties"])
def test_clean_reads_query_for_letter_with_low_cert(make_doc, config, text):
    doc = cleaned(make_doc, config, text)
    [span] = repairs(doc)
    assert (span.reading, span.kind, span.cert) == ("military", "ocr", "low")


@pytest.mark.parametrize("text, marker", [("the sum was 2oo francs", (12, 15))])
def test_clean_never_touches_note_markers_or_furniture(make_doc, config, text, marker):
    doc = make_doc(text, spans=[Span(0, 3, "fw", {"type": "header"}, reading="")],
                   notes=[Note(n="200", segments=[(len(text), len(text))], marker=marker)])
    doc = clean.run(doc, config)
    assert repairs(doc) == []


@pytest.mark.parametrize("text", [LIGATURE_TEXT + "the negotia- tions, SeeNational, 3o8\n? ? junk\n"])
def test_clean_is_lossless_and_idempotent(make_doc, config, text):
    doc = cleaned(make_doc, config, text)
    first = (doc.text, len(doc.spans))
    assert doc.raw == text
    for s in repairs(doc):
        assert s.tag in ("choice", "fw") and s.reading is not None and (s.cert or s.tag == "fw")
    doc = clean.run(doc, config)
    assert (doc.text, len(doc.spans)) == first


@pytest.mark.parametrize("seed", ["001_743ea2a93721c107.txt"])
def test_clean_is_fast_on_a_long_seed(config, seed):
    clean.run(build_doc("warm up the dicult lexicon"), config)
    doc = build_doc((SEEDS / seed).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    clean.run(doc, config)
    assert time.perf_counter() - t0 < 2.0


@pytest.mark.parametrize("text, reading", [("see Carr, Bolshevik Revolu tion, 3:500", "Revolution")])
def test_clean_closes_word_split_by_space(make_doc, config, text, reading):
    doc = cleaned(make_doc, config, text)
    [span] = repairs(doc)
    assert (span.kind, span.reading) == ("space", reading)


@pytest.mark.parametrize("broken, word", [("pro- table", "profitable"), ("dier-\nences", "differences")])
def test_clean_restores_ligature_inside_broken_word(make_doc, config, broken, word):
    doc = cleaned(make_doc, config, LIGATURE_TEXT + f"It was {broken} after all.\n")
    [span] = [s for s in repairs(doc) if doc.raw[s.start:s.end] == broken]
    assert (span.kind, span.reading) == ("hyphen", word)


@pytest.mark.parametrize("repeated", ["The long negotia-\ntions began again.\n"])
def test_clean_joins_over_repeated_passage(make_doc, config, repeated):
    text = "The long negotia-\n" + repeated + "tions went on.\n"
    s0 = len("The long negotia-\n")
    doc = make_doc(text, spans=[Span(s0, s0 + len(repeated), "surplus", {"reason": "repeated"}, reading="")])
    doc = clean.run(doc, config)
    found = sorted((doc.raw[s.start:s.end], s.reading) for s in repairs(doc))
    assert found == [("negotia-", "negotiations"), ("negotia-\ntions", "negotiations"), ("tions", "")]


@pytest.mark.parametrize("text", ["political and mili? ary ties"])
def test_clean_reports_guesses(make_doc, config, text):
    doc = cleaned(make_doc, config, text)
    assert [(e.code, e.location.line, e.location.col) for e in doc.diagnostics] == [("CLN001", 1, 15)]


@pytest.mark.parametrize("seed, join_lines", [(1, False), (2, True), (4, False), (5, True)])
def test_clean_synthetic_book_hyphens_and_ligatures(config, seed, join_lines):
    synth = pytest.importorskip("tests.synth")
    from tei import notes, pages, repeats

    text, truth = synth.make_book(seed, pages=6, hyphen_rate=0.3, ligature_rate=0.5, join_lines=join_lines)
    doc = build_doc(text)
    for stage in (pages, repeats, notes, clean):
        doc = stage.run(doc, config)
    spans = repairs(doc)

    def over(a, b):
        return [s for s in spans if s.start < b and a < s.end]

    soft = [h for h in truth.hyphens if h.kind == "soft"]
    joined = sum(any(s.kind == "hyphen" and s.reading and synth.drop_ligatures(s.reading) == synth.drop_ligatures(h.joined)
                     for s in over(h.start, h.end)) for h in soft)
    assert joined >= 0.97 * len(soft)
    hard = [h for h in truth.hyphens if h.kind == "hard"]
    assert sum(any(s.kind == "hyphen" for s in over(h.start, h.end)) for h in hard) <= 0.03 * len(hard) + 1
    restored = sum(any(s.reading == lig.word for s in over(lig.start, lig.end)) for lig in truth.ligatures)
    assert restored >= 0.9 * len(truth.ligatures)
    truth_ranges = [(h.start, h.end) for h in truth.hyphens] + [(x.start, x.end) for x in truth.ligatures]
    false = [s for s in spans if s.tag == "choice" and not any(a < s.end and s.start < b for a, b in truth_ranges)]
    assert false == []


@pytest.mark.parametrize("text, word", [("a negotia\u2010\ntion", "negotiation"), ("a negotia\u00ad\ntion", "negotiation")])
def test_clean_joins_unicode_hyphens(make_doc, config, text, word):
    doc = cleaned(make_doc, config, text)
    [span] = repairs(doc)
    assert span.reading == word
