"""我的词汇: a whole band marked known in one step, a pasted list (unknown words reported),
known words listed, searched and removed; and the pages that apply known words."""

import pytest

from yingdu.learners.known import add_known, split_word_list
from yingdu.learners.models import KnownWord

pytestmark = pytest.mark.django_db
URL = "/me/vocabulary/"


def lemmas(user) -> list[str]:
    return sorted(KnownWord.objects.filter(user=user).values_list("lemma", flat=True))


def test_a_pasted_list_in_any_layout():
    assert split_word_list("lake, River，went\n\nbattery  lake;x、y") == [
        "lake", "River", "went", "battery", "x", "y"
    ]  # fmt: skip


def test_one_step_marks_every_junior_word(student, student_client, site_lexicon):
    page = student_client.get(URL).content.decode()
    assert "我已掌握全部中考词汇" in page
    response = student_client.post(URL, {"action": "band", "band": "junior"}, follow=True)
    assert set(lemmas(student)) == set(site_lexicon.lemmas_up_to("junior"))
    assert "全部中考词汇已标为认识" in response.content.decode()


def test_a_pasted_list_reports_unknown_words(student, student_client, site_lexicon):
    response = student_client.post(
        URL, {"action": "paste", "words": "lake\nbatteries, qwxzz"}, follow=True
    )
    assert lemmas(student) == ["battery", "lake"]
    text = response.content.decode()
    assert "1 个单词不在词库中" in text and "qwxzz" in text


def test_known_words_are_listed_searched_and_removed(student, student_client):
    add_known(student, ["lake", "lamp", "battery"])
    page = student_client.get(URL, {"q": "la"}).content.decode()
    assert 'value="lake"' in page and 'value="lamp"' in page and 'value="battery"' not in page
    student_client.post(URL, {"action": "remove", "lemma": ["lake", "battery"]})
    assert lemmas(student) == ["lamp"]


def test_a_learner_only_removes_their_own_words(student, other_student):
    from .conftest import signed_in

    add_known(student, ["lake"])
    signed_in(other_student).post(URL, {"action": "remove", "lemma": ["lake"]})
    assert lemmas(student) == ["lake"]
    assert "lake" not in signed_in(other_student).get(URL).content.decode()


def test_signed_in_pages_load_the_known_words_script(student_client, news):
    page = student_client.get(news[0].get_absolute_url()).content.decode()
    assert 'id="known-words"' in page and 'data-url="/api/me/known"' in page
    assert "我的词汇" in page


def test_anonymous_pages_are_unchanged(client, news):
    url = news[0].get_absolute_url()
    first = client.get(url).content
    assert b"known-words" not in first and b"known.js" not in first
    assert client.get(url).content == first  # the cached page, the same bytes
