"""Synthetic OCR'd / PDF-extracted book pages with known truth, for property-style tests.

``make_book(seed, pages)`` writes a few pages of a book (no seed text: the words come from
``wordfreq``'s English list) with the damage real extractions show, and returns the text
together with a :class:`Truth` giving the raw offsets of everything a stage should find::

    from tests.synth import make_book
    text, truth = make_book(3, pages=8, numbers="bracket", ocr_damage=0.3)
    truth.pages[0].n, truth.pages[0].start      # printed page number, offset of its pb
    truth.heads                                  # running heads (start, end, text)
    truth.notes                                  # footnotes: n, marker, label, text range
    truth.hyphens, truth.ligatures, truth.repeats

Every option is a keyword with a neutral default, so a test asks only for the damage it
is about.  The same seed gives the same book.

Page layout (``numbers``):
    ``"bracket"``  ``[181]`` on its own line above the running head (OCR'd books);
    ``"bare-top"`` ``181`` on its own line above the running head;
    ``"bare-bottom"`` running head at the top, ``181`` as the page's last line;
    ``"fused"``    the number on the head's line: ``181  BOOK TITLE`` / ``Chapter Title • 181``;
    ``"mixed"``    one of the above, chosen by the seed.
Verso (even) pages carry the book title, recto (odd) pages the chapter title.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache

LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
#: OCR misreadings of digits used to damage printed page numbers.
DIGIT_DAMAGE = {"0": "o", "1": "l", "5": "S", "8": "B"}
NUMBER_STYLES = ("bracket", "bare-top", "bare-bottom", "fused")


@dataclass
class PageTruth:
    """One printed page: ``start`` is where its pb belongs (before its top furniture)."""

    n: int
    start: int
    number: tuple[int, int] | None      # raw range of the printed number (brackets included)
    printed: str | None                 # the printed form (possibly OCR-damaged)
    place: str                          # "top" or "bottom"
    head: tuple[int, int] | None        # raw range of the running head
    copy: bool = False                  # inside a repeated copy


@dataclass
class NoteTruth:
    """A footnote: ``label`` and ``text`` are in the page foot, ``marker`` in the text."""

    n: int
    marker: tuple[int, int]
    marker_style: str                   # "bare", "super", "glued"
    label: tuple[int, int]
    text: tuple[int, int]               # from the label to the end of the note text
    copy: bool = False


@dataclass
class HyphenTruth:
    """A word broken at a line end: ``raw[start:end]`` is the broken form."""

    start: int
    end: int
    joined: str
    kind: str                           # "soft" (hyphen removed) or "hard" (real compound)
    copy: bool = False


@dataclass
class LigatureTruth:
    """A word whose ligature letters the extraction dropped."""

    start: int
    end: int
    surface: str
    word: str
    copy: bool = False


@dataclass
class RepeatTruth:
    """``raw[start:end]`` repeats ``raw[of_start:of_end]`` (whole lines)."""

    start: int
    end: int
    of_start: int
    of_end: int


@dataclass
class Truth:
    """Everything ``make_book`` put into the text, as raw offsets."""

    pages: list[PageTruth] = field(default_factory=list)
    heads: list[tuple[int, int, str]] = field(default_factory=list)
    notes: list[NoteTruth] = field(default_factory=list)
    hyphens: list[HyphenTruth] = field(default_factory=list)
    ligatures: list[LigatureTruth] = field(default_factory=list)
    repeats: list[RepeatTruth] = field(default_factory=list)
    number_style: str = ""


@lru_cache(maxsize=1)
def vocabulary() -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(common words, long words for hyphenation, words with ff/fi/fl) from wordfreq's list."""
    from wordfreq import top_n_list

    words = [w for w in top_n_list("en", 12000) if w.isalpha() and w.isascii() and w.islower()]
    common = tuple(w for w in words[:3000] if len(w) >= 2)
    long_ = tuple(w for w in words if len(w) >= 8 and not any(lig in w for lig in LIGATURES))
    lig = tuple(w for w in words[:8000] if len(w) >= 5 and any(lig in w for lig in LIGATURES))
    return common, long_, lig


