"""Stage: divisions, headings, paragraphs, quotations, lists; header facts found on the way.

The stage works on *content lines*: raw lines with the material earlier stages took out of
the text flow (note segments, surplus copies, running heads and page numbers, note markers)
masked.  A line that keeps no content is furniture and is skipped; the rest are grouped
into units (heading, paragraph, block quotation, list), and each unit becomes a block span
over ``raw`` from its first to its last content character, so furniture and notes lying
between two lines of a paragraph end up inside it (notes are moved out by the serializer,
``fw``/``pb`` are allowed inline) while those between two blocks stay outside both.

The layout is detected per document: PDF extractions keep one printed line per raw line
(lengths cluster around the measure), OCR'd and web text keep one paragraph per raw line.

Bibliographic citations inside notes are tagged by :mod:`tei.citations`; publisher-page
metadata (labelled fields) and the source kind go to ``doc.meta``.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from tei import citations
from tei.config import Config
from tei.furniture import same_head
from tei.model import Document, HeaderMeta, Span

REQUIRES = frozenset({"reading"})
PROVIDES = frozenset({"blocks"})

_HARD, _SOFT = 1, 2          # mask values: out of the flow and never cut / furniture kept inline
#: words a title-case heading may leave lower-case.
_FUNCTION_WORDS = frozenset(
    "a an and as at but by de del der des di du en et for from in into la le les of on or per "
    "the to und van von vs via with without".split())
#: one-word sentences that open paragraphs and are not run-in heads.
_DISCOURSE_WORDS = frozenset(
    "yes no indeed perhaps well now then so thus still again exactly certainly nonsense true "
    "agreed right good fine oh alas granted".split())
_BULLET = re.compile(r"^\s*[-–—•*▪●◦]\s+(?=\S)")
_TOC_ENTRY = re.compile(r"^\S.*?(?:\s*\.{2,}\s*|\s+)(?:\d{1,4}|[ivxlc]{1,7})$")
_NUMBERED = re.compile(
    r"^(?:(?:chapter|part|section|book|appendix|lecture)\s+(?:\d{1,3}|[IVXLC]{1,7}|[A-Z])\b[.:]?"
    r"|[IVX]{1,6}\.|\d{1,2}(?:\.\d{1,2})*\.?)(?=\s|$)", re.IGNORECASE)
_TERMINAL = re.compile(r"[.?!:…](?:\s?[\"”’'»)\]])*(?:\s*[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]{1,3})?$")
_RUN_IN = re.compile(r"^([A-Z][\w’'-]*(?:[ \t]+[\w’'-]+){0,7})\.[ \t]+(?=[A-Z“\"‘'(\[])")
_CAMEL_JOIN = re.compile(r"(?<=[a-z)])(?=[A-Z][a-z])")
_REFERENCE_NO = re.compile(r"\d[\w.]*/\w*\d")     # a file or catalogue number: 861.00/2075, 185/8a
#: printed advance widths (in ems, Times-like) of a proportional book face; others count 0.5.
_GLYPH_WIDTHS = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", (
        .444, .5, .444, .5, .444, .333, .5, .5, .278, .278, .5, .278, .778, .5, .5, .5, .5, .333, .389,
        .278, .5, .5, .722, .5, .5, .444))),
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        .722, .667, .667, .722, .611, .556, .722, .722, .333, .389, .722, .611, .889, .722, .722, .556,
        .722, .667, .556, .611, .722, .722, .944, .722, .722, .611))),
    " ": .25, ".": .25, ",": .25, ":": .278, ";": .278, "(": .333, ")": .333, "[": .333, "]": .333,
    "-": .333, "'": .333, "’": .333, "‘": .333, "“": .444, "”": .444, '"': .408, "!": .333, "?": .444,
}
#: the width a character lost from a ligature (f, i, l) adds back.
_LIGATURE_LETTER_WIDTH = 0.3


@dataclass
class _Line:
    """A raw line that keeps content once furniture and notes are masked."""

    start: int          # block range: first kept character (content or inline furniture)
    end: int            # ... and after the last
    raw_start: int      # the raw line's own bounds
    raw_end: int
    text: str           # the content (masked characters dropped), whitespace collapsed
    indent: int         # leading blanks of the raw line
    length: int         # printed length estimate (lost ligature letters counted)
    width: float = 0.0  # printed width estimate in ems (proportional face, lost ligatures counted)
    after_surplus: bool = False   # a surplus copy stands between this line and the one before


@dataclass
class _Unit:
    """A block in the making: its kind and its lines (indices into the line list)."""

    kind: str                       # "head", "p", "quote", "list"
    lines: list[int] = field(default_factory=list)
    items: list[list[int]] = field(default_factory=list)   # lists: lines of each item


def run(doc: Document, config: Config) -> Document:
    """Add block spans (div, head, p, quote, list/item, ab) and header facts to ``doc``.

    Args:
        doc: a document with pages, repeats, notes and repairs found.
        config: the run's settings (unused: the stage has no options).

    Returns:
        The same document, with block spans, citation spans inside notes and ``doc.meta`` filled.
    """
    mask = _mask(doc)
    lines = _content_lines(doc, mask)
    layout = _layout(lines)
    units = _segment(doc, lines, layout)
    blocks = _emit_units(doc, lines, units)
    _dedupe_list_items(doc, blocks)
    _toc_titles(doc, blocks)
    blocks += _surplus_blocks(doc, blocks)
    blocks += _fallback_blocks(doc, mask, blocks)
    _emit_divs(doc, blocks)
    citations.tag_citations(doc)
    _fill_meta(doc, layout)
    return doc


# --- content lines -----------------------------------------------------------------------------

def _mask(doc: Document) -> bytearray:
    """Per raw character: 0 text, ``_SOFT`` inline furniture or marker, ``_HARD`` notes and surplus."""
    mask = bytearray(len(doc.raw))
    for span in doc.spans:
        if span.tag == "fw" and span.end > span.start:
            mask[span.start:span.end] = bytes(max(m, _SOFT) for m in mask[span.start:span.end])
    for note in doc.notes:
        if note.marker:
            a, b = note.marker
            mask[a:b] = bytes(max(m, _SOFT) for m in mask[a:b])
    hard = [(s.start, s.end) for s in doc.spans if s.tag == "surplus"]
    hard += [seg for note in doc.notes for seg in note.segments]
    for a, b in hard:
        mask[a:b] = bytes([_HARD]) * (b - a)
    return mask


def _content_lines(doc: Document, mask: bytearray) -> list[_Line]:
    """The raw lines that keep content once furniture, notes and surplus are masked."""
    raw = doc.raw
    gain = Counter[int]()
    for span in doc.spans:
        if span.tag == "choice" and span.kind == "ligature" and span.reading is not None:
            gain[raw.rfind("\n", 0, span.start) + 1] += len(span.reading) - (span.end - span.start)
    surplus_starts = sorted(s.start for s in doc.spans if s.tag == "surplus")
    out: list[_Line] = []
    for ls, le, body in doc.lines():
        kept = [p for p in range(ls, le) if mask[p] != _HARD and not raw[p].isspace()]
        text = " ".join("".join(raw[p] for p in range(ls, le) if mask[p] == 0).split())
        if not kept or not text:
            continue
        indent = len(body) - len(body.lstrip())
        width = _width(text) + _LIGATURE_LETTER_WIDTH * gain[ls]
        line = _Line(kept[0], kept[-1] + 1, ls, le, text, indent, len(text) + gain[ls], width)
        prev_end = out[-1].end if out else 0
        line.after_surplus = any(prev_end <= s < line.start for s in surplus_starts)
        out.append(line)
    return out


def _layout(lines: list[_Line]) -> str:
    """``"lines"`` when raw lines are printed lines (PDF), ``"paragraphs"`` when they are paragraphs."""
    lengths = sorted(line.length for line in lines if line.length >= 20)
    if len(lengths) < 4:
        return "paragraphs"
    median = statistics.median(lengths)
    if lengths[int(0.9 * (len(lengths) - 1))] > 160:
        return "paragraphs"
    near = sum(1 for n in lengths if abs(n - median) <= 0.15 * median)
    return "lines" if near >= 0.6 * len(lengths) else "paragraphs"


def _width(text: str) -> float:
    """The printed width of a line in ems, estimated with the advance widths of a book face."""
    return sum(_GLYPH_WIDTHS.get(c, 0.5) for c in text)


@dataclass
class _Measure:
    """The document's full printed line: its width and how much full lines vary around it."""

    width: float
    spread: float

    @property
    def indent(self) -> float:
        """How much narrower than a full line a first line must be to count as indented."""
        return max(1.2, 3.0 * self.spread)


