"""Stage: footnotes at page feet linked to their markers in the text.

A page (the raw range between two ``pb`` spans, also cut at running heads and page
numbers) may end with a *note block*: lines that begin with a note label (``31``,
``l91``, ``1 87``...) followed by the note text, possibly wrapped over several lines.
The block is found bottom-up: labels must form a near-contiguous run of numbers in
one label style, so numbered paragraphs, years and quantities in the body are not
taken for notes.  OCR-mangled labels are read through the expected sequence; a run in
another numbering printed just above a block (a chapter's last notes over the next
chapter's first) joins it when every one of its numbers has a marker above.  A note that
ends unfinished on one page continues at the top of the next page's block, or in lines
some extractions put between the next page's number and its running head; continuation
lines must read as note text (lower-case start, no marker, a finished sentence, not the
rest of a word the body broke: ``rela-`` / ``tions``), so the body's run-on stays body.

Each note's marker is then looked for in the body of the same page (then the
neighbouring pages): superscript digits, digits glued to a word or punctuation
(``Frazar1``, ``Rathbone:2``, ``"173``), bare numbers after a word or punctuation
(``Afghanistan. 160``), a number in brackets (``Morga. [36]``, with a ``[36]`` label
below), or a number alone on a line.  Context rules keep years, page
references and quantities out; the numbers expected on the page pick among the rest.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tei.config import Config
from tei.lexicon import KNOWN, form_zipf
from tei.model import Document, Note

REQUIRES = frozenset({"pages", "repeats"})
PROVIDES = frozenset({"notes"})

#: most lines a single note may run over (continuation lines below its label).
MAX_NOTE_LINES = 14
#: how far out of order a label may stand inside one block.
ORDER_SLACK = 3
#: characters OCR engines put in place of digits.
OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "i": "1", "|": "1", "t": "1", "o": "0", "O": "0",
                            "D": "0", "Q": "0", "S": "5", "s": "5", "Z": "2", "z": "2", "B": "8"})
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
SUP_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
#: labels from here up read as years: a block of them is taken only when markers back it.
YEAR_LIKE = 1000
#: noise OCR leaves at line starts (stray question marks, bullets of dirt).
LEAD_NOISE = "?¿•·*^~ \t"
#: abbreviations after which a number is a reference, not a note marker (general English).
REF_ABBREVS = frozenset({"p", "pp", "vol", "vols", "no", "nos", "n", "nn", "chap", "ch", "art", "arts", "fig",
                         "figs", "sec", "secs", "para", "paras", "par", "col", "cols", "cf", "f", "ff", "l", "ll",
                         "bk", "pt", "ser", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
                         "oct", "nov", "dec", "res", "op", "ibid"})
#: words that, with no punctuation after them, introduce a number (``Article 104``, ``March 5``).
REF_WORDS = frozenset({"article", "section", "chapter", "volume", "number", "page", "pages", "note", "notes",
                       "paragraph", "figure", "table", "item", "file", "telegram", "despatch", "dispatch",
                       "series", "act", "law", "resolution", "january", "february", "march", "april", "may",
                       "june", "july", "august", "september", "october", "november", "december"})
#: words after which a bare number is a quantity or a date, not a marker.
NUMBER_WORDS = frozenset({"the", "and", "for", "from", "with", "some", "about", "over", "under", "nearly",
                          "almost", "than", "all", "only", "last", "first", "next", "those", "these", "its",
                          "his", "her", "their", "our", "per", "every", "into", "around", "approximately",
                          "least", "most", "were", "was", "are", "had", "have", "has", "been", "numbered",
                          "total", "totalling", "totaling", "cost", "costs", "paid", "aged", "age", "since",
                          "until", "till", "before", "after", "during", "between", "by", "at", "on", "in"})
SENT_PUNCT = ".,;:!?)]}\"'”’»"

_LABEL_RE = re.compile(
    r"(?P<lab>\[\d{1,4}\]|\[Footnote \d{1,4}:|[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,4}|\d \d{1,3}(?= \D)|[0-9lIiOoDQSZzBt|]{1,4}|[^\sA-Za-z0-9]{0,2}[A-Za-z%]{1,2}[^\sA-Za-z0-9]{0,2})"
    r"(?P<dot>[.)])?(?P<sep>\s+|(?=[\"“(]))(?=\S)")
_INLINE_LABEL_RE = re.compile(r"(?<=[.?!)\]])\s+(?P<lab>\d{1,4})\s+(?=[A-Z\"“(])")
_MARK_RE = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+|(?<![A-Za-z\d])[\dlIoO]*\d[\dlIoO]*(?![A-Za-z\d])|\d+")


@dataclass
class Line:
    """A raw line reduced to its content: furniture and leading noise left out."""

    start: int          # first content character
    end: int            # end of the last content character
    text: str           # raw[start:end]
    zone: int = 0


@dataclass
class Label:
    """A note label read at the start of a line (or inside one)."""

    start: int
    end: int
    text_start: int
    values: tuple[int, ...]   # readings of the label, most likely first; () for junk
    style: str                # "plain", "dot", "sup" or "junk"


@dataclass
class Found:
    """A note found in a block, before its marker is known."""

    value: int
    label: Label
    segments: list[tuple[int, int]] = field(default_factory=list)
    zone: int = 0
    surplus: tuple[int, int] | None = None


@dataclass
class Candidate:
    """A possible in-text marker."""

    start: int
    end: int
    value: int
    weight: int
    zone: int


# --- reading the page ------------------------------------------------------------------------
def _ranges(doc: Document, tag: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in doc.spans_of(tag) if s.end > s.start]


def _inside(pos: int, ranges: list[tuple[int, int]]) -> tuple[int, int] | None:
    for a, b in ranges:
        if a <= pos < b:
            return (a, b)
    return None


def _content_lines(doc: Document) -> list[Line]:
    """Lines with their furniture (fw spans) and leading OCR noise left out."""
    fw = _ranges(doc, "fw")
    covered = bytearray(len(doc.raw))
    for a, b in fw:
        covered[a:b] = b"\x01" * (b - a)
    out = []
    for ls, le, _ in doc.lines():
        keep = [i for i in range(ls, le) if not covered[i]]
        if not keep:
            continue
        # content = the last run of uncovered characters that holds text, trimmed of noise
        s, e = keep[0], keep[-1] + 1
        while s < e and (doc.raw[s] in LEAD_NOISE or covered[s]):
            s += 1
        while e > s and (doc.raw[e - 1].isspace() or covered[e - 1]):
            e -= 1
        if s < e:
            out.append(Line(s, e, doc.raw[s:e]))
    return out


def _zones(doc: Document, lines: list[Line]) -> int:
    """Number lines by page: a new zone at each pb and at each running head or page number."""
    cuts = sorted({s.start for s in doc.spans_of("pb")}
                  | {s.start for s in doc.spans_of("fw") if s.attrs.get("type") in ("header", "pageNum")})
    zone, k = 0, 0
    for ln in lines:
        while k < len(cuts) and cuts[k] <= ln.start:
            k += 1
            zone += 1
        ln.zone = zone
    return zone + 1


def _read_label(line: Line) -> Label | None:
    """The note label a line begins with, if any."""
    m = _LABEL_RE.match(line.text)
    if not m:
        return None
    lab = m.group("lab")
    a, b = line.start + m.start("lab"), line.start + m.end("lab")
    rest = line.start + m.end()
    if lab[0] in SUP_CHARS:
        value = lab.translate(SUPERSCRIPTS)
        return Label(a, b, rest, (int(value),), "sup") if value.isdecimal() else None
    if lab.startswith("["):                     # "[36] Printed in …", "[Footnote 36: Printed in …]"
        return Label(a, b, rest, (int(re.sub(r"\D", "", lab)),), "bracket")
    style = "dot" if m.group("dot") else "plain"
    if lab.isdecimal():
        return Label(a, b, rest, (int(lab),), style)
    if re.fullmatch(r"\d \d{1,3}", lab):
        return Label(a, b, rest, (int(lab.replace(" ", "")), int(lab[0])), style)
    mapped = lab.translate(OCR_DIGITS)
    if mapped.isdecimal() and any(c.isdecimal() for c in lab) and len(lab) > 1:
        return Label(a, b, rest, (int(mapped),), style)
    if len(lab) <= 4 and not re.fullmatch(r"[A-Za-z]{2,}", lab) and lab not in ("A", "I", "a"):
        return Label(a, b, rest, (), "junk")
    return None


# --- note blocks at page feet ----------------------------------------------------------------
def _fits(value: int, used: set[int], dotted: bool) -> bool:
    """Whether a label read above the block continues its numbering."""
    if value in used:
        return False
    lo = min(used)
    if dotted:
        return value == lo - 1
    return lo - ORDER_SLACK <= value < lo or lo < value <= max(used) + ORDER_SLACK


def _block(lines: list[Line], labels: list[Label | None]) -> list[tuple[int, int]] | None:
    """The note block at the foot of one zone: ``[(line index, value)]`` top-down, or None.

    The last note may wrap onto lines that start with a number (``381. and so on``), so
    every labelled line near the foot is tried as the last label; the longest block wins.
    """
    n = len(lines)
    best: tuple[tuple[bool, int], list[tuple[int, int]]] | None = None
    for bottom in range(n - 1, max(-1, n - 1 - MAX_NOTE_LINES), -1):
        lab = labels[bottom]
        if lab is not None and lab.style != "junk":
            block = _block_from(labels, bottom)
            rank = (lab.style != "dot", len(block))
            if best is None or rank > best[0]:
                best = (rank, block)
    return best[1] if best else None


def _block_from(labels: list[Label | None], bottom: int) -> list[tuple[int, int]]:
    """The block whose last printed label is on line ``bottom``, grown upwards."""
    n = len(labels)
    first = labels[bottom]
    assert first is not None
    style = first.style
    chosen = [(bottom, first.values[0])]
    used = {first.values[0]}
    i = bottom - 1
    while i >= 0:
        junk: list[int] = []
        hit = None
        for u in range(i, max(-1, i - MAX_NOTE_LINES), -1):
            lab = labels[u]
            if lab is None:
                continue
            if lab.style == "junk":
                junk.append(u)
                continue
            if lab.style != style:
                continue
            v = next((v for v in lab.values if _fits(v, used, style == "dot")), None)
            if v is None and len(str(lab.values[0])) > 1 and str(min(used) - 1).endswith(str(lab.values[0])):
                v = min(used) - 1          # a lost leading digit: "57" for 157
            if v is not None:
                hit = (u, v)
                break
        if hit is None:
            break
        u, v = hit
        holes = [h for h in range(v + 1, min(used)) if h not in used]
        for j, h in zip(sorted(junk), holes):
            if len(junk) == len(holes):
                chosen.append((j, h))
                used.add(h)
        chosen.append((u, v))
        used.add(v)
        i = u - 1
    last = first.values[0]
    for j in range(bottom + 1, n):      # a garbled label below the last good one: the next number
        lab = labels[j]
        if lab is not None and lab.style == "junk" and last + 1 not in used:
            last += 1
            chosen.append((j, last))
            used.add(last)
    return sorted(chosen)


def _unfinished(text: str) -> bool:
    """Whether a note's text stops mid-sentence (it continues on the next page)."""
    t = text.rstrip(LEAD_NOISE)
    return bool(t) and (t[-1].isalpha() or t[-1] in ",;-–—")


