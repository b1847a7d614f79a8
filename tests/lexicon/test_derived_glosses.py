"""Derived glosses: the suffix and prefix rules of derive.py, bases derived in turn, the last
derivation pass of glossfill.py and the look-up-time derivation of Lexicon.lookup."""

import pytest

from yingdu.lexicon import build_lexicon, load_lexicon
from yingdu.lexicon.derive import derived_gloss
from yingdu.lexicon.glossfill import _derived_from_filled

BASES = {
    "imagine": [("v", "想象")],
    "endure": [("v", "忍受")],
    "control": [("v", "控制")],
    "suggest": [("v", "暗示")],
    "heir": [("", "继承人")],
    "adventurer": [("", "冒险家")],
    "logic": [("", "逻辑")],
    "avow": [("v", "承认")],
    "sign": [("v", "签名"), ("", "标志")],
    "pliant": [("adj", "柔顺的")],
    "take": [("v", "拿")],
    "reason": [("v", "推理")],
    "suit": [("v", "适合"), ("", "西装")],
    "guard": [("v", "守护")],
    "shackle": [("v", "束缚")],
    "govern": [("v", "统治")],
    "prudent": [("adj", "谨慎的")],
    "courteous": [("adj", "有礼貌的")],
}


@pytest.mark.parametrize(
    ("word", "rule", "glosses"),
    [
        ("imaginable", "-able <- imagine", [("adj", "可想象的")]),
        ("endurable", "-able <- endure", [("adj", "可忍受的")]),
        ("controllable", "-able <- control", [("adj", "可控制的")]),
        ("suggestive", "-ive <- suggest", [("adj", "暗示的")]),
        ("heiress", "-ess <- heir", [("n", "女继承人")]),
        ("adventuress", "-ess <- adventurer", [("n", "女冒险家")]),
        ("logician", "-ian <- logic", [("n", "逻辑家")]),
        ("avowal", "-al <- avow", [("n", "承认")]),
        ("pliancy", "-ancy <- pliant", [("n", "柔顺")]),
        ("taketh", "-eth <- take", [("v", "拿")]),
        ("reasoner", "-er <- reason", [("n", "推理者")]),
        ("unguarded", "un- <- guarded", [("adj", "未守护")]),
        ("unshackle", "un- <- shackle", [("v", "解除束缚")]),
        ("uncourteous", "un- <- courteous", [("adj", "不有礼貌")]),
    ],
)
def test_new_rules_build_on_the_base(word, rule, glosses):
    assert derived_gloss(word, BASES.get) == (rule, glosses)


def test_bases_may_be_derived_in_turn():
    # un+governable (prefix first), governable <- govern; not ungovern+able
    assert derived_gloss("ungovernable", BASES.get) == (
        "un- <- governable",
        [("adj", "不可统治")],
    )
    # imprudently <- imprudent <- prudent: two steps
    assert derived_gloss("imprudently", BASES.get) == ("-ly <- imprudent", [("adv", "不谨慎地")])
    assert derived_gloss("imprudently", BASES.get, depth=0) is None


def test_rules_that_need_a_verb_only_base_leave_nouns_alone():
    # sign is also a noun: signal is not read as its action (签名), only as the -al adjective
    signal = derived_gloss("signal", BASES.get, compounds=False)
    assert signal == ("-al <- sign", [("adj", "标志的")])
    assert derived_gloss("suitor", BASES.get, compounds=False) is None  # suit is also a noun


def test_last_pass_derives_from_bases_the_later_steps_glossed():
    out = {
        "obsequious": ("wordnet", [("adj", "谄媚的")], "synonym fawning"),
        "placable": ("derived", [("adj", "不安放")], "un- <- x"),  # a negation: too literal
    }
    more = _derived_from_filled({"obsequiousness", "placability", "obsequious"}, out, {}.get)
    assert more == {"obsequiousness": ("derived", [("n", "谄媚")], "-ness <- obsequious")}


@pytest.fixture(scope="module")
def small_lexicon(tmp_path_factory):
    folder = tmp_path_factory.mktemp("derived")
    (folder / "junior.txt").write_text(
        "courteous [ˈkɜːtiəs] adj. 有礼貌的\ndust [dʌst] n. 灰尘\ncoat [kəʊt] n. 外套\n",
        encoding="utf-8",
    )
    build_lexicon(folder / "lexicon.sqlite3", folder, pip_sources=False)
    return load_lexicon(folder / "lexicon.sqlite3")


def test_lookup_glosses_an_unstored_word_from_a_stored_one(small_lexicon):
    assert small_lexicon.lookup("uncourteous").lemma == "uncourteous"  # not stored
    entry = small_lexicon.lookup("uncourteous")
    assert entry.glosses == (("adj", "不有礼貌"),)
    assert entry.band == "beyond"
    assert entry.sources == {"glosses": "derived-at-lookup", "gloss_rule": "un- <- courteous"}
    plural = small_lexicon.lookup("dustcoats")  # a regular form of a compound
    assert plural.lemma == "dustcoat" and plural.glosses == (("", "dust（灰尘） + coat（外套）"),)


def test_lookup_still_misses_words_with_no_stored_base(small_lexicon):
    assert small_lexicon.lookup("zorbland") is None
    assert small_lexicon.lookup("uncoat") is None or small_lexicon.lookup("uncoat").glosses
    assert small_lexicon.lookup("dusty") is None  # too short to split, no -y rule


@pytest.fixture(scope="module")
def dictionary_lexicon(tmp_path_factory):
    folder = tmp_path_factory.mktemp("apostrophes")
    header = (
        "word,phonetic,definition,translation,pos,collins,oxford,tag,bnc,frq,exchange,detail,audio"
    )
    rows = [
        "sennight,ˈsenait,,n. 一星期,,,,,0,0,,,",
        "oeuvre,ˈəːvr,,n. 全部作品,,,,,0,0,,,",
        "pince-nez,ˈpænsnei,,n. 夹鼻眼镜,,,,,0,0,,,",
        "glass,ɡlɑːs,,n. 玻璃,,,,,0,0,,,",
    ]
    ecdict = folder / "ecdict.csv"
    ecdict.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    build_lexicon(folder / "lexicon.sqlite3", None, ecdict, pip_sources=False)
    return load_lexicon(folder / "lexicon.sqlite3")


def test_words_with_an_apostrophe_find_their_entry(dictionary_lexicon):
    assert dictionary_lexicon.lookup("se'nnight").glosses == (("n", "一星期"),)  # old spelling
    assert dictionary_lexicon.lookup("l'oeuvre").glosses == (("n", "全部作品"),)  # elision
    assert dictionary_lexicon.lookup("se'ennight") is None  # a misspelling stays unknown
    assert dictionary_lexicon.lookup("l'eau") is None


def test_a_compound_glossed_whole_is_one_word_bank_entry(dictionary_lexicon):
    from yingdu.reading import annotate

    bank = annotate("He wore a pince-nez and a glass-eye.", "kaoyan", dictionary_lexicon).word_bank
    words = {item["lemma"]: item.get("gloss") for item in bank}
    assert words.get("pince-nez") == "夹鼻眼镜"  # not pince and nez, unglossed
    assert "pince" not in words and "nez" not in words