def _width_measure(lines: list[_Line]) -> _Measure:
    """The typical full-line width and the spread (median absolute deviation) of full lines."""
    widths = [line.width for line in lines if line.length >= 20]
    if not widths:
        return _Measure(0.0, 0.0)
    median = float(statistics.median(widths))
    full = [w for w in widths if abs(w - median) <= 0.1 * median]
    spread = float(statistics.median(abs(w - median) for w in full)) if full else median
    return _Measure(median, spread)


def _measure(lines: list[_Line]) -> float:
    """The typical length of a full printed line."""
    lengths = [line.length for line in lines if line.length >= 20]
    return float(statistics.median(lengths)) if lengths else 80.0


# --- line classes ------------------------------------------------------------------------------

def _terminal(text: str) -> bool:
    """True when a line ends a sentence (or introduces something with a colon)."""
    return bool(_TERMINAL.search(text))


def _starts_upper(text: str) -> bool:
    """True when the first letter-or-digit of a line is a capital or a digit."""
    m = re.search(r"[^\W_]", text)
    return m is not None and (text[m.start()].isupper() or text[m.start()].isdigit())


def _starts_lower(text: str) -> bool:
    m = re.search(r"[^\W_]", text)
    return m is not None and text[m.start()].islower()


def _cap_ratio(words: list[str]) -> tuple[int, float]:
    """Content words (not function words) and the share of them that start with a capital."""
    content = []
    for w in words:
        core = w.strip("\"“”‘’'()[]:;,.!?")
        if core and any(c.isalpha() for c in core) and core.lower() not in _FUNCTION_WORDS:
            content.append(core)
    if not content:
        return 0, 0.0
    return len(content), sum(1 for w in content if w[0].isupper() or w[0].isdigit()) / len(content)


