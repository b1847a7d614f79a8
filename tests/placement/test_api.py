"""POST /api/placement and /api/placement/{id}/answer: a learner's test by token, a visitor's
by session, the result saved or remembered, and hostile inputs: wrong types, huge bodies,
other learners' ids, replayed answers, finished tests."""

import pytest
from django.test import Client

from yingdu.accounts.tokens import create_token
from yingdu.placement import engine
from yingdu.placement.models import PlacementTest
from yingdu.placement.service import SESSION_RESULT, latest_result

from .conftest import START, answer_url, bearer, finish, post, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def auth(student):
    return bearer(create_token(student, "tests")[1])


def test_a_learner_takes_the_test_by_token_and_the_result_is_saved(
    client, student, auth, site_lexicon
):
    started = post(client, START, **auth)
    assert started.status_code == 201
    body = started.json()
    assert body["item"]["n"] == 1 and body["item"]["kind"] in ("yesno", "choice")
    assert "correct" not in body["item"] and "band" not in body["item"]
    done = finish(client, body["id"], body["item"], **auth)
    assert done["band"] in engine.LEVELS
    assert set(done["by_band"]) == set(engine.BANDS)
    assert done["vocabulary_size"] > 0
    saved = latest_result(student)
    assert saved["band"] == done["band"] and saved["items"] <= engine.MAX_ITEMS


def test_a_visitor_takes_it_with_the_session_and_it_is_remembered(site_lexicon):
    visitor = Client()
    started = post(visitor, START)
    assert started.status_code == 201
    body = started.json()
    done = finish(visitor, body["id"], body["item"], choose=lambda item: False
                  if item["kind"] == "yesno" else 1)  # fmt: skip
    assert done["band"] == engine.LEVELS[0]
    assert visitor.session[SESSION_RESULT]["band"] == done["band"]
    stranger = Client()
    assert post(stranger, answer_url(body["id"]), {"answer": True}).status_code == 404


def test_other_learners_tests_are_404(client, student, other_student, auth, site_lexicon):
    theirs = post(signed_in(other_student), START).json()["id"]
    assert post(client, answer_url(theirs), {"answer": True}, **auth).status_code == 404
    for bad in ("not-a-uuid", "00000000-0000-0000-0000-000000000000", "1"):
        assert post(client, answer_url(bad), {"answer": True}, **auth).status_code == 404
    visitor_test = post(Client(), START).json()["id"]
    assert post(client, answer_url(visitor_test), {"answer": True}, **auth).status_code == 404


@pytest.mark.parametrize(
    "body",
    [{}, {"answer": "yes"}, {"answer": None}, {"answer": [True]}, {"answer": 1.5},
     {"answer": {"a": 1}}, {"answer": True, "n": "1"}, "not json", [True]],
)  # fmt: skip
def test_wrong_types_are_400_and_change_nothing(client, auth, body, site_lexicon):
    test_id = post(client, START, **auth).json()["id"]
    response = post(client, answer_url(test_id), body, **auth)
    assert response.status_code == 400 and "detail" in response.json()
    assert PlacementTest.objects.get(pk=test_id).state["answers"] == []


def test_an_answer_that_does_not_fit_the_item_is_400(client, auth, site_lexicon):
    test_id = post(client, START, **auth).json()["id"]
    test = PlacementTest.objects.get(pk=test_id)
    kind = test.state["items"][0]["kind"]
    wrong = 2 if kind == "yesno" else True
    response = post(client, answer_url(test_id), {"answer": wrong}, **auth)
    assert response.status_code == 400
    for index in (-1, 4, 10**12):
        test.state["items"][0] = {"kind": "choice", "word": "lake", "band": "primary",
                                  "options": ["湖", "山", "河", "海"], "correct": 0}  # fmt: skip
        test.save()
        assert post(client, answer_url(test_id), {"answer": index}, **auth).status_code == 400
    assert PlacementTest.objects.get(pk=test_id).state["answers"] == []


def test_a_huge_body_is_413_unread(client, auth, site_lexicon):
    test_id = post(client, START, **auth).json()["id"]
    huge = {"answer": True, "padding": ["x" * 1000] * 2000}
    assert post(client, answer_url(test_id), huge, **auth).status_code == 413


def test_a_replayed_answer_is_409_and_does_not_move_the_test(client, auth, site_lexicon):
    body = post(client, START, **auth).json()
    first = {"answer": body["item"]["kind"] == "yesno" or 0, "n": 1}
    if body["item"]["kind"] == "choice":
        first["answer"] = 0
    assert post(client, answer_url(body["id"]), first, **auth).status_code == 200
    replay = post(client, answer_url(body["id"]), first, **auth)
    assert replay.status_code == 409 and "n=2" in replay.json()["detail"]
    assert len(PlacementTest.objects.get(pk=body["id"]).state["answers"]) == 1


def test_a_finished_test_is_409(client, auth, site_lexicon):
    body = post(client, START, **auth).json()
    finish(client, body["id"], body["item"], **auth)
    again = post(client, answer_url(body["id"]), {"answer": True}, **auth)
    assert again.status_code == 409 and "detail" in again.json()


def test_a_bad_token_is_401_and_a_session_needs_csrf(student, site_lexicon):
    assert post(Client(), START, **bearer("yd_not-a-real-token")).status_code == 401
    strict = signed_in(student, enforce_csrf_checks=True)
    assert post(strict, START).status_code == 403
    assert not PlacementTest.objects.exists()


def test_the_items_are_the_servers_choice_and_at_most_sixty(client, auth, site_lexicon):
    body = post(client, START, **auth).json()
    finish(client, body["id"], body["item"], **auth)
    state = PlacementTest.objects.get(pk=body["id"]).state
    assert len(state["answers"]) <= engine.MAX_ITEMS
    words = [item["word"] for item in state["items"]]
    assert len(words) == len(set(words))
    pseudo = [item["word"] for item in state["items"] if item["band"] is None]
    assert pseudo and all(site_lexicon.resolve(word) is None for word in pseudo)


def test_the_openapi_document_lists_the_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/placement" in paths and "/api/placement/{test_id}/answer" in paths
