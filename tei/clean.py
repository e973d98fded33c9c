"""Stage: repairs: line-break hyphens, lost ligatures, OCR damage; derives the reading text.

Nothing in ``raw`` changes: every repair is a ``Span("choice", a, b, kind=..., reading=...,
cert=...)`` over the damaged characters, and unreadable noise is a ``Span("fw",
attrs={"type": "garbage"}, reading="")``.  The stage works on *flows*: the text in reading
order with running heads, page numbers, note markers and other furniture left out, so a
word broken over a page break is joined across the foot notes and the next page's head.
The main text, each foot note and each repeated (surplus) passage is its own flow.

Decisions use the general English lexicon (:mod:`tei.lexicon`, wordfreq) together with the
document's own vocabulary; nothing is keyed to particular texts.

* **Line-break hyphens** (``-`` or ``¬`` before a line end, or before a space where the
  extraction joined the lines; a soft hyphen always joins): kept when either side holds
  digits, when the second part is capitalised (``pro- Soviet``), when the compound goes on
  (``government-\\nin-exile``), or when the document prints the hyphenated form more often
  than the joined one; joined when it prints the joined word more often, or the lexicon
  knows the joined form (inflections included); kept when both parts are common words and
  the joined form is not (``self- interest``); otherwise joined (a line-end hyphen usually
  is soft), except over a page break, where an unknown joined form is left alone.  A ``?``
  the OCR read for the hyphen (``rev? olution``) is joined only when the lexicon knows the
  joined word; when exactly one letter for the ``?`` gives a known word (``mili? ary``) the
  guess is recorded as an ``ocr`` repair with ``cert="low"`` and reported (CLN001).
* **Lost ligatures** (``dicult``, ``Aairs``, ``rst``): for a token the lexicon knows
  poorly, each of ff, fi, fl, ffi, ffl is tried at each position; the best candidate must be
  a known word, more frequent than the token by :data:`LIGATURE_MARGIN` and than the
  runner-up by 0.5 (``cert`` high when the token is no word at all and the margin is wide).
  Repairs are applied only to a document that shows the loss: at least
  :data:`LIGATURE_MIN_EVIDENCE` confident ones (an unknown token, a common word once
  restored) and at least one per ten intact words spelled with ff/fi/fl, so OCR'd books
  that kept their ligatures are left alone.  In such a document a broken word is also
  joined with its ligature restored (``pro- table`` -> ``profitable``).
* **OCR noise**: letter/digit confusions inside numbers (``3o8``, ``l91``); letter-spaced
  words and years (``R a m a z a n i``, ``1 9 1 7``); words split by a space where neither
  part is a word (``Revolu tion``); spaces lost at italic boundaries (``SeeNational``,
  ``Mamoulia,Les``, ``1926(Washington``, ``PolicyofIran``, ``ofthe``), split only when every
  part is a common word and the glued form is not a word; runs of ``?`` at the start of a
  line become garbage ``fw``.  A space repair covers one character (the glued comma, or the
  first letter of the second word) so names around it stay whole for later stages.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product

from tei.config import Config
from tei.lexicon import KNOWN, Vocabulary, form_zipf, known_form, zipf
from tei.model import Document, Span

REQUIRES = frozenset({"pages", "notes"})
PROVIDES = frozenset({"repairs", "reading"})

LIGATURES = ("ff", "fi", "fl", "ffi", "ffl")
#: confident ligature repairs a document must show before any is applied.
LIGATURE_MIN_EVIDENCE = 2
#: a repaired word must be this much more frequent (Zipf) than the damaged token.
LIGATURE_MARGIN = 0.5
#: name particles that start camel-cased surnames (MacArthur, VanDyke): never split there.
NAME_PARTICLES = frozenset({"mac", "van", "von", "des", "del", "della", "der", "den", "ten", "ter", "dei", "las", "los"})

_LETTER = r"[^\W\d_\u00b2\u00b3\u00b9\u2070-\u209f]"
_ALNUM = r"[^\W_\u00b2\u00b3\u00b9\u2070-\u209f]"
_HYPHEN_RE = re.compile(
    rf"(?P<left>{_ALNUM}+)(?P<hy>[-\u2010¬\u00ad?])(?P<gap>[ \t]*\n\s*|[ \t]+)(?P<right>{_ALNUM}+)")
_TOKEN_RE = re.compile(rf"(?<!{_ALNUM}){_LETTER}+(?!{_ALNUM})")
_NUMBER_RE = re.compile(rf"(?<!{_ALNUM})[0-9oOlI]{{3,}}(?!{_ALNUM})")
_SPACED_RE = re.compile(rf"(?<!{_ALNUM})(?:{_LETTER} ){{3,}}{_LETTER}(?!{_ALNUM})")
_SPACED_YEAR_RE = re.compile(rf"(?<![\w.,])(1 [5-9]|2 0) \d \d(?![\w,.]?\d)")
_SPLIT_WORD_RE = re.compile(rf"(?<!{_ALNUM}|-)({_LETTER}{{2,}}) (?=({_LETTER}{{2,}})(?!{_ALNUM}|-))")
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_PUNCT_GLUE_RE = re.compile(rf"(?<={_LETTER}{{2}})[,;](?={_LETTER}{{2}}|\d+[-–:])|(?<=[\w.,])\((?=[A-Z][a-z])"
                            rf"|(?<=\d)(?=[A-Z][a-z]{{2}})")
_QUERY_LINE_RE = re.compile(r"^[ \t]*(\?(?:[ \t]+\?)*)(?:[ \t]+(?=\S)|[ \t]*$)", re.M)


# --- flows: text in reading order, mapped back onto raw ------------------------------------

@dataclass
class Flow:
    """Raw pieces in reading order, joined by a newline, with offsets back into ``raw``."""

    pieces: list[tuple[int, int]]
    text: str = ""
    starts: list[int] = field(default_factory=list)

    @classmethod
    def build(cls, raw: str, pieces: list[tuple[int, int]]) -> Flow:
        """Assemble the flow text of ``pieces`` (raw ranges, in order)."""
        flow = cls([p for p in pieces if p[1] > p[0]])
        parts, pos = [], 0
        for a, b in flow.pieces:
            flow.starts.append(pos)
            parts.append(raw[a:b])
            pos += b - a + 1
        flow.text = "\n".join(parts)
        return flow

    def piece(self, pos: int) -> int:
        """Index of the piece holding flow offset ``pos`` (the separator belongs to the piece before)."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def raw(self, pos: int) -> int:
        """Raw offset of flow offset ``pos`` (a piece's end for its trailing separator)."""
        i = self.piece(pos)
        a, b = self.pieces[i]
        return min(a + pos - self.starts[i], b)

    def raw_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Raw range of a flow range that lies within one piece, else ``None``."""
        if end <= start or self.piece(start) != self.piece(end - 1):
            return None
        return self.raw(start), self.raw(end - 1) + 1

    def crosses(self, start: int, end: int) -> bool:
        """Whether a flow range runs over a piece boundary."""
        return self.piece(start) != self.piece(max(start, end - 1))


def _subtract(ranges: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of ``ranges`` (sorted) outside every range of ``holes``."""
    holes = sorted(h for h in holes if h[1] > h[0])
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        pos = a
        for h0, h1 in holes:
            if h1 <= pos or h0 >= b:
                continue
            if h0 > pos:
                out.append((pos, h0))
            pos = max(pos, h1)
        if pos < b:
            out.append((pos, b))
    return out


