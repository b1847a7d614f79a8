"""Rate limits of the JSON API (issue 10, defect 5): each client has a per-minute allowance,
smaller for anonymous callers; a spent allowance gets 429 with Retry-After; long texts cost
more than short ones."""

import json

import pytest
from django.contrib.auth.models import User

pytestmark = [pytest.mark.django_db, pytest.mark.attack]


def annotate(client, text, **extra):
    payload = json.dumps({"text": text, "level": "junior"})
    return client.post("/api/annotate", data=payload, content_type="application/json", **extra)


def test_anonymous_callers_get_429_with_retry_after(client, site_lexicon, settings):
    settings.API_ANON_PER_MINUTE = 5
    statuses = [client.get("/api/words/apple").status_code for _ in range(5)]
    assert statuses == [200] * 5
    refused = annotate(client, "One more try.")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 60
    assert "请求太频繁" in refused.json()["detail"]
    # Another address has its own allowance.
    assert client.get("/api/words/apple", REMOTE_ADDR="10.9.8.7").status_code == 200


def test_long_texts_spend_the_allowance_faster(client, site_lexicon, settings):
    settings.API_ANON_PER_MINUTE = 10
    sentences = "Students plant trees. " * settings.API_CHARS_PER_UNIT
    long_text = sentences[: settings.API_CHARS_PER_UNIT * 5]  # costs 1 + 5 units
    assert annotate(client, long_text).status_code == 200
    assert annotate(client, long_text).status_code == 429


def test_signed_in_users_have_a_larger_allowance_of_their_own(client, site_lexicon, settings):
    settings.API_ANON_PER_MINUTE, settings.API_USER_PER_MINUTE = 2, 6
    for _ in range(2):
        client.get("/api/words/apple")
    assert client.get("/api/words/apple").status_code == 429
    User.objects.create_user("reader", password="a-long-test-password")
    client.login(username="reader", password="a-long-test-password")
    statuses = [client.get("/api/words/apple").status_code for _ in range(7)]
    assert statuses == [200] * 6 + [429]


def test_a_trusted_proxy_names_the_client(client, site_lexicon, settings):
    settings.API_ANON_PER_MINUTE = 1
    via_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert (
        client.get("/api/words/apple", HTTP_X_FORWARDED_FOR="1.1.1.1", **via_proxy).status_code
        == 200
    )
    assert (
        client.get("/api/words/apple", HTTP_X_FORWARDED_FOR="2.2.2.2", **via_proxy).status_code
        == 200
    )
    assert (
        client.get("/api/words/apple", HTTP_X_FORWARDED_FOR="2.2.2.2", **via_proxy).status_code
        == 429
    )
    # An untrusted caller cannot pick its own address.
    direct = {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "3.3.3.3"}
    assert client.get("/api/words/apple", **direct).status_code == 200
    assert client.get("/api/words/apple", REMOTE_ADDR="203.0.113.9",
                      HTTP_X_FORWARDED_FOR="4.4.4.4").status_code == 429  # fmt: skip