def _split_inline(doc: Document, seg: tuple[int, int], value: int, taken: set[int]
                  ) -> list[tuple[int, Label, tuple[int, int]]]:
    """Split a note line holding several notes (``171 Ibid., 3:292. 172 Ibid.``)."""
    a, b = seg
    parts: list[tuple[int, Label, tuple[int, int]]] = []
    nxt = value + 1
    for m in _INLINE_LABEL_RE.finditer(doc.raw, a, b):
        if int(m.group("lab")) == nxt and nxt not in taken:
            la, lb = m.start("lab"), m.end("lab")
            parts.append((nxt, Label(la, lb, m.end(), (nxt,), "plain"), (la, b)))
            nxt += 1
    return parts


def find_notes(doc: Document, lines: list[Line], nzones: int) -> list[Found]:
    """Note texts at the foot of each zone, in document order."""
    surplus = _ranges(doc, "surplus")
    found: list[Found] = []
    by_zone: dict[int, list[int]] = {}
    for idx, ln in enumerate(lines):
        by_zone.setdefault(ln.zone, []).append(idx)
    prev_last: Found | None = None
    for z in range(nzones):
        idxs = by_zone.get(z, [])
        zl = [lines[i] for i in idxs]
        labels = [_read_label(ln) for ln in zl]
        block = _block(zl, labels)
        if not block:
            if zl and prev_last is not None and _displaced_continuation(doc, zl, labels, prev_last):
                prev_last.segments.extend(_merge([(zl[0].start, zl[-1].end)], doc.raw))
            continue
        block = _with_upper_runs(doc, zl, labels, block)
        top = block[0][0]
        values = {v: li for li, v in block}
        notes_here: list[Found] = []
        for k, (li, v) in enumerate(block):
            end_li = block[k + 1][0] - 1 if k + 1 < len(block) else len(zl) - 1
            end_li = next((j - 1 for j in range(li + 1, end_li + 1)
                           if _holds_marker(doc, zl[j], values, j)), end_li)
            lab = labels[li]
            assert lab is not None
            segs = _merge([(zl[j].start, zl[j].end) for j in range(li, end_li + 1)], doc.raw)
            segs[0] = (lab.start, segs[0][1])
            f = Found(v, lab, segs, z, _inside(lab.start, surplus))
            notes_here.append(f)
        notes_here = _with_inline(doc, notes_here)
        _attach_continuation(zl, labels, top, prev_last, doc, values)
        found.extend(notes_here)
        prev_last = max(notes_here, key=lambda f: f.segments[-1][1])
    return found


