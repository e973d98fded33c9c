"""The one document model: the untouched source text with stand-off spans over it.

``Document.raw`` is the input exactly as decoded and never changes.  Every finding of a
stage is a :class:`Span` over ``raw`` (character offsets, end exclusive) or a
:class:`Note`.  A span whose ``reading`` is not ``None`` replaces its source
characters in the *reading text* (a repair, or furniture that the reading text
leaves out); :meth:`Document.derive_reading` builds that text once, with a
:class:`SourceMap` between the two, so later stages can work on repaired words and
map what they find back onto ``raw``.  Serialising nests the spans into TEI; the
diplomatic view of that TEI is ``raw`` again.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Literal, cast

from tei.errors import Location, TeiError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"


def tei_qn(name: str) -> str:
    """Clark name of a TEI element: ``tei_qn("persName")`` -> ``{http://www.tei-c.org/ns/1.0}persName``."""
    return f"{{{TEI_NS}}}{name}"


#: repair kinds -> the pair of ``choice`` children that records them.
#: Normalisations of a correct source (a line-break hyphen) use orig/reg; corrections of a
#: damaged one (a lost ligature, an OCR misreading) use sic/corr.
CHOICE_PAIRS: dict[str, tuple[str, str]] = {
    "hyphen": ("orig", "reg"),        # word broken at a line end, joined
    "hyphen-kept": ("orig", "reg"),   # compound broken at a line end, hyphen kept
    "space": ("orig", "reg"),         # letter-spaced word closed up, lost space restored
    "ligature": ("sic", "corr"),      # ff/fi/fl/ffi/ffl lost in PDF extraction
    "ocr": ("sic", "corr"),           # OCR letter/digit confusion
    "pagenum": ("sic", "corr"),       # a damaged printed page number
}

#: block-level elements the structure stage may emit, outermost first.
BLOCK_TAGS = ("div", "head", "p", "ab", "quote", "list", "item", "lg", "l", "bibl", "listBibl")
#: inline elements (entities, dates, citations, furniture) the stages may emit.
INLINE_TAGS = ("surplus", "fw", "title", "author", "editor", "publisher", "pubPlace", "biblScope",
               "orgName", "persName", "placeName", "date", "hi", "choice", "label", "num")
MILESTONE_TAGS = ("pb", "lb", "cb", "milestone", "anchor")


@dataclass
class Span:
    """A finding over ``raw[start:end]``, emitted as the TEI element ``tag``.

    Attributes:
        start, end: offsets into ``Document.raw`` (end exclusive; start == end for milestones).
        tag: the TEI element name, spelled as TEI spells it (``"persName"``, ``"pb"``).
        attrs: TEI attributes, e.g. ``{"when": "1921"}`` or ``{"type": "header", "place": "top"}``.
        reading: what stands for the span in the reading text; ``None`` keeps the source text
            (entities, blocks), ``""`` leaves it out (running heads, noise), any other string
            replaces it (a repair: ``choice`` with ``kind`` naming what was repaired).
        kind: the repair kind for ``choice`` (a key of :data:`CHOICE_PAIRS`); free otherwise.
        cert: certainty of a repair (``high``/``medium``/``low``), written on ``corr``/``reg``.
        ref: the ``xml:id`` of a register entry (entities), written as ``@ref="#..."``.
        stage: the stage that made the span (for reports and debugging).
    """

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    reading: str | None = None
    kind: str = ""
    cert: str = ""
    ref: str = ""
    stage: str = ""

    @property
    def is_milestone(self) -> bool:
        return self.start == self.end


@dataclass
class Note:
    """A footnote: its text somewhere in ``raw`` (usually a page foot), and where it belongs.

    Attributes:
        n: the note number the book prints (normalised, e.g. ``"191"`` for an OCR'd ``l91``).
        segments: raw ranges holding the note text in reading order (more than one when the
            note continues over a page break); the first starts with the printed label.
        label: raw range of the printed label inside the first segment (``"31"``), if any.
        anchor: raw offset where the note stands in the text (right after the word carrying
            the marker), or ``None`` when no marker was found: then it stays at its page.
        marker: raw range of the in-text marker (``³¹``, ``160``, the ``1`` of ``Frazar1``).
        place: TEI ``@place``; ``"bottom"`` for footnotes.
    """

    n: str
    segments: list[tuple[int, int]]
    label: tuple[int, int] | None = None
    anchor: int | None = None
    marker: tuple[int, int] | None = None
    place: str = "bottom"

    @property
    def position(self) -> int:
        """Where the note element is emitted: its anchor, else where its text starts."""
        return self.anchor if self.anchor is not None else self.segments[0][0]


@dataclass
class Entity:
    """A register entry: one distinct person, place or organisation."""

    xml_id: str
    type: Literal["person", "place", "org"]
    forms: list[str] = field(default_factory=list)
    idno: dict[str, str] = field(default_factory=dict)     # {"wikidata": "https://...", "geonames": ...}
    note: str = ""
    mentions: int = 0


@dataclass
class HeaderMeta:
    """What the header knows about the source (filled by the stages, rendered by ``header``)."""

    title: str = ""
    subtitle: str = ""
    chapter: str = ""                 # an analytic title (chapter, article, section)
    book_title: str = ""
    book_subtitle: str = ""
    authors: list[str] = field(default_factory=list)
    series: str = ""
    publisher: str = ""
    pub_place: str = ""
    year: str = ""
    page_from: str = ""
    page_to: str = ""
    doc_type: str = ""               # "Chapter", "Article", ...
    abstract: list[str] = field(default_factory=list)
    source_kind: str = ""             # "ocr", "pdf", "web"
    source_note: str = ""
    language: str = "en"
    encoding: str = "utf-8"
    normalisations: list[str] = field(default_factory=list)   # keys of what the pipeline did


class SourceMap:
    """Offsets between the reading text and ``raw``.

    Built from non-overlapping edits ``(start, end, replacement)`` over ``raw``; every
    other character is copied.  Offsets are monotone in both directions.
    """

    def __init__(self, raw: str, edits: Iterable[tuple[int, int, str]]) -> None:
        self._pieces: list[tuple[int, int, int, int, bool]] = []   # r0, r1, s0, s1, copied
        out: list[str] = []
        pos = rpos = 0
        for start, end, repl in edits:
            if start < pos:
                raise ValueError(f"overlapping edits at {start}")
            if start > pos:
                self._pieces.append((rpos, rpos + start - pos, pos, start, True))
                out.append(raw[pos:start])
                rpos += start - pos
            self._pieces.append((rpos, rpos + len(repl), start, end, False))
            out.append(repl)
            rpos += len(repl)
            pos = end
        if pos < len(raw) or not self._pieces:
            self._pieces.append((rpos, rpos + len(raw) - pos, pos, len(raw), True))
            out.append(raw[pos:])
        self.text = "".join(out)
        self._r_starts = [p[0] for p in self._pieces]
        self._s_starts = [p[2] for p in self._pieces]

    def _piece(self, starts: list[int], pos: int) -> tuple[int, int, int, int, bool]:
        i = max(0, bisect.bisect_right(starts, pos) - 1)
        return self._pieces[i]

    def to_raw(self, pos: int, side: Literal["start", "end"] = "start") -> int:
        """Raw offset of a reading-text offset; inside an edit, its start (or end, for ``side="end"``)."""
        if side == "end" and pos > 0:
            r0, r1, s0, s1, copied = self._piece_for_end(pos)
            return s0 + (pos - r0) if copied else s1
        r0, r1, s0, s1, copied = self._piece(self._r_starts, pos)
        if copied:
            return min(s0 + (pos - r0), s1) if pos < r1 or r1 == r0 else s1
        return s0

    def _piece_for_end(self, pos: int) -> tuple[int, int, int, int, bool]:
        # the piece holding character pos-1 (skipping empty replacements that end exactly at pos)
        i = max(0, bisect.bisect_right(self._r_starts, pos - 1) - 1)
        while i + 1 < len(self._pieces) and self._pieces[i][1] < pos:
            i += 1
        return self._pieces[i]

    def to_reading(self, pos: int) -> int:
        """Reading-text offset of a raw offset (inside an edit: where its replacement starts)."""
        r0, r1, s0, s1, copied = self._piece(self._s_starts, pos)
        return r0 + min(pos - s0, r1 - r0) if copied else r0


@dataclass
class Document:
    """One input: the untouched source, and everything the stages found over it."""

    raw: str
    path: Path = Path("<input>")
    spans: list[Span] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    entities: dict[str, Entity] = field(default_factory=dict)
    meta: HeaderMeta = field(default_factory=HeaderMeta)
    diagnostics: list[TeiError] = field(default_factory=list)
    provided: set[str] = field(default_factory=set)
    strict: bool = False
    source_bytes_sha256: str = ""
    _text: str | None = field(default=None, repr=False)
    _map: SourceMap | None = field(default=None, repr=False)
    _line_starts: list[int] = field(default_factory=list, repr=False)

    # --- the source ---------------------------------------------------------------------------
    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def sha256(self) -> str:
        return self.source_bytes_sha256 or hashlib.sha256(self.raw.encode("utf-8")).hexdigest()

    def lines(self) -> Iterator[tuple[int, int, str]]:
        """Raw lines as ``(start, end, text)``, the end excluding the newline."""
        pos = 0
        for line in self.raw.splitlines(keepends=True):
            body = line.rstrip("\r\n")
            yield pos, pos + len(body), body
            pos += len(line)

    def location(self, offset: int) -> Location:
        """File, 1-based line and column of a raw offset."""
        if not self._line_starts:
            self._line_starts = [0] + [i + 1 for i, c in enumerate(self.raw) if c == "\n"]
        i = bisect.bisect_right(self._line_starts, offset) - 1
        return Location(str(self.path), i + 1, offset - self._line_starts[i] + 1)

    # --- findings -----------------------------------------------------------------------------
    def add(self, span: Span) -> Span:
        """Add a span after checking its bounds."""
        if not 0 <= span.start <= span.end <= len(self.raw):
            raise ValueError(f"span {span.tag} {span.start}-{span.end} outside the text (0-{len(self.raw)})")
        self.spans.append(span)
        self._text = None if span.reading is not None else self._text
        return span

    def spans_of(self, *tags: str) -> list[Span]:
        """Spans with one of the given tags, in source order."""
        return sorted((s for s in self.spans if s.tag in tags), key=lambda s: (s.start, -s.end))

    def report(self, err: TeiError) -> None:
        """Record a problem (raised instead under ``strict``)."""
        if self.strict and err.severity == "error":
            raise err
        self.diagnostics.append(err)

    def warn(self, code: str, offset: int | None = None, **fields: object) -> None:
        """Report a catalogued problem at a raw offset."""
        loc = self.location(offset) if offset is not None else Location(str(self.path))
        self.report(TeiError.make(code, loc, **cast("dict[str, Any]", fields)))

    # --- the reading text ---------------------------------------------------------------------
    def edits(self) -> list[tuple[int, int, str]]:
        """Non-overlapping replacements that turn ``raw`` into the reading text (outermost wins)."""
        cands = [(s.start, s.end, s.reading) for s in self.spans if s.reading is not None and s.end > s.start]
        cands += [(n.marker[0], n.marker[1], "") for n in self.notes if n.marker]
        cands.sort(key=lambda e: (e[0], -e[1]))
        out: list[tuple[int, int, str]] = []
        for start, end, repl in cands:
            if out and start < out[-1][1]:
                continue
            out.append((start, end, repl))
        return out

    def derive_reading(self) -> None:
        """(Re)build the reading text and its source map from the current spans."""
        self._map = SourceMap(self.raw, self.edits())
        self._text = self._map.text

    @property
    def text(self) -> str:
        """The reading text: repairs applied, furniture and note markers left out."""
        if self._text is None or self._map is None:
            self.derive_reading()
        assert self._text is not None
        return self._text

    @property
    def source_map(self) -> SourceMap:
        if self._map is None or self._text is None:
            self.derive_reading()
        assert self._map is not None
        return self._map

    def text_of(self, span: Span) -> str:
        """The reading text under a span."""
        m = self.source_map
        return self.text[m.to_reading(span.start):m.to_reading(span.end)]

    def raw_range(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of a reading-text range, widened to whole repairs."""
        m = self.source_map
        return m.to_raw(start, "start"), m.to_raw(end, "end")

    def add_from_reading(self, start: int, end: int, tag: str, **kw: object) -> Span:
        """Add a span found in the reading text, mapped back onto ``raw``."""
        s, e = self.raw_range(start, end)
        span = Span(s, e, tag, **kw)  # type: ignore[arg-type]
        self.spans.append(span)
        return span
