"""Turning a Document into TEI: spans nested into elements, notes moved to their anchors.

The body is built in one pass over ``raw``: spans open and close elements, text runs
between them become text nodes, and the raw ranges that hold note texts (and the
in-text note markers) are taken out of the flow and emitted inside a ``note`` at the
note's anchor.  Nothing of ``raw`` is lost: every character lands in exactly one
text node (the diplomatic view), and a span whose ``reading`` replaces its text is
written as ``choice`` (repairs) or as an element that the reading view skips
(``fw``, ``surplus``).  Spans that cross one another cannot nest; the lower-ranked
one is dropped with a SER001 warning.

This is the only module that builds TEI elements, and :func:`write` is the only
function that writes XML bytes.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from lxml import etree

from tei import __version__, resources
from tei.config import Config
from tei.errors import TeiError
from tei.model import BLOCK_TAGS, CHOICE_PAIRS, TEI_NS, XML_NS, Document, Note, Span, tei_qn

#: rank of a tag when two spans cover the same range: lower is outer.
_RANK = {tag: i for i, tag in enumerate((
    "div", "head", "list", "item", "quote", "p", "ab", "lg", "l", "note", "surplus", "bibl", "listBibl",
    "author", "editor", "title", "publisher", "pubPlace", "biblScope", "label",
    "orgName", "persName", "placeName", "date", "num", "hi", "fw", "choice"))}
#: containers that may hold only elements: indented on output (mixed content never is).
_ELEMENT_ONLY = {tei_qn(t) for t in (
    "TEI", "teiHeader", "fileDesc", "titleStmt", "respStmt", "editionStmt", "extent", "publicationStmt",
    "sourceDesc", "biblStruct", "analytic", "monogr", "imprint", "series", "encodingDesc", "appInfo",
    "application", "editorialDecl", "correction", "normalization", "hyphenation", "interpretation",
    "profileDesc", "abstract", "langUsage", "revisionDesc", "standOff", "listPerson", "listPlace", "listOrg",
    "person", "place", "org", "text", "body", "div", "list")}
#: block tags that hold text (a run of text outside all of them is wrapped in ``ab``).
_TEXT_BLOCKS = {"head", "p", "ab", "quote", "item", "l", "bibl", "fw", "note", "label"}
#: attribute order on output.
_ATTR_ORDER = ("type", "unit", "n", "place", "reason", "level", "when", "from", "to", "notBefore", "notAfter",
               "cert", "evidence", "resp", "ref", "ana")


#: what XML counts as whitespace (form feed and vertical tab are written as line ends); other
#: Unicode spaces (no-break, em, ideographic) are text to XML, and must stand inside a block.
_XML_SPACE = " \t\r\n\x0c\x0b"


def _attr_key(name: str) -> tuple[int, str]:
    return (_ATTR_ORDER.index(name) if name in _ATTR_ORDER else len(_ATTR_ORDER), name)


def _xml_text(s: str) -> str:
    """Text as XML can hold it: form feeds and vertical tabs (whitespace) become line ends."""
    return s.replace("\x0c", "\n").replace("\x0b", "\n")


@dataclass
class _Region:
    """A stretch of raw text to build: its ranges, the spans inside, and notes to insert."""

    ranges: list[tuple[int, int]]
    spans: list[Span] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class _Builder:
    """Builds the body of one Document."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.raw = doc.raw
        excluded: list[tuple[int, int]] = []
        for note in doc.notes:
            excluded += [seg for seg in note.segments if seg[1] > seg[0]]
            if note.marker:
                excluded.append(note.marker)
        self.excluded = _merge(excluded)
        self._ex_starts = [a for a, _ in self.excluded]
        self.note_ids = {id(n): f"note-{i}" for i, n in enumerate(sorted(doc.notes, key=lambda n: n.position), 1)}
        self.segments = sorted((a, b, id(n)) for n in doc.notes for a, b in n.segments if b > a)
        self._seg_starts = [a for a, _, _ in self.segments]
        self._reach = list(itertools.accumulate((b for _, b, _ in self.segments), max))   # furthest end so far
        self.by_start = sorted(doc.spans, key=lambda s: s.start)
        self._span_starts = [s.start for s in self.by_start]

    # --- lookups --------------------------------------------------------------------------------
    def note_holding(self, a: int, b: int) -> int | None:
        """``id`` of the note whose segment holds raw[a:b] (a position when a == b), if any."""
        i = bisect.bisect_right(self._seg_starts, a) - 1
        while i >= 0 and self._reach[i] > a:
            _, e, nid = self.segments[i]
            if (b <= e) if b > a else (a < e):
                return nid
            i -= 1
        return None

    def spans_within(self, a: int, b: int) -> list[Span]:
        """The document's spans lying inside raw[a:b]."""
        lo = bisect.bisect_left(self._span_starts, a)
        hi = bisect.bisect_right(self._span_starts, b)
        return [s for s in self.by_start[lo:hi] if s.end <= b]

    # --- text ---------------------------------------------------------------------------------
    def _pieces(self, a: int, b: int) -> list[tuple[int, int]]:
        """Parts of raw[a:b] not excluded from the flow."""
        out = []
        i = max(0, bisect.bisect_right(self._ex_starts, a) - 1)
        pos = a
        while pos < b:
            while i < len(self.excluded) and self.excluded[i][1] <= pos:
                i += 1
            if i < len(self.excluded) and self.excluded[i][0] <= pos:
                pos = self.excluded[i][1]
                continue
            nxt = self.excluded[i][0] if i < len(self.excluded) else b
            end = min(nxt, b)
            out.append((pos, end))
            pos = end
        return out

    def flow_text(self, a: int, b: int) -> str:
        return "".join(self.raw[s:e] for s, e in self._pieces(a, b))

    def is_excluded(self, a: int, b: int) -> bool:
        """Whether raw[a:b] lies inside one excluded range."""
        i = bisect.bisect_right(self._ex_starts, a) - 1
        return i >= 0 and self.excluded[i][0] <= a and b <= self.excluded[i][1]

    # --- building -----------------------------------------------------------------------------
    def build(self, parent: etree._Element, region: _Region, *, skip_excluded: bool) -> None:
        """Append the elements and text of a region to ``parent``."""
        # at one offset: divisions open first, then milestones and notes, then the longest span
        events: list[tuple[int, int, int, int, Span | Note]] = []
        for s in region.spans:
            events.append((s.start, 0 if s.tag == "div" else 1 if s.start == s.end else 2,
                           -s.end, _RANK.get(s.tag, 50), s))
        for n in region.notes:
            events.append((n.position, 1, -n.position, _RANK["note"], n))
        events.sort(key=lambda e: e[:4])
        for k, (a, b) in enumerate(region.ranges):
            if k:
                _append_text(parent, "\n")
            seg_events = [e for e in events if a <= e[0] <= b and (e[0] < b or k == len(region.ranges) - 1)]
            self._build_range(parent, a, b, seg_events, skip_excluded)

    def _build_range(self, root: etree._Element, a: int, b: int,
                     events: list[tuple[int, int, int, int, Span | Note]], skip_excluded: bool) -> None:
        stack: list[tuple[etree._Element, int, Span | None]] = [(root, b, None)]
        cursor = a

        def text(upto: int) -> None:
            nonlocal cursor
            if upto > cursor:
                chunk = self.flow_text(cursor, upto) if skip_excluded else self.raw[cursor:upto]
                _append_text(stack[-1][0], _xml_text(chunk))
                cursor = upto

        def close_top() -> None:
            el, _end, span = stack.pop()
            parent = el.getparent()
            if span is not None and span.tag == "choice" and parent is not None:
                _finish_choice(parent, span)

        for start, _group, _neg_end, _rank, item in events:
            while len(stack) > 1 and stack[-1][1] <= start and not (
                    isinstance(item, Note) and stack[-1][1] == start and stack[-1][2] is not None
                    and stack[-1][2].tag in _TEXT_BLOCKS):
                text(stack[-1][1])
                close_top()
            text(start)
            if isinstance(item, Note):
                stack[-1][0].append(self.note_element(item))
                continue
            span = item
            if span.end > stack[-1][1]:
                outer = stack[-1][2]
                self.doc.warn("SER001", span.start, tag=span.tag, start=span.start, end=span.end,
                              other=outer.tag if outer else "text")
                continue
            if skip_excluded and span.end > span.start and not self._fits_flow(span):
                continue
            el = self.element(span)
            stack[-1][0].append(el)
            if span.end > span.start:
                if span.tag == "choice":
                    pair = CHOICE_PAIRS.get(span.kind, ("orig", "reg"))
                    el = etree.SubElement(el, tei_qn(pair[0]))
                stack.append((el, span.end, span))
        while len(stack) > 1:
            text(stack[-1][1])
            close_top()
        text(b)

    def _fits_flow(self, span: Span) -> bool:
        """A main-flow span must not cut into an excluded range (note text or marker)."""
        for s, e in self.excluded[max(0, bisect.bisect_right(self._ex_starts, span.start) - 1):]:
            if s >= span.end:
                break
            if e <= span.start or (span.start <= s and e <= span.end):
                continue
            self.doc.warn("SER001", span.start, tag=span.tag, start=span.start, end=span.end, other="note")
            return False
        return True

    def element(self, span: Span) -> etree._Element:
        el = etree.Element(tei_qn(span.tag))
        attrs = dict(span.attrs)
        if span.tag == "choice" and span.kind:
            attrs.setdefault("ana", f"#repair-{span.kind}")
        if span.ref and span.ref in self.doc.entities:
            attrs["ref"] = "#" + span.ref
        for k in sorted(attrs, key=_attr_key):
            if attrs[k] != "":
                el.set(k if ":" not in k else k.replace("xml:", f"{{{XML_NS}}}"), attrs[k])
        return el

    def _clear_of_label(self, span: Span, label: tuple[int, int]) -> bool:
        """A phrase-level span may not hold a note's label (``label`` is not phrase content)."""
        if span.tag in BLOCK_TAGS or span.end <= label[0] or span.start >= label[1] or (
                label[0] <= span.start and span.end <= label[1]):
            return True
        self.doc.warn("SER001", span.start, tag=span.tag, start=span.start, end=span.end, other="label")
        return False

    def note_element(self, note: Note) -> etree._Element:
        el = etree.Element(tei_qn("note"))
        el.set("place", note.place)
        el.set("n", note.n)
        el.set(f"{{{XML_NS}}}id", self.note_ids[id(note)])
        if note.marker:
            marker = etree.SubElement(el, tei_qn("label"))
            marker.set("type", "marker")
            marker.text = _xml_text(self.raw[note.marker[0]:note.marker[1]])
        spans = [s for a, b in note.segments for s in self.spans_within(a, b)
                 if not (s.start == s.end and any(s.start in (x, y) for x, y in note.segments))]
        if note.label and not any(s.tag == "label" and (s.start, s.end) == note.label for s in spans):
            spans = [s for s in spans if self._clear_of_label(s, note.label)]
            spans.append(Span(note.label[0], note.label[1], "label"))
        inner = [n for n in self.doc.notes if n is not note and self.note_holding(n.position, n.position) == id(note)]
        self.build(el, _Region(list(note.segments), spans, inner), skip_excluded=False)
        return el


