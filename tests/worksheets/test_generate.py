"""The worksheet JSON and its quality rules, on several texts, levels and seeds."""

import re

import pytest

from tests.worksheets.conftest import POOL, TEXTS
from yingdu.lexicon import LEVELS
from yingdu.worksheets.generate import WorksheetError, fill, generate
from yingdu.worksheets.grammar import is_form_of
from yingdu.worksheets.passage import entry_pos, inflection_of, sentence_spans

CASES = [(name, level, seed) for name in TEXTS for level in LEVELS[:4] for seed in (0, 7)]


def make(lexicon, name="bikes", level="junior", seed=0, **kw):
    return generate(TEXTS[name], level, seed=seed, pool=[POOL], lexicon=lexicon, **kw)


def sections(worksheet):
    return {section["type"]: section for section in worksheet["sections"]}


def blank_positions(section):
    return [m.start() for m in re.finditer(r"___\d+___", section["passage"])]


@pytest.mark.parametrize(("name", "level", "seed"), CASES)
def test_filling_every_blank_gives_back_the_text(lexicon, name, level, seed):
    worksheet = make(lexicon, name, level, seed)
    for section in worksheet["sections"]:
        if "passage" in section:
            assert fill(section) == TEXTS[name], section["type"]


def test_the_json_has_the_documented_shape(lexicon):
    worksheet = make(lexicon, title="Old bikes")
    assert {"title", "level", "seed", "sections"} <= set(worksheet)
    assert [s["type"] for s in worksheet["sections"]] == ["cloze", "grammar", "seven", "vocab"]
    found = sections(worksheet)
    for item in found["cloze"]["items"]:
        assert {"n", "options", "answer", "answer_text"} <= set(item)
        assert len(item["options"]) == 4 and item["answer"] in "ABCD"
    assert len(found["grammar"]["items"]) == 10
    assert all({"n", "hint", "answer"} <= set(i) for i in found["grammar"]["items"])
    assert len(found["seven"]["options"]) == 7 and len(found["seven"]["items"]) == 5
    assert 8 <= len(found["vocab"]["items"]) <= 12
    assert all({"n", "word", "gloss", "answer"} <= set(i) for i in found["vocab"]["items"])
    for section in worksheet["sections"]:
        assert [i["n"] for i in section["items"]] == list(range(1, len(section["items"]) + 1))


@pytest.mark.parametrize(("name", "level", "seed"), CASES)
def test_cloze_options(lexicon, name, level, seed):
    cloze = sections(make(lexicon, name, level, seed))["cloze"]
    assert cloze["items"]
    for item in cloze["items"]:
        options = item["options"]
        assert len(set(options)) == 4, options
        assert options.count(item["answer_text"]) == 1
        assert options["ABCD".index(item["answer"])] == item["answer_text"]
        answer_lemma = lexicon.lemma_of(item["answer_text"])
        answer_pos = set(entry_pos(lexicon, answer_lemma))
        answer_form = inflection_of(item["answer_text"], answer_lemma)
        for option in options:
            if option == item["answer_text"]:
                continue
            lemma = lexicon.lemma_of(option)
            assert lemma != answer_lemma, (option, item["answer_text"])
            assert answer_pos & set(entry_pos(lexicon, lemma)), (option, item["answer_text"])
            assert inflection_of(option, lemma) == answer_form, (option, item["answer_text"])
            assert not re.search(rf"\b{option}\b", TEXTS[name], re.I), option


@pytest.mark.parametrize(("name", "level", "seed"), CASES)
def test_blanks_avoid_the_first_sentence_and_each_other(lexicon, name, level, seed):
    text = TEXTS[name]
    first_end = sentence_spans(text)[0][1]
    for section in make(lexicon, name, level, seed)["sections"]:
        if section["type"] == "vocab":
            continue
        positions = blank_positions(section)
        assert positions[0] > first_end, section["type"]
        for before, after in zip(positions, positions[1:], strict=False):
            between = section["passage"][before:after]
            words = re.findall(r"[A-Za-z]+", re.sub(r"___\d+___( \([a-z]+\))?", "", between))
            assert words, (section["type"], between)


@pytest.mark.parametrize(("name", "level", "seed"), CASES)
def test_grammar_answers_are_changed_forms_of_their_hints(lexicon, name, level, seed):
    grammar = sections(make(lexicon, name, level, seed))["grammar"]
    hinted = [i for i in grammar["items"] if i["hint"]]
    assert 7 <= len(hinted) <= 8 and len(grammar["items"]) == 10
    for item in hinted:
        assert item["answer"].lower() != item["hint"]
        assert is_form_of(item["answer"], item["hint"], lexicon), item
    for item in grammar["items"]:
        if not item["hint"]:
            assert " " not in item["answer"]


@pytest.mark.parametrize(("name", "level", "seed"), CASES)
def test_seven_distractors_come_from_the_pool_not_the_passage(lexicon, name, level, seed):
    seven = sections(make(lexicon, name, level, seed))["seven"]
    answers = {seven["options"]["ABCDEFG".index(i["answer"])] for i in seven["items"]}
    assert len(set(seven["options"])) == 7 and len(answers) == 5
    for option in seven["options"]:
        if option in answers:
            assert option in TEXTS[name]
        else:
            assert option not in TEXTS[name] and option in POOL


def test_vocab_words_are_at_or_above_the_level_when_the_text_has_enough(lexicon):
    vocab = sections(make(lexicon, "river", "junior"))["vocab"]
    for item in vocab["items"]:
        assert item["answer"] == item["word"] and item["gloss"]
        assert lexicon.band_of(item["word"]) not in ("primary", "beyond"), item


def test_same_input_same_worksheet_another_seed_another(lexicon):
    assert make(lexicon, seed=5) == make(lexicon, seed=5)
    assert make(lexicon, seed=5)["sections"] != make(lexicon, seed=6)["sections"]


def test_types_are_optional(lexicon):
    worksheet = make(lexicon, types="vocab,cloze")
    assert [s["type"] for s in worksheet["sections"]] == ["cloze", "vocab"]


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("", {}, "文本为空"),
        ("Too short. " * 3, {}, "文本太短"),
        (TEXTS["bikes"], {"level": "expert"}, "未知的级别"),
        (TEXTS["bikes"], {"types": "cloze,essay"}, "未知的练习类型"),
        (TEXTS["bikes"] + " ___1___", {}, "空格记号"),
    ],
)
def test_bad_input_is_refused_in_chinese(lexicon, text, kwargs, message):
    kwargs = {"level": "junior", **kwargs}
    with pytest.raises(WorksheetError, match=message):
        generate(text, kwargs.pop("level"), lexicon=lexicon, **kwargs)


def test_seven_without_other_texts_says_what_it_needs(lexicon):
    with pytest.raises(WorksheetError, match="干扰句"):
        generate(TEXTS["bikes"], "junior", types="seven", lexicon=lexicon)
