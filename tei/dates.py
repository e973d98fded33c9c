"""Stage: temporal expressions normalised to ISO 8601 (TEI att.datable.w3c).

A small regular grammar over the reading text finds candidate expressions (full dates,
month-year, seasons, decades, fuzzy modifiers, year ranges, bare years, day-month and
month without a year, relative expressions); overlapping candidates are resolved longest
first, neighbours joined into ranges (``July and August of 1920``), yearless dates take
their year from context and relative ones are computed from the date before them.

Each date becomes ``Span("date", attrs=...)`` with ``when`` (a point), ``from``/``to``
(an explicit range, a decade, a season) or ``notBefore``/``notAfter`` (a fuzzy span);
inferred years carry ``cert="medium" evidence="conjecture"``.  The span leaves out a
leading determiner or preposition but keeps modifiers (``end of 1924``, ``mid-1920s``).
"""

from __future__ import annotations

import bisect

import calendar
import datetime
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterator

from tei.config import Config
from tei.model import Document

REQUIRES = frozenset({"reading"})
PROVIDES = frozenset({"dates"})

#: plausible years for a bare four-digit number.
YEAR_MIN, YEAR_MAX = 1000, 2100
#: how far back (reading-text characters) a relative expression looks for its anchor date.
RELATIVE_REACH = 600

Ymd = tuple[int | None, int | None, int | None]

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")
_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
         "sept": 9, "oct": 10, "nov": 11, "dec": 12}
#: season -> (first month, last month); winter runs into the next year.
SEASONS = {"spring": (3, 5), "summer": (6, 8), "fall": (9, 11), "autumn": (9, 11), "winter": (12, 2)}
#: early/mid/late parts of a year (months) and of a decade (years).
YEAR_PARTS = {"early": (1, 4), "mid": (5, 8), "middle": (5, 8), "late": (9, 12)}
DECADE_PARTS = {"early": (0, 3), "mid": (3, 7), "middle": (3, 7), "late": (7, 9)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50}
NUMBER_WORDS.update(_TENS)
NUMBER_WORDS.update({f"{t}-{u}": n + NUMBER_WORDS[u] for t, n in _TENS.items()
                     for u in ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")})
#: month names that are also given names: alone, they must not precede a capitalised word.
NAME_MONTHS = frozenset({"april", "may", "june", "july", "august"})
#: words before a bare number that make it a year even when a plural noun follows.
YEAR_CUES = frozenset({"in", "since", "until", "till", "of", "by", "from", "after", "before", "during",
                       "the", "circa", "c.", "ca.", "year", "to", "and", "between"})
#: words before a bare year that make it the time of the narrative (an anchor for yearless dates).
NARRATIVE_CUES = frozenset({"in", "by", "since", "until", "till", "during", "after", "before", "from", "through"})
#: lower-case words after a number that make it a quantity, not a year, whatever precedes it.
QUANTITY_WORDS = frozenset({"men", "people", "persons", "troops", "soldiers", "workers", "members", "delegates",
                            "votes", "copies", "km", "ft", "lb", "kg", "tons", "tonnes", "miles", "kilometres",
                            "kilometers", "metres", "meters", "feet", "yards", "acres", "hours", "dollars",
                            "pounds", "rubles", "roubles", "marks", "francs", "lire", "yen", "per", "percent",
                            "million", "billion", "thousand", "hundred"})

# --- regular grammar -------------------------------------------------------------------------
SP = r"[ \t]*\n?[ \t]*"                        # optional space, at most one line break
SP1 = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)"          # required space, at most one line break
_MFULL = "|".join(m.capitalize() for m in MONTHS)
_ABBRS = "|".join(sorted((a.capitalize() for a in _ABBR), key=len, reverse=True))
MONTH_FULL = rf"(?:{_MFULL})(?![A-Za-z])"
#: a month name or abbreviation, capitalised or in capitals (headlines)
MONTH = (rf"(?:(?:{_MFULL}|{_MFULL.upper()})|(?:{_ABBRS}|{_ABBRS.upper()})\.?)(?![A-Za-z])")
YEAR = r"(?:1\d{3}|20\d{2})"
#: a year in a month context, where o/O for 0 and l/I for 1 are read as digits.
MYEAR = r"(?:1\d{3}|20\d{2}|[1lI](?=[0-9oOlI]*\d[0-9oOlI]*\d)[0-9oOlI]{3})"
WEEKDAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY),?[ \t]+"
CENTURY_WORDS = ("eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth", "twentieth", "twenty-first")
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|d)?(?![\d])"
_ORD = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")
#: days written as ordinal words (``the first of August``).
DAY_WORDS = (*_ORD, "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
             "seventeenth", "eighteenth", "nineteenth", "twentieth", *(f"twenty-{o}" for o in _ORD), "thirtieth",
             "thirty-first")
DAY_WORD = "(?:" + "|".join(sorted((w.replace("-", "[- ]") for w in DAY_WORDS), key=len, reverse=True)) + ")"
DASH = r"[–—-]"
TO = rf"(?:{DASH}|to|until|till|through)"
TIME = (rf"(?:{SP}[,—–]{SP}(?:\d{{1,2}}(?:[:.]\d{{2}})?{SP}(?:[ap]\.{SP}m\.|[AP]\.{SP}M\.|[ap]m\b)"
        r"|noon|midnight))")
YEAR_END = r"(?![\w/]|[.,]\d)"                 # not part of a longer number or a file number
#: a part of a year or month named before it (``end of``, ``latter part of``, ``the month of``): kept in the span.
PART_OF = (r"(?:(?:[Ee]nd|[Bb]eginning|[Ss]tart|[Cc]lose|[Mm]iddle|[Tt]urn|[Mm]onth"
           r"|(?:[Ee]arly|[Ee]arlier|[Ll]atter|[Ll]ater|[Ff]irst|[Ll]ast|[Ss]econd)[ \t]+part)"
           rf"{SP1}of{SP1}(?:the{SP1}(?:year|month){SP1})?)")
