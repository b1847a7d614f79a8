"""Meaning and lemma that fit the sentence (issue 11, parts 3 and 4), on real lexicon builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from yingdu.lexicon.ambiguous import alternatives, reading_kind
from yingdu.reading import annotate
from yingdu.reading.posguess import guess_pos, neighbours, read_cases, score_cases

CASES = Path(__file__).with_name("pos_cases.tsv")


def test_case_file_has_enough_distinct_words():
    cases = read_cases(CASES)
    assert len(cases) >= 60
    assert len({word.lower() for _, word, _, _ in cases}) >= 60
    for sentence, word, pos, _ in cases:
        assert pos in {"n", "v", "adj", "adv"}
        assert f" {word.lower()}" in f" {sentence.lower()}"


def test_pos_test_set_scores_at_least_90_percent(pip_lexicon_path):
    from yingdu.lexicon import load_lexicon

    score = score_cases(CASES, load_lexicon(pip_lexicon_path))
    assert score["cases"] >= 60
    assert score["share"] >= 0.9, score["misses"]


def test_neighbours_stop_at_sentence_ends():
    text = "It ended. Shelves, he said, don't record"
    start = text.index("Shelves")
    assert neighbours(text, start, start + 7) == ("", "he")
    start = text.index("record")
    assert neighbours(text, start, start + 6) == ("n't", "")


@pytest.mark.parametrize(
    ("word", "lemma", "prev", "nxt", "pos"),
    [
        ("project", "project", "the", "was", "n"),
        ("project", "project", "engineers", "that", "v"),
        ("present", "present", "will", "their", "v"),
        ("record", "record", "world", "in", "n"),
        ("shelves", "shelf", "between", "", "n"),
        ("slowly", "slowly", "moved", "through", "adv"),
    ],
)
def test_guess_pos(word, lemma, prev, nxt, pos):
    assert guess_pos(word, lemma, prev, nxt) == pos


def test_reading_kinds_and_alternatives():
    bands = {"shelf": 0, "shelve": 6, "leave": 0, "left": 0, "basis": 3, "base": 1}
    assert alternatives("shelves", {}, bands) == {"shelf", "shelve"}
    assert alternatives("left", {"left": {"leave": "rules"}}, bands) == {"leave", "left"}
    assert alternatives("bases", {}, bands) == {"base", "basis"}
    assert reading_kind("shelves", "shelf", [["n", "架子"]]) == "n"
    assert reading_kind("shelves", "shelve", [["v", "搁置"]]) == "v"
    assert reading_kind("left", "left", [["adj", "左边的"]]) == "n"
    assert reading_kind("left", "leave", [["v", "离开"], ["n", "假期"]]) == "v"
    assert reading_kind("found", "found", [["", "建立"]]) == "n"
    assert reading_kind("abandoned", "abandoned", [["adj", "被遗弃的"]]) == ""


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("We wander between shelves of old books.", "shelves", "shelf"),
        ("Shelves of books lined the room.", "Shelves", "shelf"),
        ("He shelves the plan every spring.", "shelves", "shelve"),
        ("She left the room quietly.", "left", "leave"),
        ("My father should have left so small a garden.", "left", "leave"),
        ("Turn left at the bank.", "left", "left"),
        ("The leaves fall in autumn.", "leaves", "leaf"),
        ("She leaves at six every day.", "leaves", "leave"),
        ("Cats have nine lives.", "lives", "life"),
        ("He lives in a small town.", "lives", "live"),
        ("I saw a bird in the tree.", "saw", "see"),
        pytest.param(
            "He cut the wood with a saw.",
            "saw",
            "saw",
            marks=pytest.mark.xfail(
                reason="the tool 'saw' is more than two bands above 'see' once the curriculum "
                "band table ships, so the form is not stored as ambiguous (docs/lexicon.md)",
                strict=False,
            ),
        ),
    ],
)
def test_lemma_follows_the_sentence(pip_lexicon, text, word, lemma):
    tokens = annotate(text, "primary", pip_lexicon).tokens
    token = next(t for t in tokens if t.text == word)
    assert token.lemma == lemma
    assert token.band == pip_lexicon.band_of(lemma)  # the band of the lemma chosen


def test_same_form_twice_gets_each_its_lemma(pip_lexicon):
    text = "She leaves the house. The leaves are red. She leaves again."
    lemmas = [t.lemma for t in annotate(text, "primary", pip_lexicon).tokens if t.text == "leaves"]
    assert lemmas == ["leave", "leaf", "leave"]


@pytest.fixture(scope="session")
def pip_lexicon_path(pip_build):
    return pip_build[0]


@pytest.fixture(scope="session")
def pip_lexicon(pip_lexicon_path):
    from yingdu.lexicon import load_lexicon

    return load_lexicon(pip_lexicon_path)
