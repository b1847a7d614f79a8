"""Tokenizer pieces: offsets, contractions, possessives, hyphens, sentence starts."""

from yingdu.reading.tokenize import (
    is_sentence_initial,
    iter_tokens,
    split_clitics,
    split_hyphens,
)


def test_offsets_slice_back():
    text = "Our well-known café opened in 1998, didn’t it?"
    for tok, start, end, _ in iter_tokens(text):
        assert text[start:end] == tok
    assert [t[0] for t in iter_tokens(text)][-3:] == ["1998", "didn’t", "it"]


def test_contractions():
    assert [p[0] for p in split_clitics("don't", 0)] == ["do", "n't"]
    assert [(p[0], p[3]) for p in split_clitics("can’t", 5)] == [("ca", "can"), ("n’t", "not")]
    assert [p[3] for p in split_clitics("it's", 0)] == [None, "be"]
    assert [p[0] for p in split_clitics("China's", 0)] == ["China"]
    assert [p[3] for p in split_clitics("they're", 0)] == [None, "be"]


def test_hyphens():
    assert split_hyphens("mother-in-law", 10) == [
        ("mother", 10, 16),
        ("in", 17, 19),
        ("law", 20, 23),
    ]


def test_sentence_initial():
    text = 'He left. "Maybe," said Mr. Lin.\n\nWinter came'
    assert is_sentence_initial(text, 0)
    assert is_sentence_initial(text, text.index("Maybe"))
    assert not is_sentence_initial(text, text.index("Lin"))
    assert is_sentence_initial(text, text.index("Winter"))
    assert not is_sentence_initial(text, text.index("said"))
