"""Running-head identity under OCR damage, shared by the pages and structure stages."""

from __future__ import annotations

import pytest

from tei.furniture import letters_key, same_head


@pytest.mark.parametrize("a, b, same", [
    ("Revolution and War", "Revolu tion and War", True),
    ("The Russian Revolution", "TheRussian Revolution", True),
    ("Revolution and War", "Revolution and War_nodrm", True),
    ("FOREIGN RELATIONS, 1918, RUSSIA", "FOREIGN RELATIONS, 1918, RUSSlA", True),
    ("Revolution and War", "The Russian Revolution", False),
    ("Index", "Indexes of Names", False),
])
def test_furniture_running_head_variants_are_one_head(a, b, same):
    assert same_head(a, b) is same


@pytest.mark.parametrize("text, key", [("? ? The Russian Revolution", "therussianrevolution"), ("[181]", "")])
def test_furniture_letters_key_keeps_letters_only(text, key):
    assert letters_key(text) == key