def flows(doc: Document) -> list[Flow]:
    """The main text, each note and each surplus passage as flows, furniture and markers left out."""
    furniture = [(s.start, s.end) for s in doc.spans if s.reading is not None and s.tag != "surplus"]
    furniture += [(m.start(1), m.end()) for m in _QUERY_LINE_RE.finditer(doc.raw)]   # line-start '?' noise
    markers = [n.marker for n in doc.notes if n.marker] + [n.label for n in doc.notes if n.label]
    note_segments = [seg for n in doc.notes for seg in n.segments]
    surplus = sorted((s.start, s.end) for s in doc.spans if s.tag == "surplus")
    out = [Flow.build(doc.raw, _subtract([(0, len(doc.raw))], furniture + markers + note_segments + surplus))]
    for note in doc.notes:
        out.append(Flow.build(doc.raw, _subtract(sorted(note.segments), furniture + markers)))
    for s in surplus:
        out.append(Flow.build(doc.raw, _subtract([s], furniture + markers + note_segments)))
    return out


# --- the repairs ---------------------------------------------------------------------------

@dataclass
class Repairs:
    """Non-overlapping spans found so far (the first claim on a character wins)."""

    spans: list[Span] = field(default_factory=list)
    _taken: list[tuple[int, int]] = field(default_factory=list)

    _longest: int = 0

    def claim(self, start: int, end: int) -> None:
        """Mark a raw range as taken (furniture, markers, earlier repairs)."""
        bisect.insort(self._taken, (start, end))
        self._longest = max(self._longest, end - start)

    def free(self, start: int, end: int) -> bool:
        """Whether no taken range overlaps ``[start, end)``."""
        j = bisect.bisect_left(self._taken, (end, end)) - 1
        while j >= 0 and self._taken[j][0] > start - self._longest - 1:
            a, b = self._taken[j]
            if a < end and start < b:
                return False
            j -= 1
        return True

    def add(self, span: Span) -> bool:
        """Keep ``span`` unless it overlaps one kept before."""
        if span.end <= span.start or not self.free(span.start, span.end):
            return False
        self.claim(span.start, span.end)
        span.stage = "clean"
        self.spans.append(span)
        return True


