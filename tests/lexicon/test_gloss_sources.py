"""The gloss sources of the pip-only lexicon: CC-CEDICT backwards, spellings, derivations."""

import pytest

from yingdu.lexicon import load_lexicon
from yingdu.lexicon.cedict import Match, best_glosses, definition_matches
from yingdu.lexicon.derive import compound_gloss, derived_gloss
from yingdu.lexicon.spelling import american_spellings, rule_candidates


@pytest.mark.parametrize(
    ("definition", "expected"),
    [
        ("clothes", [Match("clothes", 0, "")]),
        ("to march", [Match("march", 0, "v")]),
        ("a lady", [Match("lady", 0, "")]),
        ("to be fond of", [Match("fond of", 0, "adj"), Match("fond", 1, "adj")]),
        ("naked, bare", [Match("naked", 1, ""), Match("bare", 1, "")]),
        ("bare (no hair)", [Match("bare", 0, "")]),
        ("to commit a crime", [Match("commit a crime", 0, "v"), Match("commit", 2, "v", "crime")]),
        ("to take precautions", [Match("take precautions", 0, "v")]),
        ("surname Ma", []),
        ("variant of 帽[mao4]", []),
    ],
)
def test_definition_matches(definition, expected):
    assert definition_matches(definition) == expected


def test_best_glosses_groups_by_pos_and_keeps_capitalised_senses():
    cands = [(3.0, "v", "行进"), (3.5, "v", "进军"), (4.0, "", "行军"), (9.0, "N", "三月")]
    assert best_glosses(cands) == [("v", "行进，进军"), ("", "行军"), ("N", "三月")]


def test_british_spellings_map_to_known_american_words():
    known = {"neighbor", "color", "favorite", "theater", "program", "humor", "realize", "center"}
    british = ["neighbour", "colour", "favourite", "theatre", "programme", "humour", "realise",
               "centre", "four", "tour"]  # fmt: skip
    assert american_spellings(british, known) == {
        "neighbour": "neighbor",
        "colour": "color",
        "favourite": "favorite",
        "theatre": "theater",
        "programme": "program",
        "humour": "humor",
        "realise": "realize",
        "centre": "center",
    }
    assert rule_candidates("four") == []  # the rules need three letters before the suffix


GLOSSES = {
    "quick": [("", "快捷，快的")],
    "happy": [("", "快乐的")],
    "revitalize": [("v", "振兴，重振")],
    "kind": [("", "善良的")],
    "tree": [("", "树，树木")],
    "house": [("", "房子")],
    "hope": [("n", "希望")],
}


@pytest.mark.parametrize(
    ("word", "rule", "glosses"),
    [
        ("quickly", "-ly <- quick", [("adv", "快捷地，快地")]),
        ("happily", "-ly <- happy", [("adv", "快乐地")]),
        ("revitalization", "-ation <- revitalize", [("n", "振兴，重振")]),
        ("kindness", "-ness <- kind", [("n", "善良")]),
        ("unkind", "un- <- kind", [("", "不善良")]),
        ("hopeless", "-less <- hope", [("adj", "无希望")]),
        ("treehouse", "compound", [("", "tree（树） + house（房子）")]),
    ],
)
def test_derived_glosses_build_on_the_base(word, rule, glosses):
    assert derived_gloss(word, GLOSSES.get) == (rule, glosses)


def test_no_derivation_without_a_glossed_base():
    assert derived_gloss("zzzly", GLOSSES.get) is None
    assert compound_gloss("tree-zzz", GLOSSES.get) is None


@pytest.fixture(scope="module")
def pip_lexicon(pip_build):
    return load_lexicon(pip_build[0])


def _first(lexicon, word):
    entry = lexicon.lookup(word)
    assert entry is not None and entry.glosses, word
    return entry.glosses[0][1]


def test_pip_lexicon_fixes_the_reported_glosses(pip_lexicon):
    assert "中心" in _first(pip_lexicon, "centre")  # the American word's gloss, not 基点
    assert "衣服" in _first(pip_lexicon, "clothes")
    assert not _first(pip_lexicon, "chill").startswith("耍废")  # (Tw) (slang) ranks low
    assert not _first(pip_lexicon, "revitalization").startswith("维新")
    assert any("三月" in g for _pos, g in pip_lexicon.lookup("march").glosses)
    # -ly adverbs: CC-CEDICT's own adverb when it matches well, else built from the base
    assert "其实" in _first(pip_lexicon, "actually")  # not 实际地
    assert "及时" in _first(pip_lexicon, "timely")  # not 时间地
    assert _first(pip_lexicon, "bitterly").endswith("地")


@pytest.mark.parametrize(
    "word",
    ["lady", "hat", "website", "smartphone", "gentleman", "cousin", "ought", "fond", "unable",
     "neighbour", "colour", "favourite", "theatre", "programme", "humour", "realise"],
)  # fmt: skip
def test_pip_lexicon_glosses_common_words(pip_lexicon, word):
    assert _first(pip_lexicon, word)


@pytest.mark.parametrize(
    ("word", "base", "glosses"),
    [
        ("absence", {"absent": [("adj", "缺席的")]}, [("n", "缺席")]),
        ("satisfaction", {"satisfy": [("v", "满足")]}, [("n", "满足")]),
        ("decision", {"decide": [("v", "决定")]}, [("n", "决定")]),
        ("relief", {"relieve": [("v", "减轻")]}, [("n", "减轻")]),
    ],
)
def test_nouns_from_adjectives_and_verbs(word, base, glosses):
    assert derived_gloss(word, base.get)[1] == glosses


def test_function_words_have_a_gloss_without_any_dictionary():
    from yingdu.lexicon.glossfill import _one

    assert _one("nor", None, None, lambda key: None) == ("core", [("conj", "也不，也没有")])


def test_adjectives_from_nouns():
    nouns = {"agriculture": [("", "农业")], "atmosphere": [("", "大气")], "east": [("", "东方")]}
    assert derived_gloss("agricultural", nouns.get)[1] == [("adj", "农业的")]
    assert derived_gloss("atmospheric", nouns.get)[1] == [("adj", "大气的")]
    assert derived_gloss("eastern", nouns.get)[1] == [("adj", "东方的")]


def test_glossless_phrases_get_cc_cedict_glosses(tmp_path):
    """A phrase with no gloss of its own (as the shipped band table gives) gets one."""
    from yingdu.lexicon import build_lexicon

    (tmp_path / "junior.txt").write_text("take\npart\ntake part in\n", encoding="utf-8")
    build_lexicon(tmp_path / "lexicon.sqlite3", tmp_path)
    entry = load_lexicon(tmp_path / "lexicon.sqlite3").lookup("take part in")
    assert entry is not None and entry.glosses


def test_candidates_far_behind_the_best_are_dropped():
    assert best_glosses([(11.4, "v", "冰"), (16.2, "v", "耍废")]) == [("v", "冰")]
