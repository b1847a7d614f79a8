"""Placement fixtures: learners from the learners' tests, JSON helpers for the API, and a
loop that answers a test to its end."""

import json

import pytest

from tests.learners.conftest import bearer, make_learner, signed_in  # noqa: F401

START = "/api/placement"


def answer_url(test_id) -> str:
    return f"/api/placement/{test_id}/answer"


def post(client, url, body=None, **extra):
    data = "" if body is None else json.dumps(body)
    return client.post(url, data, content_type="application/json", **extra)


def plain_answer(item) -> bool | int:
    return True if item["kind"] == "yesno" else 0


def finish(client, test_id, item, choose=plain_answer, **extra) -> dict:
    """Answer every item with `choose(item)`; the final reply."""
    for _ in range(100):
        reply = post(client, answer_url(test_id), {"answer": choose(item)}, **extra)
        assert reply.status_code == 200, reply.content
        body = reply.json()
        if body.get("done"):
            return body
        item = body["item"]
    raise AssertionError("the test never ended")


@pytest.fixture
def student(db):
    return make_learner("xiaohong", display_name="小红")


@pytest.fixture
def other_student(db):
    return make_learner("xiaogang", display_name="小刚")
