"""Stage: passages the extraction repeated, marked <surplus reason="repeated">.

Repeats are found by content, not position: every content line (page furniture left out)
is reduced to a key (letters and digits, lower case), keys are hashed, and each line
whose key occurred before starts a candidate run that is extended while the following
lines repeat the lines after the earlier occurrence.  A run is marked when it is long
enough that it cannot be a legitimately recurring phrase (a salutation, a refrain, a
running head).  The later copy gets ``Span("surplus", reason="repeated", reading="")``
over whole lines, and the page breaks inside it are withdrawn: a repeated copy of a page
is not a new printed page.  Time is linear in the number of lines (a few earlier
occurrences are tried per line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tei.config import Config
from tei.model import Document, Span

REQUIRES = frozenset({"pages"})
PROVIDES = frozenset({"repeats"})

#: a single repeated line must have at least this many key characters to be marked, and follow
#: its first copy at once; further apart, a line that comes again is a heading or a formula
#: ("Memorandum by the Chief of Naval Operations" over two memoranda), not a repeat.
MIN_LINE_CHARS = 60
#: a run of repeated lines (or one long line: a paragraph) must have at least this many key
#: characters in all.
MIN_RUN_CHARS = 120
#: how many earlier occurrences of a line are tried as the start of a run.
MAX_TRIES = 4

_NON_KEY = re.compile(r"[\W_]+")


@dataclass
class ContentLine:
    """A line that is not page furniture, with its comparison key and raw line number."""

    start: int
    end: int
    key: str
    row: int


def line_rests(doc: Document) -> list[str]:
    """Each raw line's text with the fw spans on it taken out."""
    fw = sorted((s.start, s.end) for s in doc.spans if s.tag == "fw")
    out = []
    k = 0
    for a, b, text in doc.lines():
        while k < len(fw) and fw[k][1] <= a:
            k += 1
        covered = [(max(a, s), min(b, e)) for s, e in fw[k:k + 8] if s < b and e > a]
        rest = text
        for s, e in sorted(covered, reverse=True):
            rest = rest[:s - a] + rest[e - a:]
        out.append(rest)
    return out


def content_lines(doc: Document, rests: list[str] | None = None) -> list[ContentLine]:
    """Lines with letters or digits outside fw spans, in order."""
    out = []
    for row, ((a, b, _text), rest) in enumerate(zip(doc.lines(), rests or line_rests(doc))):
        key = _NON_KEY.sub("", rest).lower()
        if key:
            out.append(ContentLine(a, b, key, row))
    return out


def find_runs(lines: list[ContentLine]) -> list[tuple[int, int, int]]:
    """Maximal repeated runs as ``(first line, earlier first line, length)`` in line indexes."""
    seen: dict[str, list[int]] = {}
    runs = []
    i = 0
    while i < len(lines):
        best_j, best_len = -1, 0
        for j in reversed(seen.get(lines[i].key, [])[-MAX_TRIES:]):
            n = 0
            while i + n < len(lines) and j + n < i and lines[i + n].key == lines[j + n].key:
                n += 1
            if n > best_len:
                best_j, best_len = j, n
        chars = sum(len(lines[i + m].key) for m in range(best_len))
        if best_len and (chars >= MIN_RUN_CHARS or (best_len == 1 and chars >= MIN_LINE_CHARS and best_j == i - 1)):
            runs.append((i, best_j, best_len))
            for m in range(best_len):
                seen.setdefault(lines[i + m].key, []).append(i + m)
            i += best_len
            continue
        seen.setdefault(lines[i].key, []).append(i)
        i += 1
    return runs


def widen(raw_lines: list[tuple[int, int, str]], rests: list[str], row: int, earlier: int, limit: int) -> int:
    """First raw line of a run after taking in the furniture lines that precede both copies alike.

    Only lines that are furniture (nothing left outside fw spans) are taken in: a line of
    mere punctuation before the copy belongs to whatever precedes it (a note's last line).

    Args:
        raw_lines: ``doc.lines()`` as a list; ``rests``: their text outside fw spans.
        row, earlier: first raw lines of the later and the earlier copy.
        limit: the run may not reach back to this raw line (the end of the earlier copy).
    """
    while (row - 1 > limit and earlier > 0 and not rests[row - 1].strip()
           and raw_lines[row - 1][2].strip() == raw_lines[earlier - 1][2].strip()):
        row, earlier = row - 1, earlier - 1
    while row < len(raw_lines) and not raw_lines[row][2].strip():
        row += 1
    return row


def extend(raw_lines: list[tuple[int, int, str]], rests: list[str], last: int, earlier_last: int,
           stop: int) -> int:
    """Last raw line of a run after taking in the punctuation-only lines that follow both copies alike
    (a ``.`` left alone on a line ends the copy as it ended the original)."""
    while (last + 1 < stop and earlier_last + 1 < len(raw_lines) and rests[last + 1].strip()
           and not _NON_KEY.sub("", rests[last + 1])
           and raw_lines[last + 1][2].strip() == raw_lines[earlier_last + 1][2].strip()):
        last, earlier_last = last + 1, earlier_last + 1
    return last


def run(doc: Document, config: Config) -> Document:
    """Mark the later copy of every repeated passage as surplus."""
    rests = line_rests(doc)
    lines = content_lines(doc, rests)
    raw_lines = list(doc.lines())
    marked = []
    for i, j, n in find_runs(lines):
        prev_end = lines[i - 1].row if i > 0 else -1
        row = widen(raw_lines, rests, lines[i].row, lines[j].row, max(prev_end, lines[j + n - 1].row))
        next_start = lines[i + n].row if i + n < len(lines) else len(raw_lines)
        last = extend(raw_lines, rests, lines[i + n - 1].row, lines[j + n - 1].row, next_start)
        a, b = raw_lines[row][0], raw_lines[last][1]
        doc.add(Span(a, b, "surplus", attrs={"reason": "repeated"}, reading="", stage="repeats"))
        doc.warn("REP001", a, chars=b - a, line=doc.location(lines[j].start).line)
        marked.append((a, b))
    if marked:
        doc.spans = [s for s in doc.spans
                     if not (s.tag == "pb" and any(a <= s.start < b for a, b in marked))]
    return doc
