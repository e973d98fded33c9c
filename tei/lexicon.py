"""A word-frequency lexicon (``wordfreq``, English) and a document's own vocabulary.

``zipf(word)`` is the Zipf frequency of a word in general English (0 for unknown words,
about 7 for "the"); ``is_word`` asks whether a word is common enough to trust.  The
:class:`Vocabulary` counts the words a document itself uses, so decisions can prefer the
document's own spelling (a word it prints elsewhere unbroken, a compound it prints with
its hyphen) over general frequencies.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Iterable

from wordfreq import get_frequency_dict, zipf_frequency

#: a run of letters (no digits, no underscore).
WORD_RE = re.compile(r"[^\W\d_]+")
#: letters joined by hyphens: a printed compound such as ``Anglo-Soviet``.
COMPOUND_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")

#: Zipf frequency from which a word counts as a known English word.
KNOWN = 3.0

LANGUAGE = "en"


@lru_cache(maxsize=200_000)
def zipf(word: str) -> float:
    """Zipf frequency of ``word`` (case-insensitive) in English; 0.0 when unknown.

    Args:
        word: a single word; multi-word strings get wordfreq's combined estimate.
    """
    if not word:
        return 0.0
    if word.isalpha() and word.isascii():
        freq = _frequencies().get(word.lower(), 0.0)
        return round(math.log10(freq) + 9, 2) if freq > 0 else 0.0
    return float(zipf_frequency(word.lower(), LANGUAGE))


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """wordfreq's word list, looked up directly for plain words (no tokenizer on the hot path)."""
    return get_frequency_dict(LANGUAGE)


def is_word(word: str, threshold: float = KNOWN) -> bool:
    """Whether ``word`` is a known English word (Zipf frequency at least ``threshold``)."""
    return zipf(word) >= threshold


#: inflectional endings, and what a stem may need back (``denominating`` -> ``denominate``).
_ENDINGS = (("ies", ("y",)), ("ied", ("y",)), ("ing", ("", "e")), ("ed", ("", "e")), ("es", ("",)),
            ("s", ("",)), ("ly", ("", "le")), ("er", ("", "e")), ("est", ("", "e")))


@lru_cache(maxsize=100_000)
def form_zipf(word: str) -> float:
    """Zipf frequency of ``word``, or of its stem when it is a regular inflection the list lacks.

    wordfreq lists common inflections but not rare ones (``makeshifts``, ``denominating``);
    stripping one regular ending finds them.
    """
    z = zipf(word)
    low = word.lower()
    for ending, restore in _ENDINGS:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = low[: -len(ending)]
            stems = [stem + r for r in restore]
            if ending in ("ing", "ed", "er") and len(stem) > 3 and stem[-1] == stem[-2]:
                stems.append(stem[:-1])                 # doubled consonant: "referred"
            z = max([z] + [zipf(s) for s in stems])
    return z


def known_form(word: str, threshold: float = 1.0) -> bool:
    """Whether the lexicon knows ``word`` or the stem of an inflected form of it."""
    return form_zipf(word) >= threshold


class Vocabulary:
    """Word counts of one document, case-folded.

    ``count("difficult")`` is how often the word stands in the document as a whole token
    (parts of printed compounds included); ``compound_count("self-interest")`` how often the
    hyphenated form is printed inside a line.
    """

    def __init__(self, texts: Iterable[str] = ()) -> None:
        self.words: Counter[str] = Counter()
        self.compounds: Counter[str] = Counter()
        for text in texts:
            self.add(text)

    def add(self, text: str) -> None:
        """Count the words and hyphenated compounds of ``text``."""
        self.words.update(w.lower() for w in WORD_RE.findall(text))
        self.compounds.update(c.lower() for c in COMPOUND_RE.findall(text))

    def count(self, word: str) -> int:
        """How often ``word`` stands as a token in the document."""
        return self.words.get(word.lower(), 0)

    def compound_count(self, compound: str) -> int:
        """How often the hyphenated ``compound`` is printed (not at a line break)."""
        return self.compounds.get(compound.lower(), 0)


#: letters that decompose into no ASCII base letter, folded by hand (one letter for one).
_FOLD_EXTRA = str.maketrans("æÆøØðÐþÞłŁđĐıßœŒ", "eEoOdDtTlLdDisoO")


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    base = "".join(d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d))
    return base if len(base) == 1 and base.isascii() and base.isalpha() else c.translate(_FOLD_EXTRA)


def fold_letters(text: str) -> str:
    """``text`` with accented Latin letters replaced by their base letters, one for one.

    ``Gujarát`` → ``Gujarat``, ``Ráthoḍ`` → ``Rathod``, ``Cæsar`` → ``Cesar``: the same length and
    the same offsets, so patterns written for ASCII letters read transliterated and French or
    Spanish names too. Other characters are kept.
    """
    if text.isascii():
        return text
    return "".join(c if c.isascii() else _fold_char(c) for c in text)
