"""Tests of the entities stage: the rules on hand-built documents, the model when installed."""

from __future__ import annotations

import dataclasses
import importlib.util
import re
from collections import Counter
from pathlib import Path

import pytest

from tei import entities
from tei.model import Note, Span

RULES = entities.COMPONENTS - {"model"}
needs_model = pytest.mark.skipif(entities.load_model() is None, reason="spaCy model not installed")


def names(doc, tag):
    return [doc.raw[s.start:s.end] for s in doc.spans_of(tag)]


def rules_only(config):
    return dataclasses.replace(config, use_model=False)


@pytest.mark.parametrize("text, tag, expected", [
    ("Later Sir Henry Wilson spoke.", "persName", ["Sir Henry Wilson"]),
    ("The envoy met Emir Amanullah at noon.", "persName", ["Emir Amanullah"]),
    ("He wrote to Maj. Gen. Frederick C. Poole about it.", "persName", ["Maj. Gen. Frederick C. Poole"]),
    ("Then Reza Shah arrived.", "persName", []),          # no cue before: left to the model
    ("Dear Mr. Polk: I beg to submit", "persName", ["Polk"]),
    ("and Mustafa Kemal Pasha replied", "persName", []),
])
def test_entities_title_cues_kept_in_span(make_doc, config, text, tag, expected):
    doc = entities.run(make_doc(text, provided=("raw", "reading", "blocks")), rules_only(config))
    assert names(doc, tag) == expected


@pytest.mark.parametrize("note, persons, places, orgs", [
    ("12 Ullman, Anglo-Soviet Accord, 122.", ["Ullman"], [], []),
    ("3 See Eudin and North, Soviet Russia and the East, 45.", ["Eudin", "North"], [], []),
    ("7 Carr, Bolshevik Revolution (New York: Columbia University Press, 1953), 12.",
     ["Carr"], ["New York"], ["Columbia University Press"]),
    ("8 Fischer, Soviets (Beverly Hills, Calif.: Sage Publications, 1968), 3.",
     ["Fischer"], ["Beverly Hills", "Calif."], ["Sage Publications"]),
    ("9 Hearings (Washington, D. C.: Govt. Print. Office, 1926).", [], ["Washington, D. C."], ["Govt. Print. Office"]),
])
def test_entities_citation_structure(make_doc, config, note, persons, places, orgs):
    text = "Body text.\n" + note + "\n"
    seg = (text.index(note), text.index(note) + len(note))
    doc = make_doc(text, notes=[Note(n="1", segments=[seg])], provided=("raw", "reading", "blocks"))
    doc = entities.run(doc, rules_only(config))
    assert (names(doc, "persName"), names(doc, "placeName"), names(doc, "orgName")) == (persons, places, orgs)


def test_entities_citation_rules_stay_in_notes(make_doc, config):
    text = "Body: Ullman, Anglo-Soviet Accord, 122.\n9 Other note.\n"
    doc = make_doc(text, notes=[Note(n="9", segments=[(text.index("9 "), len(text) - 1)])],
                   provided=("raw", "reading", "blocks"))
    assert names(entities.run(doc, rules_only(config)), "persName") == []


def test_entities_document_consistency_marks_every_mention(make_doc, config):
    text = "General Poole landed. Later Poole's men left, and Poole sailed."
    doc = entities.run(make_doc(text, provided=("raw", "reading", "blocks")), rules_only(config))
    assert names(doc, "persName") == ["General Poole", "Poole", "Poole"]
    refs = {s.ref for s in doc.spans_of("persName")}
    assert len(refs) == 1 and refs <= set(doc.entities)


@pytest.mark.parametrize("form", ["Soviet", "British", "Bolsheviks", "Allies", "Persian", "Communists"])
def test_entities_adjectives_and_collectives_are_not_names(form):
    assert entities.not_a_name(form)


@pytest.mark.parametrize("form", ["Moscow", "Curzon", "Soviet Union", "Iran"])
def test_entities_names_pass_the_filter(form):
    assert not entities.not_a_name(form)


@pytest.mark.parametrize("text, inside", [
    ("after the Treaty of Kars was signed", "Kars"),
    ("the Versailles Treaty and", "Versailles"),
    ("during World War I the", "World War I"),
    ("the Rapallo agreement was", "Rapallo"),
])
def test_entities_event_names_hide_their_names(text, inside):
    start = text.index(inside)
    assert any(a <= start and start + len(inside) <= b for a, b in entities.event_zones(text))


