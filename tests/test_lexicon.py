"""Tests for the word-frequency lexicon and the document vocabulary."""

from __future__ import annotations

import pytest

from tei.lexicon import Vocabulary, fold_letters, form_zipf, is_word, known_form, zipf


@pytest.mark.parametrize("word", ["difficult", "Office", "FIRST", "negotiations"])
def test_lexicon_knows_common_words(word: str) -> None:
    assert is_word(word)
    assert zipf(word) == zipf(word.lower())


@pytest.mark.parametrize("word", ["dicult", "eorts", "Aairs", "negotia", "ofthe-not-a-word-xyz", ""])
def test_lexicon_rejects_damaged_forms(word: str) -> None:
    assert not is_word(word)


@pytest.mark.parametrize("word, stem", [("makeshifts", "makeshift"), ("denominating", "denominate")])
def test_lexicon_form_zipf_finds_stem_of_rare_inflection(word: str, stem: str) -> None:
    assert zipf(word) < 1.0
    assert form_zipf(word) == pytest.approx(zipf(stem))
    assert known_form(word)


@pytest.mark.parametrize("word", ["dicult", "xqzv"])
def test_lexicon_form_zipf_unknown(word: str) -> None:
    assert not known_form(word)


@pytest.mark.parametrize("text", ["The self-interest of Anglo-Soviet trade. Trade, trade; self interest."])
def test_lexicon_vocabulary_counts_words_and_compounds(text: str) -> None:
    vocab = Vocabulary([text])
    assert vocab.count("trade") == 3
    assert vocab.count("Self") == 2
    assert vocab.compound_count("Self-Interest") == 1
    assert vocab.compound_count("anglo-soviet") == 1
    assert vocab.count("selfinterest") == 0


@pytest.mark.parametrize("text, folded", [
    ("Gujarát and Ráthoḍ", "Gujarat and Rathod"),
    ("Cæsar, Zúñiga, Pétion", "Cesar, Zuniga, Petion"),
    ("Áhmedábád — “ﬁ” ½", "Ahmedabad — “ﬁ” ½"),        # only letters with one base letter change
    ("plain ASCII", "plain ASCII"),
])
def test_lexicon_fold_letters_keeps_offsets(text, folded):
    assert fold_letters(text) == folded
    assert len(fold_letters(text)) == len(text)
