"""Stage: printed pages: page breaks (pb), running heads and page numbers (fw), noise lines.

The stage reads the page furniture of any book from the text alone, in four steps:

1. **Folio candidates.** Lines that are a page number (``[181]``, ``[18o]``, ``[1771``,
   ``184``), possibly behind OCR junk (``? [181]``), and short title-like lines fused with
   a number (``113 Chapter Title``, ``International Realignments Ë 113``,
   ``64  FOREIGN RELATIONS, 1918, ...``).  Every reading of a damaged number
   (OCR letters for digits, a closing bracket read as ``1``) is an option with a cost.
2. **Running heads.** Short lines that recur (the same or nearly the same letters) in
   several different contexts, or next to page numbers: alternating verso/recto titles.
3. **The sequence.** A dynamic programme picks the chain of folio readings that best
   explains the document: numbers rise by one per page, the running heads between two
   numbers say how many pages lie between them, restarts (a repeated copy) cost extra.
4. **Pages.** Folios and heads standing together form a page top; a number at the page
   foot (the document ends with one) closes its page instead.  Pages without a printed
   number get the number their neighbours imply.

Spans (offsets into ``raw``): ``pb`` (zero width, before the page's top furniture, ``n``
implied by the sequence), ``fw`` ``header`` / ``pageNum`` / ``garbage`` with
``reading=""``, and a ``choice`` (``kind="pagenum"``) inside a damaged page number.
"""

from __future__ import annotations

import bisect
import re
import statistics
from dataclasses import dataclass, field

from tei.config import Config
from tei.furniture import letters_key, same_head_key, trigrams
from tei.model import Document, Span

REQUIRES = frozenset({"raw"})
PROVIDES = frozenset({"pages"})

#: OCR letters read for digits in page numbers.
OCR_DIGITS = {"o": "0", "O": "0", "D": "0", "Q": "0", "l": "1", "I": "1", "i": "1", "|": "1",
              "t": "1", "!": "1", "z": "2", "Z": "2", "S": "5", "s": "5", "G": "6", "b": "6",
              "B": "8", "g": "9", "q": "9"}
#: characters OCR leaves as noise around page furniture (each followed by a space).
JUNK_CHARS = "?¿•■□▪●◆◊~^_¬|}{*"

_TOK = r"[0-9" + re.escape("".join(OCR_DIGITS)) + r"]{1,5}"
_JUNK_PREFIX = re.compile(r"^[ \t]*(?:[" + re.escape(JUNK_CHARS) + r"]+[ \t]+)+")
_BRACKETED = re.compile(r"^(?P<open>[\[({])\s*(?P<tok>" + _TOK + r")\s*(?P<close>[\])}])?[ \t?]*$")
_BARE = re.compile(r"^(?P<tok>" + _TOK + r")[ \t?]*$")
_SEP = r"(?:(?P<sep>[^\sA-Za-z0-9\[\](){}]|[^\x00-\x7f])\s+)?"
_FUSED_RIGHT = re.compile(r"^(?P<text>\S.*?\S)\s+" + _SEP + r"(?P<tok>" + _TOK + r")[ \t?]*$")
_FUSED_LEFT = re.compile(r"^(?P<tok>" + _TOK + r")\s+" + _SEP + r"(?P<text>\S.*\S)[ \t]*$")
_WORD = re.compile(r"[^\W\d_]+")
_WORDY_TOKEN = re.compile(
    r"[^\W\d_]{3,}"                                                  # a word
    r"|^[(\"'\[“‘]*\d+(?:[.,:/–-]\d+)*[.,;:)\]\"'”’?!]*$"              # a number
    r"|^[(\[]?[^\W_]{1,3}[.)\]]?[,;:]?$")                              # an initial, an enumerator

#: how much a restart of the page sequence (a repeated copy, a new chapter file) costs.
RESTART_PENALTY = 2.5
#: the largest rise between two printed numbers the sequence accepts as one chain.
MAX_GAP = 12
#: the longest running head, in characters.
MAX_HEAD_CHARS = 75


# --- lines -----------------------------------------------------------------------------------

@dataclass
class Line:
    """One raw line, with the OCR junk at its start measured off."""

    idx: int
    start: int
    end: int
    text: str
    core: int          # raw offset where the line's content starts (after leading junk)

    @property
    def body(self) -> str:
        """The line without its leading junk, right-stripped."""
        return self.text[self.core - self.start:].rstrip()

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def read_lines(doc: Document) -> list[Line]:
    """The raw lines with their leading junk measured."""
    out = []
    for i, (a, b, text) in enumerate(doc.lines()):
        m = _JUNK_PREFIX.match(text)
        core = a + (m.end() if m and m.end() < len(text.rstrip()) else 0)
        out.append(Line(i, a, b, text, core))
    return out


