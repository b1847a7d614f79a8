"""Lemmas of curriculum headwords: a listed word is its own lemma unless it is an inflection
of another headword with the same meaning (yingdu/lexicon/headwords.py, docs/lexicon.md)."""

import sqlite3
from pathlib import Path

import pytest

from yingdu.lexicon import BANDS, load_lexicon
from yingdu.lexicon.curriculum import read_band_table
from yingdu.lexicon.headwords import (
    load_own_headwords,
    packaged_own_headwords_path,
    same_word_spelled_otherwise,
    takes_lemma,
)
from yingdu.lexicon.inflections import irregular_lemmas
from yingdu.reading import annotate

ROOT = Path(__file__).resolve().parents[2]
TABLE = read_band_table()
OWN = load_own_headwords()
VERBS = {"use", "give", "see", "leave", "find", "learn", "swim"}


def _takes(form, lemma, source="simplemma", bands=None):
    bands = bands or {form: 2, lemma: 0}
    return takes_lemma(form, lemma, source, bands, VERBS.__contains__, OWN)


@pytest.mark.parametrize(
    ("form", "lemma", "source", "expected"),
    [
        ("apples", "apple", "simplemma", True),  # a regular plural, same meaning
        ("used", "use", "simplemma", True),  # a regular past of a verb
        ("swimming", "swim", "simplemma", True),
        ("given", "give", "simplemma", True),  # an irregular participle of the table
        ("worse", "bad", "wordlist", True),  # the lists print "bad (worse, worst)"
        ("better", "good", "rules", True),
        ("saw", "see", "simplemma", True),  # the usual reading; the tool is ambiguous.py's
        ("neighborhood", "neighbourhood", "simplemma", True),  # one word, two spellings
        ("bare", "bear", "simplemma", False),  # archaic past: not an inflection by rule
        ("span", "spin", "simplemma", False),
        ("elder", "old", "simplemma", False),
        ("worse", "wrong", "simplemma", False),  # simplemma's mistake
        ("goods", "good", "simplemma", False),  # reviewed: a meaning of its own
        ("stranger", "strange", "simplemma", False),
        ("boxing", "box", "simplemma", False),  # -ing of a word without a verb sense
    ],
)
def test_rule(form, lemma, source, expected):
    assert _takes(form, lemma, source) is expected


def test_rule_needs_a_lemma_that_is_a_headword_in_the_same_or_a_lower_band():
    assert _takes("apples", "apple", bands={"apples": 1, "apple": 1})
    assert not _takes("apples", "apple", bands={"apples": 1, "apple": 2})
    assert not _takes("apples", "apple", bands={"apples": 1})  # apple is no headword
    assert _takes("was", "be", "rules", bands={"was": 0})  # the grammar table always holds


def test_grammar_tables():
    assert irregular_lemmas("worse") >= {"bad"}
    assert irregular_lemmas("better") >= {"good", "well"}
    assert irregular_lemmas("was") == {"be"}
    assert "bear" not in irregular_lemmas("bare")
    assert "bear" not in irregular_lemmas("born")  # born is a word of its own
    assert same_word_spelled_otherwise("e-mail", "email")
    assert same_word_spelled_otherwise("centre", "center")
    assert not same_word_spelled_otherwise("bare", "bear")


def test_own_headwords_file_is_reviewed():
    assert {"goods", "stranger", "customs"} <= OWN.keys()
    lines = packaged_own_headwords_path().read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    assert len(rows) == len(OWN), "one line per word, no duplicates"
    assert all(len(reason) > 10 for reason in OWN.values())
    assert all(word in TABLE for word in OWN), "only curriculum headwords belong there"
    docs = (ROOT / "docs" / "lexicon.md").read_text(encoding="utf-8")
    assert "own_headwords.tsv" in docs


# -- builds ----------------------------------------------------------------------------
def _check_headwords(path):
    lx = load_lexicon(path)
    for word in ("bare", "goods", "stranger"):
        entry = lx.lookup(word)
        assert lx.lemma_of(word) == word, word
        assert entry.lemma == word
        assert lx.band_of(word) == BANDS[TABLE[word][1]], word  # its own list band
    assert "负担" not in " ".join(g for _, g in lx.lookup("bare").glosses)  # bear's burden
    stranger = lx.lookup("stranger")
    assert "陌生人" in stranger.glosses[0][1]
    assert lx.lemma_of("better") == "good"
    assert lx.lemma_of("worse") == "bad"  # never wrong
    assert lx.lemma_of("worst") == "bad"
    for form in ("left", "saw"):  # irregular pasts that are words too: by the sentence
        assert {lemma for lemma, _ in lx.ambiguous[form]} == {form, *irregular_lemmas(form)}
    return lx


def test_default_build_headwords(pip_build):
    lx = _check_headwords(pip_build[0])
    text = "A stranger sold goods at the bare market. It was worse than I thought."
    tokens = {t.text: t for t in annotate(text, "primary", lx).tokens}
    assert [tokens[w].lemma for w in ("stranger", "goods", "bare", "worse")] == [
        "stranger", "goods", "bare", "bad",
    ]  # fmt: skip
    bank = {entry["word"]: entry for entry in annotate(text, "primary", lx).word_bank}
    assert "陌生人" in bank["stranger"]["gloss"]


@pytest.mark.shared_data
def test_list_build_headwords(full_build):
    lx = _check_headwords(full_build[0])
    assert lx.lookup("stranger").glosses[0][0] == "n"


def test_forms_of_own_headwords_stay_in_the_forms_table(pip_build):
    """The link is kept (bare -> bear from simplemma); only the surface reading changes."""
    con = sqlite3.connect(pip_build[0])
    links = {lemma for (lemma,) in con.execute("SELECT lemma FROM forms WHERE form='bare'")}
    (surface,) = con.execute("SELECT lemma FROM surface WHERE key='bare'").fetchone()
    con.close()
    assert surface == "bare"
    assert links <= {"bear"}