def _with_upper_runs(doc: Document, zl: list[Line], labels: list[Label | None],
                     block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Add runs of notes printed just above a block in another numbering (``23 24`` over ``1 2``).

    A run is taken only when every one of its numbers has a marker in the body above it, so
    numbered paragraphs and lists stay body text.
    """
    while True:
        top = block[0][0]
        run = None
        for u in range(top - 1, max(-1, top - 1 - MAX_NOTE_LINES), -1):
            lab = labels[u]
            if lab is None or lab.style == "junk":
                continue
            cand = _block_from(labels[:top], u)
            marked = {c.value for c in find_candidates(doc, zl[:cand[0][0]]) if c.weight >= 2}
            if {v for _, v in cand} <= marked:
                run = cand
            break
        if run is None:
            return block
        block = run + block


def _displaced_continuation(doc: Document, zl: list[Line], labels: list[Label | None], prev: Found) -> bool:
    """Whether a zone standing between a page's start and its running head continues the last note.

    Some extractions put the lines a note runs over onto the next page *before* that page's
    running head (``170 The`` ... ``[181]`` / ``main dispute concerned...`` / ``Revolution and War``).
    """
    if not _unfinished(doc.raw[prev.segments[-1][0]:prev.segments[-1][1]]) or len(zl) > 3:
        return False
    if not zl[0].text[:1].islower() or any(lab is not None and lab.style != "junk" for lab in labels):
        return False
    if any(find_candidates(doc, [ln]) for ln in zl):
        return False
    pbs = [s.start for s in doc.spans_of("pb")]
    turns = pbs + [s.start for s in doc.spans_of("fw") if s.attrs.get("type") == "pageNum"]
    heads = [s.start for s in doc.spans_of("fw") if s.attrs.get("type") == "header"]
    after_pb = any(prev.segments[-1][1] <= p <= zl[0].start for p in turns)
    nxt_head = min((h for h in heads if h >= zl[-1].end), default=None)
    nxt_pb = min((p for p in pbs if p >= zl[-1].end), default=None)
    return after_pb and nxt_head is not None and (nxt_pb is None or nxt_head < nxt_pb) \
        and not doc.raw[zl[-1].end:nxt_head].strip(LEAD_NOISE + "\n")


def _merge(ranges: list[tuple[int, int]], raw: str) -> list[tuple[int, int]]:
    """Join ranges separated only by whitespace into segments."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and not raw[out[-1][1]:a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _with_inline(doc: Document, notes: list[Found]) -> list[Found]:
    """Split notes whose first line also holds the next note(s)."""
    taken = {f.value for f in notes}
    out: list[Found] = []
    for f in notes:
        first = f.segments[0]
        parts = _split_inline(doc, first, f.value, taken)
        if not parts:
            out.append(f)
            continue
        cut = parts[0][2][0]
        out.append(Found(f.value, f.label, [(first[0], _rstrip(doc.raw, first[0], cut))], f.zone, f.surplus))
        for k, (v, lab, (a, _)) in enumerate(parts):
            b = parts[k + 1][2][0] if k + 1 < len(parts) else first[1]
            segs = [(a, _rstrip(doc.raw, a, b))] + (f.segments[1:] if k + 1 == len(parts) else [])
            out.append(Found(v, lab, segs, f.zone, f.surplus))
            taken.add(v)
    return out


def _rstrip(raw: str, a: int, b: int) -> int:
    while b > a and raw[b - 1].isspace():
        b -= 1
    return b


def _holds_marker(doc: Document, line: Line, values: dict[int, int], at: int) -> bool:
    """Whether a line holds the marker of a note printed below it (so it is body text)."""
    return any(values.get(c.value, -1) > at for c in find_candidates(doc, [line]))


def _attach_continuation(zl: list[Line], labels: list[Label | None], top: int,
                         prev: Found | None, doc: Document, values: dict[int, int]) -> None:
    """Give the previous page's unfinished last note the lines just above this block.

    The lines must read as the end of a note: the first starts lower-case, none holds a
    marker, the last ends a sentence, and the line above them does not break a word
    (``rela-`` over ``tions and...`` is the page's body running on).
    """
    if prev is None or not _unfinished(doc.raw[prev.segments[-1][0]:prev.segments[-1][1]]):
        return
    if top == 0 or _unfinished(zl[top - 1].text):
        return
    for u in range(top - 1, max(-1, top - 4), -1):
        lab = labels[u]
        if (lab is not None and lab.style != "junk") or _holds_marker(doc, zl[u], values, u):
            return
        if zl[u].text[:1].islower():
            if u > 0 and _continues_word(zl[u - 1].text, zl[u].text):
                return
            seg = (zl[u].start, zl[top - 1].end)
            prev.segments.extend(_merge([seg], doc.raw))
            return


def _continues_word(above: str, line: str) -> bool:
    """Whether ``line`` completes a word ``above`` breaks at its end (``rela-`` / ``tions and``)."""
    left = re.search(r"([^\W\d_]+)[-\u00ad¬]$", above)
    right = re.match(r"[^\W\d_]+", line)
    return left is not None and right is not None and form_zipf(left.group(1) + right.group()) >= KNOWN


# --- markers in the text ---------------------------------------------------------------------
def _prev_token(raw: str, pos: int) -> str:
    """The whitespace-delimited token ending before ``pos`` (skipping spaces)."""
    i = pos
    while i > 0 and raw[i - 1].isspace():
        i -= 1
    j = i
    while j > 0 and not raw[j - 1].isspace():
        j -= 1
    return raw[j:i]


def _classify(raw: str, line: Line, a: int, b: int) -> int:
    """Weight of a number at ``raw[a:b]`` as a note marker (0 = not a marker)."""
    if raw[a] in SUP_CHARS:
        return 4
    if raw[a - 1:a] == "[" and raw[b:b + 1] == "]" and a - 1 > line.start:
        return 4                                # "[36]" after a word: an edition's bracketed marker
    pre = raw[a - 1] if a > line.start else "\n"
    post = raw[b] if b < line.end else "\n"
    if post.isalnum() or post in "-–/%$£€°":
        return 0
    if pre == "\n":
        return 1 if b == line.end else 0
    if pre.isalpha():
        word = _prev_token(raw, a)
        return 3 if len(word) > 1 and not word[:-1].isdecimal() else 0
    if pre in SENT_PUNCT:
        before = raw[a - 2] if a - 2 >= line.start else " "
        if pre in ".,:;" and (before.isdecimal() or before.isspace()):
            return 0
        return 0 if post in ".,:;" else 3
    if not pre.isspace():
        return 0
    token = _prev_token(raw, a)
    core = token.rstrip(SENT_PUNCT).lower()
    if not token or core in REF_ABBREVS or (core == token.lower() and core in REF_WORDS):
        return 0
    if not (token[-1].isalpha() or token[-1] in SENT_PUNCT):
        return 0
    if core.replace(",", "").isdecimal() and token[-1] != ".":
        return 0
    if post == "\n":
        return 2
    if post != " ":
        return 0
    nxt = raw[b + 1] if b + 1 < len(raw) else "\n"
    if token[-1] in SENT_PUNCT:
        return 2 if nxt.isupper() or nxt in "\"“‘'([" else 1
    return 1 if len(core) > 2 and core.isalpha() and core not in NUMBER_WORDS and nxt.islower() else 0


def find_candidates(doc: Document, body: list[Line]) -> list[Candidate]:
    """Every number in the body text that may be a note marker."""
    out = []
    for ln in body:
        for m in _MARK_RE.finditer(doc.raw, ln.start, ln.end):
            tok = m.group()
            if tok[0] in SUP_CHARS:
                sup = tok.translate(SUPERSCRIPTS)
                if not sup.isdecimal():
                    continue
                value = int(sup)
            else:
                mapped = tok.translate(OCR_DIGITS)
                if not mapped.isdecimal():
                    continue
                value = int(mapped)
            w = _classify(doc.raw, ln, m.start(), m.end())
            a, b = m.span()
            if doc.raw[a - 1:a] == "[" and doc.raw[b:b + 1] == "]":
                a, b = a - 1, b + 1                     # the brackets belong to the marker
            if w:
                out.append(Candidate(a, b, value, w, ln.zone))
    return out


def _pick(cands: list[Candidate], note: Found, after: int, surplus: list[tuple[int, int]],
          claimed: set[int], zones: tuple[int, ...]) -> Candidate | None:
    """The best unclaimed marker for a note among candidates in the given zones."""
    ok = [c for c in cands if c.value == note.value and c.zone in zones and c.start not in claimed
          and _inside(c.start, surplus) == note.surplus]
    if not ok:
        return None
    ordered = [c for c in ok if c.start >= after] or ok
    return max(ordered, key=lambda c: (c.weight, -abs(c.zone - note.zone), -c.start if c.zone < note.zone else 0,
                                        -c.start))


def link_markers(doc: Document, notes: list[Found], cands: list[Candidate]) -> dict[int, Candidate]:
    """Choose each note's marker: its own page first (in order), then the neighbouring pages."""
    surplus = _ranges(doc, "surplus")
    claimed: set[int] = set()
    chosen: dict[int, Candidate] = {}
    for rounds in ((0,), (-1, 1)):
        last_by_zone: dict[int, int] = {}
        for k, f in enumerate(notes):
            if k in chosen:
                last_by_zone[f.zone] = chosen[k].start
                continue
            zones = tuple(f.zone + d for d in rounds)
            c = _pick(cands, f, last_by_zone.get(f.zone, 0), surplus, claimed, zones)
            if c is not None:
                chosen[k] = c
                claimed.add(c.start)
                last_by_zone[f.zone] = c.start
    return chosen


def _accepted(notes: list[Found], chosen: dict[int, Candidate]) -> list[bool]:
    """Keep blocks backed by a marker, by the numbering of a kept neighbour, or plainly notes."""
    blocks: dict[int, list[int]] = {}
    for k, f in enumerate(notes):
        blocks.setdefault(f.zone, []).append(k)
    order = sorted(blocks)
    keep = {}
    for z in order:
        ks = blocks[z]
        vals = sorted(notes[k].value for k in ks)
        styles = {notes[k].label.style for k in ks}
        marked = any(k in chosen for k in ks)
        plain = ("dot" not in styles and (vals[0] == 1 or len(vals) >= 2) and vals[-1] - vals[0] < 2 * len(vals)
                 and vals[-1] < YEAR_LIKE)
        keep[z] = marked or plain
    changed = True
    while changed:
        changed = False
        for i, z in enumerate(order):
            if keep[z]:
                continue
            lo = min(notes[k].value for k in blocks[z])
            hi = max(notes[k].value for k in blocks[z])
            for j in (i - 1, i + 1):
                if 0 <= j < len(order) and keep[order[j]]:
                    nv = [notes[k].value for k in blocks[order[j]]]
                    if (j < i and lo == max(nv) + 1) or (j > i and hi == min(nv) - 1):
                        keep[z] = changed = True
    return [keep[f.zone] for f in notes]


def run(doc: Document, config: Config) -> Document:
    """Find the footnotes, link them to their markers and add them to ``doc.notes``."""
    lines = _content_lines(doc)
    nzones = _zones(doc, lines)
    found = find_notes(doc, lines, nzones)
    in_notes = sorted(seg for f in found for seg in f.segments)
    body = [ln for ln in lines if _inside(ln.start, in_notes) is None]
    cands = find_candidates(doc, body)
    chosen = link_markers(doc, found, cands)
    keep = _accepted(found, chosen)
    used: set[int] = set()
    for k, f in enumerate(found):
        if not keep[k]:
            continue
        c = chosen.get(k)
        if c is None:
            doc.warn("NOT001", f.label.start, n=f.value)
        else:
            used.add(c.start)
        doc.notes.append(Note(n=str(f.value), segments=f.segments, label=(f.label.start, f.label.end),
                              anchor=_anchor(doc.raw, c.start) if c else None,
                              marker=(c.start, c.end) if c else None))
    _report_orphans(doc, cands, used, [f for k, f in enumerate(found) if keep[k]])
    return doc


def _anchor(raw: str, marker: int) -> int:
    """Where the note stands: right after the word carrying the marker, before its punctuation.

    ``Rathbone:2`` and ``movement. 172`` anchor after ``Rathbone`` and ``movement``, so the note
    follows the word itself even when the word is tagged (``<orgName>Rathbone</orgName><note/>:``);
    the period of an abbreviation (``p.m.5``) is kept with its word.
    """
    i = marker
    while i > 0 and (raw[i - 1] in SENT_PUNCT or raw[i - 1].isspace()):
        i -= 1
    if i == marker or not raw[i - 1:i].isalnum():
        return marker
    word = raw[:i].split()[-1] if raw[:i].split() else ""
    if raw[i] == "." and ("." in word or len(word) == 1):
        return marker
    return i


def _report_orphans(doc: Document, cands: list[Candidate], used: set[int], notes: list[Found]) -> None:
    """Report superscript markers (and glued ones in a page's numbering) that have no note text."""
    ranges: dict[int, tuple[int, int]] = {}
    for f in notes:
        lo, hi = ranges.get(f.zone, (f.value, f.value))
        ranges[f.zone] = (min(lo, f.value), max(hi, f.value))
    have = {(f.zone, f.value) for f in notes}
    for c in cands:
        if c.start in used or (c.zone, c.value) in have:
            continue
        lo, hi = ranges.get(c.zone, (1, 0))
        if c.weight == 4 or (c.weight == 3 and lo < c.value < hi):
            doc.warn("NOT002", c.start, n=c.value)