def _heading_strength(text: str, limit: float) -> int:
    """How much a line looks like a heading: 0 not, 1 weakly (sentence case), 2 title case, 3 numbered or capitals."""
    t = text.strip()
    bare = t.strip("\"“”‘’'")
    letters = [c for c in bare if c.isalpha()]
    if not bare or len(t) > limit or len(letters) < 2 or _BULLET.match(t):
        return 0
    words = bare.split()
    if len(words) > 20 or bare[-1] in ",;:-–—?!" or bare[-1] == "(":
        return 0
    if len(words) > 14 and _cap_ratio(words)[1] < 1.0:
        return 0            # a long line is a heading only when every content word is capitalised
    digits = sum(c.isdigit() for c in bare)
    if digits > 0.3 * len(bare.replace(" ", "")) or _REFERENCE_NO.search(bare):
        return 0
    upper = sum(c.isupper() for c in letters)
    numbered = _NUMBERED.match(bare)
    if numbered:
        rest = bare[numbered.end():].strip()
        return 3 if not rest or _starts_upper(rest) else 0
    if not bare[0].isupper():
        return 0
    all_caps = len(letters) >= 4 and upper >= 0.8 * len(letters)
    if bare.endswith("."):
        return 3 if all_caps else 0
    if all_caps:
        return 3
    n_content, ratio = _cap_ratio(words)
    if n_content and ratio >= 0.75:
        return 2
    return 1 if n_content and len(words) <= 5 else 0


def _run_in_head(text: str) -> bool:
    """True when a paragraph opens with a short capitalised phrase closed by a period."""
    m = _RUN_IN.match(text)
    if not m or len(text) - m.end() < 40:
        return False
    words = m.group(1).split()
    last = words[-1].strip("’'-")
    if len(last) < 3 or last.isupper() and len(last) <= 4:
        return False
    if len(words) == 1 and (len(last) < 4 or last.lower() in _DISCOURSE_WORDS):
        return False
    if any(c.isdigit() for c in m.group(1)):
        return False
    n_content, ratio = _cap_ratio(words)
    return n_content > 0 and ratio == 1.0


def _toc_entry(text: str) -> bool:
    """A contents line: a short title ending in a page number (with or without leaders)."""
    return len(text) <= 120 and bool(_TOC_ENTRY.match(text)) and _starts_upper(text) \
        and sum(c.isalpha() for c in text) >= 3


# --- grouping lines into units -----------------------------------------------------------------

def _joined_pairs(doc: Document, lines: list[_Line]) -> set[int]:
    """Indices i where a repair (a hyphen join) runs from line i straight into line i+1."""
    starts = {line.raw_start: k for k, line in enumerate(lines)}
    out = set()
    for span in doc.spans:
        if span.tag != "choice":
            continue
        nl = doc.raw.find("\n", span.start, span.end)
        k = starts.get(nl + 1) if nl >= 0 else None
        if k is not None and k > 0 and lines[k - 1].raw_end == nl and span.end <= lines[k].raw_end:
            out.add(k - 1)
    return out