YEAR_START = r"(?<![\w$£€/])(?<!\d[.:,])"      # not after a digit group, a currency or a slash
#: a garbled year: o/O for 0, l/I for 1, or letter-spaced digits ("1 9 1 7").
GYEAR = r"(?:[1l][0-9oOlI]{3}|1 \d \d \d)"
#: a part of a day before its date: ``the evening of the first of August``.
DAY_PART = r"(?:[Mm]orning|[Ee]vening|[Nn]ight|[Aa]fternoon|[Dd]awn|[Nn]oon)"
#: what an ordinal numbers besides a day: ``the 4th Division``, ``the 3d Corps``, ``the 19th century``.
NUMBERED_UNIT = (r"(?:Division|Corps|Regiment|Army|Brigade|Battalion|Cavalry|Infantry|Artillery|Battery|Company|"
                 r"Squadron|Fleet|Dragoons|Hussars|Lancers|Guards|Fusiliers|Rifles|Volunteers|Street|Avenue|Ward|"
                 r"District|Century|Congress|Duma|Reich|Republic|Dynasty|Edition|Volume|Part|Book|Chapter|Article|"
                 r"Section|Session|Amendment|International|Plenum|Party)")
#: "July 4 of that year", "May 5 last": the year is the one the text is in.
THAT_YEAR = (rf"(?:,?{SP}of{SP1}(?:that|the{SP1}same){SP1}year|,?{SP1}last\b(?!{SP1}(?:year|month|week))"
             rf"|,?{SP1}(?:ultimo|ult\.|instant|inst\.|proximo|prox\.))")
SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"


@dataclass
class _Cand:
    """A candidate date in a text: reading offsets, its bounds and how to encode them."""

    start: int
    end: int
    lo: Ymd
    hi: Ymd
    mode: str = "when"            # when | range | fuzzy | relative | partial
    rel: tuple[int, str] = (0, "")  # relative: (signed amount, unit)

    @property
    def has_year(self) -> bool:
        return self.lo[0] is not None and self.hi[0] is not None


def month_number(word: str) -> int:
    """Month number of a month name or abbreviation (``"Sept."`` -> 9)."""
    w = word.rstrip(".").lower()
    return MONTHS.index(w) + 1 if w in MONTHS else _ABBR[w]


def _day(s: str) -> int:
    word = s.lower().replace(" ", "-")
    return DAY_WORDS.index(word) + 1 if word in DAY_WORDS else int(re.sub(r"\D", "", s))


def _fix_year(s: str) -> int | None:
    """A year from a possibly garbled token (``150o`` -> 1500, ``1 9 1 7`` -> 1917)."""
    t = s.replace(" ", "").translate(str.maketrans("oOlI", "0011"))
    return int(t) if t.isdigit() and len(t) == 4 else None


def _end_year(first: int, s: str) -> int | None:
    """Second year of a range, expanding an abbreviated one (``1924–27`` -> 1927).

    A one-digit year stays in the decade (``1861-5`` -> 1865).  An abbreviated year crosses a century only from the nineties (``1998-02``), so that
    ``1921-03`` (a month) is not read as a range.
    """
    if len(s) == 1:                          # "1861-5"
        y = first // 10 * 10 + int(s)
        return y if y > first else None
    if len(s) != 2:
        return _fix_year(s)
    y = first // 100 * 100 + int(s)
    if y > first:
        return y
    return y + 100 if first % 100 >= 90 else None


def iso(v: Ymd) -> str:
    """ISO 8601 form of a (year, month, day) value at its own precision."""
    y, m, d = v
    assert y is not None
    out = f"{y:04d}" if y >= 0 else f"-{-y:04d}"
    if m:
        out += f"-{m:02d}"
        if d:
            out += f"-{d:02d}"
    return out


def _valid(v: Ymd) -> bool:
    y, m, d = v
    if y is None or m is None or d is None:
        return True
    return 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


# --- pattern builders: match -> candidate ----------------------------------------------------
def _year_of(m: re.Match[str], group: str = "y") -> int | None:
    """The year in a match group, garbled digits repaired, if plausible."""
    y = _fix_year(m[group])
    return y if y is not None and YEAR_MIN <= y <= YEAR_MAX else None


def _mdy(m: re.Match[str]) -> _Cand | None:
    y = _year_of(m)
    if y is None:
        return None
    v = (y, month_number(m["m"]), _day(m["d"]))
    return _Cand(m.start(), m.end(), v, v)


def _iso_date(m: re.Match[str]) -> _Cand:
    v = (int(m["y"]), int(m["mo"]), int(m["d"]) if m["d"] else None)
    return _Cand(m.start(), m.end(), v, v)


def _century(m: re.Match[str]) -> _Cand:
    word = m["c"].lower()
    n = int(word[:-2]) if word[0].isdigit() else CENTURY_WORDS.index(word) + 11
    y = (n - 1) * 100
    mod = (m["mod"] or "").lower()
    if mod:
        a, b = {"early": (0, 33), "mid": (33, 66), "middle": (33, 66), "late": (66, 99)}[mod]
        return _Cand(m.start(), m.end(), (y + a, None, None), (y + b, None, None), "fuzzy")
    return _Cand(m.start(), m.end(), (y, None, None), (y + 99, None, None), "range")


def _day_range(m: re.Match[str]) -> _Cand:
    y, mo = int(m["y"]), month_number(m["m"])
    return _Cand(m.start(), m.end(), (y, mo, _day(m["d"])), (y, mo, _day(m["d2"])), "range")


def _partial_day_range(m: re.Match[str]) -> _Cand:
    """``September 2–7`` with no year printed: the year comes from context."""
    mo = month_number(m["m"])
    return _Cand(m.start(), m.end(), (None, mo, _day(m["d"])), (None, mo, _day(m["d2"])), "partial")


def _partial_season(m: re.Match[str]) -> _Cand:
    """``in the spring``, ``till autumn``: a season of the year the text is in."""
    first, last = SEASONS[m["s"].lower()]
    return _Cand(*m.span("span"), (None, first, None), (None, last, None), "partial")


def _month_year(m: re.Match[str]) -> _Cand | None:
    y = _year_of(m)
    if y is None:
        return None
    v = (y, month_number(m["m"]), None)
    return _Cand(m.start(), m.end(), v, v)


def _month_range(m: re.Match[str]) -> _Cand:
    y = int(m["y"])
    return _Cand(m.start(), m.end(), (y, month_number(m["m"]), None), (y, month_number(m["m2"]), None), "range")


