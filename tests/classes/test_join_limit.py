"""The limit on wrong join codes: counted per account and per address across the join page
and the API (one counter), refusing even a right code while locked, in Chinese on the page
and with 429 + Retry-After in the API; joins that succeed are not counted."""

import pytest
from django.urls import reverse

from tests.classes.conftest import client_for, post_json
from tests.learners.conftest import make_learner
from yingdu.classes.models import Membership

JOIN_API = "/api/classes/join"
LOCKED_ZH = "班级码输错次数过多"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.CLASS_JOIN_MAX_FAILURES = 3
    settings.CLASS_JOIN_IP_MAX_FAILURES = 5
    settings.CLASS_JOIN_LOCK_SECONDS = 900


def page_join(client, code, address="10.1.1.1"):
    return client.post(reverse("classes:join"), {"code": code}, REMOTE_ADDR=address)


def api_join(client, code, address="10.1.1.1"):
    return post_json(client, JOIN_API, {"code": code}, REMOTE_ADDR=address)


def is_member(user, school_class) -> bool:
    return Membership.objects.filter(school_class=school_class, student=user).exists()


def test_wrong_codes_on_the_page_and_in_the_api_share_one_count(school_class, outsider):
    client = client_for(outsider)
    assert page_join(client, "WRONG123").status_code == 200
    assert api_join(client, "WRONG234").status_code == 404
    assert page_join(client, "WRONG345").status_code == 200  # the third: now locked
    refused = page_join(client, school_class.join_code)  # even the right code waits
    assert refused.status_code == 429
    html = refused.content.decode()
    assert LOCKED_ZH in html and "15 分钟后再试" in html
    answer = api_join(client, school_class.join_code)
    assert answer.status_code == 429
    assert LOCKED_ZH in answer.json()["detail"]
    assert 0 < int(answer["Retry-After"]) <= 900
    assert not is_member(outsider, school_class)


def test_the_api_alone_locks_the_page(school_class, outsider):
    client = client_for(outsider)
    for code in ("WRONG123", "WRONG234", "WRONG345"):
        assert api_join(client, code).status_code == 404
    assert page_join(client, school_class.join_code).status_code == 429
    assert not is_member(outsider, school_class)


def test_joins_that_succeed_are_not_counted(school_class, outsider):
    client = client_for(outsider)
    for _ in range(4):  # joined, then already in the class: successes, never counted
        assert page_join(client, school_class.join_code).status_code == 302
        assert api_join(client, school_class.join_code).status_code == 200
    assert api_join(client, "WRONG123").status_code == 404
    assert page_join(client, "WRONG234").status_code == 200
    assert api_join(client, school_class.join_code).status_code == 200  # 2 wrong: still open
    assert page_join(client, "WRONG345").status_code == 200
    assert api_join(client, school_class.join_code).status_code == 429  # a success resets nothing


def test_one_address_is_limited_for_every_account_but_not_others(school_class):
    guessers = [make_learner(f"guess_{n}") for n in range(3)]
    wrong = iter(f"WRONG{n:03d}" for n in range(100))
    for guesser in guessers[:2]:  # 2 + 2 + 1 wrong codes from one address: its 5
        client = client_for(guesser)
        page_join(client, next(wrong))
        api_join(client, next(wrong))
    api_join(client_for(guessers[2]), next(wrong))
    fresh = make_learner("fresh_student")
    assert page_join(client_for(fresh), school_class.join_code).status_code == 429
    assert api_join(client_for(fresh), school_class.join_code).status_code == 429
    elsewhere = page_join(client_for(fresh), school_class.join_code, address="10.2.2.2")
    assert elsewhere.status_code == 302
    assert is_member(fresh, school_class)


def test_joining_ones_own_class_is_not_a_wrong_code(school_class, teacher):
    client = client_for(teacher)
    for _ in range(4):
        assert "不能加入自己的班级" in page_join(client, school_class.join_code).content.decode()
    assert page_join(client, "WRONG123").status_code == 200