def _segment(doc: Document, lines: list[_Line], layout: str) -> list[_Unit]:
    """Group content lines into heading, paragraph, quotation and list units."""
    joined = _joined_pairs(doc, lines)
    measure = _measure(lines)
    widths = _width_measure(lines)
    base_indent = Counter(line.indent for line in lines).most_common(1)[0][0] if lines else 0
    limit = 0.8 * measure if layout == "lines" else 120.0
    units: list[_Unit] = []
    i = 0
    while i < len(lines):
        prev = units[-1] if units else None
        open_p = prev is not None and prev.kind in ("p", "quote") and _continues(
            lines, prev.lines[-1], i, joined, layout, measure, base_indent) and not (
            layout == "lines" and _indented_start(lines, prev.lines[-1], i, widths))
        if open_p and prev is not None:
            prev.lines.append(i)
            i += 1
            continue
        step = (_take_list(lines, i, prev, layout, joined) or _take_head(lines, i, limit, prev)
                or _take_quote(lines, i, prev, layout, measure, base_indent))
        if step:
            units.append(step)
            i = max(step.lines) + 1
            continue
        units.append(_Unit("p", [i]))
        i += 1
    return units


def _continues(lines: list[_Line], last: int, i: int, joined: set[int], layout: str,
               measure: float, base_indent: int) -> bool:
    """Whether line ``i`` continues the paragraph whose last line is ``last``."""
    if last in joined and i == last + 1:
        return True
    before, cur = lines[last].text, lines[i].text
    if _BULLET.match(cur) and layout == "paragraphs":
        return False
    if before.endswith(("-", "¬")):
        return True
    if layout == "paragraphs":
        if _terminal(before):
            return False
        return _starts_lower(cur) or (len(before) >= 80 and not _interrupting_head(lines, i))
    if lines[i].indent > base_indent and _terminal(before):
        return False
    if _terminal(before) and (_starts_upper(cur) or cur[0] in "\"“‘'([") \
            and lines[last].length < 0.85 * measure:
        return False
    return not (_heading_strength(cur, 0.8 * measure) >= 2 and _terminal(before))


def _indented_start(lines: list[_Line], last: int, i: int, widths: _Measure) -> bool:
    """A paragraph's first printed line whose indentation extraction dropped.

    After a line that ends a sentence, a line that starts one and is narrower than the
    justified measure by more than full lines vary (calibrated on the document's own lines),
    yet still nearly full, is indented, unless it ends a paragraph itself (ends a sentence
    with no lower-case continuation after it).
    """
    if i != last + 1 or not widths.width:
        return False
    before, cur = lines[last], lines[i]
    if not (_terminal(before.text) and _starts_upper(cur.text)):
        return False
    if not 0.8 * widths.width <= cur.width <= widths.width - widths.indent:
        return False
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return not _terminal(cur.text) or _starts_lower(nxt)


def _interrupting_head(lines: list[_Line], i: int) -> bool:
    """A heading right after an unfinished paragraph (its page's last line lost or cut by OCR).

    Numbered and all-capital heads qualify alone; a title-case line only when a longer line
    that starts a new sentence follows (a continuation of the paragraph would not end open).
    """
    strength = _heading_strength(lines[i].text, 120)
    if strength == 3:
        return True
    nxt = lines[i + 1].text if i + 1 < len(lines) else ""
    return strength == 2 and _starts_upper(nxt) and len(nxt) > 2 * len(lines[i].text)


def _take_list(lines: list[_Line], i: int, prev: _Unit | None, layout: str,
               joined: set[int]) -> _Unit | None:
    """A run of bulleted lines (two or more, or one after a heading or colon), or of contents lines."""
    run = _run(lines, i, lambda t: bool(_BULLET.match(t)))
    after_intro = prev is not None and (prev.kind == "head" or lines[prev.lines[-1]].text.endswith(":"))
    if len(run) >= 2 or (run and after_intro):
        items = [[j] for j in run]
        if layout == "lines":
            items, _ = _item_continuations(lines, items, joined)
        return _Unit("list", [j for item in items for j in item], items)
    toc = _run(lines, i, _toc_entry)
    if len(toc) >= 3:
        return _Unit("list", toc, [[j] for j in toc])
    return None


def _item_continuations(lines: list[_Line], items: list[list[int]],
                        joined: set[int]) -> tuple[list[list[int]], int]:
    """Printed-line lists: lines after the last item that continue it (lower-case start, open line)."""
    last = items[-1][-1]
    j = last + 1
    while j < len(lines) and not _BULLET.match(lines[j].text) and (
            (j - 1) in joined or (not _terminal(lines[j - 1].text) and _starts_lower(lines[j].text))):
        items[-1].append(j)
        j += 1
    return items, j


def _run(lines: list[_Line], i: int, test: object) -> list[int]:
    """Indices of consecutive lines from ``i`` passing ``test``."""
    out = []
    j = i
    while j < len(lines) and test(lines[j].text) and (j == i or not lines[j].after_surplus):  # type: ignore[operator]
        out.append(j)
        j += 1
    return out


