"""Ranking of the pip-only glosses: CC-CEDICT read backwards, its fallbacks, the hand table.

The expectations are ours (what a Chinese reader should see first), not the curriculum lists'.
"""

import pytest

from yingdu.lexicon import load_lexicon
from yingdu.lexicon.cedict import (
    _add_fallbacks,
    _show_objects,
    definition_matches,
    index_key,
    two_word_phrases,
)
from yingdu.lexicon.coreglosses import CORE_GLOSSES, read_core_glosses
from yingdu.lexicon.curriculum import read_band_table
from yingdu.reading.wordbank import choose_gloss


def _common(_word):
    return 4.0  # every Chinese word equally common


def test_two_word_phrases_name_modifier_and_head():
    assert two_word_phrases("solar energy") == [("solar", "energy")]
    assert two_word_phrases("potential threat, potential menace") == [
        ("potential", "threat"),
        ("potential", "menace"),
    ]
    assert two_word_phrases("to march") == []
    assert two_word_phrases("variant of 帽[mao4]") == []


def test_a_modifier_takes_the_share_its_head_does_not_explain():
    found = {
        "energy": [(1.0, "", "能量"), (2.0, "", "能")],
        "system": [(1.0, "", "系统"), (2.0, "", "系")],
        "wind": [(1.0, "", "风")],
        "year": [(1.0, "", "年")],
    }
    phrases = [
        ("solar", "energy", "太阳能"),
        ("solar", "system", "太阳系"),
        ("solar", "wind", "太阳风"),
        ("solar", "year", "回归年"),  # given once: not enough against 太阳's three
    ]
    _add_fallbacks(found, phrases, _common)
    assert [chinese for _s, _p, chinese in found["solar"]] == ["太阳的"]
    assert found["solar"][0][1] == "adj"  # -ar: an adjective, so 的 is added


def test_a_head_takes_what_is_left_after_its_modifier():
    found = {"military": [(1.0, "", "军事")], "potential": [(1.0, "", "潜在")]}
    phrases = [("military", "threat", "军事威胁"), ("potential", "threat", "潜在威胁")]
    _add_fallbacks(found, phrases, _common)
    assert [chinese for _s, _p, chinese in found["threat"]] == ["威胁"]


def test_a_plural_definition_glosses_the_singular_only_when_it_has_none():
    found = {
        "noodles": [(2.0, "", "面条")],
        "goods": [(2.0, "", "货物")],
        "good": [(1.0, "", "好")],
    }
    _add_fallbacks(found, [], _common)
    assert found["noodle"] == [(3.0, "", "面条")]
    assert found["good"] == [(1.0, "", "好")]


def test_a_verb_read_from_a_verb_phrase_shows_its_object():
    found = {"commit": [(6.0, "v", "犯罪")], "crime": [(2.0, "", "罪"), (3.0, "", "罪行")]}
    _show_objects(found, {("commit", "犯罪"): "crime"})
    assert found["commit"] == [(6.0, "v", "犯（罪）")]


@pytest.mark.parametrize(
    ("definition", "keys"),
    [
        ("to abide by", [("abide by", 0, "v"), ("abide", 2, "v")]),  # particle: weak
        ("to give up", [("give up", 0, "v")]),  # a light verb is never the head
        ("to be a soldier", [("soldier", 1, "")]),  # a noun, not an adjective
        ("to be fond of", [("fond of", 0, "adj"), ("fond", 1, "adj")]),
    ],
)
def test_definition_matches_phrasal_verbs_and_to_be(definition, keys):
    assert [(m.key, m.tier, m.pos) for m in definition_matches(definition)] == keys


def test_phrases_are_indexed_without_slots_and_a_leading_to():
    assert index_key("take sth for granted") == "take for granted"
    assert index_key("to some extent") == "some extent"
    assert index_key("to") == "to"


def test_core_table_reads_and_rejects_malformed_lines(tmp_path):
    good = tmp_path / "good.tsv"
    good.write_text("# comment\nmay\tv\t可以\nmay\tN\t五月\n", encoding="utf-8")
    assert read_core_glosses(good) == {"may": [("v", "可以"), ("N", "五月")]}
    bad = tmp_path / "bad.tsv"
    bad.write_text("decade 十年\n", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.tsv:1"):
        read_core_glosses(bad)
    assert all(glosses for glosses in CORE_GLOSSES.values())
    # a capitalised sense (N) would be merged into an "n" line of the same word
    assert not [w for w, gl in CORE_GLOSSES.items() if {"n", "N"} <= {pos for pos, _g in gl}]


@pytest.fixture(scope="module")
def pip_lexicon(pip_build):
    return load_lexicon(pip_build[0])


def _groups(lexicon, word):
    entry = lexicon.lookup(word)
    assert entry is not None and entry.glosses, word
    return entry.glosses


def test_every_curriculum_headword_has_a_gloss(pip_lexicon):
    """Every word and phrase of the shipped band table can be looked up with a gloss."""
    missing = [word for word in read_band_table() if not _glosses_of(pip_lexicon, word)]
    assert missing == []


def _glosses_of(lexicon, word):
    entry = lexicon.lookup(word)
    return entry.glosses if entry else ()


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("solar", "太阳"),  # CC-CEDICT has it only inside 太阳能, 太阳系 …
        ("threat", "威胁"),  # only inside 军事威胁, 潜在威胁
        ("clothes", "衣服"),
        ("decade", "十年"),  # the hand table
        ("third", "第三"),
        ("your", "你的"),
        ("soldier", "士兵"),
        ("tradition", "传统"),  # its own strong match, not trade's 营业
        ("revitalization", "振兴"),  # its base verb, CC-CEDICT's own 维新 is a weak match
    ],
)
def test_first_gloss(pip_lexicon, word, first):
    assert first in _groups(pip_lexicon, word)[0][1]


def test_commit_is_not_the_noun_crime(pip_lexicon):
    pos, gloss = _groups(pip_lexicon, "commit")[0]
    assert pos == "v" and gloss.startswith("犯（罪）") and "承诺" in gloss


def test_chill_is_cold_not_slang(pip_lexicon):
    gloss = " ".join(g for _pos, g in _groups(pip_lexicon, "chill"))
    assert "寒" in gloss and "耍废" not in gloss


def _gloss(lexicon, word, before, after):
    return choose_gloss(word.lower(), word, before, after, lexicon)


@pytest.mark.parametrize(
    ("word", "before", "after", "expected", "not_expected"),
    [
        ("March", "in", "this", "三月", ""),
        ("March", "", "is", "三月", ""),  # capitalised at a sentence start, not a verb
        ("march", "to", "the", "行进", "三月"),  # the verb
        ("march", "long", "", "", "三月"),  # lowercase: never the month
        ("May", "in", "the", "五月", ""),  # the hand table's capitalised sense
        ("may", "you", "go", "可以", "五月"),
        ("project", "the", "is", "项目", ""),
        ("present", "will", "the", "呈现", ""),
        ("present", "a", "for", "礼物", ""),
    ],
)
def test_popover_gloss_follows_case_and_part_of_speech(
    pip_lexicon, word, before, after, expected, not_expected
):
    gloss = _gloss(pip_lexicon, word, before, after).gloss
    assert expected in gloss
    assert not not_expected or not_expected not in gloss