def _merge(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(ranges):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _append_text(parent: etree._Element, s: str) -> None:
    if not s:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + s
    else:
        parent.text = (parent.text or "") + s


def _finish_choice(choice: etree._Element, span: Span) -> None:
    """Add the reading half of a repair: ``reg`` or ``corr`` with who made it and how sure."""
    pair = CHOICE_PAIRS.get(span.kind, ("orig", "reg"))
    second = etree.SubElement(choice, tei_qn(pair[1]))
    second.set("resp", "#pipeline")
    if span.cert:
        second.set("cert", span.cert)
    second.text = span.reading or None


def _block_gaps(doc: Document, builder: _Builder) -> list[Span]:
    """``ab`` spans for runs of flow text that no block holds (text directly in a div is not TEI)."""
    covering = _merge([(s.start, s.end) for s in doc.spans if s.tag in _TEXT_BLOCKS or s.tag in ("list",)])
    starts = [a for a, _ in covering]
    gaps: list[Span] = []
    pos = 0
    raw = doc.raw
    n = len(raw)
    while pos < n:
        i = bisect.bisect_right(starts, pos) - 1
        if i >= 0 and covering[i][1] > pos:
            pos = covering[i][1]
            continue
        nxt = covering[i + 1][0] if i + 1 < len(covering) else n
        for a, b in builder._pieces(pos, nxt):
            seg = raw[a:b]
            if seg.strip(_XML_SPACE):
                lead = len(seg) - len(seg.lstrip(_XML_SPACE))
                trail = len(seg.rstrip(_XML_SPACE))
                gaps.append(Span(a + lead, a + trail, "ab", stage="serialize"))
        pos = nxt
    # adjacent gap pieces split only by excluded text (a note block) belong to one ab
    merged: list[Span] = []
    for g in gaps:
        if merged and not builder.flow_text(merged[-1].end, g.start).strip(_XML_SPACE) and not any(
                s.tag in _TEXT_BLOCKS and merged[-1].end <= s.start < g.start for s in doc.spans):
            merged[-1] = Span(merged[-1].start, g.end, "ab", stage="serialize")
        else:
            merged.append(g)
    return merged


def _divisions(doc: Document, spans: list[Span]) -> list[Span]:
    """A ``div`` for every stretch of content that no div holds (the body holds only divs)."""
    covered = _merge([(s.start, s.end) for s in spans if s.tag == "div"])
    content = sorted((s.start, s.end) for s in spans if s.tag != "div" and s.tag in _TEXT_BLOCKS | {"list", "pb"})
    out: list[Span] = []
    bounds = [0] + [x for ab in covered for x in ab] + [len(doc.raw)]
    for a, b in zip(bounds[0::2], bounds[1::2]):
        inside = [(s, e) for s, e in content if a <= s < b or (s == e == b == len(doc.raw))]
        if inside:
            out.append(Span(min(s for s, _ in inside), max(max(e for _, e in inside), a), "div", stage="serialize"))
    if not covered and not out:
        # nothing but notes or furniture: the body still needs one division to hold them
        out.append(Span(0, len(doc.raw), "div", stage="serialize"))
    return out


def body(doc: Document) -> etree._Element:
    """The ``<body>`` of a document: every span nested, every character kept."""
    builder = _Builder(doc)
    in_note_ids = {id(s) for s in doc.spans if s.end > s.start and builder.note_holding(s.start, s.end) is not None}
    flow = [s for s in doc.spans if id(s) not in in_note_ids and not (
        s.start == s.end and builder.is_excluded(s.start, s.start + 1) and builder.is_excluded(s.start - 1, s.start))]
    flow += _block_gaps(doc, builder)
    flow += _divisions(doc, flow)
    flow_notes = [n for n in doc.notes if builder.note_holding(n.position, n.position) in (None, id(n))]
    el = etree.Element(tei_qn("body"))
    builder.build(el, _Region([(0, len(doc.raw))], flow, flow_notes), skip_excluded=True)
    _wrap_stray(el)
    _strip_edges(el)
    return el


#: container -> (the element that wraps stray content in it, what may stand in it unwrapped).
_GLOBAL = ("pb", "lb", "cb", "fw", "note", "milestone", "anchor")
_WRAPPERS: dict[str, tuple[str, frozenset[str]]] = {
    tei_qn("body"): ("div", frozenset(tei_qn(t) for t in ("div", *_GLOBAL))),
    tei_qn("div"): ("ab", frozenset(tei_qn(t) for t in (
        "div", "head", "p", "ab", "lg", "bibl", "listBibl", "label", "list", "quote", "cit", *_GLOBAL))),
    tei_qn("list"): ("item", frozenset(tei_qn(t) for t in ("head", "item", "label", *_GLOBAL))),
}


def _wrap_stray(el: etree._Element) -> None:
    """Wrap text and phrase elements standing where only blocks may in the container's block.

    A block dropped as crossing another (already reported as SER001) leaves its content
    directly in a ``div`` (or ``body``, ``list``); wrapped, the TEI stays valid.
    """
    rule = _WRAPPERS.get(el.tag)
    if rule is not None:
        wrapper, allowed = rule
        items: list[str | etree._Element] = [el.text or ""]
        for child in el:
            items += [child, child.tail or ""]
            child.tail = None
        el.text = None
        for child in list(el):
            el.remove(child)
        blocks = allowed - {tei_qn(t) for t in _GLOBAL}
        run: list[str | etree._Element] = []
        for item in items:
            if isinstance(item, str) or item.tag not in blocks:
                run.append(item)
                continue
            _flush_run(el, run, wrapper, allowed)
            run = []
            el.append(item)
        _flush_run(el, run, wrapper, allowed)
    for child in el:
        _wrap_stray(child)


def _flush_run(parent: etree._Element, run: list[str | etree._Element], wrapper: str,
               allowed: frozenset[str]) -> None:
    """Append a run of non-block items to ``parent``, inside a new ``wrapper`` if any is stray."""
    stray = any(item.strip(_XML_SPACE) if isinstance(item, str) else item.tag not in allowed for item in run)
    target, trail = parent, ""
    if stray:   # the run's outer layout whitespace stays outside the new block
        if isinstance(run[0], str):
            _append_text(parent, run[0][:len(run[0]) - len(run[0].lstrip(_XML_SPACE))])
            run[0] = run[0].lstrip(_XML_SPACE)
        if isinstance(run[-1], str):
            trail = run[-1][len(run[-1].rstrip(_XML_SPACE)):]
            run[-1] = run[-1].rstrip(_XML_SPACE)
        target = etree.SubElement(parent, tei_qn(wrapper))
    for item in run:
        if isinstance(item, str):
            _append_text(target, item)
        else:
            target.append(item)
    _append_text(parent, trail)


def _strip_edges(body_el: etree._Element) -> None:
    """Whitespace-only text directly in body is layout, not content."""
    if body_el.text and not body_el.text.strip(_XML_SPACE):
        body_el.text = None
    for child in body_el:
        if child.tail and not child.tail.strip(_XML_SPACE):
            child.tail = None


# --- header and standOff ----------------------------------------------------------------------
_ENV: jinja2.Environment | None = None
#: how the header describes each kind of source.
SOURCE_KINDS = {"ocr": "OCR of printed pages", "pdf": "Text extracted from a PDF of printed pages",
                "web": "A publisher's web page"}
#: how the header's taxonomy describes each repair kind (``choice/@ana`` points to these).
REPAIR_KINDS = {
    "hyphen": "A word broken at a line or page end, joined.",
    "hyphen-kept": "A compound broken at a line end; its hyphen kept.",
    "space": "A letter-spaced word closed up, or a space lost in extraction restored.",
    "ligature": "Letters lost with a ligature (ff, fi, fl, ffi, ffl) in text extraction, restored.",
    "ocr": "An OCR misreading corrected.",
    "pagenum": "A damaged printed page number read as the page sequence implies.",
}
LANGUAGES = {"en": "English", "fr": "French", "de": "German", "ru": "Russian", "es": "Spanish", "it": "Italian"}


def _env() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(resources.template(""))),
                                  autoescape=True, undefined=jinja2.StrictUndefined,
                                  trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
        _ENV.tests["iso_year"] = lambda v: bool(re.fullmatch(r"-?\d{4}", str(v)))
    return _ENV