def _season(m: re.Match[str]) -> _Cand | None:
    y = int(m["y"])
    first, last = SEASONS[m["s"].lower()]
    y2 = _end_year(y, m["y2"]) if m["y2"] else (y + 1 if last < first else y)
    if y2 is None:
        return None
    lo, hi = (y, first, None), (y2, last, None)
    if m["mod"]:
        return _Cand(m.start(), m.end(), lo, hi, "fuzzy")
    return _Cand(m.start(), m.end(), lo, hi, "range")


def _decade(m: re.Match[str]) -> _Cand:
    y = int(m["y"])
    mod = (m["mod"] or "").lower()
    if mod:
        a, b = DECADE_PARTS[mod]
        return _Cand(m.start(), m.end(), (y + a, None, None), (y + b, None, None), "fuzzy")
    width = 99 if y % 100 == 0 else 9          # "the 1800s" is a century
    return _Cand(m.start(), m.end(), (y, None, None), (y + width, None, None), "range")


def _part_of(m: re.Match[str]) -> _Cand:
    """``end of 1924``, ``beginning of March 1921``: normalised to the year or month named."""
    v = (int(m["y"]), month_number(m["m"]) if m["m"] else None, None)
    return _Cand(m.start(), m.end(), v, v)


def _early_late(m: re.Match[str]) -> _Cand:
    """``early 1921`` (fuzzy months), ``late March 1921`` (the month)."""
    y = int(m["y"])
    if m["m"]:
        v = (y, month_number(m["m"]), None)
        return _Cand(m.start(), m.end(), v, v)
    a, b = YEAR_PARTS[m["mod"].lower()]
    return _Cand(m.start(), m.end(), (y, a, None), (y, b, None), "fuzzy")


def _year_range(m: re.Match[str]) -> _Cand | None:
    y = _fix_year(m["y"])
    if y is None:
        return None
    y2 = _end_year(y, m["y2"])
    if y2 is None or not YEAR_MIN <= y < y2 <= YEAR_MAX:
        return None
    start, end = m.span("span") if m["span"] else m.span()
    return _Cand(start, end, (y, None, None), (y2, None, None), "range")


def _garbled_year(m: re.Match[str]) -> _Cand:
    v = (int(m["y"]), None, None)
    return _Cand(*m.span("span"), v, v)


def _year_bc(m: re.Match[str]) -> _Cand:
    """``44 B.C.``: a negative year (XSD 1.0 gYear: ``-0044`` is 44 BC)."""
    v = (-int(m["y"]), None, None)
    return _Cand(m.start(), m.end(), v, v)


def _year_ad(m: re.Match[str]) -> _Cand:
    """``A.D. 1066``, ``1066 A.D.``: a year with its era marked."""
    v = (int(m["y"] or m["y2"]), None, None)
    return _Cand(m.start(), m.end(), v, v)


#: months from the month of writing: ``the 3d inst.`` (this month), ``ult.`` (last), ``prox.`` (next).
MONTH_SHIFT = {"inst": 0, "instant": 0, "ult": -1, "ultimo": -1, "prox": 1, "proximo": 1}


def _day_of_month(m: re.Match[str]) -> _Cand:
    """``3d inst.``, ``28th ult.``: a day of a month counted from the date of writing."""
    v = (None, None, _day(m["d"]))
    return _Cand(m.start(), m.end(), v, v, "relative", (MONTH_SHIFT[m["r"].lower()], "day-of-month"))


def _day_in_month(m: re.Match[str]) -> _Cand:
    """``on the 2d``, ``until the 27th``, ``on Friday the 4th``: a day of the month the text is in."""
    v = (None, None, _day(m["d"]))
    return _Cand(m.start("wd") if m["wd"] else m.start("span"), m.end("span"), v, v, "relative", (0, "day-of-month"))


def _year(m: re.Match[str]) -> _Cand:
    v = (int(m["y"]), None, None)
    return _Cand(m.start(), m.end(), v, v)


def _partial_md(m: re.Match[str]) -> _Cand:
    v = (None, month_number(m["m"]), _day(m["d"]))
    past = re.search(r"(?:last|ultimo|ult\.)$", m.group()) is not None      # "May 5 last": before the letter
    return _Cand(m.start(), m.end(), v, v, "partial", (-1, "past") if past else (0, ""))


def _partial_month(m: re.Match[str]) -> _Cand | None:
    month = m["m"].lower()
    cue = m["cue"].lower()
    if not m["mod"] and cue in ("the", "to"):
        return None                              # "the March action", "German October"
    if month == "may" and not m["mod"] and cue not in ("in", "since", "until", "till", "during"):
        return None
    if month in NAME_MONTHS and not m["mod"] and re.match(r"[ \t]+[A-Z]", m.string[m.end():]):
        return None                              # "in August Thalheimer's view"
    v = (None, month_number(month), None)
    return _Cand(*m.span("span"), v, v, "partial")


def _day_word_month(m: re.Match[str]) -> _Cand:
    """``the first of August``, ``the twenty-second of June, 1941``."""
    v = (int(m["y"]) if m["y"] else None, month_number(m["m"]), _day(m["d"]))
    return _Cand(m.start(), m.end(), v, v, "when" if m["y"] else "partial")


def _partial_month_bracketed(m: re.Match[str]) -> _Cand:
    """``(October)``: a month in brackets, the year the text is in."""
    v = (None, month_number(m["m"]), None)
    return _Cand(*m.span("span"), v, v, "partial")


def _relative(m: re.Match[str]) -> _Cand:
    word = (m.groupdict().get("rel") or "following").lower()
    sign = -1 if word in ("previous", "preceding") else 0 if word in ("same", "this", "that") else 1
    return _Cand(*m.span("span"), (None, None, None), (None, None, None), "relative", (sign, m["u"].lower()))


def _relative_n(m: re.Match[str]) -> _Cand:
    n = m["n"].lower()
    amount = NUMBER_WORDS[n] if n in NUMBER_WORDS else int(n)
    sign = -1 if m["dir"].lower() == "earlier" else 1
    unit = m["u"].lower().rstrip("s")
    return _Cand(m.start(), m.end(), (None, None, None), (None, None, None), "relative", (sign * amount, unit))


