"""What page furniture looks like, shared by the stages that find it and the ones that use it.

Running heads recur page after page, but OCR rarely reads them the same way twice
(``The Russian Revolution``, ``TheRussian Revolution``, ``Revolu tion and War_nodrm``),
so their identity is their letters, compared with some tolerance.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

_LETTERS = re.compile(r"[^\W\d_]+")


def letters_key(text: str) -> str:
    """Lower-case letters only: the identity of a running head under OCR spacing damage."""
    return "".join(_LETTERS.findall(text)).lower()


@lru_cache(maxsize=4096)
def trigrams(key: str) -> frozenset[str]:
    """The letter trigrams of a key (what ``same_head_key`` compares first)."""
    return frozenset(key[i:i + 3] for i in range(len(key) - 2))


def same_head_key(key: str, other: str) -> bool:
    """Whether two letter keys name the same running head despite OCR damage or a glued suffix."""
    if key == other:
        return True
    short, long_ = sorted((key, other), key=len)
    if len(short) < 6:
        return False
    if long_.startswith(short) and len(short) >= 0.7 * len(long_):
        return True
    if len(short) < 0.8 * len(long_):
        return False
    g1, g2 = trigrams(key), trigrams(other)
    common = len(g1 & g2)
    if common < 0.5 * (len(g1) + len(g2) - common):
        return False
    return difflib.SequenceMatcher(a=key, b=other, autojunk=False).ratio() >= 0.85


def same_head(a: str, b: str) -> bool:
    """Whether two running-head texts name the same head."""
    return same_head_key(letters_key(a), letters_key(b))
