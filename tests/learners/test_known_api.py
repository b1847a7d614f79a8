"""GET/POST/DELETE /api/me/known by session or bearer token: words resolved to lemmas,
whole bands, unknown words reported, ETag revalidation, gzip, CSRF, and 401 without
credentials."""

import gzip
import json

import pytest
from django.test import Client

from yingdu.learners.models import KnownWord

from .conftest import bearer, signed_in

pytestmark = pytest.mark.django_db
URL = "/api/me/known"


def post(client, body, **extra):
    return client.post(URL, json.dumps(body), content_type="application/json", **extra)


def delete(client, body, **extra):
    return client.delete(URL, json.dumps(body), content_type="application/json", **extra)


def test_without_credentials_every_method_is_401(client):
    assert client.get(URL).status_code == 401
    assert post(client, {"lemmas": ["lake"]}).status_code == 401
    assert delete(client, {"lemmas": ["lake"]}).status_code == 401
    assert client.get(URL, **bearer("yd_not-a-real-token")).status_code == 401


def test_a_learner_marks_words_known_by_any_form(student_client, site_lexicon):
    response = post(student_client, {"lemmas": ["Batteries", "went", "zzqx"]})
    assert response.status_code == 200
    assert response.json() == {"added": 2, "count": 2, "unknown": ["zzqx"]}
    assert student_client.get(URL).json() == {"count": 2, "lemmas": ["battery", "go"]}
    again = post(student_client, {"lemmas": ["battery"]}).json()
    assert again["added"] == 0 and again["count"] == 2


def test_every_word_up_to_a_band(student_client, site_lexicon):
    added = post(student_client, {"up_to_band": "junior"}).json()
    lemmas = set(student_client.get(URL).json()["lemmas"])
    assert added["added"] == len(lemmas) > 100
    assert {"water", "school"} <= lemmas  # 小学 and 中考 words
    assert all(site_lexicon.band_of(lemma) in ("primary", "junior") for lemma in lemmas)


@pytest.mark.parametrize(
    "body", [{"up_to_band": "martian"}, {}, {"lemmas": ["a"], "up_to_band": "junior"}]
)
def test_bad_requests_are_400_and_change_nothing(student_client, site_lexicon, body):
    response = post(student_client, body)
    assert response.status_code == 400 and "detail" in response.json()
    assert not KnownWord.objects.exists()


def test_delete_forgets_words(student_client, site_lexicon):
    post(student_client, {"lemmas": ["lake", "battery"]})
    response = delete(student_client, {"lemmas": ["Lake", "never-known"]})
    assert response.json() == {"removed": 1, "count": 1}
    assert student_client.get(URL).json()["lemmas"] == ["battery"]


def test_the_etag_changes_with_the_set_and_revalidates_with_304(student_client, site_lexicon):
    first = student_client.get(URL)
    assert first["Cache-Control"] == "private, no-cache"
    etag = first["ETag"]
    assert student_client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304
    post(student_client, {"lemmas": ["lake"]})
    changed = student_client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    delete(student_client, {"lemmas": ["lake"]})
    assert student_client.get(URL, HTTP_IF_NONE_MATCH=changed["ETag"]).status_code == 200


def test_a_long_list_comes_gzipped_when_asked(student_client, site_lexicon):
    post(student_client, {"up_to_band": "junior"})
    response = student_client.get(URL, HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    data = json.loads(gzip.decompress(response.content))
    assert data["count"] == len(data["lemmas"]) > 100


def test_a_bearer_token_works_without_csrf(student, token, site_lexicon):
    client = Client(enforce_csrf_checks=True)
    response = post(client, {"lemmas": ["lake"]}, **bearer(token))
    assert response.status_code == 200
    assert client.get(URL, **bearer(token)).json()["lemmas"] == ["lake"]
    assert KnownWord.objects.get().user == student


def test_a_session_post_needs_the_csrf_token(student, site_lexicon):
    client = signed_in(student, enforce_csrf_checks=True)
    assert post(client, {"lemmas": ["lake"]}).status_code == 403
    assert not KnownWord.objects.exists()


def test_the_openapi_document_describes_the_learner_endpoints(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"get", "post", "delete"} <= set(paths["/api/me/known"])
    assert "get" in paths["/api/me/export"] and "delete" in paths["/api/me"]
