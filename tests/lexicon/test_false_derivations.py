"""Words that only look derived or compound get no made-up gloss (minion is no mine's action,
sisterhood no sister's hood), and a compound's guess shows the parts it was made from."""

import json
import re
import sqlite3

import pytest

from yingdu.lexicon.derive import compound_gloss, derived_gloss

BASES = {
    "mine": [("v", "开采")],
    "accord": [("v", "使一致")],
    "camp": [("v", "野营")],
    "mull": [("v", "琢磨")],
    "mill": [("v", "碾磨"), ("", "磨坊")],
    "port": [("v", "左转舵"), ("", "港口")],
    "edit": [("v", "编辑")],
    "elect": [("v", "选举")],
    "adopt": [("v", "采用")],
    "discuss": [("v", "讨论")],
    "complete": [("v", "完成")],
    "pollute": [("v", "污染")],
    "promote": [("v", "提升")],
    "mark": [("v", "标明")],
    "sister": [("n", "姐妹")],
    "hood": [("n", "头罩")],
    "adam": [("N", "亚当")],
    "ant": [("n", "蚂蚁")],
    "foot": [("n", "脚")],
    "age": [("n", "年龄")],
    "any": [("", "任何")],
    "body": [("n", "身体")],
    "inter": [("v", "埋葬")],
    "state": [("n", "国家")],
    "chur": [("N", "库尔")],
    "chill": [("n", "寒冷")],
    "brad": [("n", "角钉")],
    "ford": [("n", "浅滩")],
    "car": [("n", "汽车")],
    "son": [("n", "儿子")],
    "sea": [("n", "大海")],
    "seas": [("n", "海洋")],
    "shell": [("n", "贝壳")],
    "hell": [("n", "地狱")],
    "red": [("adj", "红色的")],
    "eye": [("n", "眼睛")],
}


@pytest.mark.parametrize(
    "word", ["minion", "accordion", "campion", "mullion", "million", "portion", "edition"]
)
def test_ion_needs_a_verb_that_takes_it(word):
    assert derived_gloss(word, BASES.get, compounds=False) is None


@pytest.mark.parametrize(
    ("word", "gloss"),
    [
        ("election", "选举"),
        ("adoption", "采用"),
        ("discussion", "讨论"),
        ("completion", "完成"),
        ("pollution", "污染"),
        ("promotion", "提升"),
    ],
)
def test_ion_after_a_verb_that_takes_it(word, gloss):
    assert derived_gloss(word, BASES.get, compounds=False)[1] == [("n", gloss)]


def test_a_reviewed_exception_gets_no_affix_rule():
    assert derived_gloss("remark", BASES.get) is None  # not mark again
    remake = derived_gloss("remake", {"make": [("v", "做")]}.get)
    assert remake == ("re- <- make", [("v", "重新做")])


@pytest.mark.parametrize(
    "word",
    [
        "sisterhood",  # a suffix, not a hood
        "adamant",  # a name and a short right part
        "footage",  # foot + age
        "anybody",  # a pronoun
        "interstate",  # a prefix that is also a word
        "churchill",  # a name's pieces
        "bradford",  # the end of a place name
        "carson",  # a short right part
    ],
)
def test_no_compound_from_false_parts(word):
    assert compound_gloss(word, BASES.get) is None
    assert derived_gloss(word, BASES.get) is None


def test_a_compound_shows_its_parts():
    seashell = compound_gloss("seashell", BASES.get)  # not seas + hell
    assert seashell == ("compound", [("", "sea（大海） + shell（贝壳）")])
    assert compound_gloss("red-eye", BASES.get) == ("compound", [("", "red（红色） + eye（眼睛）")])
    assert compound_gloss("a-ok", {"a": [("", "一（个）")], "ok": [("", "好")]}.get) == (
        "compound",
        [("", "a（一） + ok（好）")],
    )


_PART = re.compile(r"([a-z]+)（[^（）]+）")


def test_every_compound_in_the_built_lexicon_shows_its_parts(pip_build):
    """Each compound gloss of the pip-only lexicon names parts that spell the word."""
    con = sqlite3.connect(pip_build[0])
    rows = con.execute(
        "SELECT key, glosses FROM entries WHERE json_extract(sources, '$.glosses') = 'compound'"
    ).fetchall()
    con.close()
    assert len(rows) > 1000
    wrong = []
    for key, glosses in rows:
        first = json.loads(glosses)[0][1]
        if "".join(_PART.findall(first)) != key.replace("-", ""):
            wrong.append((key, first))
    assert not wrong, wrong[:20]


NAMES = {
    "italy": [("N", "意大利")],
    "russia": [("N", "俄罗斯")],
    "iran": [("N", "伊朗")],
    "kenya": [("N", "肯尼亚")],
    "media": [("", "媒体")],
    "come": [("v", "来")],
    "comedy": [("", "喜剧")],
}


@pytest.mark.parametrize(
    ("word", "rule", "gloss"),
    [
        ("italian", "-an <- italy", "意大利人，意大利的"),
        ("russian", "-an <- russia", "俄罗斯人，俄罗斯的"),
        ("iranian", "-an <- iran", "伊朗人，伊朗的"),
        ("kenyan", "-an <- kenya", "肯尼亚人，肯尼亚的"),
    ],
)
def test_a_places_people_from_its_name(word, rule, gloss):
    assert derived_gloss(word, NAMES.get) == (rule, [("", gloss)])


def test_the_people_rule_needs_a_name():
    assert derived_gloss("median", NAMES.get) is None  # media is no place


def test_a_base_glossed_itself_comes_before_a_derived_one():
    # comedian <- comedy (喜剧), not comed <- come (来到家)
    assert derived_gloss("comedian", NAMES.get) == ("-ian <- comedy", [("n", "喜剧家")])


def test_a_places_people_stands_for_no_wordnet_neighbour():
    from yingdu.lexicon.glossfill import _stands_for_neighbours

    assert not _stands_for_neighbours(("derived", [("", "巴西人，巴西的")], "-an <- brazil"))
    assert _stands_for_neighbours(("derived", [("adv", "快地")], "-ly <- quick"))
    assert not _stands_for_neighbours(("derived", [("adj", "不安放")], "un- <- placable"))