def head_like(text: str, *, styled: bool = False) -> bool:
    """Whether ``text`` could be a running head: short, mostly letters, no sentence in it.

    With ``styled``, it must also look like a title (capitals, or title case without commas).
    """
    t = text.strip()
    if len(t) > MAX_HEAD_CHARS:
        return False
    words = t.split()
    letters = sum(c.isalpha() for c in t)
    nonspace = sum(not c.isspace() for c in t)
    if not (3 <= len(t) <= MAX_HEAD_CHARS and letters >= 4 and len(words) <= 12):
        return False
    caps = t.upper() == t
    if letters < 0.6 * nonspace or t.endswith((".", ";", ":")) or (t.endswith(",") and not caps):
        return False
    if re.search(r"[()\[\]\"“”]|[.;:!?]\s", t):
        return False
    if not styled or caps:
        return True
    long_words = [w for w in _WORD.findall(t) if len(w) >= 4]
    if not long_words or "," in t:
        return False
    return bool(sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words))


def is_garbage_line(text: str) -> bool:
    """A short line with no word, number or enumerator in it: OCR noise (``}29CH)2.``, ``? ?``).

    Typographic ornaments (``* * *``, a dash) are not noise.
    """
    t = text.strip()
    if not t or len(t) > 24 or any(_WORDY_TOKEN.search(tok) for tok in t.split()):
        return False
    return any(c.isalnum() or c in JUNK_CHARS.replace("*", "") for c in t)


# --- folio candidates ------------------------------------------------------------------------

@dataclass
class Folio:
    """A printed page number candidate on one line."""

    line: int
    num: tuple[int, int]                     # raw range of the printed form (brackets included)
    printed: str
    options: list[tuple[int, float]]         # (value, cost) readings of the printed form
    strength: float
    head: tuple[int, int] | None = None      # raw range of a fused running head
    sep: tuple[int, int] | None = None       # raw range of a separator glyph (noise)
    value: int = 0                           # the reading the sequence chose

    @property
    def pure(self) -> bool:
        return self.head is None