def choice(start: int, end: int, kind: str, reading: str, cert: str) -> Span:
    """A repair span."""
    return Span(start, end, "choice", reading=reading, kind=kind, cert=cert)


# --- line-break hyphens --------------------------------------------------------------------

#: prefixes joined by a hyphen to a capitalised word (``pro-Soviet``, ``anti-British``, ``ex-Kaiser``).
PREFIXES = frozenset({"pro", "anti", "non", "ex", "pan", "neo", "post", "pre", "mid", "trans", "sub", "semi", "un",
                      "inter", "intra", "ultra", "counter", "pseudo", "quasi", "all", "half", "self", "super",
                      "over", "under", "cis", "extra", "proto", "crypto", "re", "de", "co", "vice", "arch"})


def decide_hyphen(left: str, right: str, vocab: Vocabulary, *, continues: bool = False,
                  mark: str = "-", distant: bool = False) -> tuple[str, str] | None:
    """Whether a line-break hyphen between ``left`` and ``right`` is soft or part of a compound.

    Args:
        left, right: the letters (or digits) before the hyphen and after the break.
        vocab: the document's vocabulary.
        continues: the second part is followed by another hyphen (``government-\\nin-exile``).
        mark: the hyphen character the source has (``-``, ``¬``, soft hyphen, or an OCR ``?``).
        distant: other material (notes, a running head) stands between the parts; only a
            joined form the lexicon or the document knows is then accepted.
    Returns:
        ``(kind, cert)`` with kind ``"hyphen"`` (join) or ``"hyphen-kept"``, or ``None`` to leave it.
    """
    joined = left + right
    if mark == "\u00ad":
        return "hyphen", "high"
    if mark == "?":
        zj = zipf(joined)
        if right[:1].isupper() or not joined.isalpha() or zj < KNOWN or zj < min(zipf(left), zipf(right)) - 1.0:
            return None
        return "hyphen", "medium"
    if any(c.isdigit() for c in joined):
        return "hyphen-kept", "high"
    if continues:
        return "hyphen-kept", "high"
    if right[:1].isupper() and not (left.isupper() and right.isupper()):
        if (left.islower() and left.lower() not in PREFIXES and zipf(left) >= KNOWN
                and not vocab.compound_count(f"{left}-{right}")):
            return None          # "a previous battle- Genoa": a dash before a name, not a compound
        return "hyphen-kept", "high"
    as_joined, as_compound = vocab.count(joined), vocab.compound_count(f"{left}-{right}")
    if as_joined != as_compound:
        return ("hyphen", "high") if as_joined > as_compound else ("hyphen-kept", "high")
    zj, zl, zr = form_zipf(joined), zipf(left), zipf(right)
    if zj >= 2.0 and zj >= min(zl, zr) - 1.5:
        return "hyphen", "high"
    if min(len(left), len(right)) >= 2 and min(zl, zr) >= KNOWN:
        if zr >= 6.0 and mark in "-\u2010":
            return None          # "policy- that": a dash, not a hyphen
        return "hyphen-kept", "medium"
    if distant and zj < 1.0:
        return None
    return "hyphen", "medium"


