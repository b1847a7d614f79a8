"""Query and index analysis: Chinese segmentation modes, lemmas, no engine syntax."""

from yingdu.search.analysis import index_terms, parse_query, query_terms
from yingdu.search.backends import fts5_match, tsquery
from yingdu.search.snippets import snippet


def test_chinese_is_indexed_in_search_mode():
    terms = index_terms("中华人民共和国成立七十多年").split()
    assert {"中华人民共和国", "人民", "共和国"} <= set(terms)


def test_a_dictionary_word_inside_a_longer_one_still_matches():
    assert parse_query("人民共和国") == [[["人民共和国"], ["人民", "共和国"]]]


def test_two_character_words_stay_whole():
    assert query_terms("春天 课件") == ["春天", "课件"]


def test_english_is_case_folded_and_lemmatized():
    assert query_terms("Studies CHILDREN") == ["study", "child"]
    assert "study" in index_terms("She studied hard").split()


def test_full_width_letters_fold_to_ascii():
    assert query_terms("Ｓｐｒｉｎｇ") == ["spring"]


def test_engine_syntax_never_survives():
    for raw in ['"unbalanced', "spr*", "NEAR(a b)", "a OR b", "-x", "title:x", "'); DROP--"]:
        for group in parse_query(raw):
            for alternative in group:
                for term in alternative:
                    assert term.replace("'", "").isalnum(), (raw, term)


def test_queries_render_quoted():
    query = parse_query("人民共和国 spring")
    assert fts5_match(query) == '("人民共和国" OR ("人民" AND "共和国")) AND "spring"'
    assert tsquery(query) == "('人民共和国' | ('人民' & '共和国')) & ('spring')"


def test_empty_and_control_character_queries_are_empty():
    assert parse_query("") == [] and parse_query("\x00\x1b\u200b ") == []


def test_snippet_marks_chinese_and_english_hits_and_escapes():
    text = "<b>Spring</b> came early. 同学们说春天来了，students were studying outside."
    html = snippet(text, ["spring", "春天", "study"])
    assert "<mark>Spring</mark>" in html and "<mark>春天</mark>" in html
    assert "<mark>studying</mark>" in html
    assert "&lt;b&gt;" in html and "<b>" not in html