@pytest.mark.parametrize("text, span, expected", [
    ("of the Office of Naval Operations\nWashington, July 2, 1942.", "Office of Naval Operations\nWashington",
     "Office of Naval Operations"),
    ("(By Associated Press) Rosewood, Jan. 5.", "Associated Press) Rosewood", "Rosewood"),
    ("the North.—At last", "North.—At", "North"),
    ("the Soviet Union's aims", "the Soviet Union's", "Soviet Union"),
    ("Publisher: Cambridge University PressPrint year", "Cambridge University PressPrint", "Cambridge University Press"),
    ("SeeNational Republic of Georgia", "SeeNational Republic of Georgia", "National Republic of Georgia"),
    ("first Labour Government\n- 2 The policy", "Labour Government\n- 2", "Labour Government"),
    ("by H. M. Stationery Office.", "H. M. Stationery Office.", "H. M. Stationery Office"),
    ("the Washington, D. C.", "Washington, D. C.", "Washington, D. C."),
])
def test_entities_trim_to_the_name(text, span, expected):
    start = text.index(span)
    got = entities.trim(text, entities.Mention(start, start + len(span), "org", "model"))
    assert got is not None and text[got.start:got.end] == expected


def test_entities_map_back_through_repairs(make_doc, config):
    raw = "General Wil-\nson left."
    hy = Span(raw.index("Wil-") + 3, raw.index("son"), "choice", kind="hyphen", reading="")
    doc = make_doc(raw, spans=[hy], provided=("raw", "reading", "blocks"))
    doc.derive_reading()
    doc = entities.run(doc, rules_only(config))
    assert names(doc, "persName") == ["General Wil-\nson"]
    assert doc.entities[doc.spans_of("persName")[0].ref].forms == ["General Wilson"]


def test_entities_never_cross_blocks(make_doc, config):
    text = "General Poole\nLondon Office"
    blocks = [Span(0, 13, "p"), Span(14, len(text), "p")]
    doc = make_doc(text, spans=blocks, provided=("raw", "reading", "blocks"))
    doc = entities.run(doc, rules_only(config))
    for s in doc.spans_of("persName", "placeName", "orgName"):
        assert all(b.start <= s.start and s.end <= b.end or s.end <= b.start or b.end <= s.start for b in blocks)


def test_entities_ids_are_unique_ncnames(make_doc, config):
    text = "General Poole, Sir Édouard Naïve and Captain Poole-Smith met Colonel Poole."
    doc = entities.run(make_doc(text, provided=("raw", "reading", "blocks")), rules_only(config))
    ids = [e.xml_id for e in doc.entities.values()]
    assert len(ids) == len(set(ids)) >= 3
    assert all(re.fullmatch(r"[A-Za-z_][\w.-]*", i) and i.isascii() for i in ids)
    assert {s.ref for s in doc.spans_of("persName")} <= set(ids)


def test_entities_summary_counts(make_doc, config):
    text = "General Poole wrote from Moscow. Poole left."
    doc = make_doc(text, provided=("raw", "reading", "blocks"))
    doc = entities.run(doc, config)
    got = entities.summary(doc)
    assert got["person"]["mentions"] == len(doc.spans_of("persName")) >= 2
    assert got["person"]["entities"] == 1
    assert set(got) == {"person", "place", "org"}


@needs_model
@pytest.mark.parametrize("text, tag, expected", [
    ("The delegates went from Moscow to Paris in 1921.", "placeName", ["Moscow", "Paris"]),
    ("The Soviet government signed; the British press objected.", "placeName", []),
    ("Later the Red Army entered Baku.", "orgName", ["Red Army"]),
    ("No one was surprised. BONAR LAW in equally brief speech voiced the hearty acquiescence of all.",
     "persName", ["BONAR LAW"]),                              # capitals in prose are read in title case
    ("WAR DEPARTMENT, WASHINGTON CITY, D.C., July 21.\n", "placeName", ["WASHINGTON CITY, D.C."]),
])
def test_entities_model_finds_names(make_doc, config, text, tag, expected):
    doc = entities.run(make_doc(text, provided=("raw", "reading", "blocks")), config)
    assert names(doc, tag) == expected


@needs_model
def test_entities_place_gets_geonames_uri(make_doc, config):
    doc = entities.run(make_doc("They travelled to Moscow.", provided=("raw", "reading", "blocks")), config)
    ent = doc.entities[doc.spans_of("placeName")[0].ref]
    assert ent.idno.get("geonames", "").startswith("https://www.geonames.org/")