def _take_head(lines: list[_Line], i: int, limit: float, prev: _Unit | None) -> _Unit | None:
    """A heading line (or a bare number label plus its title line) followed by more text."""
    strength = _heading_strength(lines[i].text, limit)
    if not strength or i + 1 >= len(lines) or _starts_lower(lines[i + 1].text):
        return None
    last = lines[prev.lines[-1]] if prev is not None and prev.kind == "p" else None
    if last is not None and not _terminal(last.text) and last.length >= 60 and not _interrupting_head(lines, i):
        return None
    head = [i]
    label = _NUMBERED.match(lines[i].text.strip())
    if label and label.end() >= len(lines[i].text.strip()) and i + 2 < len(lines) \
            and _heading_strength(lines[i + 1].text, limit):
        head.append(i + 1)
    nxt = head[-1] + 1
    if nxt >= len(lines):
        return None
    if strength == 1 and _heading_strength(lines[nxt].text, limit) >= 2 and not _BULLET.match(lines[nxt].text):
        return None
    return _Unit("head", head)


def _take_quote(lines: list[_Line], i: int, prev: _Unit | None, layout: str, measure: float,
                base_indent: int) -> _Unit | None:
    """Printed lines set differently (longer or indented) after a paragraph ending with a colon."""
    if layout != "lines" or prev is None or prev.kind != "p" \
            or not lines[prev.lines[-1]].text.rstrip("\"”’'").endswith(":"):
        return None
    body = [lines[k].length for k in prev.lines[:-1]]
    measure = float(statistics.median(body)) if len(body) >= 2 else measure
    run = [i]
    j = i + 1
    while j < len(lines) and not _terminal(lines[j - 1].text) and (
            lines[j].length > 1.03 * measure or lines[j].indent > base_indent):
        run.append(j)
        j += 1
    if len(run) < 2:
        return None
    lengths = [lines[k].length for k in run]
    indented = all(lines[k].indent > base_indent for k in run)
    if statistics.median(lengths) > 1.06 * measure or indented:
        return _Unit("quote", run)
    return None


# --- spans -------------------------------------------------------------------------------------

def _emit_units(doc: Document, lines: list[_Line], units: list[_Unit]) -> list[Span]:
    """Turn units into block spans (a run-in head splits its paragraph into head + p)."""
    out: list[Span] = []
    for unit in units:
        first, last = lines[unit.lines[0]], lines[unit.lines[-1]]
        if unit.kind == "list":
            out.append(_add(doc, first.start, last.end, "list"))
            out += [_add(doc, lines[item[0]].start, lines[item[-1]].end, "item") for item in unit.items]
            continue
        if unit.kind == "p" and _run_in_head(first.text):
            split = _run_in_split(doc, first)
            if split is not None:
                out.append(_add(doc, first.start, split[0], "head", attrs={"type": "run-in"}))
                out.append(_add(doc, split[1], last.end, "p"))
                continue
        out.append(_add(doc, first.start, last.end, unit.kind))
    return out


def _run_in_split(doc: Document, line: _Line) -> tuple[int, int] | None:
    """Raw offsets where a run-in head ends (after its period) and the paragraph text starts."""
    m = _RUN_IN.match(doc.raw[line.start:line.end])
    if not m:
        return None
    head_end = line.start + m.end(1) + 1
    body = line.start + m.end()
    for span in doc.spans:
        if span.start < head_end < span.end or span.start < body < span.end:
            return None
    return head_end, body


def _add(doc: Document, start: int, end: int, tag: str, attrs: dict[str, str] | None = None) -> Span:
    return doc.add(Span(start, end, tag, attrs=attrs or {}, stage="structure"))


