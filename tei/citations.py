"""Bibliographic citations inside footnotes -> ``bibl`` spans with their parts.

Called by the structure stage.  Each note's text (reading text, so broken words are joined
and lost ligatures restored) is cut into sentences and then into clauses at semicolons;
a clause is parsed as a citation in the forms notes use:

- ``Ullman, Anglo-Soviet Accord, 224-25`` (author, short title, pages);
- ``Edward Hallett Carr, German-Soviet Relations … (Baltimore: Johns Hopkins University Press, 1951), 25-26``;
- ``Uldricks, "Russia and Europe," 66-68`` (a title in quotes is an article: ``level="a"``;
  ``… ," in Title`` adds the book or journal it appeared in);
- ``Bolshevik Revolution, 3:292`` (title only), ``Ibid., 3:244-47``.

A lead-in (``See``, ``Quoted in``, ``… is reprinted in``) is skipped.  Only clauses that parse
completely are tagged: a citation needs a title or ``Ibid.`` and a page reference or an
imprint.  Spans are found in the reading text and mapped back onto ``raw`` (widened to whole
repairs, so they never cut a ``choice``).  The imprint year is left to the dates stage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tei.lexicon import zipf
from tei.model import Document, Note, Span

#: a word more common than this (Zipf) heads a short title, not an author's name (``Diplomacy, 45``).
AUTHOR_ZIPF = 3.5
_PAGE = r"(?:\d+:)?\d+(?:\s*[-–]\s*\d+)?(?:\s*(?:n|nn)\.\s*\d+)?"
_PAGES = re.compile(rf"(?:pp?\.\s*)?{_PAGE}(?:\s*,\s*{_PAGE})*(?:\s*(?:ff|f)\.)?")
_IMPRINT = re.compile(r"\(\s*([^():;]{2,60}?)\s*:\s*([^():;]{2,120}?)\s*,\s*(?:\d{4}[a-z]?|n\.\s*d\.)\s*\)")
#: a volume in lower-case Roman numerals before the pages (``ii, p. 240``).
_ROMAN_VOLUME = re.compile(r"([ivxlc]+),\s*(?=(?:pp?\.\s*)?\d)")
_IBID = re.compile(r"(?:Ibid|Ibidem|Id)\.?(?=\W|$)")
_LEAD_IN = re.compile(r"(?:^|(?<=[\s,(;]))(?:see also|see|cf\.|compare|quoted in|quotations? from|"
                      r"reprinted in|cited in|printed in|published in|in|from)\s+(?-i:(?=[A-Z“\"‘]))", re.IGNORECASE)
_LEAD_IN_START = re.compile(r"(?:see|cf\.|compare|quoted|quotations?|reprinted|cited|printed|published|in|from)\b"
                            r"|(?-i:(?:See|Cf\.)(?=[A-Z]))", re.IGNORECASE)
_TITLE_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with".split())
_QUOTED = re.compile(r"[\"“‘]([^\"“”‘’]{2,300}?)[,.]?[\"”’]")
_NAME_PARTICLES = frozenset({"von", "van", "de", "der", "den", "la", "le", "du", "da", "di", "del", "ter", "y"})
#: abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset({"govt", "print", "no", "nos", "vol", "vols", "ed", "eds", "trans", "mr", "mrs",
                            "dr", "st", "jr", "sr", "res", "doc", "docs", "univ", "dept", "co", "inc",
                            "ltd", "pt", "ch", "chap", "art", "sec", "ser", "rev", "repr", "cf", "ibid",
                            "op", "cit", "loc", "al", "esp", "n", "nn", "p", "pp", "col", "fig", "ms"})
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"”’]?\s+(?=[A-Z“\"‘])")


@dataclass
class _Part:
    """A part of a parsed citation, as reading-text offsets relative to the clause."""

    tag: str
    start: int
    end: int
    attrs: dict[str, str]


def tag_citations(doc: Document) -> None:
    """Add ``bibl`` spans (with author, title, biblScope, pubPlace, publisher) inside note segments.

    Args:
        doc: a document whose notes were found and whose reading text exists.
    """
    text = doc.text
    found: list[tuple[int, list[_Part]]] = []
    for note in doc.notes:
        for r0, r1 in _note_ranges(doc, note):
            for c0, c1 in _clauses(text, r0, r1):
                parts = parse_citation(text[c0:c1])
                if parts:
                    found.append((c0, parts))
    for base, parts in found:
        _add_parts(doc, base, parts)


def _note_ranges(doc: Document, note: Note) -> list[tuple[int, int]]:
    """Reading-text ranges of a note's segments, the printed label left out."""
    m = doc.source_map
    out = []
    for a, b in note.segments:
        if note.label and a <= note.label[0] < b:
            a = max(a, note.label[1])
        out.append((m.to_reading(a), m.to_reading(b)))
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence and semicolon clauses of ``text[start:end]`` (not cut inside brackets)."""
    cuts = [start]
    depth = 0
    for i in range(start, end):
        c = text[i]
        if c in "([":
            depth += 1
        elif c in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (c == ";" or c in ".?!" and _sentence_end(text, i, end)):
            cuts += [i + (c != ";"), i + 1]
    cuts.append(end)
    out = []
    for a, b in zip(cuts[::2], cuts[1::2]):
        while a < b and (text[a].isspace() or text[a] in ".,”’" or text.startswith('" ', a)):
            a += 1
        while b > a and (text[b - 1].isspace() or text[b - 1] in ".,"):
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _sentence_end(text: str, i: int, end: int) -> bool:
    """True when the period at ``i`` ends a sentence (not an initial or abbreviation)."""
    if not _SENTENCE_END.match(text, i + 1, end):
        return False
    word = re.search(r"(\w+)$", text[max(0, i - 12):i])
    if not word:
        return True
    w = word.group(1)
    return not (len(w) == 1 and w.isupper() or w.lower() in _ABBREVIATIONS)


def parse_citation(clause: str) -> list[_Part]:
    """The parts of a citation clause (the first being the ``bibl`` itself), or [] when it is none.

    Args:
        clause: one clause of a note, e.g. ``"See Ullman, Anglo-Soviet Accord, 224-25"``.

    Returns:
        Parts with offsets into ``clause``: ``bibl`` first, then author/title/biblScope/pubPlace/publisher.
    """
    clause = clause.rstrip(" .")
    starts = [0] + [m.end() for m in _LEAD_IN.finditer(clause)] + \
             [m.start() + 3 for m in re.finditer(r"(?:^|\s)(?:See|Cf\.)(?=[A-Z])", clause)]
    for start in sorted(set(starts)):
        lead = re.match(r"(?:and|also)\s+", clause[start:])
        s = start + (lead.end() if lead else 0)
        parts = _parse_at(clause, s)
        if parts:
            return parts
    return []


def _parse_at(clause: str, start: int) -> list[_Part]:
    """Parse ``clause[start:]`` as one citation; [] when it does not fit the forms."""
    end = len(clause)
    ibid = _IBID.match(clause, start)
    if ibid:
        scope = _pages_after(clause, ibid.end(), end)
        if not scope:
            return []
        return [_Part("bibl", start, end, {}), *scope]
    parts: list[_Part] = []
    scope = []
    pages_at = _trailing_pages(clause, start, end)
    if pages_at is not None:
        scope = _scope_parts(clause, pages_at, end)
        end = pages_at
        end = _rstrip(clause, start, end, " ,")
    imprint = None
    m = _IMPRINT.search(clause, start, end)
    if m and m.end() == end:
        imprint = m
        end = _rstrip(clause, start, m.start(), " ,")
    if not scope and not imprint:
        return []
    head = _head_parts(clause, start, end, imprint is not None)
    if not head:
        return []
    parts = [_Part("bibl", start, len(clause) if scope else (imprint.end() if imprint else end), {}), *head]
    if imprint:
        parts.append(_Part("pubPlace", imprint.start(1), imprint.end(1), {}))
        parts.append(_Part("publisher", imprint.start(2), imprint.end(2), {}))
    return parts + scope


def _rstrip(text: str, start: int, end: int, chars: str) -> int:
    while end > start and text[end - 1] in chars:
        end -= 1
    return end


def _trailing_pages(clause: str, start: int, end: int) -> int | None:
    """Where a trailing page reference (after a comma, or after an imprint) starts.

    A volume in lower-case Roman numerals may open it: ``Mallat, i, p. 389``, ``Morga, ii, 240``.
    """
    for m in re.finditer(r"(?:,[\"”’]?|\)\s*:?)\s*(?=(?:[ivxlc]+,\s*)?(?:pp?\.\s*)?\d)", clause[:end]):
        if m.start() < start:
            continue
        vol = _ROMAN_VOLUME.match(clause, m.end(), end)
        pages = _PAGES.fullmatch(clause, vol.end() if vol else m.end(), end)
        if pages:
            return m.end()
    return None


def _pages_after(clause: str, pos: int, end: int) -> list[_Part]:
    """The page reference right after ``Ibid.``."""
    m = re.match(r"\s*,?\s*", clause[pos:end])
    at = pos + (m.end() if m else 0)
    return _scope_parts(clause, at, end) if _PAGES.fullmatch(clause, at, end) else []


def _scope_parts(clause: str, start: int, end: int) -> list[_Part]:
    """``biblScope`` parts for a page reference; a leading ``3:`` or ``iii,`` is the volume."""
    roman = _ROMAN_VOLUME.match(clause, start, end)
    if roman:
        return [_Part("biblScope", start, start + len(roman.group(1)), {"unit": "volume"}),
                _Part("biblScope", roman.end(), end, {"unit": "page"})]
    vol = re.match(r"(\d+):", clause[start:end])
    if vol:
        return [_Part("biblScope", start, start + len(vol.group(1)), {"unit": "volume"}),
                _Part("biblScope", start + vol.end(), end, {"unit": "page"})]
    return [_Part("biblScope", start, end, {"unit": "page"})]


def _head_parts(clause: str, start: int, end: int, imprint: bool) -> list[_Part]:
    """Authors and titles in ``clause[start:end]`` (what precedes the pages and the imprint)."""
    quoted = _QUOTED.search(clause, start, end)
    if quoted:
        return _quoted_title_parts(clause, start, end, quoted)
    commas = [m.start() for m in re.finditer(",", clause[start:end])]
    if not commas:
        whole = clause[start:end]
        if not imprint and _author_only(whole):
            return _author_parts(clause, start, end)       # "Morga, p. 323": a short reference by author
        ok = _title_like(whole, bare=True) and not _LEAD_IN_START.match(whole)
        return [_Part("title", start, end, {"level": "m"})] if ok else []
    first = start + commas[0]
    authors = _author_parts(clause, start, first)
    title_start = first + 1
    while title_start < end and clause[title_start].isspace():
        title_start += 1
    if len(commas) > 1 and authors:
        more = _more_authors(clause, first + 1, end)
        if more:
            authors, title_start = authors + more[0], more[1]
    if not authors:
        whole = clause[start:end]
        if imprint and _title_like(whole, bare=True) and not _LEAD_IN_START.match(whole) \
                and not _LEAD_IN.search(whole, 1):
            return [_Part("title", start, end, {"level": "m"})]
        return []
    if not _title_like(clause[title_start:end]):
        return []
    return [*authors, _Part("title", title_start, end, {"level": "m"})]


def _more_authors(clause: str, start: int, end: int) -> tuple[list[_Part], int] | None:
    """Further full names after the first author (``…, David S. Morris, and Anthony R. Peters, Title``)."""
    parts: list[_Part] = []
    pos = start
    for m in re.finditer(",", clause[start:end]):
        piece_end = start + m.start()
        found = _author_parts(clause, pos, piece_end, full_names=True)
        if not found:
            break
        parts += found
        pos = piece_end + 1
    if not parts:
        return None
    while pos < end and clause[pos].isspace():
        pos += 1
    return parts, pos


def _quoted_title_parts(clause: str, start: int, end: int, quoted: re.Match[str]) -> list[_Part]:
    """``Author, "Article," in Book`` -> author, title level a, title level m/j."""
    parts: list[_Part] = []
    before = _rstrip(clause, start, quoted.start(), " ,")
    if before > start:
        parts = _author_parts(clause, start, before)
        if not parts:
            return []
    t0, t1 = quoted.span(1)
    t1 = _rstrip(clause, t0, t1, " ,.")
    parts.append(_Part("title", t0, t1, {"level": "a"}))
    rest = clause[quoted.end():end]
    host = re.match(r"\s*,?\s*in\s+([A-Z][^,(]*?)(?=\s*(?:,|\(|$|\s\d))", rest)
    if host:
        h0 = quoted.end() + host.start(1)
        h1 = quoted.end() + host.end(1)
        journal = re.match(r"\s+\d+", clause[h1:end]) is not None
        parts.append(_Part("title", h0, h1, {"level": "j" if journal else "m"}))
    elif rest.strip(" ,"):
        return []
    return parts


def _author_parts(clause: str, start: int, end: int, full_names: bool = False) -> list[_Part]:
    """One ``author`` part per name in ``clause[start:end]`` (``A and B``, ``A, B, and C``); [] if not names."""
    out: list[_Part] = []
    for m in re.finditer(r"[^,]+", clause[start:end]):
        chunk_start = start + m.start()
        for n in re.finditer(r"(?:(?<=\s)|^)(?:and\s+)?((?:(?!\band\b)\S+\s*)+)", m.group(0)):
            name = n.group(1).rstrip()
            if not name:
                continue
            s = chunk_start + n.start(1)
            if not _name_like(name, full_names):
                return []
            out.append(_Part("author", s, s + len(name), {}))
    return out


def _name_like(name: str, full: bool) -> bool:
    """A personal name: 1-5 capitalised tokens, initials and particles (2+ tokens when ``full``)."""
    tokens = name.split()
    if not 1 <= len(tokens) <= 5 or (full and len(tokens) < 2) or _LEAD_IN_START.fullmatch(tokens[0]):
        return False
    for tok in tokens:
        if tok in _NAME_PARTICLES:
            continue
        if not tok[0].isupper() or any(c.isdigit() for c in tok):
            return False
        if not re.fullmatch(r"[A-Z][\w'’.-]*", tok):
            return False
    return tokens[-1] not in _NAME_PARTICLES


def _author_only(text: str) -> bool:
    """A short reference's head that is an author's name, not a short title: names English does not
    use as words (``Morga``, ``Seymour and House``; not ``Diplomacy``)."""
    names = re.split(r"\s+(?:and|&)\s+", text.strip())
    return all(_name_like(n, False) and all(zipf(w.strip(".").lower()) < AUTHOR_ZIPF for w in n.split())
               for n in names)


def _title_like(text: str, bare: bool = False) -> bool:
    """A title: starts with a capital, has letters, not too long; without an author (``bare``)
    at least half its words capitalised, so that a sentence of prose is not taken for one."""
    t = text.strip()
    if not (2 <= len(t) <= 300 and t[0].isupper() and sum(c.isalpha() for c in t) >= 2):
        return False
    if not bare:
        return True
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", t) if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(words) and sum(w[0].isupper() for w in words) >= 0.5 * len(words)


def _add_parts(doc: Document, base: int, parts: list[_Part]) -> None:
    """Map parts onto ``raw`` and add them (a part overlapping an earlier sibling is left out)."""
    bibl = parts[0]
    b0, b1 = doc.raw_range(base + bibl.start, base + bibl.end)
    doc.add(Span(b0, b1, "bibl", stage="structure"))
    placed: list[tuple[int, int]] = []
    for part in parts[1:]:
        s, e = doc.raw_range(base + part.start, base + part.end)
        if not (b0 <= s < e <= b1) or any(s < pe and ps < e for ps, pe in placed):
            continue
        placed.append((s, e))
        doc.add(Span(s, e, part.tag, attrs=dict(part.attrs), stage="structure"))
