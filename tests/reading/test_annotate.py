"""The annotator on the inline sample lexicon."""

import json

import pytest

from yingdu.reading import annotate, annotate_chunks, grade_for, reading_minutes, to_json


def test_basic_result(sample_lexicon):
    text = "My children took part in a bright morning study."
    result = annotate(text, "primary", sample_lexicon)
    assert result.words == 9
    lemmas = [t.lemma for t in result.tokens]
    assert lemmas[:3] == ["my", "child", "take"]
    mwe_tokens = [t.text for t in result.tokens if t.mwe is not None]
    assert mwe_tokens == ["took", "part", "in"]
    assert result.mwes[0]["phrase"] == "take part in"
    bank = [w["lemma"] for w in result.word_bank]
    assert bank[:2] == ["take part in", "take"] and "bright" in bank
    assert "child" not in bank


def test_json_shape(sample_lexicon):
    data = to_json(annotate("I abandon the record.", "junior", sample_lexicon))
    assert list(data) == [
        "level",
        "words",
        "distinct_lemmas",
        "above_level_ratio",
        "grade",
        "reading_minutes",
        "word_bank",
        "tokens",
    ]
    assert list(data["word_bank"][0]) == ["word", "lemma", "band", "ipa", "pos", "gloss"]
    assert list(data["tokens"][0]) == ["text", "start", "end", "lemma", "band"]
    json.dumps(data, ensure_ascii=False)


def test_gloss_follows_context(sample_lexicon):
    bank = annotate("They record songs. The record was old.", "junior", sample_lexicon).word_bank
    assert bank[0]["lemma"] == "record" and bank[0]["pos"] == "v"
    bank = annotate("The record was old.", "junior", sample_lexicon).word_bank
    assert bank[0]["pos"] == "n" and "唱片" in bank[0]["gloss"]


def test_proper_nouns_and_numbers(sample_lexicon):
    text = "Yesterday Zorbland met Qwelmira at 10:30 with 3 cats. Qwelmira's cat is red."
    result = annotate(text, "primary", sample_lexicon)
    proper = {t.text for t in result.tokens if t.is_proper}
    assert {"Zorbland", "Qwelmira"} <= proper
    assert [t.text for t in result.tokens if t.is_number] == ["10:30", "3"]
    bank = {w["lemma"].lower() for w in result.word_bank}
    assert not bank & {"zorbland", "qwelmira", "10:30", "3"}
    assert all(t.band is None for t in result.tokens if t.is_proper or t.is_number)


def test_curly_quotes_fullwidth_and_emoji(sample_lexicon):
    text = "“Ｉ ｄｏｎ’ｔ abandon cats,” she said 😀 中文 ＣＡＴ."
    result = annotate(text, "primary", sample_lexicon)
    for tok in result.tokens:
        assert text[tok.start : tok.end] == tok.text
    by_text = {t.text: t for t in result.tokens}
    assert by_text["ｄｏ"].lemma == "do"
    assert by_text["abandon"].band == "cet4"


def test_empty_and_garbage(sample_lexicon):
    for text in ["", "   ", "\x00\x01\ufffd", "😀😀", "中文文本", b"\xff\xfe bytes \x80"]:
        result = annotate(text, "senior", sample_lexicon)
        assert result.grade in {"容易", "适中", "较难", "很难"}
        json.dumps(to_json(result))
    assert annotate("", "senior", sample_lexicon).reading_minutes == 0.0


def test_unknown_level(sample_lexicon):
    with pytest.raises(ValueError):
        annotate("text", "expert", sample_lexicon)


def test_chunks_match_single_pass(sample_lexicon):
    text = "The cat took part in it.\n\nShe abandoned the book. " * 50
    whole = annotate(text, "primary", sample_lexicon)
    parts = text.split("\n\n")
    chunks = [p + "\n\n" for p in parts[:-1]] + [parts[-1]]
    chunked = annotate_chunks(chunks, "primary", sample_lexicon)
    assert chunked.words == whole.words
    assert chunked.word_bank == whole.word_bank
    assert [t[:5] for t in chunked.raw_tokens] == [t[:5] for t in whole.raw_tokens]


def test_big_text_streams(sample_lexicon):
    paragraph = "The obstinate cat was abandoned near the meadow by Zorbland. " * 40 + "\n\n"
    chunks = (paragraph for _ in range(4000))  # ~10 MB
    result = annotate_chunks(chunks, "junior", sample_lexicon, keep_tokens=False)
    assert result.words == 4000 * 40 * 10
    assert result.raw_tokens == []


def test_grades_and_minutes():
    assert [grade_for(r) for r in (0.0, 0.03, 0.08, 0.5)] == ["容易", "适中", "较难", "很难"]
    assert reading_minutes(0, "cet4", 0.1) == 0.0
    assert reading_minutes(1200, "cet4", 0.0) == 10.0