def _letter_for_query(left: str, right: str) -> str | None:
    """The one letter an OCR ``?`` stands for between ``left`` and ``right`` (``mili? ary``), if clear."""
    if not (left.isalpha() and right.isalpha()) or right[:1].isupper() or is_common(left) and is_common(right):
        return None
    found = [(zipf(left + c + right), c) for c in "abcdefghijklmnopqrstuvwxyz"]
    found = sorted((z, c) for z, c in found if z >= KNOWN)
    if len(found) == 1 or (found and found[-1][0] - found[-2][0] >= 1.5):
        return found[-1][1]
    return None


def is_common(word: str) -> bool:
    """A word common enough to stand on its own (Zipf >= 3, at least two letters or 'a'/'I')."""
    return (len(word) > 1 or word.lower() in ("a", "i")) and zipf(word) >= KNOWN


def find_hyphens(flow: Flow, vocab: Vocabulary, repairs: Repairs, *, ligatures_lost: bool = False) -> None:
    """Join or keep line-break hyphens in one flow.

    When the document lost its ligatures, a joined word the lexicon does not know is also
    tried with a ligature restored (``pro- table`` -> ``profitable``).
    """
    text = flow.text
    for m in _HYPHEN_RE.finditer(text):
        gap, mark = m.group("gap"), m.group("hy")
        crosses = flow.crosses(m.start(), m.end())
        if gap.count("\n") > 1 and not crosses:
            continue                                      # a paragraph break: a dangling hyphen
        if mark == "?" and "\n" in gap:
            continue
        left, right = m.group("left"), m.group("right")
        continues = text[m.end():m.end() + 1] == "-" and text[m.end() + 1:m.end() + 2].isalpha()
        restored = ligature_candidate(left + right) if ligatures_lost and mark != "?" else None
        if restored and not known_form(left + right) and left.isalpha() and right.isalpha():
            _add_word_repair(flow, repairs, m.start(), m.end(), restored[0], "hyphen", "medium", crosses,
                             m.end("hy"), m.start("right"))
            continue
        decision = decide_hyphen(left, right, vocab, continues=continues, mark=mark, distant=crosses)
        if decision is None and mark == "?":
            letter = _letter_for_query(left, right)
            if letter:
                _add_word_repair(flow, repairs, m.start(), m.end(), left + letter + right, "ocr", "low", crosses,
                                 m.end("hy"), m.start("right"))
            continue
        if decision is None:
            continue
        kind, cert = decision
        word = left + right if kind == "hyphen" else f"{left}-{right}"
        if kind == "hyphen" and cert == "medium":
            word = " ".join(split_glued(word, vocab) or [word])     # "foreignop- pressors"
        _add_word_repair(flow, repairs, m.start(), m.end(), word, kind, cert, crosses,
                         m.end("hy"), m.start("right"))


def _add_word_repair(flow: Flow, repairs: Repairs, start: int, end: int, word: str, kind: str, cert: str,
                     crosses: bool, first_end: int, second_start: int) -> None:
    """Record a repaired word; over a piece boundary as two spans (first part: the word; second: empty)."""
    if not crosses:
        rng = flow.raw_range(start, end)
        if rng:
            repairs.add(choice(*rng, kind, word, cert))
        return
    a, b = flow.raw_range(start, first_end), flow.raw_range(second_start, end)
    if a is None or b is None:
        return
    first, second = choice(*a, kind, word, cert), choice(*b, kind, "", cert)
    if repairs.free(first.start, first.end) and repairs.free(second.start, second.end):
        repairs.add(first)
        repairs.add(second)


# --- lost ligatures ------------------------------------------------------------------------