#: days counted from the day of writing (a letter's or a dispatch's date line).
WRITING_DAYS = {"to-day": 0, "today": 0, "yesterday": -1, "to-morrow": 1, "tomorrow": 1,
                "day before yesterday": -2, "day after to-morrow": 2, "day after tomorrow": 2}
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _writing_day(m: re.Match[str]) -> _Cand:
    """``to-day``, ``yesterday``: a day counted from the date line of the letter it stands in."""
    word = re.sub(r"\s+", " ", m["w"].lower())
    return _Cand(*m.span("span"), (None, None, None), (None, None, None), "relative", (WRITING_DAYS[word], "writing-day"))


def _last_weekday(m: re.Match[str]) -> _Cand:
    """``Saturday last``, ``last Monday``: the latest such day before the date of writing."""
    return _Cand(m.start(), m.end(), (None, None, None), (None, None, None), "relative",
                 (DAY_NAMES.index((m["d1"] or m["d2"]).lower()), "last-weekday"))


#: words before a weekday in its sentence that put it after the date of writing.
_FUTURE_RE = re.compile(r"\b(?:will|shall|hope|hopes|expect|expects|expected|intend|intends|going to|plan|plans|"
                        r"planned|to be|next|until|till|by)\b")


def _near_weekday(m: re.Match[str]) -> _Cand:
    """``on Thursday``, ``This is Monday``: the day of that name in the week before the date of
    writing (a report's ``on Monday``), or after it when the sentence looks ahead (``I hope to
    tell you on Thursday``)."""
    start = m.start("span")
    sentence = re.split(r"[.!?;]\s", m.string[max(0, start - 80):start])[-1]
    unit = "next-weekday" if _FUTURE_RE.search(sentence + m.group()) else "past-weekday"
    return _Cand(start, m.end("span"), (None, None, None), (None, None, None), "relative",
                 (DAY_NAMES.index(m["d"].lower()), unit))


def _writing_next_last(m: re.Match[str]) -> _Cand:
    """``next spring``, ``last year``: counted from the date of writing."""
    sign = 1 if m["dir"].lower() == "next" else -1
    return _Cand(m.start(), m.end(), (None, None, None), (None, None, None), "relative",
                 (sign, "writing-" + m["u"].lower()))


