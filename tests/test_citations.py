"""Tests for bibliographic citations inside notes (tei.citations)."""

from __future__ import annotations

import pytest

from tei.citations import parse_citation, tag_citations
from tei.model import Note, Span


def _parts(clause: str) -> list[tuple[str, str, str]]:
    return [(p.tag, p.attrs.get("level") or p.attrs.get("unit", ""), clause[p.start:p.end])
            for p in parse_citation(clause)]


@pytest.mark.parametrize("clause, expected", [
    ("See Ullman, Anglo-Soviet Accord, 224-25, 254, 269",
     [("bibl", "", "Ullman, Anglo-Soviet Accord, 224-25, 254, 269"), ("author", "", "Ullman"),
      ("title", "m", "Anglo-Soviet Accord"), ("biblScope", "page", "224-25, 254, 269")]),
    ("Ibid., 3:244-47",
     [("bibl", "", "Ibid., 3:244-47"), ("biblScope", "volume", "3"), ("biblScope", "page", "244-47")]),
    ("Quotations from Eudin and Fisher, Soviet Russia and the West, 82-84",
     [("bibl", "", "Eudin and Fisher, Soviet Russia and the West, 82-84"), ("author", "", "Eudin"),
      ("author", "", "Fisher"), ("title", "m", "Soviet Russia and the West"), ("biblScope", "page", "82-84")]),
    ('Uldricks, "Russia and Europe," 66-68',
     [("bibl", "", 'Uldricks, "Russia and Europe," 66-68'), ("author", "", "Uldricks"),
      ("title", "a", "Russia and Europe"), ("biblScope", "page", "66-68")]),
    ("Edward Hallett Carr, German-Soviet Relations (Baltimore: Johns Hopkins Press, 1951), 25-26",
     [("bibl", "", "Edward Hallett Carr, German-Soviet Relations (Baltimore: Johns Hopkins Press, 1951), 25-26"),
      ("author", "", "Edward Hallett Carr"), ("title", "m", "German-Soviet Relations"),
      ("pubPlace", "", "Baltimore"), ("publisher", "", "Johns Hopkins Press"), ("biblScope", "page", "25-26")]),
    ('Smith, "Soviet Aims," in Pacific Affairs 12 (1939): 45-50',
     [("bibl", "", 'Smith, "Soviet Aims," in Pacific Affairs 12 (1939): 45-50'), ("author", "", "Smith"),
      ("title", "a", "Soviet Aims"), ("title", "j", "Pacific Affairs"), ("biblScope", "page", "45-50")]),
    ("Mamoulia,Les combats des Caucasiens, 132",
     [("bibl", "", "Mamoulia,Les combats des Caucasiens, 132"), ("author", "", "Mamoulia"),
      ("title", "m", "Les combats des Caucasiens"), ("biblScope", "page", "132")]),
    ("Morga, p. 323",
     [("bibl", "", "Morga, p. 323"), ("author", "", "Morga"), ("biblScope", "page", "p. 323")]),
    ("Mallat, i, pp. 382-385",
     [("bibl", "", "Mallat, i, pp. 382-385"), ("author", "", "Mallat"), ("biblScope", "volume", "i"),
      ("biblScope", "page", "pp. 382-385")]),
    ("Diplomacy, p. 45",                     # a common word heads a short title, not an author
     [("bibl", "", "Diplomacy, p. 45"), ("title", "m", "Diplomacy"), ("biblScope", "page", "p. 45")]),
])
def test_citations_parses_note_forms(clause, expected):  # type: ignore[no-untyped-def]
    assert _parts(clause) == expected


@pytest.mark.parametrize("clause", [
    "Lenin was still instructing Kamenev to use all your forces, 3",
    "In 1926 the House discussed it, 45",
    "Quoted in Freund, Unholy Alliance, 4? 50",
    "The agreement was signed in March",
])
def test_citations_leaves_prose_alone(clause):  # type: ignore[no-untyped-def]
    assert parse_citation(clause) == []


@pytest.mark.parametrize("text", ["Body text.\n161 For the details, see Ull- man, Anglo-Soviet Accord, 274-81. He left.\n"])
def test_citations_spans_nest_in_note_around_repairs(make_doc, text):  # type: ignore[no-untyped-def]
    seg = (text.index("161"), len(text) - 1)
    broken = text.index("Ull- man")
    doc = make_doc(text, spans=[Span(broken, broken + 8, "choice", kind="hyphen", reading="Ullman")],
                   notes=[Note("161", [seg], label=(seg[0], seg[0] + 3))])
    doc.derive_reading()
    tag_citations(doc)
    bibl = doc.spans_of("bibl")
    assert [text[b.start:b.end] for b in bibl] == ["Ull- man, Anglo-Soviet Accord, 274-81"]
    assert [text[a.start:a.end] for a in doc.spans_of("author")] == ["Ull- man"]
    parts = doc.spans_of("author", "title", "biblScope")
    assert all(bibl[0].start <= p.start < p.end <= bibl[0].end for p in parts)