@lru_cache(maxsize=50_000)
def ligature_candidate(token: str) -> tuple[str, str] | None:
    """The word ``token`` becomes with a lost ligature restored, and the certainty, if clear.

    Args:
        token: a run of letters.
    Returns:
        ``(word, cert)`` or ``None`` when the token is a known word or no candidate is clear.
    """
    if len(token) < 2 or not token.isalpha():
        return None
    zt = zipf(token)
    if zt >= 4.0:
        return None
    upper = token.isupper()
    scored: dict[str, float] = {}
    for i, lig in product(range(len(token) + 1), LIGATURES):
        if upper:
            cand = token[:i] + lig.upper() + token[i:]
        elif i == 0 and token[0].isupper():
            cand = lig.capitalize() + token[0].lower() + token[1:]
        else:
            cand = token[:i] + lig + token[i:]
        scored[cand] = zipf(cand)
    ranked = sorted(scored.items(), key=lambda kv: -kv[1])
    best, zb = ranked[0]
    runner = ranked[1][1] if len(ranked) > 1 else 0.0
    if zb < KNOWN or zb - zt < LIGATURE_MARGIN or zb - runner < 0.5:
        return None
    cert = "high" if zt < 1.0 and zb - runner >= 1.0 else "medium"
    return best, cert


def _ligature_letters(word: str) -> bool:
    return any(lig in word.lower() for lig in ("ff", "fi", "fl"))


@dataclass
class LigatureLoss:
    """Ligature repairs a document calls for: ``(flow, start, end, word, cert)``, and whether it shows the loss."""

    found: list[tuple[Flow, int, int, str, str]] = field(default_factory=list)
    shown: bool = False


def ligature_loss(flows_: list[Flow]) -> LigatureLoss:
    """Find candidate ligature repairs and decide whether the document lost its ligatures.

    The loss is shown by at least :data:`LIGATURE_MIN_EVIDENCE` confident repairs (a token
    the lexicon does not know at all, a common word once restored) that are not drowned by
    intact words carrying ff/fi/fl (more than ten per confident repair).
    """
    loss = LigatureLoss()
    intact = confident = 0
    for flow in flows_:
        for m in _TOKEN_RE.finditer(flow.text):
            token = m.group()
            if _ligature_letters(token):
                intact += 1
                continue
            cand = ligature_candidate(token)
            if cand:
                confident += zipf(token) < 1.0 and zipf(cand[0]) >= 3.5
                loss.found.append((flow, m.start(), m.end(), cand[0], cand[1]))
    loss.shown = confident >= LIGATURE_MIN_EVIDENCE and confident * 10 >= intact
    return loss


def find_ligatures(loss: LigatureLoss, repairs: Repairs) -> int:
    """Record the ligature repairs when the document shows the loss; returns how many."""
    if not loss.shown:
        return 0
    done = 0
    for flow, start, end, word, cert in loss.found:
        rng = flow.raw_range(start, end)
        if rng and repairs.add(choice(*rng, "ligature", word, cert)):
            done += 1
    return done


# --- OCR noise -----------------------------------------------------------------------------

_DIGIT_FOR = str.maketrans({"o": "0", "O": "0", "l": "1", "I": "1"})


def find_numbers(flow: Flow, repairs: Repairs) -> None:
    """Letters read for digits inside a number (``2oo``, ``l91``, ``3o8``)."""
    for m in _NUMBER_RE.finditer(flow.text):
        tok = m.group()
        digits = sum(c.isdigit() for c in tok)
        if digits == 0 or digits == len(tok) or (digits == 1 and len(tok) < 3):
            continue
        rng = flow.raw_range(m.start(), m.end())
        if rng:
            repairs.add(choice(*rng, "ocr", tok.translate(_DIGIT_FOR), "medium"))


def find_spaced(flow: Flow, vocab: Vocabulary, repairs: Repairs) -> None:
    """Letter-spaced words (``R a m a z a n i``) and years (``1 9 1 7``) closed up."""
    for m in _SPACED_RE.finditer(flow.text):
        word = m.group().replace(" ", "")
        cuts = split_camel(word, vocab)
        if cuts:                                   # "F o r e i g n P o l i c y": two words
            word = " ".join(word[a:b] for a, b in zip([0] + cuts, cuts + [len(word)]))
            cert = "medium"
        elif is_common(word) or vocab.count(word) > 0:
            cert = "high"
        elif word[0].isupper() and word[1:].islower() and len(word) >= 5:
            cert = "medium"
        else:
            continue
        rng = flow.raw_range(m.start(), m.end())
        if rng:
            repairs.add(choice(*rng, "space", word, cert))
    for m in _SPACED_YEAR_RE.finditer(flow.text):
        rng = flow.raw_range(m.start(), m.end())
        if rng:
            repairs.add(choice(*rng, "space", m.group().replace(" ", ""), "medium"))


