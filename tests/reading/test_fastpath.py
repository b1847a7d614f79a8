"""The annotator's fast path: block-wise tokenizing and the per-lexicon memo change nothing."""

import importlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yingdu.reading import annotate, annotate_chunks
from yingdu.reading.tokenize import SPLIT_RE, TOKEN_RE

ANNOTATE = importlib.import_module("yingdu.reading.fastpath")

TEXT = (
    "My children took part in a bright morning study. Obstinate cats don't see it; "
    "the obstinate cat won't. Zorbland's well-known day-care abandoned 3 books at 10:30. "
    "“I can’t,” she said. Mr. Obstinate went to Ｃｈｉｎａ in 1998, didn't he?\n\n"
    "Glimmer of a glacier. The Meadow was red—and the meadows were big. "
)

ALPHABET = st.sampled_from(
    list("abcdefghijkltIMOZ '’‐-－.,:!?\"“”\n\t0123456789")
    + ["ｗ", "Ａ", "é", "ﬁ", "ß", "took", "part", "in", "Obstinate", "Mr.", "China's", "n't"]
)


def _snapshot(result):
    return (
        result.raw_tokens,
        result.mwes,
        result.word_bank,
        result.words,
        result.distinct_lemmas,
        result.above_level_ratio,
        result.distinct_above_ratio,
    )


@pytest.mark.parametrize("level", ["primary", "junior", "cet4"])
def test_block_size_changes_nothing(sample_lexicon, monkeypatch, level):
    text = TEXT * 20
    whole = _snapshot(annotate(text, level, sample_lexicon))
    for block in (1, 7, 64):
        monkeypatch.setattr(ANNOTATE, "_BLOCK", block)
        assert _snapshot(annotate(text, level, sample_lexicon)) == whole


def test_cold_warm_and_cleared_memo_agree(sample_lexicon, monkeypatch):
    sample_lexicon.memo.clear()
    cold = _snapshot(annotate(TEXT * 5, "junior", sample_lexicon))
    warm = _snapshot(annotate(TEXT * 5, "junior", sample_lexicon))
    monkeypatch.setattr(ANNOTATE, "_MEMO_LIMIT", 0)  # the memo is dropped after every block
    monkeypatch.setattr(ANNOTATE, "_BLOCK", 16)
    cleared = _snapshot(annotate(TEXT * 5, "junior", sample_lexicon))
    assert cold == warm == cleared


def test_context_dependent_words(full_lexicon):
    # a rare word capitalized: common at a sentence start, else a name (one memo entry)
    text = "Darcy cats wait. Mr. Darcy waits. He met Darcy's sister. Darcy's cat."
    tokens = [t for t in annotate(text, "junior", full_lexicon).tokens if t.text == "Darcy"]
    assert [t.is_proper for t in tokens] == [False, True, True, False]
    assert tokens[0].lemma == "darcy" and (tokens[1].lemma, tokens[1].band) == ("Darcy", None)


def test_chunks_equal_whole(sample_lexicon):
    text = TEXT * 10
    parts = text.split("\n\n")
    chunks = [p + "\n\n" for p in parts[:-1]] + [parts[-1]]
    whole = annotate(text, "junior", sample_lexicon)
    chunked = annotate_chunks(chunks, "junior", sample_lexicon)
    assert [t[:7] for t in chunked.raw_tokens] == [t[:7] for t in whole.raw_tokens]


@settings(max_examples=200, deadline=None)
@given(text=st.one_of(st.text(), st.lists(ALPHABET, max_size=80).map("".join)))
def test_split_re_finds_the_same_tokens(text):
    assert SPLIT_RE.split(text)[1::2] == [m.group() for m in TOKEN_RE.finditer(text)]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.lists(ALPHABET, max_size=120).map("".join))
def test_tiny_blocks_property(sample_lexicon, monkeypatch, text):
    whole = _snapshot(annotate(text, "junior", sample_lexicon))
    monkeypatch.setattr(ANNOTATE, "_BLOCK", 3)
    assert _snapshot(annotate(text, "junior", sample_lexicon)) == whole
    monkeypatch.undo()