@pytest.mark.parametrize("text, form, expected", [
    ("Lenin instructed Kamenev to insist. Kamenev wired Moscow.", "Kamenev", "person"),
    ("Chicherin told Krasin to wait.", "Krasin", "person"),
    ("Riots broke out in the Ruhr and troops occupied the Ruhr.", "Ruhr", "place"),
    ("The KPD voted to join the Comintern.", "Comintern", "org"),
    ("Talks on Outer Mongolia went on.", "Outer Mongolia", "place"),
    ("He sailed for Rapallo.", "Rapallo", "place"),           # a small town: weak gazetteer evidence
    ("Johnston's cavalry came up. Johnston's men waited.", "Johnston", "person"),
    ("Tamerlane became the head of his tribe.", "Tamerlane", "person"),
    ("A circular, signed by Marat and his colleagues, went out.", "Marat", "person"),
    ("The fall of the Briand government in January", "Briand", "person"),
    ("their leader was a barbarian named Kerdric.", "Kerdric", "person"),
    ("the Punjab to his brother and rival, Kamran.", "Kamran", "person"),
    ("I am writing to Wocher at once.", "Wocher", "person"),
    ("As Hobsbawm\nargued, the period changed.", "Hobsbawm", "person"),
    ("from the inauguration of Harding to the election of Coolidge", "Coolidge", "person"),
    ("Talks with the Moscow government began.", "Moscow", "place"),
    ("amongst whom were Buzot, Barbaroux, Louvet, and others who shared their views", "Louvet", "person"),
    ("the son of Akbar, and the death of Akbar", "Akbar", "person"),
    ("from the Tigris to the Euphrates", "Tigris", "place"),
    ("Germany's army advanced.", "Germany", "place"),
    ("Amanat Khan, governor of Surat, died.", "Surat", "place"),
    ("the official charge of the districts of Jhalor and Sachor", "Jhalor", "place"),
    ("he replied that he (Arguello) did not wait", "Arguello", "person"),
    ("This is Mowbray, Secretary of State for War, primed with news.", "Mowbray", "person"),
    ("The critical philosophy of Kantor (1724–1804) may be said", "Kantor", "person"),
    ("Lord Cromer is a Junker. He is a bumptious Junker, and", "Junker", "non"),
])
def test_entities_context_types_a_form(text, form, expected):
    start = text.index(form)
    mentions = [entities.Mention(start, start + len(form), "place" if expected == "person" else "person", "model")]
    assert entities.vote(text, mentions)[form] == expected


def test_entities_coordinated_names_share_a_type():
    text = "Estonia, Latvia, and Kurland signed."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Estonia", "Latvia", "Kurland")]
    mentions = [entities.Mention(a, b, "place", "model") for a, b in spans[:2]]
    mentions.append(entities.Mention(*spans[2], "person", "model"))
    assert entities.vote(text, mentions)["Kurland"] == "place"


@pytest.mark.parametrize("text, dropped", [
    ("It failed. Ironically, Chicherin had tried.", {"Ironically"}),
    ("It failed. Therefore, he left.", {"Therefore"}),
    ("He met Chicherin. Chicherin left.", set()),
])
def test_entities_sentence_adverbs_are_not_names(text, dropped):
    mentions = [entities.Mention(m.start(), m.end(), "person", "model") for m in re.finditer(r"[A-Z][a-z]+", text)
                if m.group() not in ("It", "He")]
    assert entities.sentence_words(text, mentions) == dropped


@pytest.mark.parametrize("text, persons", [
    ("2593. For Crosby from Rathbone:\nThe plan is approved.\n", ["Crosby", "Rathbone"]),
    ("The plan is approved.\nLansing\n", ["Lansing"]),
    ("The plan is approved.\nConclusion\n", []),              # a common word is not a signature
])
def test_entities_dispatch_frame_persons(make_doc, config, text, persons):
    doc = entities.run(make_doc(text, provided=("raw", "reading", "blocks")), rules_only(config))
    assert names(doc, "persName") == persons


def test_entities_note_identifies_a_person(make_doc, config):
    text = "Mr. Ughet informs me.\n1 Serge Ughet, Russian Financial Attaché at Washington.\n"
    note = text.index("1 Serge")
    doc = make_doc(text, notes=[Note(n="1", segments=[(note, len(text) - 1)])], provided=("raw", "reading", "blocks"))
    assert names(entities.run(doc, rules_only(config)), "persName") == ["Ughet", "Serge Ughet"]


@pytest.mark.parametrize("text, org", [
    ("Hearings of the Sixty-ninth Congress, first session.", ["Sixty-ninth Congress"]),
    ("The Tenth Party Congress met.", []),                      # a party congress is an event
])
def test_entities_numbered_legislature_is_an_org(make_doc, config, text, org):
    doc = entities.run(make_doc(text, provided=("raw", "reading", "blocks")), rules_only(config))
    assert names(doc, "orgName") == org