def split_glued(word: str, vocab: Vocabulary) -> list[str] | None:
    """Words a lower-case run glued together (``ofthe`` -> ``of``, ``the``), when clearly so.

    Every part must be a common word (short parts very common); the run itself must be
    unknown to the lexicon (or far rarer than its parts, as web spellings like ``ofthe``
    are), not used by the document as a word of its own, and not explained by a lost
    ligature.
    """
    if vocab.count(word) >= 3 or ligature_candidate(word):
        return None
    parts = _segment(word.lower())
    if not parts:
        return None
    zw = zipf(word)
    if known_form(word) and not 0 < zw < min(zipf(p) for p in parts) - 4.0:
        return None
    out, pos = [], 0
    for part in parts:
        out.append(word[pos:pos + len(part)])
        pos += len(part)
    return out


def _common_part(part: str) -> bool:
    """A part a glued run may be split into: a common word, the shorter the commoner."""
    need = 5.5 if len(part) <= 3 else 3.5 if len(part) <= 5 else KNOWN
    return (len(part) > 1 or part == "a") and zipf(part) >= need


@lru_cache(maxsize=50_000)
def _segment(word: str) -> tuple[str, ...] | None:
    """The most probable split of ``word`` into two or more common words (unigram model), or ``None``."""
    n = len(word)
    if zipf(word) >= 4.0 or n < 4 or n > 60:
        return None
    cost: list[float | None] = [0.0] + [None] * n        # best cost (sum of 9 - zipf) of word[:i]
    back = [0] * (n + 1)
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            prev = cost[start]
            part = word[start:end]
            if prev is None or not _common_part(part):
                continue
            c = prev + 9.0 - zipf(part)
            if cost[end] is None or c < cost[end]:      # type: ignore[operator]
                cost[end], back[end] = c, start
    if cost[n] is None:
        return None
    parts, end = [], n
    while end > 0:
        parts.append(word[back[end]:end])
        end = back[end]
    return tuple(reversed(parts)) if len(parts) > 1 else None


def _camel_word(piece: str, vocab: Vocabulary) -> bool:
    """Whether one piece of a camel-cased run can stand as a word of its own."""
    if piece[:1].isupper() and piece[1:].islower():
        return len(piece) >= 3 and piece.lower() not in NAME_PARTICLES and (
            zipf(piece) >= KNOWN or vocab.count(piece) > 1)
    return zipf(piece) >= (6.0 if len(piece) <= 2 else KNOWN)


def split_camel(token: str, vocab: Vocabulary) -> list[int]:
    """Offsets inside ``token`` where a lost space goes (``TheGermanExperience``, ``PolicyofIran``).

    The token is cut before each capital that follows a lower-case letter; every piece must
    be a word (a lower-case piece may itself be a glued run, split by :func:`split_glued`).
    Nothing is cut when the token itself is a known word (``McDonald``).
    """
    if zipf(token) >= KNOWN:
        return []
    bounds = [0] + [m.start() for m in _CAMEL_RE.finditer(token)] + [len(token)]
    if len(bounds) == 2:
        return []
    cuts: list[int] = []
    for a, b in zip(bounds, bounds[1:]):
        piece = token[a:b]
        if _camel_word(piece, vocab):
            cuts.append(a)
            continue
        parts = split_glued(piece, vocab)
        if not parts or not all(_camel_word(p, vocab) or _common_part(p.lower()) for p in parts):
            return []
        cuts.append(a)
        pos = a
        for part in parts[:-1]:
            pos += len(part)
            cuts.append(pos)
    return cuts[1:]