def token_options(tok: str) -> list[tuple[int, float]]:
    """Readings of a printed number with OCR letter confusions: ``18o`` -> ``[(180, 0.4)]``."""
    if not any(c.isdigit() for c in tok):
        return []
    digits = "".join(OCR_DIGITS.get(c, c) for c in tok)
    if not digits.isdigit() or len(digits) > 4 or int(digits) == 0:
        return []
    letters = sum(not c.isdigit() for c in tok)
    if letters > max(1, len(tok) // 2):
        return []
    return [(int(digits), 0.4 * letters)]


def parse_pure(line: Line) -> Folio | None:
    """A line that is only a page number: ``[181]``, ``? [1771``, ``184``, ``[t88]``."""
    body = line.body
    m = _BRACKETED.match(body)
    if m:
        tok = m.group("tok")
        opts = token_options(tok)
        strength = 2.5
        if not m.group("close"):
            strength = 2.0
            if len(tok) > 1 and tok[-1] in "1lI|":   # closing bracket read as a digit: '[1771'
                opts = [(v, c + 0.3) for v, c in token_options(tok[:-1])] + [(v, c + 0.6) for v, c in opts]
    else:
        m = _BARE.match(body)
        if not m or len(m.group("tok")) > 4:
            return None
        opts = token_options(m.group("tok"))
        strength = 1.5
    if not opts:
        return None
    end = line.core + len(body.rstrip(" \t?"))
    return Folio(line.idx, (line.core, end), line.text[line.core - line.start:end - line.start], opts, strength)


def parse_fused(line: Line) -> Folio | None:
    """A short title-like line fused with a number: ``113 Chapter Title``, ``HEAD    87``."""
    body = line.body
    for rx in (_FUSED_RIGHT, _FUSED_LEFT):
        m = rx.match(body)
        if not m or not head_like(m.group("text")):
            continue
        opts = token_options(m.group("tok"))
        if not opts or (m.group("tok")[0].isalpha() and m.group("tok")[-1].isalpha()):
            continue
        text = m.group("text")
        strength = 1.0 + (1.0 if head_like(text, styled=True) else 0.0)
        if re.search(r"\S\s{2,}" + re.escape(m.group("tok")) + r"|" + re.escape(m.group("tok")) + r"\s{2,}\S", body):
            strength += 0.5                       # typeset apart from the head
        base = line.core
        num = (base + m.start("tok"), base + m.end("tok"))
        head = (base + m.start("text"), base + m.end("text"))
        sep = (base + m.start("sep"), base + m.end("sep")) if m.group("sep") else None
        return Folio(line.idx, num, m.group("tok"), opts, strength, head, sep)
    return None


# --- running heads ---------------------------------------------------------------------------

def head_text(line: Line, folio: Folio | None) -> tuple[int, int] | None:
    """Raw range of the would-be running head on a line (its fused number left out)."""
    if folio is not None:
        return folio.head
    body = line.body
    if not head_like(body):
        return None
    return line.core, line.core + len(body)


def running_heads(lines: list[Line], folios: dict[int, Folio], raw: str) -> dict[int, tuple[int, int]]:
    """Lines holding a running head -> raw range of the head.

    A head recurs in at least three different contexts (the next line differs), or
    twice with a page number beside or fused with it.
    """
    nonblank = [ln for ln in lines if not ln.blank]
    pos = {ln.idx: k for k, ln in enumerate(nonblank)}
    cands: dict[int, tuple[tuple[int, int], str]] = {}
    for ln in nonblank:
        f = folios.get(ln.idx)
        rng = head_text(ln, f if f is not None and not f.pure else None)
        if rng and (f is None or not f.pure):
            key = letters_key(raw[rng[0]:rng[1]])
            if len(key) >= 4:
                cands[ln.idx] = (rng, key)
    counts: dict[str, int] = {}
    for _, key in cands.values():
        counts[key] = counts.get(key, 0) + 1
    reps = sorted((k for k, c in counts.items() if c >= 2), key=lambda k: -counts[k])
    reps += [cands[i][1] for i, f in folios.items() if not f.pure and i in cands and cands[i][1] not in reps]
    cluster_of = _cluster_keys(list(counts), reps)
    members: dict[str, list[int]] = {}
    for idx, (_, key) in cands.items():
        members.setdefault(cluster_of[key], []).append(idx)

    def beside_number(idx: int) -> bool:
        k = pos[idx]
        near = [nonblank[j].idx for j in (k - 1, k + 1) if 0 <= j < len(nonblank)]
        return (idx in folios) or any(j in folios and folios[j].pure for j in near)

    out: dict[int, tuple[int, int]] = {}
    for rep, idxs in members.items():
        contexts = set()
        for idx in idxs:
            k = pos[idx]
            nxt = nonblank[k + 1].body if k + 1 < len(nonblank) else ""
            contexts.add(letters_key(nxt)[:16])
        numbered = sum(beside_number(i) for i in idxs)
        if (len(idxs) >= 3 and len(contexts) >= 3) or (len(idxs) >= 2 and numbered >= 2 and len(contexts) >= 2):
            for idx in idxs:
                out[idx] = cands[idx][0]
    return out


def _cluster_keys(keys: list[str], reps: list[str]) -> dict[str, str]:
    """Each key -> the first representative (in ``reps`` order) naming the same head, else itself.

    Any representative that ``same_head_key`` accepts shares at least half of the key's
    letter trigrams, so only those holding one of the key's rarest trigrams are compared:
    linear in practice where comparing every key with every representative is quadratic.
    """
    index: dict[str, list[int]] = {}
    for i, r in enumerate(reps):
        for g in trigrams(r):
            index.setdefault(g, []).append(i)
    out: dict[str, str] = {}
    for key in keys:
        grams = sorted(trigrams(key), key=lambda g: len(index.get(g, ())))
        probe = grams[:len(grams) // 2 + 1]
        cands = sorted({i for g in probe for i in index.get(g, ())})
        lo, hi = 0.7 * len(key), len(key) / 0.7
        out[key] = next((reps[i] for i in cands if lo <= len(reps[i]) <= hi and same_head_key(key, reps[i])), key)
    return out


# --- the sequence ----------------------------------------------------------------------------

@dataclass
class _State:
    score: float
    back: tuple[int, int] | None    # (candidate index, option index) before this one


def choose_sequence(folios: list[Folio], head_lines: list[int], first_line: int, last_line: int) -> list[Folio]:
    """The folios that form the page sequence, each with its chosen ``value``.

    Args:
        folios: candidates in line order.
        head_lines: indexes of lines holding a running head without a number.
        first_line, last_line: indexes of the first and last non-blank lines.
    """
    group_starts = _group_starts(head_lines)
    states: list[list[_State]] = []
    best: tuple[float, tuple[int, int] | None] = (0.0, None)
    for j, fj in enumerate(folios):
        bonus = 0.5 if fj.line in (first_line, last_line) else 0.0
        row = []
        for vj, cj in fj.options:
            own = fj.strength + bonus - cj
            st = _State(own, None)
            for i in range(max(0, j - 80), j):
                fi = folios[i]
                for oi, (vi, _) in enumerate(fi.options):
                    prev = states[i][oi].score
                    d = vj - vi
                    if 1 <= d <= MAX_GAP:
                        between = _heads_between(group_starts, fi.line, fj.line)
                        trans = -0.7 * abs(between - (d - 1)) - (2.0 if fj.line - fi.line < 3 else 0.0)
                    else:
                        trans = -RESTART_PENALTY
                    if prev + own + trans > st.score:
                        st = _State(prev + own + trans, (i, oi))
            row.append(st)
            if st.score > best[0]:
                best = (st.score, (j, len(row) - 1))
        states.append(row)
    chain: list[Folio] = []
    cur = best[1]
    while cur is not None:
        j, o = cur
        folios[j].value = folios[j].options[o][0]
        chain.append(folios[j])
        cur = states[j][o].back
    chain.reverse()
    return _drop_weak_singletons(chain)


def _heads_between(group_starts: list[int], a: int, b: int) -> int:
    """Running-head groups (not standing right beside either end) between lines ``a`` and ``b``."""
    return max(0, bisect.bisect_left(group_starts, b - 2) - bisect.bisect_right(group_starts, a + 2))


def _group_starts(head_lines: list[int]) -> list[int]:
    """First lines of the runs of head lines (heads within two lines of each other are one page top)."""
    starts: list[int] = []
    last = -10
    for h in head_lines:
        if h > last + 2:
            starts.append(h)
        last = h
    return starts


def _drop_weak_singletons(chain: list[Folio]) -> list[Folio]:
    """Leave out runs of one folio (between restarts) that are not strong on their own."""
    runs: list[list[Folio]] = []
    for f in chain:
        if runs and 1 <= f.value - runs[-1][-1].value <= MAX_GAP:
            runs[-1].append(f)
        else:
            runs.append([f])
    keep = []
    for run in runs:
        if len(run) > 1 or run[0].strength >= 2.0:
            keep.extend(run)
    return keep


# --- pages -----------------------------------------------------------------------------------

@dataclass
class PageTop:
    """The furniture standing together at one page turn."""

    lines: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    folio: Folio | None = None
    n: int | None = None
    start: int = 0                 # raw offset of the pb


def group_tops(lines: list[Line], folios: list[Folio], heads: dict[int, tuple[int, int]],
               num_first: bool) -> list[PageTop]:
    """Page tops: heads and numbers on neighbouring lines, one head and one number each."""
    by_line: dict[int, str] = {f.line: ("both" if not f.pure else "num") for f in folios}
    for idx in heads:
        by_line.setdefault(idx, "head")
    nonblank = [ln.idx for ln in lines if not ln.blank]
    pos = {idx: k for k, idx in enumerate(nonblank)}
    fmap = {f.line: f for f in folios}
    tops: list[PageTop] = []
    last_pos = -10
    for idx in sorted(by_line):
        kind = by_line[idx]
        cur = tops[-1] if tops and pos[idx] - last_pos <= 1 else None
        has_num = cur is not None and cur.folio is not None
        has_head = cur is not None and bool(cur.heads)
        if cur is not None:
            if kind == "both":
                cur = None if (has_num or has_head) else cur
            elif kind == "num":
                cur = None if has_num or (num_first and has_head) else cur
            else:
                cur = None if has_head or (not num_first and has_num) else cur
        if cur is None:
            cur = PageTop()
            tops.append(cur)
        cur.lines.append(idx)
        if kind in ("head", "both"):
            cur.heads.append(idx)
        if kind in ("num", "both"):
            cur.folio = fmap[idx]
        last_pos = pos[idx]
    return _merge_detached_numbers(tops, pos)


def _merge_detached_numbers(tops: list[PageTop], pos: dict[int, int]) -> list[PageTop]:
    """A page number alone within two lines of a head-only top (either side) belongs to that top."""
    out: list[PageTop] = []
    for top in tops:
        prev = out[-1] if out else None
        if prev is not None and pos[top.lines[0]] - pos[prev.lines[-1]] <= 2:
            head_then_num = prev.folio is None and prev.heads and top.folio is not None and not top.heads
            num_then_head = prev.folio is not None and not prev.heads and top.folio is None and top.heads
            if head_then_num or num_then_head:
                prev.lines += top.lines
                prev.heads += top.heads
                prev.folio = prev.folio or top.folio
                continue
        out.append(top)
    return out


def number_pages(doc: Document, tops: list[PageTop]) -> None:
    """Give every page top the number the sequence implies; report jumps and reversals."""
    known = [i for i, t in enumerate(tops) if t.folio is not None]
    if not known:
        return
    for i, t in enumerate(tops):
        if t.folio is not None:
            t.n = t.folio.value
    first = known[0]
    for i in range(first - 1, -1, -1):
        after = tops[i + 1].n
        tops[i].n = after - 1 if after is not None and after > 1 else None
    prev: int | None = None
    for t in tops[first:]:
        if t.n is None:
            t.n = prev + 1 if prev is not None else None
        elif prev is not None and t.n > prev + 1:
            doc.warn("PAG001", t.start, prev=prev, next=t.n)
        elif prev is not None and t.n <= prev:
            doc.warn("PAG003", t.start, n=t.n, prev=prev)
        prev = t.n


def bottom_style(lines: list[Line], chain: list[Folio], heads: dict[int, tuple[int, int]]) -> bool:
    """Whether bare page numbers stand at the page foot.

    The evidence is at the ends of the document: it ends with a bare number (a foot), or it
    begins with a running head that has no number beside it; it begins with a number (a top).
    """
    nonblank = [ln.idx for ln in lines if not ln.blank]
    pure = {f.line for f in chain if f.pure}
    if not nonblank or not pure:
        return False
    score = 2.0 if nonblank[-1] in pure else -0.5
    score -= 2.0 if nonblank[0] in pure else 0.0
    if nonblank[0] in heads and not any(i in pure for i in nonblank[1:3]):
        score += 1.0
    return score > 0


def _next_content(lines: list[Line], idx: int) -> int | None:
    """Start of the first non-blank line after line ``idx``."""
    for ln in lines[idx + 1:]:
        if not ln.blank:
            return ln.start
    return None


def place_tops(lines: list[Line], tops: list[PageTop], chain: list[Folio], bottom: bool) -> list[PageTop]:
    """Set each page's pb offset; with numbers at the foot, each number also ends its page."""
    for t in tops:
        t.start = lines[t.lines[0]].start
    if not bottom:
        return tops
    feet = [f for f in chain if f.pure]
    by_start = {t.start: t for t in tops}
    first = next(ln.start for ln in lines if not ln.blank)
    for s in [first] + [_next_content(lines, f.line) for f in feet]:
        if s is not None and s not in by_start:
            by_start[s] = PageTop(start=s)
    pages = [by_start[s] for s in sorted(by_start)]
    starts = [p.start for p in pages]
    for f in feet:
        pages[bisect.bisect_right(starts, lines[f.line].start) - 1].folio = f
    return pages


def absorb_leading_text(lines: list[Line], tops: list[PageTop]) -> None:
    """Text before the first page top: a short fragment joins the first page, a long one is a page."""
    first = next((ln.start for ln in lines if not ln.blank), 0)
    if not tops or tops[0].start <= first:
        return
    sizes = [b.start - a.start for a, b in zip(tops, tops[1:])]
    typical = statistics.median(sizes) if sizes else 2000
    if tops[0].start - first < 0.3 * typical:
        tops[0].start = first
    else:
        tops.insert(0, PageTop(start=first))


# --- spans -----------------------------------------------------------------------------------

def _fw(doc: Document, a: int, b: int, kind: str, place: str | None = None) -> None:
    attrs = {"type": kind}
    if place:
        attrs["place"] = place
    if b > a:
        doc.add(Span(a, b, "fw", attrs=attrs, reading="", stage="pages"))


def _junk_spans(line: Line) -> list[tuple[int, int]]:
    """Raw ranges of the junk tokens at a line's start (``? ?`` -> one range, spaces trimmed)."""
    if line.core == line.start:
        return []
    chunk = line.text[:line.core - line.start]
    a = line.start + len(chunk) - len(chunk.lstrip())
    return [(a, line.start + len(chunk.rstrip()))]


def mark_folio(doc: Document, f: Folio, place: str) -> None:
    """The page number (with its repair when damaged), its fused head and separator."""
    a, b = f.num
    _fw(doc, a, b, "pageNum", place)
    digits = re.sub(r"[\[\](){}\s]", "", f.printed)
    if digits != str(f.value):
        doc.add(Span(a, b, "choice", reading=str(f.value), kind="pagenum", cert="medium", stage="pages"))
        doc.warn("PAG002", a, printed=f.printed, n=f.value)
    if f.head:
        _fw(doc, f.head[0], f.head[1], "header", place)
    if f.sep:
        _fw(doc, f.sep[0], f.sep[1], "garbage")


def emit(doc: Document, lines: list[Line], pages: list[PageTop], heads: dict[int, tuple[int, int]],
         chain: list[Folio], bottom: bool) -> None:
    """Add the pb, fw and choice spans."""
    for p in pages:
        attrs = {"n": str(p.n)} if p.n is not None else {}
        doc.add(Span(p.start, p.start, "pb", attrs=attrs, stage="pages"))
    furniture_lines = set(heads) | {f.line for f in chain}
    for f in chain:
        mark_folio(doc, f, "bottom" if bottom and f.pure else "top")
    for idx, (a, b) in heads.items():
        if idx not in {f.line for f in chain if not f.pure}:
            _fw(doc, a, b, "header", "top")
    for ln in lines:
        if ln.idx in furniture_lines:
            for a, b in _junk_spans(ln):
                _fw(doc, a, b, "garbage")
        elif is_garbage_line(ln.text):
            a = ln.start + len(ln.text) - len(ln.text.lstrip())
            _fw(doc, a, ln.start + len(ln.text.rstrip()), "garbage")


def run(doc: Document, config: Config) -> Document:
    """Find the printed pages of ``doc`` and add pb/fw spans for them."""
    lines = read_lines(doc)
    nonblank = [ln for ln in lines if not ln.blank]
    if not nonblank:
        return doc
    cands: dict[int, Folio] = {}
    for ln in nonblank:
        f = parse_pure(ln) or parse_fused(ln)
        if f is not None:
            cands[ln.idx] = f
    heads = running_heads(lines, cands, doc.raw)
    for idx in heads:
        if idx in cands and not cands[idx].pure:
            cands[idx].strength += 1.0           # a recurring head with its number
    for idx, f in cands.items():
        if f.pure and any(j in heads for j in (idx - 1, idx + 1)):
            f.strength += 1.0                    # a number beside a running head
    head_only = sorted(i for i in heads if i not in cands)
    chain = choose_sequence(sorted(cands.values(), key=lambda f: f.line), head_only,
                            nonblank[0].idx, nonblank[-1].idx)
    chained = {f.line for f in chain}
    heads = {i: r for i, r in heads.items() if i not in cands or i in chained}
    if not chain and not heads:
        return doc
    bottom = bottom_style(lines, chain, heads)
    num_first = _numbers_come_first(lines, chain, heads)
    if heads and not bottom:
        heads.update(heads_beside_numbers(nonblank, chain, heads, num_first))
    top_folios = [f for f in chain if not (bottom and f.pure)]
    tops = group_tops(lines, top_folios, heads, num_first)
    pages = place_tops(lines, tops, chain, bottom)
    if not bottom:
        absorb_leading_text(lines, pages)
    number_pages(doc, pages)
    emit(doc, lines, pages, heads, chain, bottom)
    return doc


def heads_beside_numbers(nonblank: list[Line], chain: list[Folio], heads: dict[int, tuple[int, int]],
                         num_first: bool) -> dict[int, tuple[int, int]]:
    """Title-like lines on the head's side of a page number, in a book that has running heads."""
    pos = {ln.idx: k for k, ln in enumerate(nonblank)}
    out = {}
    for f in chain:
        k = pos[f.line] + (1 if num_first else -1)
        if not f.pure or not 0 <= k < len(nonblank):
            continue
        ln = nonblank[k]
        if ln.idx not in heads and head_like(ln.body, styled=True):
            out[ln.idx] = (ln.core, ln.core + len(ln.body))
    return out


def _numbers_come_first(lines: list[Line], chain: list[Folio], heads: dict[int, tuple[int, int]]) -> bool:
    """Whether a bare page number usually stands above its running head (the default)."""
    above = below = 0
    for f in chain:
        if f.pure:
            above += (f.line + 1) in heads
            below += (f.line - 1) in heads
    return above >= below