def test_entities_never_contain_a_citation_field(make_doc, config):
    text = "Body.\n5 Freund, Unholy Alliance, 62.\n"
    seg = (text.index("5 F"), len(text) - 1)
    a = text.index("Freund")
    t = text.index("Unholy")
    spans = [Span(seg[0] + 2, seg[1] - 1, "bibl"), Span(a, a + 6, "author"),
             Span(t, t + len("Unholy Alliance"), "title", attrs={"level": "m"})]
    doc = make_doc(text, spans=spans, notes=[Note(n="5", segments=[seg])], provided=("raw", "reading", "blocks"))
    doc = entities.run(doc, rules_only(config))
    for s in doc.spans_of("persName", "placeName", "orgName"):
        for f in spans:
            assert not (s.start <= f.start and f.end <= s.end and (s.start, s.end) != (f.start, f.end))
    assert "Freund" in names(doc, "persName")


def nests(doc, start, end):
    """The nesting rule stated directly, span by span: what :class:`entities.Frame` indexes."""
    for s in doc.spans:
        if s.tag in entities.TAGS.values() or s.end <= s.start or s.end <= start or end <= s.start:
            continue
        contains, inside = s.start <= start and end <= s.end, start <= s.start and s.end <= end
        if not (contains or inside):
            return False
        if inside and (s.tag in ("fw", "surplus") or s.tag in entities.CITATION_FIELDS and (s.start, s.end) != (start, end)):
            return False
    return all(not (a < end and start < b) or a <= start and end <= b for n in doc.notes for a, b in n.segments)


def test_entities_frame_agrees_with_the_nesting_rule(make_doc):
    text = "The Treaty text. 12 Freund, Unholy Alliance, 62. Page 4 then more words here.\n"
    spans = [Span(0, len(text) - 1, "p"), Span(20, 47, "bibl"), Span(20, 26, "author"), Span(28, 43, "title"),
             Span(49, 55, "fw"), Span(60, 64, "surplus"), Span(4, 10, "persName"), Span(30, 30, "hi"),
             Span(8, 14, "choice")]
    notes = [Note(n="12", segments=[(17, 48)])]
    doc = make_doc(text, spans=spans, notes=notes, provided=("raw", "reading", "blocks"))
    frame = entities.Frame(doc)
    seen = set()
    for start in range(len(text)):
        for end in range(start, len(text)):
            assert frame.fits(start, end) == nests(doc, start, end), (start, end)
            seen.add(frame.fits(start, end))
    assert seen == {True, False}
    assert frame.fits(20, 26) and not frame.fits(20, 30) and not frame.fits(45, 58)


@pytest.mark.parametrize("text, word", [
    ("However, however; However-like xHowever However_ (However)", "However"),
    ("O'Brien and Brien, Brien's", "Brien"),
    ("a.a.a a.a", "a.a"),
    ("Über über Über", "Über"),
])
def test_entities_occurrences_match_whole_words(text, word):
    expected = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)]
    assert entities.occurrences(text, word) == expected


@pytest.mark.parametrize("start, end", [(s, s + n) for s in range(0, 26) for n in range(0, 5)])
def test_entities_zone_lookups(start, end):
    zones = [(2, 5), (5, 9), (14, 20)]
    assert entities.meets(zones, start, end) == any(a < end and start < b for a, b in zones)
    assert entities.within(zones, start, end) == any(a <= start and end <= b for a, b in zones)


SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score.py"
SLICE = Path(__file__).parent / "data" / "001-slice.txt"
SLICE_GOLD = Path(__file__).parent / "data" / "gold-001-slice.json"
#: scorer F1 reached on the hand-annotated slice of seed 001 (pages 176-180), rounded down to 0.05.
SLICE_FLOOR = {"person": 0.60, "place": 0.70, "org": 0.85}
BOOKS = Path(__file__).parent / "data" / "books"
#: a little under the figures measured when the passages were added (docs/entities.md).
BOOKS_FLOOR = {"person": 0.78, "place": 0.85, "org": 0.55, "date": 0.82}


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    return score


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not available")
def test_entities_slice_gold_scores(tmp_path: Path) -> None:
    """Held-out-style check: the converted slice keeps its entity F1 against the hand-made gold."""
    from tei.batch import convert
    from tei.config import Config

    out = tmp_path / "slice.xml"
    convert(SLICE, Config(), out=out)
    res = _scorer().score(str(out), str(SLICE_GOLD), str(SLICE))
    for typ, floor in SLICE_FLOOR.items():
        assert res[typ]["f1"] >= floor, (typ, res[typ])


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not available")
def test_entities_books_gold_scores(tmp_path: Path) -> None:
    """The passages of other books keep their micro-averaged F1 (a floor under the measured figures)."""
    from tei.batch import convert
    from tei.config import Config

    score, config = _scorer(), Config()
    totals = {typ: [0, 0, 0] for typ in BOOKS_FLOOR}
    for gold in sorted((BOOKS / "gold").glob("*.json")):
        raw = BOOKS / "raw" / (gold.stem + ".txt")
        out = tmp_path / (gold.stem + ".xml")
        convert(raw, config, out=out)
        res = score.score(str(out), str(gold), str(raw))
        for typ, acc in totals.items():
            acc[0] += res[typ]["tp"]
            acc[1] += res[typ]["pred"]
            acc[2] += res[typ]["gold"]
    for typ, floor in BOOKS_FLOOR.items():
        assert score.prf(*totals[typ])["f1"] >= floor, (typ, totals[typ])