def find_glued(flow: Flow, vocab: Vocabulary, repairs: Repairs) -> None:
    """Restore spaces lost between words (italic boundaries, glued metadata fields).

    Each repair covers the first character of the second word (or the glued punctuation)
    and reads it with a space before (after, for punctuation), so names stay whole.
    """
    text = flow.text
    points: list[tuple[int, str]] = []           # flow offset of a character; space before or after it
    for m in _PUNCT_GLUE_RE.finditer(text):
        points.append((m.start(), "after" if text[m.start()] in ",;" else "before"))
    for m in _TOKEN_RE.finditer(text):
        tok, base = m.group(), m.start()
        possessive = text[base - 1:base] in ("'", "’") and tok[:1] == "s" and len(tok) > 3 and not known_form(tok)
        if possessive:
            tok, base = tok[1:], base + 1
        if tok.islower():
            plain = possessive or _plain_boundaries(text, m.start(), m.end())
            parts = split_glued(tok, vocab) if len(tok) >= 5 and plain else None
            cuts = _cumulative(parts) if parts else []
        else:
            cuts = split_camel(tok, vocab)
        if possessive and (cuts or is_common(tok)):
            cuts = [0] + cuts
        points.extend((base + c, "before") for c in cuts)
    for pos, where in points:
        rng = flow.raw_range(pos, pos + 1)
        if rng:
            ch = text[pos]
            repairs.add(choice(*rng, "space", ch + " " if where == "after" else " " + ch, "medium"))


def _cumulative(parts: list[str]) -> list[int]:
    """Offsets between consecutive parts."""
    out, pos = [], 0
    for part in parts[:-1]:
        pos += len(part)
        out.append(pos)
    return out


def _plain_boundaries(text: str, start: int, end: int) -> bool:
    """Whether a token stands between spaces or ordinary punctuation (not inside ``Am[erican]``)."""
    before = text[start - 1:start]
    after = text[end:end + 1]
    return before in ("", " ", "\n", "\t", '"', "“", "(", "‘") and after in ("", " ", "\n", "\t", ".", ",", ";", ":",
                                                                         '"', "”", ")", "’", "?", "!")


def find_split_words(flow: Flow, repairs: Repairs) -> None:
    """Close up a word the OCR split with a space (``Revolu tion``) when neither part is a word."""
    for m in _SPLIT_WORD_RE.finditer(flow.text):
        left, right = m.group(1), m.group(2)
        if right[:1].isupper() or zipf(left) >= 1.5 or form_zipf(right) >= 4.0:
            continue
        word = left + right
        if zipf(word) >= KNOWN + 0.5 and zipf(word) >= form_zipf(right) + 1.0:
            rng = flow.raw_range(m.start(), m.end() + len(right))
            if rng:
                repairs.add(choice(*rng, "space", word, "medium"))


def find_query_noise(doc: Document, repairs: Repairs) -> None:
    """Runs of OCR ``?`` at the start of a line (``? ? The Russian Revolution``): garbage furniture."""
    for m in _QUERY_LINE_RE.finditer(doc.raw):
        end = m.end() if m.end() < len(doc.raw) and doc.raw[m.end()] not in "\r\n" else m.end(1)
        repairs.add(Span(m.start(1), end, "fw", attrs={"type": "garbage"}, reading=""))


# --- the stage -----------------------------------------------------------------------------

def run(doc: Document, config: Config) -> Document:
    """Add repair spans over ``raw`` and derive the reading text."""
    repairs = Repairs()
    for s in doc.spans:                           # furniture and earlier repairs are claimed already
        if s.reading is not None and s.end > s.start and s.tag != "surplus":
            repairs.claim(s.start, s.end)
    for n in doc.notes:
        for rng in (n.marker, n.label):
            if rng:
                repairs.claim(*rng)
    fl = flows(doc)
    vocab = Vocabulary(f.text for f in fl)
    loss = ligature_loss(fl)
    find_query_noise(doc, repairs)
    for f in fl:
        find_hyphens(f, vocab, repairs, ligatures_lost=loss.shown)
    find_ligatures(loss, repairs)
    for f in fl:
        find_numbers(f, repairs)
        find_spaced(f, vocab, repairs)
        find_glued(f, vocab, repairs)
        find_split_words(f, repairs)
    for span in sorted(repairs.spans, key=lambda s: s.start):
        doc.add(span)
        if span.cert == "low":
            doc.warn("CLN001", span.start, orig=doc.raw[span.start:span.end], reg=span.reading)
    doc.derive_reading()
    return doc