def drop_ligatures(word: str) -> str:
    """The word as a PDF extraction that loses ligature glyphs writes it: ``difficult`` -> ``dicult``."""
    out, i = [], 0
    while i < len(word):
        lig = next((g for g in LIGATURES if word.startswith(g, i)), None)
        if lig:
            i += len(lig)
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def damage_number(n: int, rng: random.Random) -> str:
    """``n`` with one digit misread as a letter, when it has a digit OCR confuses."""
    s = str(n)
    spots = [i for i, c in enumerate(s) if c in DIGIT_DAMAGE]
    if not spots:
        return s
    i = rng.choice(spots)
    return s[:i] + DIGIT_DAMAGE[s[i]] + s[i + 1:]


class _Writer:
    """Appends text and tells where each piece landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def put(self, s: str) -> tuple[int, int]:
        a = self.pos
        self.parts.append(s)
        self.pos += len(s)
        return a, self.pos

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class _Token:
    """A word of the body with what it carries (a ligature loss, a note marker)."""

    text: str
    word: str = ""          # the intended word when ``text`` is damaged
    note: int | None = None
    compound: bool = False


def make_book(seed: int, pages: int = 8, *, numbers: str = "mixed", first_page: int = 0,
              ocr_damage: float = 0.0, missing_numbers: float = 0.0, junk: float = 0.0,
              notes_per_page: tuple[int, int] = (0, 2), marker_style: str = "mixed",
              hyphen_rate: float = 0.0, ligature_rate: float = 0.0, join_lines: bool = False,
              repeat_pages: int = 0, width: int = 64, lines_per_page: int = 24) -> tuple[str, Truth]:
    """Generate a book excerpt and its truth.

    Args:
        seed: the random seed; the same arguments give the same book.
        pages: how many printed pages.
        numbers: page-number layout, one of :data:`NUMBER_STYLES` or ``"mixed"``.
        first_page: the first page's number (0: chosen by the seed).
        ocr_damage: share of printed page numbers with a digit misread (``[18o]``); for
            bracketed numbers, half of them lose the closing bracket to a ``1`` (``[1771``).
        missing_numbers: share of pages (not the first) whose number OCR lost.
        junk: share of furniture lines with OCR junk before them (``? ?``).
        notes_per_page: (min, max) footnotes per page.
        marker_style: note markers ``"bare"`` (``word. 12``), ``"super"`` (``word¹²``),
            ``"glued"`` (``word12``) or ``"mixed"``.
        hyphen_rate: share of line ends that break a word (soft) or a compound (hard).
        ligature_rate: share of words with ff/fi/fl that lose the ligature.
        join_lines: write each paragraph on one line, line-break hyphens as ``negotia- tions``.
        repeat_pages: how many pages the extraction repeats (a copy of a run of pages is
            appended after the last page, as in a doubled PDF extraction).
        width: line width of the body text.
        lines_per_page: body lines per page (notes come on top of these).

    Returns:
        ``(text, truth)``.
    """
    rng = random.Random(seed)
    common, long_words, lig_words = vocabulary()
    style = numbers if numbers != "mixed" else rng.choice(NUMBER_STYLES)
    first = first_page or rng.randint(3, 400)
    book_title = " ".join(w.capitalize() for w in rng.sample(common[200:1500], 3))
    chapter = "The " + " ".join(w.capitalize() for w in rng.sample(common[200:1500], 2))
    truth = Truth(number_style=style)
    out = _Writer()
    note_n = rng.randint(1, 150)
    page_ranges: list[tuple[int, int]] = []
    stream = _TokenStream(rng, common, long_words, lig_words, hyphen_rate, ligature_rate)
    for k in range(pages):
        n = first + k
        page_start = out.pos
        notes = [note_n + i for i in range(rng.randint(*notes_per_page))]
        note_n += len(notes)
        show_number = k == 0 or rng.random() >= missing_numbers
        printed = _printed_number(n, style, ocr_damage, rng) if show_number else None
        head_text = book_title if n % 2 == 0 else chapter
        page = PageTruth(n, page_start, None, printed, "bottom" if style == "bare-bottom" else "top", None)
        _write_top(out, page, head_text, style, junk, rng, truth)
        styles: dict[int, str] = {}
        markers = _write_body(out, stream, notes, marker_style, join_lines, width, lines_per_page, rng, truth,
                              styles)
        _write_notes(out, notes, markers, styles, rng, common, width, truth)
        if style == "bare-bottom" and printed is not None:
            page.number = out.put(printed)
            out.put("\n")
        truth.pages.append(page)
        page_ranges.append((page_start, out.pos))
    if repeat_pages:
        _write_repeat(out, truth, page_ranges, repeat_pages, rng)
    return out.text, truth


def _printed_number(n: int, style: str, damage: float, rng: random.Random) -> str:
    s = damage_number(n, rng) if rng.random() < damage else str(n)
    if style != "bracket":
        return s
    if s != str(n) and rng.random() < 0.5:
        return "[" + str(n) + "1"                     # closing bracket read as '1'
    return "[" + s + "]"


def _junk(rng: random.Random, rate: float) -> str:
    return rng.choice(("? ", "? ? ", "• ")) if rng.random() < rate else ""


def _write_top(out: _Writer, page: PageTruth, head: str, style: str, junk: float,
               rng: random.Random, truth: Truth) -> None:
    """The page's top furniture: number and running head in the book's layout."""
    if style in ("bracket", "bare-top") and page.printed is not None:
        out.put(_junk(rng, junk))
        page.number = out.put(page.printed)
        out.put("\n")
    out.put(_junk(rng, junk))
    if style == "fused" and page.printed is not None:
        if page.n % 2 == 0:
            page.number = out.put(page.printed)
            out.put("  ")
            page.head = out.put(head.upper())
        else:
            page.head = out.put(head)
            out.put(rng.choice(("  ", " • ", " | ")))
            page.number = out.put(page.printed)
    else:
        page.head = out.put(head)
    truth.heads.append((page.head[0], page.head[1], head))
    out.put("\n")


class _TokenStream:
    """An endless run of body words: sentences, some words damaged or carrying compounds."""

    def __init__(self, rng: random.Random, common: tuple[str, ...], long_words: tuple[str, ...],
                 lig_words: tuple[str, ...], hyphen_rate: float, ligature_rate: float) -> None:
        self.rng, self.common, self.long, self.lig = rng, common, long_words, lig_words
        self.hyphen_rate, self.ligature_rate = hyphen_rate, ligature_rate
        self.in_sentence = 0

    def next(self) -> _Token:
        rng = self.rng
        roll = rng.random()
        if roll < 0.04 and self.lig:
            word = rng.choice(self.lig)
            tok = _Token(drop_ligatures(word) if rng.random() < self.ligature_rate else word, word)
        elif roll < 0.12:
            tok = _Token(rng.choice(self.long))
        elif roll < 0.12 + self.hyphen_rate / 6:
            a, b = rng.sample(self.common[100:], 2)
            tok = _Token(f"{a}-{b}", compound=True)
        else:
            tok = _Token(rng.choice(self.common))
        if self.in_sentence == 0:
            tok.text = tok.text[0].upper() + tok.text[1:]
            tok.word = tok.word[0].upper() + tok.word[1:] if tok.word else ""
        self.in_sentence += 1
        if self.in_sentence > rng.randint(7, 18):
            tok.text += "."
            self.in_sentence = 0
        elif rng.random() < 0.06:
            tok.text += ","
        return tok


def _marker(n: int, style: str, rng: random.Random) -> tuple[str, str, str]:
    """(separator, marker text, style) for note ``n``."""
    style = style if style != "mixed" else rng.choice(("bare", "super", "glued"))
    if style == "super":
        return "", str(n).translate(SUPERSCRIPT), style
    if style == "glued":
        return "", str(n), style
    return " ", str(n), style


def _write_body(out: _Writer, stream: _TokenStream, notes: list[int], marker_style: str, join_lines: bool,
                width: int, n_lines: int, rng: random.Random, truth: Truth,
                styles: dict[int, str]) -> dict[int, tuple[int, int]]:
    """Body lines of one page; returns note number -> marker range (``styles`` gets each marker's style)."""
    marker_at = sorted(rng.sample(range(3, max(4, n_lines * 8)), len(notes))) if notes else []
    markers: dict[int, tuple[int, int]] = {}
    line_len, lines, words = 0, 0, 0
    pending_notes = list(zip(marker_at, notes))
    while lines < n_lines:
        tok = stream.next()
        words += 1
        if line_len and line_len + 1 + len(tok.text) > width:
            if stream.hyphen_rate and rng.random() < stream.hyphen_rate and _breakable(tok):
                _write_broken(out, tok, join_lines, rng, truth)
                line_len = len(tok.text) // 2
                lines += 1
                continue
            lines += 1
            out.put(" " if join_lines and lines % 6 else "\n")
            line_len = 0
        elif line_len:
            out.put(" ")
            line_len += 1
        a, b = out.put(tok.text)
        _record(tok, a, b, truth)
        line_len += len(tok.text)
        if pending_notes and words >= pending_notes[0][0] and tok.text[-1:] in ".," or (
                pending_notes and words >= pending_notes[0][0] + 12):
            n = pending_notes.pop(0)[1]
            sep, mark, used = _marker(n, marker_style, rng)
            out.put(sep)
            markers[n] = out.put(mark)
            styles[n] = used
            line_len += len(sep) + len(mark)
    out.put("\n")
    return markers


def _breakable(tok: _Token) -> bool:
    return tok.compound or (len(tok.text) >= 8 and tok.text.isalpha())


def _record(tok: _Token, a: int, b: int, truth: Truth) -> None:
    if tok.word and tok.word != tok.text.rstrip(".,"):
        truth.ligatures.append(LigatureTruth(a, a + len(tok.text.rstrip(".,")), tok.text.rstrip(".,"), tok.word))


def _write_broken(out: _Writer, tok: _Token, join_lines: bool, rng: random.Random, truth: Truth) -> None:
    """A word broken at the line end: soft (``negotia-|tions``) or at a compound's hyphen."""
    out.put(" ")
    brk = "- " if join_lines else "-\n"
    word = tok.text.rstrip(".,")
    tail_punct = tok.text[len(word):]
    if tok.compound:
        left, right = word.split("-", 1)
        a, _ = out.put(left + brk)
        _, b = out.put(right)
        truth.hyphens.append(HyphenTruth(a, b, word, "hard"))
    else:
        cut = rng.randint(3, len(word) - 3)
        a, _ = out.put(word[:cut] + brk)
        _, b = out.put(word[cut:])
        truth.hyphens.append(HyphenTruth(a, b, word, "soft"))
    out.put(tail_punct)


def _write_notes(out: _Writer, notes: list[int], markers: dict[int, tuple[int, int]], styles: dict[int, str],
                 rng: random.Random,
                 common: tuple[str, ...], width: int, truth: Truth) -> None:
    """The page's foot: each note's label and text, wrapped."""
    for n in notes:
        label = out.put(str(n))
        out.put(" ")
        author = rng.choice(common[300:2000]).capitalize()
        title = " ".join(w.capitalize() for w in rng.sample(common[100:2000], rng.randint(2, 5)))
        words = ["See", author + ",", title, f"({rng.choice(common[300:2000]).capitalize()}:",
                 f"{rng.choice(common[300:2000]).capitalize()} Press,", f"{rng.randint(1900, 1990)}),",
                 f"{rng.randint(2, 400)}."]
        if rng.random() < 0.5:
            words += [w for w in rng.sample(common, rng.randint(6, 20))] + ["."]
        body, line_len = [], len(str(n)) + 1
        for w in words:
            if line_len + len(w) + 1 > width:
                body.append("\n")
                line_len = 0
            elif body:
                body.append(" ")
            body.append(w)
            line_len += len(w) + 1
        _, end = out.put("".join(body).replace(" .", "."))
        out.put("\n")
        truth.notes.append(NoteTruth(n, markers.get(n, (0, 0)), styles.get(n, ""), label, (label[0], end)))


def _write_repeat(out: _Writer, truth: Truth, page_ranges: list[tuple[int, int]], count: int,
                  rng: random.Random) -> None:
    """Append a verbatim copy of ``count`` consecutive pages (as a doubled extraction does)."""
    count = min(count, len(page_ranges))
    k = rng.randint(0, len(page_ranges) - count)
    a, b = page_ranges[k][0], page_ranges[k + count - 1][1]
    src = "".join(out.parts)[a:b]
    c, d = out.put(src)
    truth.repeats.append(RepeatTruth(c, d, a, b))
    shift = c - a
    for p in list(truth.pages):
        if a <= p.start < b and not p.copy:
            truth.pages.append(PageTruth(p.n, p.start + shift, _shift(p.number, shift), p.printed, p.place,
                                         _shift(p.head, shift), copy=True))
    for h in list(truth.heads):
        if a <= h[0] < b:
            truth.heads.append((h[0] + shift, h[1] + shift, h[2]))


def _shift(r: tuple[int, int] | None, d: int) -> tuple[int, int] | None:
    return (r[0] + d, r[1] + d) if r else None