@pytest.mark.parametrize(("text", "name", "expected"), [
    ("the treaty with Soviet Russia was signed", "Russia", "Soviet Russia"),
    ("ties with Tsarist Russia ended", "Russia", "Tsarist Russia"),
    ("the Soviet Moscow was", "Moscow", "Moscow"),            # a city takes no regime qualifier
    ("on Earth-Great Britain and Great Britain", "Earth-Great Britain", "Great Britain"),
    ("Austria-Hungary and Hungary", "Austria-Hungary", "Austria-Hungary"),   # a place before the dash
])
def test_entities_compounds_polity_and_dash(text: str, name: str, expected: str) -> None:
    """A regime qualifier joins a country; a common word dashed onto a known place is cut off."""
    start = text.index(name)
    mentions = [entities.Mention(start, start + len(name), "place", "model")]
    if name == "Earth-Great Britain":
        mentions.append(entities.Mention(text.rindex("Great"), len(text), "place", "model"))
    out = entities.compounds(text, mentions)
    assert text[out[0].start:out[0].end] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("M.\nStationery Office, 1958), 8:686.", ["Stationery Office"]),
    ("(Geneva: Michael Joseph,\n1966), 154.", ["Geneva", "Michael Joseph"]),
    ("the Foreign Office, 1921) said", []),                 # not at the start of a line
])
def test_entities_citation_imprint_tails(text: str, expected: list[str]) -> None:
    """Imprints broken by a line or a page break still yield their place and publisher."""
    found = entities.citation_mentions(text, None)
    assert sorted(text[x.start:x.end] for x in found) == sorted(expected)


@pytest.mark.parametrize("form", ["French", "Dutch", "Turks", "Kaiser", "Mme", "Lord Chancellor",
                                  "Secretary of State", "Tycoon", "Mikado", "Khedive", "Nizam", "Adjutant-General",
                                  "Military Revolutionary Committees", "Temporary Commissars", "Cretan", "Cubans",
                                  "Central Powers", "Osmanlis", "Madam", "Kings"])
def test_entities_demonyms_and_offices_are_not_names(form):
    assert entities.not_a_name(form)


@pytest.mark.parametrize("text, span, expected", [
    ("On Friday the Kaiser left.", (0, 9), None),
    ("After Petrograd fell.", (0, 15), "Petrograd"),
])
def test_entities_trim_leading_function_words(text, span, expected):
    x = entities.trim(text, entities.Mention(*span, "place", "model"))
    assert (None if x is None or entities.not_a_name(text[x.start:x.end]) else text[x.start:x.end]) == expected


@needs_model
def test_entities_washington_dc_is_one_place(make_doc, config):
    doc = entities.run(make_doc("WASHINGTON, D. C., Jan. 5.—The Senate met.\n",
                                provided=("raw", "reading", "blocks")), config)
    assert "WASHINGTON, D. C." in names(doc, "placeName")


@needs_model
def test_entities_person_shape_beats_a_list_of_places(make_doc, config):
    doc = entities.run(make_doc("The Governor of New York, Alfred E. Smith, took office.",
                                provided=("raw", "reading", "blocks")), config)
    assert "Alfred E. Smith" in names(doc, "persName")


def test_entities_known_name_also_in_capitals(make_doc, config):
    doc = entities.run(make_doc("TO SCHINDLER.\nSir Anton Schindler came. Tell Schindler.\n",
                                provided=("raw", "reading", "blocks")), rules_only(config))
    assert "SCHINDLER" in names(doc, "persName")