def _contains(outer: Span, inner: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end and outer is not inner


def _dedupe_list_items(doc: Document, blocks: list[Span]) -> None:
    """Mark the later copy of a repeated run of list entries (two or more) as surplus, item by item."""
    for lst in (b for b in blocks if b.tag == "list"):
        items = [b for b in blocks if b.tag == "item" and _contains(lst, b)]
        texts = [" ".join(doc.raw[i.start:i.end].split()).lower() for i in items]
        j = 1
        while j < len(items):
            best = max((_common_run(texts, k, j) for k in range(j)), default=0)
            if best >= 2:
                for item in items[j:j + best]:
                    doc.add(Span(item.start, item.end, "surplus", attrs={"reason": "repeated"},
                                 reading="", stage="structure"))
                j += best
            else:
                j += 1


def _common_run(texts: list[str], k: int, j: int) -> int:
    """Length of the run of equal entries starting at ``k`` and at ``j`` (the first run ending before ``j``)."""
    m = 0
    while j + m < len(texts) and k + m < j and texts[k + m] == texts[j + m]:
        m += 1
    return m


_LEAF_TAGS = ("head", "p", "quote", "item", "ab")
_TOC_TITLE = re.compile(r"^(?:[-–—•*▪●◦]\s+)?(?:(?:\d{1,3}|[IVXLC]{1,6})\.?\s+)?(.+?)"
                        r"(?:(?:\s*\.{2,}\s*|\s+)(?:\d{1,4}|[ivxlc]{1,7}))?$")


def _toc_titles(doc: Document, blocks: list[Span]) -> None:
    """In a table of contents (a list under a "contents" heading, or of entries ending in page
    numbers), a ``title level="a"`` over each entry's title (bullet, number and page left out)."""
    heads = [b for b in blocks if b.tag == "head"]
    for lst in (b for b in blocks if b.tag == "list"):
        items = [b for b in blocks if b.tag == "item" and _contains(lst, b)]
        before = [h for h in heads if h.end <= lst.start]
        titled = bool(before) and "contents" in doc.raw[before[-1].start:before[-1].end].lower() \
            and not any(h.end > before[-1].end and h.end <= lst.start for h in heads)
        if not (titled or all(_toc_entry(doc.raw[i.start:i.end]) for i in items)):
            continue
        for item in items:
            m = _TOC_TITLE.match(doc.raw[item.start:item.end])
            if m and m.group(1).strip():
                _add(doc, item.start + m.start(1), item.start + m.end(1), "title", attrs={"level": "a"})


def _surplus_blocks(doc: Document, blocks: list[Span]) -> list[Span]:
    """An ``ab type="repeated"`` exactly around each surplus copy that stands between blocks."""
    out: list[Span] = []
    leaves = [b for b in blocks if b.tag in _LEAF_TAGS]
    for sur in doc.spans_of("surplus"):
        if sur.end <= sur.start or any(_contains(b, sur) or (b.start, b.end) == (sur.start, sur.end)
                                       for b in leaves + out):
            continue
        out.append(_add(doc, sur.start, sur.end, "ab", attrs={"type": "repeated"}))
    return out


def _fallback_blocks(doc: Document, mask: bytearray, blocks: list[Span]) -> list[Span]:
    """Wrap text no block holds (a safety net) in ``ab``, one per line, and report it."""
    covered = bytearray(len(doc.raw))
    for b in blocks:
        if b.tag in _LEAF_TAGS:
            covered[b.start:b.end] = b"\x01" * (b.end - b.start)
    out: list[Span] = []
    for ls, le, _body in doc.lines():
        loose = [p for p in range(ls, le) if mask[p] == 0 and not covered[p] and not doc.raw[p].isspace()]
        if not loose:
            continue
        start, end = loose[0], loose[-1] + 1
        if any(b.start < end and start < b.end for b in blocks):
            continue
        out.append(_add(doc, start, end, "ab"))
        doc.warn("STR001", start)
    return out


def _emit_divs(doc: Document, blocks: list[Span]) -> None:
    """One ``div`` per heading, reaching to the next one; text before the first heading gets its own.

    The divisions tile the text (furniture and notes between blocks included): the first
    starts at the top of the text, each ends where the next heading starts.
    """
    top = sorted((b for b in blocks if not any(_contains(o, b) for o in blocks if o.tag == "list")),
                 key=lambda s: (s.start, -s.end))
    if not top:
        return
    starts = [b.start for b in top if b.tag == "head" and b.start > top[0].start]
    bounds = [0, *starts, len(doc.raw)]
    for start, end in zip(bounds, bounds[1:]):
        _add(doc, start, end, "div")


# --- header facts ------------------------------------------------------------------------------

#: labels a publisher's web page puts before its fields -> the HeaderMeta field ("" = known, not kept).
_FIELD_LABELS = {
    "publisher": "publisher", "print publication year": "year", "publication year": "year",
    "year of publication": "year", "place of publication": "pub_place", "publisher location": "pub_place",
    "series": "series", "book series": "series", "online publication date": "", "published online": "",
    "online isbn": "", "print isbn": "", "isbn": "", "doi": "", "edition": "", "pages": "pages",
    "page range": "pages", "book title": "book_title", "chapter title": "chapter",
}
_LABEL_RE = re.compile("(" + "|".join(re.escape(k) for k in sorted(_FIELD_LABELS, key=len, reverse=True))
                       + r")\s*:\s*", re.IGNORECASE)
_PAGES_RE = re.compile(r",?\s*\bpp?\.\s*([0-9ivxlc]+)\s*[-–—]\s*([0-9ivxlc]+)\s*$", re.IGNORECASE)
_TYPE_LABELS = frozenset({"type", "content type", "document type", "article type"})
_PART_TYPES = frozenset({"chapter", "section", "part", "article", "entry", "essay"})
_SUMMARY_HEADS = frozenset({"summary", "abstract", "synopsis"})


def _fill_meta(doc: Document, layout: str) -> None:
    """Header facts: publisher-page fields, the summary, the source kind, titles from running heads."""
    meta = doc.meta
    web = _publisher_fields(doc, meta)
    meta.abstract = meta.abstract or _abstract(doc)
    if web:
        meta.source_kind = meta.source_kind or "web"
        return
    meta.source_kind = meta.source_kind or _source_kind(doc, layout)
    _titles_from_heads(doc, meta)


def _publisher_fields(doc: Document, meta: HeaderMeta) -> bool:
    """Read labelled fields (``Publisher: …``, ``pp. 257 - 266``, ``Type`` / ``Chapter``); True when found."""
    starts, texts = [], []
    for ls, _le, body in doc.lines():
        bullet = _BULLET.match(body)
        lead = bullet.end() if bullet else len(body) - len(body.lstrip())
        starts.append(ls + lead)
        texts.append(body[lead:].rstrip())
    found: dict[str, str] = {}
    blobs: list[tuple[int, str]] = []
    for k, text in enumerate(texts):
        if text.lower() in _TYPE_LABELS and k + 1 < len(texts) and 0 < len(texts[k + 1]) <= 40:
            found["doc_type"] = texts[k + 1]
        labels = list(_LABEL_RE.finditer(text)) if len(text) <= 400 else []
        if not labels:
            continue
        blobs.append((starts[k], text[:labels[0].start()]))
        for m, nxt in zip(labels, labels[1:] + [None]):
            value = text[m.end():nxt.start() if nxt else len(text)].strip(" ,;")
            key = _FIELD_LABELS[m.group(1).lower()]
            if key and value:
                found.setdefault(key, value)
    work: tuple[int, int] | None = None
    for start, blob in blobs:
        pages = _PAGES_RE.search(blob)
        if pages:
            found.setdefault("page_from", pages.group(1))
            found.setdefault("page_to", pages.group(2))
            blob = blob[:pages.start()]
        if blob.strip(" ,;") and "work" not in found:
            found["work"] = blob.strip(" ,;")
            work = (start + blob.index(found["work"]), start + blob.index(found["work"]) + len(found["work"]))
    if len(found) < 2:
        return False
    if work:
        _add(doc, work[0], work[1], "title", attrs={"level": "m"})
    part = found.get("doc_type", "").lower() in _PART_TYPES
    title, subtitle = _split_title(found.pop("work", found.pop("book_title", "")))
    if part:
        found.setdefault("book_title", title)
        found.setdefault("book_subtitle", subtitle)
    found.setdefault("title", found.get("chapter") or title)
    found.setdefault("subtitle", "" if found.get("chapter") else subtitle)
    for key, value in found.items():
        if key != "pages" and hasattr(meta, key) and not getattr(meta, key):
            setattr(meta, key, value)
    if "pages" in found and not meta.page_from:
        bounds = re.split(r"\s*[-–—]\s*", found["pages"])
        meta.page_from, meta.page_to = bounds[0], bounds[-1]
    return True


def _split_title(text: str) -> tuple[str, str]:
    """Title and subtitle: at a colon, or where the subtitle was glued on (``TruceAnglo-Soviet``)."""
    text = " ".join(text.split())
    if ": " in text:
        title, sub = text.split(": ", 1)
        return title.strip(), sub.strip()
    for m in _CAMEL_JOIN.finditer(text):
        word = text[text.rfind(" ", 0, m.start()) + 1:m.start()]
        if len(word) >= 4 and word[0].isupper() and word[1:].islower():
            return text[:m.start()].strip(), text[m.start():].strip()
    return text, ""


def _abstract(doc: Document) -> list[str]:
    """The paragraphs of a division headed "Summary" or "Abstract" (reading text)."""
    divs = doc.spans_of("div")
    paras = doc.spans_of("p")
    for head in doc.spans_of("head"):
        if doc.raw[head.start:head.end].strip().rstrip(":.").lower() not in _SUMMARY_HEADS:
            continue
        div = next((d for d in divs if d.start == head.start), None)
        if div is not None:
            return [" ".join(doc.text_of(p).split()) for p in paras if _contains(div, p)]
    return []


def _source_kind(doc: Document, layout: str) -> str:
    """``"pdf"`` or ``"ocr"`` from the repairs and furniture found, the layout breaking ties."""
    pdf = ocr = 0
    for span in doc.spans:
        if span.tag == "choice":
            pdf += span.kind == "ligature"
            ocr += span.kind in ("ocr", "pagenum")
        elif span.tag == "fw" and span.attrs.get("type") == "pageNum":
            ocr += bool(re.search(r"[\[\]]", doc.raw[span.start:span.end]))
    if pdf != ocr:
        return "pdf" if pdf > ocr else "ocr"
    return "pdf" if layout == "lines" else "ocr"


_VOLUME = re.compile(r"\b(?:vol(?:ume)?\.?|tome|band|part)\s+(?:\d{1,3}|[IVXLC]{1,7})\b", re.IGNORECASE)


@dataclass
class _HeadCluster:
    """One running head (its OCR variants together): its usual form, and where it stands."""

    form: Counter[str] = field(default_factory=Counter)
    sides: set[int] = field(default_factory=set)     # parities of the pages (pb/@n) it stands on
    first: int = 0

    @property
    def text(self) -> str:
        return self.form.most_common(1)[0][0]

    @property
    def count(self) -> int:
        return sum(self.form.values())


def _head_clusters(doc: Document) -> list[_HeadCluster]:
    """The running heads grouped by identity, most frequent first, with their pages' parities."""
    pbs = [(s.start, s.attrs.get("n", "")) for s in doc.spans_of("pb")]
    clusters: list[_HeadCluster] = []
    for fw in sorted(doc.spans_of("fw"), key=lambda s: s.start):
        if fw.attrs.get("type") != "header":
            continue
        text = " ".join(re.sub(r"^[\W\d_]+|[\W\d_]+$", "", doc.raw[fw.start:fw.end]).split())
        if not text:
            continue
        cluster = next((c for c in clusters if same_head(c.text, text)), None)
        if cluster is None:
            cluster = _HeadCluster(first=fw.start)
            clusters.append(cluster)
        cluster.form[text] += 1
        page = next((n for start, n in reversed(pbs) if start <= fw.start), "")
        if page.isdigit():
            cluster.sides.add(int(page) % 2)
    return sorted(clusters, key=lambda c: (-c.count, c.first))


def _book_and_chapter(doc: Document, a: _HeadCluster, b: _HeadCluster,
                      others: list[_HeadCluster]) -> tuple[_HeadCluster, _HeadCluster] | None:
    """Which of two alternating running heads is the book's and which the chapter's, on evidence.

    The evidence: a head naming a volume is the book's; a head that is also a heading of the
    text is the chapter's; on the side where the head changes from chapter to chapter, the
    chapter's.  Page parity alone is no evidence (publishers put the book title on either side).
    """
    volume = [c for c in (a, b) if _VOLUME.search(c.text)]
    if len(volume) == 1:
        return (volume[0], b if volume[0] is a else a)
    heads = [" ".join(doc.text_of(h).split()) for h in doc.spans_of("head")]
    titled = [c for c in (a, b) if any(same_head(c.text, h) for h in heads)]
    if len(titled) == 1:
        return (b if titled[0] is a else a, titled[0])
    varying = [c for c in (a, b) if len(c.sides) == 1 and any(o.sides == c.sides for o in others)]
    if len(varying) == 1 and a.sides != b.sides:
        return (b if varying[0] is a else a, varying[0])
    return None


def _titles_from_heads(doc: Document, meta: HeaderMeta) -> None:
    """Book and chapter titles from the running heads, or the first heading.

    With two alternating heads and evidence for which is which (see :func:`_book_and_chapter`)
    they go to ``book_title`` and ``chapter``; without it both go to ``title`` (in the order
    they first appear) rather than a guessed split.
    """
    clusters = _head_clusters(doc)
    if len(clusters) >= 2:
        a, b = clusters[0], clusters[1]
        split = _book_and_chapter(doc, a, b, clusters[2:])
        if split is not None:
            meta.book_title = meta.book_title or split[0].text
            meta.chapter = meta.chapter or split[1].text
        else:
            first, second = sorted((a, b), key=lambda c: c.first)
            meta.title = meta.title or f"{first.text}; {second.text}"
    elif clusters:
        meta.chapter = meta.chapter or clusters[0].text
    else:
        heads = doc.spans_of("head")
        if heads:
            meta.chapter = meta.chapter or " ".join(doc.text_of(heads[0]).split())
    meta.title = meta.title or meta.book_title or meta.chapter