_NUMWORD = "|".join(list(NUMBER_WORDS) + [w.capitalize() for w in NUMBER_WORDS])
PATTERNS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Cand | None]], ...] = tuple(
    (re.compile(p), f) for p, f in (
        (rf"(?:{WEEKDAY}|{DAY_PART}{SP1}of{SP1})?(?P<m>{MONTH}){SP1}(?P<d>{DAY}){SP},?{SP}(?P<y>{MYEAR})(?!\d){TIME}?",
         _mdy),
        (rf"(?:{WEEKDAY})?(?<![\w:/])(?P<d>{DAY}){SP1}(?:(?:day{SP1})?of{SP1})?(?P<m>{MONTH}),?{SP1}"
         rf"(?:A\.{SP}D\.{SP})?(?P<y>{MYEAR})"
         rf"(?!\d){TIME}?", _mdy),
        (rf"(?<![\w/.-])(?P<y>{YEAR})-(?P<mo>0[1-9]|1[0-2])(?:-(?P<d>0[1-9]|[12]\d|3[01]))?(?![\w/]|[.-]\d)",
         _iso_date),
        (rf"(?:(?P<mod>[Ee]arly|[Mm]id|[Mm]iddle|[Ll]ate)(?:-{SP}|{SP1}))?"
         rf"(?P<c>(?i:{'|'.join(CENTURY_WORDS)})|1[1-9]th|2[01](?:st|th)){SP}[- ]?{SP}[Cc]entury\b", _century),
        (rf"(?P<m>{MONTH}){SP1}(?P<d>{DAY}){SP}(?:{DASH}|and|to){SP}(?P<d2>{DAY}){SP},?{SP}(?P<y>{YEAR})(?!\d)",
         _day_range),
        (rf"(?<![\w:/])(?P<d>{DAY}){SP}(?:{DASH}|and|to){SP}(?P<d2>{DAY}){SP1}(?:of{SP1})?(?P<m>{MONTH}),?{SP1}"
         rf"(?P<y>{YEAR})(?!\d)", _day_range),
        (rf"(?P<m>{MONTH}),?{SP1}(?:of{SP1})?(?P<y>{MYEAR}){YEAR_END}", _month_year),
        (rf"(?P<m>{MONTH}){SP}(?:{TO}|and){SP}(?P<m2>{MONTH}),?{SP1}(?:of{SP1})?(?P<y>{YEAR}){YEAR_END}",
         _month_range),
        (rf"(?:(?P<mod>[Ee]arly|[Ll]ate|[Mm]id)(?:-{SP}|{SP1}))?(?P<s>{SEASON}){SP1}(?:of{SP1})?(?P<y>{YEAR})"
         rf"(?:{SP}{DASH}{SP}(?P<y2>{YEAR}|\d\d))?{YEAR_END}", _season),
        (rf"(?:(?P<mod>[Ee]arly|[Mm]id|[Mm]iddle|[Ll]ate)(?:-{SP}|{SP1}))?(?<![\w$/])(?P<y>1\d\d0|20\d0)['’]?s(?!\w)",
         _decade),
        (rf"{PART_OF}(?:(?P<m>{MONTH_FULL}),?{SP1})?(?P<y>{YEAR}){YEAR_END}", _part_of),
        (rf"(?P<mod>[Ee]arly|[Ll]ate|[Mm]id)(?:-{SP}|{SP1}(?:in{SP1}(?:the{SP1}year{SP1})?)?)"
         rf"(?:(?P<m>{MONTH_FULL}),?{SP1})?(?P<y>{YEAR}){YEAR_END}", _early_late),
        (rf"(?P<span>{YEAR_START}(?P<y>{GYEAR}){SP}{TO}{SP}(?P<y2>{GYEAR}|\d\d?)){YEAR_END}", _year_range),
        (rf"\b[Bb]etween{SP1}(?P<span>(?P<y>{YEAR}){SP1}and{SP1}(?P<y2>{YEAR})){YEAR_END}", _year_range),
        (rf"\b(?:[Ii]n|[Aa]fter|[Ss]ince|[Uu]ntil|[Bb]efore|[Bb]y){SP1}(?P<span>[1l](?P<y>{YEAR})){YEAR_END}",
         _garbled_year),
        (rf"{YEAR_START}(?P<y>{YEAR}){YEAR_END}", _year),
        (rf"{YEAR_START}(?P<y>[1-9]\d{{0,3}}){SP}(?:B\.{SP}C\.(?:{SP}E\.)?|BCE?\b)", _year_bc),
        (rf"(?<![\w.])(?:A\.{SP}D\.|AD){SP1}(?P<y>[1-9]\d{{0,3}}){YEAR_END}"
         rf"|{YEAR_START}(?P<y2>[1-9]\d{{0,3}}){SP1}(?:A\.{SP}D\.|AD\b|C\.{SP}E\.|CE\b)", _year_ad),
        (rf"(?<![\w:/.])(?P<d>{DAY}){SP1}(?P<r>inst|instant|ult|ultimo|prox|proximo)(?![\w])", _day_of_month),
        (rf"\b(?:[Oo]n|[Uu]ntil|[Tt]ill|[Bb]y|[Ss]ince|[Ff]rom|[Tt]o|[Oo]f|[Bb]efore|[Aa]fter){SP1}(?P<wd>(?:[Ff]riday|[Mm]onday|"
         rf"[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ss]aturday|[Ss]unday),?{SP1})?the{SP1}"
         rf"(?P<span>(?P<d>(?:[12]\d|3[01]|[1-9])(?:st|nd|rd|th|d)))(?!{SP1}(?:of\b|{NUMBERED_UNIT}\b|(?!(?:the|a|an|and|but|he|she|they|we|it|his|her|their|at|in|on|to)\b)[a-z]+))(?![\w-])",
         _day_in_month),
        (rf"(?P<m>{MONTH_FULL}){SP1}(?P<d>{DAY}){SP}(?:{DASH}|to){SP}(?P<d2>{DAY})(?![\w:/]|[.,]\d)", _partial_day_range),
        (rf"\b(?:[Ii]n|[Tt]ill|[Uu]ntil|[Bb]y|[Dd]uring|[Ss]ince){SP1}(?:the{SP1})?(?P<span>(?:(?:early|late|mid)"
         rf"(?:-|{SP1}))?(?P<s>spring|summer|autumn|winter))(?![\w-])(?!{SP1}of\b)", _partial_season),
        (rf"(?<=\()(?P<span>(?P<m>{MONTH_FULL}))(?=\))", _partial_month_bracketed),
        (rf"(?:{WEEKDAY}|{DAY_PART}{SP1}of{SP1})?(?P<m>{MONTH}){SP1}(?P<d>{DAY})(?![\w:/]|[.,]\d){TIME}?{THAT_YEAR}?",
         _partial_md),
        (rf"(?<![\w:/.])(?:{DAY_PART}{SP1}of{SP1}the{SP1})?(?P<d>{DAY}){SP1}(?:of{SP1})?(?P<m>{MONTH_FULL}){THAT_YEAR}?",
         _partial_md),
        (rf"(?<![\w-])(?:{DAY_PART}{SP1}of{SP1}the{SP1})?(?P<d>(?i:{DAY_WORD})){SP1}(?:day{SP1})?of{SP1}(?P<m>{MONTH_FULL})"
         rf"(?:,?{SP1}(?:(?:in{SP1}the{SP1}year{SP1}(?:of{SP1}our{SP1}Lord{SP1})?)?A\.{SP}D\.{SP})?(?P<y>{YEAR}))?(?!\d)",
         _day_word_month),
        (rf"\b(?P<cue>[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Dd]uring|[Ff]rom|[Tt]hrough|[Bb]efore|[Aa]fter|[Oo]f"
         rf"|[Tt]o|[Tt]he|and){SP1}(?P<span>(?P<mod>(?:[Ee]arly|[Ll]ate|[Mm]id)(?:-{SP}|{SP1})|{PART_OF})?"
         rf"(?P<m>{MONTH_FULL}))(?![\w-])", _partial_month),
        (rf"\b(?P<span>(?P<mod>(?P<cue>[Ee]arly|[Ll]ate){SP1}in{SP1}(?:the{SP1}month{SP1}of{SP1})?)(?P<m>{MONTH_FULL}))"
         rf"(?![\w-])", _partial_month),
        (rf"\b[Tt]he{SP1}(?P<span>(?P<rel>following|next|previous|preceding|ensuing|succeeding|same){SP1}"
         rf"(?P<u>day|week|month|year|spring|summer|autumn|fall|winter))(?![\w-])", _relative),
        (rf"\b(?:[Ii]n|[Oo]f|[Dd]uring){SP1}(?P<span>(?P<rel>this|that){SP1}(?P<u>year))(?![\w-])", _relative),
        (rf"\b[Tt]he{SP1}(?P<span>(?P<u>day|week|month|year){SP1}(?:following|after))(?![\w-])"
         rf"(?!{SP1}(?:the|a|an|his|her|their|its)\b)", _relative),          # not "the day after the battle"
        (rf"\b(?P<span>(?:the{SP1})?(?P<w>[Tt]o-?day|[Yy]esterday|[Tt]o-?morrow|day{SP1}before{SP1}yesterday|"
         rf"day{SP1}after{SP1}to-?morrow))(?![\w-])", _writing_day),
        (rf"\b(?:(?P<d1>{'|'.join(d.capitalize() for d in DAY_NAMES)}){SP1}last|[Ll]ast{SP1}"
         rf"(?P<d2>{'|'.join(d.capitalize() for d in DAY_NAMES)}))\b", _last_weekday),
        (rf"\b(?P<dir>[Nn]ext|[Ll]ast){SP1}(?P<u>spring|summer|autumn|fall|winter|year|month|week)\b",
         _writing_next_last),
        (rf"\b(?:[Oo]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|is|[Nn]ext){SP1}(?P<span>(?P<d>"
         rf"{'|'.join(d.capitalize() for d in DAY_NAMES)}))\b(?!,?{SP1}(?:last|{MONTH}|the{SP1}\d|\d))",
         _near_weekday),
        (rf"\b(?P<n>{_NUMWORD}|\d{{1,2}}){SP1}(?P<u>days?|weeks?|months?|years?){SP1}"
         rf"(?P<dir>later|earlier|afterwards?|hence)\b", _relative_n),
    ))