@pytest.mark.parametrize("text, tag, expected", [
    ("When Henry VIII came to the throne, peace held.", "persName", ["Henry VIII"]),
    ("He met Francis I of France near Calais.", "persName", ["Francis I"]),
    ("Pope Clement VII refused the annulment.", "persName", ["Pope Clement VII"]),
    ("Its victor, Frederick the Great of Prussia, was ill.", "persName", ["Frederick the Great"]),
    ("When, therefore, Babar the Mughal invaded India, Babar won.", "persName", ["Babar the Mughal", "Babar"]),
    ("They told Lenin the Bolsheviks would win.", "persName", []),
    ("General St. Julien and Count St.-Julien met.", "persName", ["General St. Julien", "Count St.-Julien"]),
    ("See Part II of the report and Volume IV too.", "persName", []),
    ("When I went home, nothing had changed.", "persName", []),
    ("The Duke of Norfolk led the council.", "persName", ["Duke of Norfolk"]),
    ("and the Archbishop of Canterbury agreed", "persName", ["Archbishop of Canterbury"]),
    ("They wrote to Archbishop\nCranmer at once.", "persName", ["Archbishop\nCranmer"]),
    ("Mrs.\nWoodrow Wilson sailed.", "persName", ["Woodrow Wilson"]),
    ("The Lord Chancellor and the Prime Minister met.", "persName", []),
    ("The General Assembly met; the General Staff did not.", "persName", []),
    ("The French Chamber of Deputies voted.", "orgName", ["French Chamber of Deputies"]),
    ("Both the Church of England and the Board of Trade objected.", "orgName", ["Church of England", "Board of Trade"]),
    ("The American Legation and the Japanese Army agreed.", "orgName", ["American Legation", "Japanese Army"]),
    ("They wrote to M. de Cologan at once.", "persName", ["de Cologan"]),
    ("The Vice-Admiral Nelson sailed; His Majesty wept.", "persName", ["Vice-Admiral Nelson"]),
    ("after the battle of the Nile and the peace of Campo Formio", "placeName", []),
    ("The Turkish Empire and the National Republic of Georgia fell.", "placeName", ["Turkish Empire"]),
    ("by the Office of the Chief of\nNaval Operations", "orgName", ["Office of the Chief of\nNaval Operations"]),
    ("The pro-British Cabinet of Vusuq fell.", "orgName", []),
    ("The Turkish Government replied.", "orgName", ["Turkish Government"]),
    ("The Executive Committee of the Party met.", "orgName", []),    # inside a longer name: left to the model
    ("As Hobsbawm\nargued in his book, the period changed.", "persName", ["Hobsbawm"]),
    ("Then Scholzer wrote again. I doubt that Scholzer said it, but Scholzer wrote twice.", "persName",
     ["Scholzer", "Scholzer", "Scholzer"]),
    ("The army marched to Corinth. Near Corinth the roads were bad.", "placeName", ["Corinth", "Corinth"]),
    ("The Treaty of Kars was signed. Later Kars fell, and Kars wrote nothing.", "placeName", []),
    ("Governor Will Order Out State Troops If Necessary. The governor left.", "persName", []),
    ("Lieut.-Col. Hayes led them.", "persName", ["Lieut.-Col. Hayes"]),
    ("Joseph I.C. Clarke wrote; Sheriff Elias Walker came.", "persName", ["Sheriff Elias Walker"]),
    ("Mr. J. H. BRAND WESSELS said the General ASSEMBLY sat.", "persName", ["J. H. BRAND WESSELS"]),
    ("The Thirty-first Volunteer Infantry landed.", "orgName", ["Thirty-first Volunteer Infantry"]),
    ("They reached Harper's Ferry at dusk.", "placeName", ["Harper's Ferry"]),
    ("The Whigs and the Tories met in the Middle Ages.", "persName", []),
    ("The Triple Alliance and the Rosewood Riot were news.", "placeName", []),
    ("They camped on Otter Creek in Alachua County.", "placeName", ["Otter Creek", "Alachua County"]),
    ("Burn Otter Creek Following Deaths.", "placeName", ["Otter Creek"]),
    ("The Secretary of State for War spoke.", "orgName", []),     # the rest of an office's name
    ("TELEGRAM TO GENERAL G. B. McCLELLAN.\n\nMAJOR-GENERAL McCLELLAN:\n\nThis is Monday.\n\nA. LINCOLN.\n",
     "persName", ["GENERAL G. B. McCLELLAN", "MAJOR-GENERAL McCLELLAN", "A. LINCOLN"]),
    ("By order of the Secretary of War:\nL. THOMAS, Adjutant-General.\n", "persName", ["L. THOMAS"]),
    ("THE GENERAL STRIKE IS CALLED.\n", "persName", []),
    ("The ex-Ministers Konovalov, Kishkin and others were freed at Pskov.", "persName", ["Konovalov", "Kishkin"]),
    ("The insurrection of the Bolsheviki deals a blow.", "placeName", []),
    ("The elections to the Convention were held; the Convention of 1818 was a treaty.", "orgName", ["Convention"]),
    ("The Rájputs of Ráthoḍ held Gujarát. Near Gujarát the roads were bad.", "placeName",
     ["Gujarát", "Gujarát"]),                                      # accented letters read as their base letters
])
def test_entities_rules_mark(make_doc, config, text, tag, expected):
    """Rulers, titles of places, offices, bodies, headlines, units and names found by context alone."""
    doc = entities.run(make_doc(text, provided=("raw", "reading", "blocks")), rules_only(config))
    assert names(doc, tag) == expected


