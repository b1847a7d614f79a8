"""The 词汇量测试 pages: anyone starts a test, answers one item a page, sees the result with
the level for the picker; a learner adds the words they did not know to the notebook;
another reader's test is 404; the tests are part of the account export and deletion."""

import re

import pytest
from django.test import Client

from tests.conftest import page_text
from yingdu.accounts import owned
from yingdu.notebook.models import Card
from yingdu.placement.models import PlacementTest

from .conftest import signed_in

pytestmark = pytest.mark.django_db


def take_test(client, know: bool) -> str:
    """Start and finish a test through the pages; the result page's URL."""
    response = client.post("/placement/")
    assert response.status_code == 302
    url = response["Location"]
    for _ in range(100):
        page = client.get(url)
        if page.status_code == 302:
            return page["Location"]
        html = page.content.decode()
        number = re.search(r'name="n" value="(\d+)"', html).group(1)
        answer = ("yes" if know else "no") if 'value="yes"' in html else "0"
        client.post(url, {"n": number, "answer": answer})
    raise AssertionError("the test never ended")


def test_a_visitor_takes_the_test_and_sees_the_level(site_lexicon):
    visitor = Client()
    assert "词汇量测试" in page_text(visitor.get("/placement/"))
    result_url = take_test(visitor, know=False)
    page = visitor.get(result_url)
    html = page.content.decode()
    assert 'data-placement-level="0"' in html and "你的阅读级别：小学" in page_text(page)
    assert "你上次的结果" in page_text(visitor.get("/placement/"))
    assert Client().get(result_url).status_code == 404


def test_a_learner_adds_the_words_not_known_to_the_notebook(student, other_student, site_lexicon):
    client = signed_in(student)
    result_url = take_test(client, know=False)
    test = PlacementTest.objects.get(user=student)
    unknown = test.result["unknown"]
    assert unknown and test.result["band"] == "primary"
    words = unknown[:3]
    client.post(result_url.replace("result/", "notebook/"), {"word": [*words, "notoffered"]})
    assert set(Card.objects.filter(user=student).values_list("lemma", flat=True)) <= set(words)
    assert Card.objects.filter(user=student).exists()
    assert signed_in(other_student).get(result_url).status_code == 404
    exported = owned.export_all(student)["placement_tests"]
    assert exported[0]["result"]["band"] == "primary"
    owned.delete_all(student)
    assert not PlacementTest.objects.filter(user=student).exists()


def test_a_repeated_or_bad_post_does_not_move_the_test(site_lexicon):
    visitor = Client()
    url = visitor.post("/placement/")["Location"]
    visitor.post(url, {"n": "1", "answer": "yes"})
    visitor.post(url, {"n": "1", "answer": "yes"})
    visitor.post(url, {"n": "2", "answer": "maybe"})
    assert len(PlacementTest.objects.get().state["answers"]) == 1