#: references before a number that make it a page, volume, note, file or bill number.
_REF_BEFORE = re.compile(
    r"(?:\b(?i:pp?|vols?|nos?|art|arts|chap|ch|sec|para|paras|col|cols|fol|fols|ff|f|n|nn|res|nr|doc)\.?"
    r"|\b(?:[Pp]ages?|[Nn]umber|File|[Dd]espatch|[Tt]elegram|[Aa]rticle|[Ss]ection|[Cc]hapter|[Pp]aragraph|"
    r"[Nn]ote|[Dd]ocument|[Vv]olume|[Pp]lates?|[Ff]ig|[Ff]igure|[Tt]able|[Ll]ines?|ll)"
    r"|[#§$£€¶])[ \t]*(?:\d+[ \t]*[-–,][ \t]*)*$")
_TELEGRAM_REF = re.compile(r"(?:\byour|\bmy|\bour|['’]s)[ \t]+$")


#: lower-case words that may follow a round year (``1800 the``, ``1900 was``); other words make it a number.
_YEAR_FOLLOWERS = frozenset({"the", "a", "an", "and", "or", "but", "was", "were", "is", "had", "has", "he", "she",
                             "it", "they", "we", "his", "her", "their", "its", "to", "in", "on", "at", "by", "for",
                             "of", "with", "when", "as", "that", "which", "who", "there", "this", "these", "until",
                             "till", "after", "before", "onwards", "onward", "saw", "brought", "marked"})


def _plausible_bare_year(text: str, c: _Cand) -> bool:
    """Whether a lone four-digit number reads as a year here (not a page, quantity, number)."""
    y = c.lo[0]
    if y is None or not YEAR_MIN <= y <= YEAR_MAX:
        return False
    before = text[max(0, c.start - 40):c.start]
    after = text[c.end:c.end + 40]
    if _TELEGRAM_REF.search(before) and re.match(r"\s*(?:[,;.]|of\b|from\b|$)", after):
        return False
    prev_word = (re.findall(r"[\w.]+", before) or [""])[-1].lower()
    nxt = re.match(r"[ \t]*([a-z]+)\b", after)
    if nxt:
        w = nxt.group(1)
        if w in QUANTITY_WORDS:
            return False
        if prev_word not in YEAR_CUES and len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
            return False                          # "some 1500 rifles"
        if prev_word not in YEAR_CUES and y % 100 == 0 and w not in _YEAR_FOLLOWERS:
            return False                          # "with 1000 horse", "of 2000 foot"
    line_start = text.rfind("\n", 0, c.start) + 1
    line_end = text.find("\n", c.end)
    line_end = len(text) if line_end < 0 else line_end
    rest = text[line_start:c.start] + text[c.end:line_end]
    if not re.search(r"[^\W\d_]", rest) and rest.strip(" \t.,;:()"):
        return False                              # a noise line: "? [1771"
    if not text[line_start:c.start].strip() and re.match(r"\.\s", after) and c.start not in _chronology(text):
        prev_line = text[:line_start].rstrip()
        if not prev_line or prev_line[-1] in ".:;)]":
            return False                          # a numbered paragraph or telegram number
    return True


CHRONOLOGY_RE = re.compile(rf"(?m)^[ \t]*(?P<y>{YEAR})\.\s")
#: this many lines opening with a year and a full stop, in order, make a chronology.
CHRONOLOGY_MIN = 3


@lru_cache(maxsize=8)
def _chronology(text: str) -> frozenset[int]:
    """Starts of the years that open the lines of a chronology (``1556. Regains the throne``).

    Numbered paragraphs and telegram numbers open lines the same way, but a text's years
    stand there several times and in order.
    """
    found = [(m.start("y"), int(m["y"])) for m in CHRONOLOGY_RE.finditer(text)]
    years = [y for _, y in found]
    if len(found) < CHRONOLOGY_MIN or years != sorted(years):
        return frozenset()
    return frozenset(pos for pos, _ in found)


THE_YEAR_RE = re.compile(r"\b[Tt]he[ \t\n]+(?P<y>[Yy]ears?[ \t\n]+(?:of[ \t\n]+our[ \t\n]+Lord[ \t\n]+)?)$")


# --- finding ----------------------------------------------------------------------------------
def find_candidates(text: str) -> list[_Cand]:
    """Every pattern match in ``text``, before overlaps are resolved."""
    out = []
    for pattern, build in PATTERNS:
        for m in pattern.finditer(text):
            c = build(m)
            if c is None:
                continue
            if text[c.start].isdigit() and _REF_BEFORE.search(text[max(0, c.start - 40):c.start]):
                continue                          # pp. 1920-25, No. 1524
            if build is _year and not _plausible_bare_year(text, c):
                continue
            if build in (_year, _year_range) and (yr := THE_YEAR_RE.search(text, max(0, c.start - 24), c.start)):
                c = replace(c, start=yr.start("y"))      # "the year 1042", "the Year of our Lord 1511", "the years 1912-14"
            out.append(c)
    return out


def select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping candidates, longest first, in text order."""
    chosen: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_JOIN = re.compile(rf"^{SP}(?:{TO}|and){SP}$")


def _lower(v: Ymd) -> tuple[int, int, int]:
    return (v[0] or 0, v[1] or 1, v[2] or 1)


def join_ranges(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Join neighbours into ranges: ``November 1918–January 1919``, ``July and August of 1920``.

    ``and`` joins only a yearless first part (it takes the year of the second) or after
    ``between``; a relative expression never joins.
    """
    out: list[_Cand] = []
    for c in cands:
        if out and _joinable(text, out[-1], c):
            a = out.pop()
            lo = a.lo if a.lo[0] is not None else (c.lo[0], a.lo[1], a.lo[2])
            out.append(_Cand(a.start, c.end, lo, c.hi, "range"))
        else:
            out.append(c)
    return out


def _joinable(text: str, a: _Cand, b: _Cand) -> bool:
    gap = text[a.end:b.start]
    if "relative" in (a.mode, b.mode) or not _JOIN.match(gap) or not b.has_year:
        return False
    if a.lo[0] is None and (a.lo[1] is None or (b.lo[1] is None and a.lo[2] is not None)):
        return False                              # "August 7 and 1921" is no range
    if "and" in gap and a.lo[0] is not None and not re.search(r"\b[Bb]etween\s+$", text[:a.start]):
        return False
    lo = a.lo if a.lo[0] is not None else (b.lo[0], a.lo[1], a.lo[2])
    return _lower(lo) < _lower(b.hi)