@pytest.mark.parametrize("name, kind", [("Persia", "historic-country"), ("Bengal", "region"), ("Britain", "country"),
                                        ("Crete", "region"), ("Adrianople", "city"), ("Dardanelles", "sea"),
                                        ("Mycenae", "city")])
def test_entities_gazetteer_knows_historic_names(name, kind):
    from tei import gazetteer
    place = gazetteer.lookup(name)
    assert place is not None and place.kind == kind


def test_entities_gazetteer_open_data_wins_over_the_historic_list():
    from tei import gazetteer
    listed = {p.name for p in gazetteer.historic_places()}
    assert "Georgia" in listed and gazetteer.lookup("Georgia").geonameid != 0


def test_entities_a_name_in_capitals_takes_its_twins_type():
    text = "Beethoven wrote it.\nBEETHOVEN.\n"
    mentions = [entities.Mention(0, 9, "person", "cues"), entities.Mention(20, 29, "org", "model")]
    assert entities.vote(text, mentions)["BEETHOVEN"] == "person"


def test_entities_model_mention_inside_a_longer_name_yields():
    ms = [entities.Mention(10, 14, "person", "model"), entities.Mention(3, 14, "person", "consistency"),
          entities.Mention(20, 25, "place", "model"), entities.Mention(20, 25, "place", "consistency")]
    kept = entities.covered_dropped(ms)
    assert [(x.start, x.end, x.source) for x in kept] == [(3, 14, "consistency"), (20, 25, "model"),
                                                          (20, 25, "consistency")]


def test_entities_body_of_a_body_is_one_name():
    text = "the Central Publicity Board of the Kuomintang met"
    ms = [entities.Mention(4, 27, "org", "model"), entities.Mention(35, 45, "org", "model")]
    assert [text[x.start:x.end] for x in entities.compounds(text, ms)] == ["Central Publicity Board of the Kuomintang"]


@pytest.mark.parametrize("text, span, expected", [
    ("the King of France was pleased", "King of France", ("France", "place")),
    ("the Duke of Norfolk was pleased", "Duke of Norfolk", ("Duke of Norfolk", "person")),
])
def test_entities_a_sovereign_of_a_country_is_the_country(text, span, expected):
    start = text.index(span)
    [x] = entities.compounds(text, [entities.Mention(start, start + len(span), "person", "model")])
    assert (text[x.start:x.end], x.type) == expected


def test_entities_place_ends_at_its_head_before_a_common_word():
    text = "The Alachua County Grand Jury met."
    [x] = entities.compounds(text, [entities.Mention(4, 25, "place", "model")])
    assert text[x.start:x.end] == "Alachua County"


def test_entities_adjectival_org_is_no_name():
    text = "the local Muhammadan kings and the Muhammadan armies; Comintern officials met the Comintern."
    ms = [entities.Mention(m.start(), m.end(), "org", "model") for m in re.finditer(r"Muhammadan|Comintern", text)]
    assert entities.adjectival_orgs(text, ms) == {"Muhammadan"}


@pytest.mark.parametrize("text, authors", [
    ("this view (Smith 1998, 45; Jones and Brown 2003). Then", ["Smith", "Jones", "Brown"]),
    ("but Pakenham (1991: 239) shows that", ["Pakenham"]),
    ("as shown by Smith et al. (1998) and", ["Smith"]),
    ("argued in The Age of Empire (1987), the", []),
    ("Born at Umarkot (1542). (In 1998, they left.)", []),
])
def test_entities_author_date_references(text, authors):
    assert [text[x.start:x.end] for x in entities.author_date_mentions(text)] == authors


def test_entities_model_reads_wrapped_lines_as_one():
    """The model sees a wrapped line's break as a space; short lines and blank lines keep theirs."""
    prose = "x" * 60
    text = (f"{prose} consul. F.\nS. Myburgh was moved {prose}\nlast line.\n\n"
            f"The Ambassador (Page) to the Secretary of State {prose}\nAmerican Embassy,\nLondon, May 1.")
    view = entities.model_view(text)
    assert len(view) == len(text)
    assert "F. S. Myburgh" in view
    assert "moved " + prose + " last line." in view          # a paragraph's last line may be short
    assert ".\n\nThe" in view
    assert "State " + prose + "\nAmerican Embassy,\nLondon" in view   # an address line ends where it ends