def header(doc: Document, config: Config) -> etree._Element:
    """The ``teiHeader`` from ``templates/teiHeader.xml.j2``, parsed at once."""
    pages = [s for s in doc.spans if s.tag == "pb"]
    try:
        xml = _env().get_template("teiHeader.xml.j2").render(
            meta=doc.meta, doc=doc, version=__version__, date=config.build_date, pages=len(pages),
            page_numbers=[p.attrs.get("n", "") for p in sorted(pages, key=lambda p: p.start)],
            repairs=sorted({s.kind for s in doc.spans if s.tag == "choice" and s.kind}),
            has=lambda tag: any(s.tag == tag for s in doc.spans),
            notes=len(doc.notes), tei_ns=TEI_NS, source_kinds=SOURCE_KINDS, languages=LANGUAGES,
            repair_kinds=REPAIR_KINDS)
    except jinja2.TemplateError as exc:
        raise TeiError.make("HDR001", reason=str(exc)) from exc
    return etree.fromstring(xml.encode("utf-8"), _parser())


def stand_off(doc: Document) -> etree._Element | None:
    """``standOff`` with one register entry per distinct entity, or None when there are none."""
    if not doc.entities:
        return None
    so = etree.Element(tei_qn("standOff"))
    for kind, list_tag, item_tag, name_tag in (("person", "listPerson", "person", "persName"),
                                               ("place", "listPlace", "place", "placeName"),
                                               ("org", "listOrg", "org", "orgName")):
        items = sorted((e for e in doc.entities.values() if e.type == kind), key=lambda e: e.xml_id)
        if not items:
            continue
        lst = etree.SubElement(so, tei_qn(list_tag))
        for ent in items:
            item = etree.SubElement(lst, tei_qn(item_tag))
            item.set(f"{{{XML_NS}}}id", ent.xml_id)
            for form in ent.forms or [ent.xml_id]:
                etree.SubElement(item, tei_qn(name_tag)).text = form
            for typ, value in sorted(ent.idno.items()):
                idno = etree.SubElement(item, tei_qn("idno"))
                idno.set("type", typ)
                idno.text = value
            if ent.note:
                etree.SubElement(item, tei_qn("note")).text = ent.note
    return so