# --- context: regions, anchors, yearless and relative dates -----------------------------------
def _regions(doc: Document) -> list[tuple[int, int, int]]:
    """Reading ranges of note texts, with the reading offset where each note stands."""
    m = doc.source_map
    out = []
    for note in doc.notes:
        pos = m.to_reading(note.position)
        for a, b in note.segments:
            out.append((m.to_reading(a), m.to_reading(b), pos))
    return out


def _context_pos(regions: list[tuple[int, int, int]], pos: int) -> tuple[int, int | None]:
    """(region key, position in the body the note stands at) for a reading offset."""
    for i, (a, b, anchor) in enumerate(regions):
        if a <= pos < b:
            return i, anchor
    return -1, None


def _is_imprint(text: str, c: _Cand) -> bool:
    """A publication year in a citation: ``(New York: Macmillan, 1954)``."""
    open_ = text.rfind("(", 0, c.start)
    close = text.find(")", c.end)
    return (open_ >= 0 and close >= 0 and ")" not in text[open_:c.start]
            and ":" in text[open_:c.start] and not text[c.end:close].strip(" .,;"))


def _after_stop(text: str, pos: int) -> bool:
    """Whether the last non-space character before ``pos`` ends a clause (``.``, ``;``, ``:``)."""
    i = pos - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i >= 0 and text[i] in ".;:"


class _Context:
    """Explicit dates seen so far, by region, to resolve yearless and relative ones."""

    def __init__(self, doc: Document, cands: list[_Cand]) -> None:
        self.text = doc.text
        self.regions = _regions(doc)
        self.anchors = [(c.start, self.region(c.start), c) for c in cands if self._narrative(c)]
        self.dateline = next((c for c in cands if c.has_year and c.lo[2] is not None and c.lo == c.hi), None)
        self.cands = cands
        self.full_dates = [c for c in cands if c.has_year and c.lo[2] is not None and c.lo == c.hi and self.opens_line(c)]

    def _narrative(self, c: _Cand) -> bool:
        """Whether a date sets the time of the narrative (not an imprint, not ``the loan of 1915``)."""
        if not c.has_year or c.mode == "relative" or _is_imprint(self.text, c):
            return False
        if c.lo[1] is not None or c.lo != c.hi:
            return True
        prev = re.findall(r"[\w.]+", self.text[max(0, c.start - 20):c.start])
        return (not prev or prev[-1].lower() in NARRATIVE_CUES or _after_stop(self.text, c.start)
                or re.match(r"\s+(?:was|saw|brought|proved)\b", self.text[c.end:c.end + 12]) is not None)

    def region(self, pos: int) -> int:
        """Index of the note holding ``pos``, or -1 for the body."""
        return _context_pos(self.regions, pos)[0]

    def year_for(self, pos: int) -> int | None:
        """Year of the nearest explicit date before ``pos`` (same note, else the body before it).

        With no narrative date and no date line, any year of the text will do, the nearest before
        ``pos`` first (``The Campaign of 1792``); the value is marked as a conjecture anyway.
        """
        region, note_at = _context_pos(self.regions, pos)
        for where, reg in ((pos, region), (note_at, -1)):
            if where is None:
                continue
            before = [c for s, r, c in self.anchors if r == reg and s < where]
            if before:
                return before[-1].hi[0]
        if self.dateline is not None:
            return self.dateline.lo[0]
        first = next((c.lo[0] for s, r, c in self.anchors), None)
        if first is not None:
            return first
        years = [c for c in self.cands if c.has_year and c.mode != "relative" and not _is_imprint(self.text, c)]
        earlier = [c for c in years if c.start < pos]       # "The Campaign of 1792" as a heading
        return (earlier[-1] if earlier else years[0]).lo[0] if years else None

    def opens_line(self, c: _Cand, placed: bool = False) -> bool:
        """Whether a date opens its line, after a place name or a masthead at most.

        ``placed``: a place name must stand before it (``LONDON, March 4.—``): a yearless date
        alone at a line start is more often a reference wrapped there (``October 28, 4 p.m.,1``).
        """
        line_start = self.text.rfind("\n", 0, c.start) + 1
        m = DATE_LINE_RE.fullmatch(self.text, line_start, c.start)
        return m is not None and (not placed or "," in m.group())

    def date_line_for(self, pos: int) -> _Cand | None:
        """The date line a letter or dispatch holding ``pos`` was written on: the last full date
        before it that opens a line (after a place name at most: ``Paris, January 10, 1919.``)."""
        line = next((c for c in reversed(self.full_dates) if c.end <= pos), None)
        if line is None or pos - line.end > LETTER_REACH:
            return None
        moved = any(line.end <= c.start < pos and c.lo[0] != line.lo[0] for c in self.cands if c.has_year)
        return None if moved else line            # another year came up: the text is past the letter

    def anchor_for(self, pos: int) -> _Cand | None:
        """The explicit date just before a relative expression, in its region and reach."""
        region = self.region(pos)
        before = [c for s, r, c in self.anchors if r == region and c.end <= pos and pos - c.end <= RELATIVE_REACH]
        return before[-1] if before else None