def test_entities_model_view_title_cases_capitals_in_prose_only():
    text = ("The speech was short. KITCHENER makes his maiden speech, as in COLONEL GORDON IN CENTRAL AFRICA.\n"
            "ANOTHER SCRAP OF PAPER\n")
    view = entities.model_view(text)
    assert "Kitchener makes" in view and "ANOTHER SCRAP OF PAPER" in view and len(view) == len(text)
    assert "Colonel Gordon in Central Africa" in view


def test_entities_a_list_of_surnames_the_model_ran_together_is_split():
    text = "the others by Barrere, Sieyes, and Thomas Paine"
    start = text.index("Barrere")
    x = entities.Mention(start, text.index(", and"), "person", "model")
    assert [text[y.start:y.end] for y in entities.compounds(text, [x])] == ["Barrere", "Sieyes"]


@pytest.mark.parametrize("form, expected", [
    ("State of Tachira", "place"), ("Department of Colon", "place"), ("River Zulia", "place"),
    ("Department of State", "org"), ("Department of Agriculture", "org"),
])
def test_entities_a_division_of_a_country_is_a_place(form, expected):
    assert entities.best(entities.shape_votes(form, None)) == expected


def test_entities_a_country_before_an_office_is_the_place():
    text = "E. H. PLUMACHER, U. S. Consul at Maracaibo, wrote."
    start = text.index("U. S.")
    x = entities.Mention(start, start + len("U. S. Consul"), "person", "model")
    [y] = entities.compounds(text, [x])
    assert (text[y.start:y.end], y.type) == ("U. S.", "place")


def test_entities_a_preposition_before_a_possessive_governs_the_thing_owned():
    text = "as reprinted in Kant's Schriften"
    end = text.index("'s")
    assert entities.context_of(text, end, text[:text.index("Kant")]) == Counter()
    text = "as reprinted in Kant and Halle"
    assert entities.context_of(text, text.index(" and"), text[:text.index("Kant")])["place"] > 0


def test_entities_a_common_words_possessive_opens_a_bodys_name():
    text = "In 1893 the World's Columbian Commission met. Britain's Foreign Office replied."
    ms = [entities.Mention(text.index("Columbian"), text.index(" met"), "org", "model"),
          entities.Mention(text.index("Britain"), text.index("'s Foreign"), "place", "model"),
          entities.Mention(text.index("Foreign"), text.index(" replied"), "org", "model")]
    assert [text[x.start:x.end] for x in entities.compounds(text, ms)] == [
        "World's Columbian Commission", "Britain", "Foreign Office"]


@pytest.mark.parametrize("span, name", [
    ("Provisional Government of the Republic shall", "Provisional Government of the Republic"),
    ("Republican party", "Republican party"),              # a lower-case head word may end a name
    ("Major Gunthorpe's Notes", "Major Gunthorpe"),
    ("Red Cross where", "Red Cross"),
    ("Huron Mission-House • Its Inmates", "Huron Mission-House"),
])
def test_entities_function_words_and_verbs_end_no_name(span, name):
    text = f"the {span} declare its will."
    x = entities.trim(text, entities.Mention(4, 4 + len(span), "person" if "Major" in span else "org", "model"))
    assert text[x.start:x.end] == name


def test_entities_short_references_in_brackets_name_authors():
    text = "born, [1st February (Erman, p. 241; Forster, i. 114): born."
    assert [text[x.start:x.end] for x in entities.citation_mentions(text, None)] == ["Erman", "Forster"]


@pytest.mark.parametrize("text, form, label, expected", [
    ("He marched with soldierly step to the Ministerial Bench.", "Bench", "place", "non"),   # a common noun
    ("Tennyson's Maud is a surviving sample.", "Tennyson", "org", "non"),                  # a name it does not know
    ("The House rose at six.", "House", "org", "org"),                                       # a body by its kind
    ("They sailed to Jamaica.", "Jamaica", "place", "place"),
])
def test_entities_model_labels_that_count_for_nothing(text, form, label, expected):
    start = text.index(form)
    mentions = [entities.Mention(start, start + len(form), label, "model")]
    assert entities.vote(text, mentions)[form] == expected


def test_entities_historic_place_list_names_each_place_once():
    rows = (Path(entities.__file__).parent / "data" / "historic-places.tsv").read_text(encoding="utf-8").splitlines()
    names = [row.split("\t")[0] for row in rows if row and not row.startswith("#")]
    assert len(names) == len(set(names))
