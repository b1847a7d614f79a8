"""Names, initials and roman numerals are not words to learn: they never enter the Word Bank."""

import pytest

from yingdu.lexicon import load_lexicon
from yingdu.reading import annotate


@pytest.fixture(scope="module")
def pip_lexicon(pip_build):
    return load_lexicon(pip_build[0])


def _token(result, text):
    return next(t for t in result.tokens if t.text == text)


def test_roman_numerals_are_numbers(pip_lexicon):
    result = annotate("CHAPTER IV. Henry VIII was king. I saw it.", "primary", pip_lexicon)
    assert _token(result, "IV").band is None and _token(result, "IV").is_number
    assert _token(result, "VIII").band is None
    assert _token(result, "I").band is not None  # the pronoun stays a word
    assert not {"iv", "viii"} & {item["lemma"] for item in result.word_bank}


def test_single_capitals_are_initials(pip_lexicon):
    result = annotate("The letter was signed K. K. K. and E. Smith.", "primary", pip_lexicon)
    assert _token(result, "K").is_proper and _token(result, "E").is_proper
    assert not {"k", "e", "K", "E"} & {item["lemma"] for item in result.word_bank}


def test_a_name_at_a_sentence_start_is_still_a_name(pip_lexicon):
    """'Darcy' opening a sentence is read as a word, but the text also says 'Mr. Darcy'."""
    text = "Darcy smiled at her. Later Mr. Darcy left the room without a word."
    bank = {item["word"] for item in annotate(text, "primary", pip_lexicon).word_bank}
    assert "Darcy" not in bank
    # a capitalised word the text never uses as a name stays in the Word Bank
    other = annotate("Solitude was pleasant. We liked solitude.", "primary", pip_lexicon)
    assert "solitude" in {item["lemma"] for item in other.word_bank}