def _shift(v: Ymd, amount: int, unit: str) -> Ymd | None:
    """``v`` moved by ``amount`` units, at the precision the unit allows (None if it cannot)."""
    y, m, d = v
    if y is None:
        return None
    if unit == "year":
        return (y + amount, None, None)
    if unit == "month":
        if m is None:
            return None
        k = m - 1 + amount
        return (y + k // 12, k % 12 + 1, None)
    if unit in ("day", "week") and m is not None and d is not None:
        day = datetime.date(y, m, d) + datetime.timedelta(days=amount * (7 if unit == "week" else 1))
        return (day.year, day.month, day.day)
    return None


#: how far (reading characters) a letter's "to-day" may stand from its date line.
LETTER_REACH = 8000
#: what may precede the date on a date line: a place name and a comma, a bracket, a masthead
#: (``THE EVENING STAR, WASHINGTON, D. C., THURSDAY, MARCH 4, 1915``).
DATE_LINE_RE = re.compile(r"[\s\[(]*(?:[A-Z][\w.'’ -]{0,40},\s*){0,4}")


def resolve_from_writing(c: _Cand, line: _Cand) -> _Cand | None:
    """A day, a weekday or a period counted from a letter's date line."""
    amount, unit = c.rel
    y, m, d = line.lo
    if y is None or m is None or d is None:
        return None
    written = datetime.date(y, m, d)
    if unit == "writing-day":
        day = written + datetime.timedelta(days=amount)
    elif unit == "last-weekday":
        day = written - datetime.timedelta(days=(written.weekday() - amount - 1) % 7 + 1)
    elif unit == "next-weekday":                # the day itself or the next of that name
        day = written + datetime.timedelta(days=(amount - written.weekday()) % 7)
    elif unit == "past-weekday":                # the day itself or the last of that name
        day = written - datetime.timedelta(days=(written.weekday() - amount) % 7)
    else:
        period = unit.removeprefix("writing-")
        base = replace(c, rel=(amount, period))
        return resolve_relative(base, line)
    v = (day.year, day.month, day.day)
    return _Cand(c.start, c.end, v, v)


def resolve_relative(c: _Cand, anchor: _Cand) -> _Cand | None:
    """A relative expression computed from the date before it, or None when it cannot be."""
    amount, unit = c.rel
    if unit == "day-of-month":
        y, month = anchor.lo[0], anchor.lo[1]
        if y is None or month is None:
            return None
        k = month - 1 + amount
        day: Ymd = (y + k // 12, k % 12 + 1, c.lo[2])
        return _Cand(c.start, c.end, day, day) if _valid(day) else None
    if unit in SEASONS:
        base = anchor.hi if amount > 0 else anchor.lo
        if base[0] is None:
            return None
        first, last = SEASONS[unit]
        y = base[0] + amount if base[1] is None or (base[1] >= first if amount > 0 else base[1] <= last) else base[0]
        return _Cand(c.start, c.end, (y, first, None), (y + (last < first), last, None), "range")
    v = _shift(anchor.hi if amount > 0 else anchor.lo, amount, unit)
    if v is None:
        return None
    return _Cand(c.start, c.end, v, v)


def attrs_of(c: _Cand) -> dict[str, str]:
    """TEI attributes of a resolved candidate."""
    if c.mode == "fuzzy":
        return {"notBefore": iso(c.lo), "notAfter": iso(c.hi)}
    if c.lo == c.hi:
        return {"when": iso(c.lo)}
    return {"from": iso(c.lo), "to": iso(c.hi)}


def find_dates(doc: Document) -> Iterator[tuple[int, int, dict[str, str] | None]]:
    """``(start, end, attrs)`` of each date in the reading text; attrs None when not normalisable."""
    text = doc.text
    cands = join_ranges(text, select(find_candidates(text)))
    ctx = _Context(doc, cands)
    for c in cands:
        if c.mode == "relative" and (c.rel[1].startswith("writing") or c.rel[1].endswith("-weekday")):
            line = ctx.date_line_for(c.start)
            r = resolve_from_writing(c, line) if line else None
            if r is not None:
                yield r.start, r.end, attrs_of(r)
            continue
        if c.mode == "relative":
            anchor = ctx.anchor_for(c.start) or (ctx.dateline if c.rel[1] == "day-of-month" else None)
            guessed = anchor is None and c.rel[1] == "year" and (year := ctx.year_for(c.start)) is not None
            if guessed:                               # "in the previous year", far from any date: the text's year
                anchor = _Cand(c.start, c.start, (year, None, None), (year, None, None))
            r = resolve_relative(c, anchor) if anchor else None
            if r is not None:
                if c.rel[1] not in SEASONS:           # "the ensuing spring" is a plan, not where the story is
                    bisect.insort(ctx.anchors, (r.start, ctx.region(r.start), r), key=lambda a: a[0])
                yield r.start, r.end, {**attrs_of(r), **({"cert": "medium", "evidence": "conjecture"} if guessed else {})}
            continue
        attrs: dict[str, str] = {}
        if not c.has_year:
            year = ctx.year_for(c.start)
            if year is None:
                yield c.start, c.end, None
                continue
            line = ctx.date_line_for(c.start) if c.rel[1] == "past" else None
            if line is not None and line.lo[0] == year and (c.lo[1] or 0, c.lo[2] or 0) > (line.lo[1] or 0, line.lo[2] or 0):
                year -= 1                           # "27th of December, ultimo" written in January
            crosses = c.hi[1] is not None and c.lo[1] is not None and c.hi[1] < c.lo[1]    # winter
            c = replace(c, lo=(year,) + c.lo[1:], hi=(year + crosses,) + c.hi[1:],
                        mode="when" if c.lo == c.hi else "range")
            attrs = {"cert": "medium", "evidence": "conjecture"}
            if c.lo[1] is not None and _valid(c.lo):     # "PARIS, Jan. 4": the month a "3d inst." counts from
                bisect.insort(ctx.anchors, (c.start, ctx.region(c.start), c), key=lambda a: a[0])
                if c.lo[2] is not None and c.lo == c.hi and ctx.opens_line(c, placed=True):
                    bisect.insort(ctx.full_dates, c, key=lambda d: d.start)    # a dispatch's date line
        if not (_valid(c.lo) and _valid(c.hi)):
            yield c.start, c.end, None
            continue
        yield c.start, c.end, {**attrs_of(c), **attrs}


def _on_label(labels: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a raw range takes in one of the sorted note labels (``1`` of ``1 March``: not a date)."""
    i = bisect.bisect_left(labels, (end, end))
    return i > 0 and labels[i - 1][1] > start


def run(doc: Document, config: Config) -> Document:
    """Mark every temporal expression in the reading text as a normalised ``date`` span."""
    text = doc.text
    labels = sorted(n.label for n in doc.notes if n.label)
    for start, end, attrs in find_dates(doc):
        if _on_label(labels, *doc.raw_range(start, end)):
            continue
        if attrs is None:
            s, _ = doc.raw_range(start, end)
            doc.warn("DAT001", s, text=" ".join(text[start:end].split()))
            doc.add_from_reading(start, end, "date", stage="dates")
        else:
            doc.add_from_reading(start, end, "date", attrs=attrs, stage="dates")
    return doc