def to_tei(doc: Document, config: Config) -> etree._ElementTree:
    """The whole TEI document for ``doc``."""
    root = etree.Element(tei_qn("TEI"), nsmap={None: TEI_NS})  # type: ignore[dict-item]
    root.set(f"{{{XML_NS}}}lang", doc.meta.language or "en")
    root.append(header(doc, config))
    so = stand_off(doc)
    if so is not None:
        root.append(so)
    text = etree.SubElement(root, tei_qn("text"))
    text.append(body(doc))
    return etree.ElementTree(root)


# --- bytes ------------------------------------------------------------------------------------
def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_blank_text=True)


def _indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only containers; mixed content is left exactly as it is."""
    if el.tag not in _ELEMENT_ONLY or not len(el):
        return
    if el.text and el.text.strip():
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        if child.tail and child.tail.strip():
            return
    for child in el:
        child.tail = pad
        _indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level


def to_bytes(tree: etree._ElementTree) -> bytes:
    """Serialise TEI the one way the project does: UTF-8, declaration, LF, indented containers."""
    root = tree.getroot()
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write(doc: Document, config: Config, path: Path) -> bytes:
    """Serialise ``doc`` and write it atomically to ``path``; returns the bytes written."""
    data = to_bytes(to_tei(doc, config))
    write_atomic(path, data)
    return data


__all__ = ["body", "header", "stand_off", "to_tei", "to_bytes", "write", "write_atomic", "BLOCK_TAGS"]
