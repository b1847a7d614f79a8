"""The reading-aids JSON API: lookup, annotate, errors, OpenAPI, UTF-8 Chinese."""

import json

import pytest

from yingdu.text import HAN

pytestmark = pytest.mark.django_db


def post(client, payload, **extra):
    return client.post(
        "/api/annotate", data=json.dumps(payload), content_type="application/json", **extra
    )


def test_lookup_returns_chinese_as_utf8(client, site_lexicon):
    response = client.get("/api/words/children")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.content.decode("utf-8")
    assert "\\u" not in body
    data = json.loads(body)
    assert data["lemma"] == "child"
    assert data["band"] in {"primary", "junior"}
    assert any(HAN.search(gloss) for _, gloss in data["glosses"])


def test_unknown_word_is_404(client, site_lexicon):
    response = client.get("/api/words/qzxvbnmtt")
    assert response.status_code == 404
    assert "不在词库中" in response.json()["detail"]


SUMMARY_KEYS = {"level", "words", "distinct_lemmas", "above_level_ratio", "grade",
                "reading_minutes", "word_bank"}  # fmt: skip


def test_annotate_returns_the_summary_by_default(client, site_lexicon):
    response = post(client, {"text": "The children went to study biodiversity.", "level": "junior"})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == SUMMARY_KEYS  # no per-token detail unless asked for
    assert "biodiversity" in [entry["lemma"] for entry in data["word_bank"]]


def test_annotate_returns_tokens_when_asked(client, site_lexicon):
    text = "The children went to study biodiversity in London."
    response = post(client, {"text": text, "level": "junior", "tokens": True})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == SUMMARY_KEYS | {"tokens"}
    assert data["tokens"][-1]["text"] == "London" and data["tokens"][-1]["band"] is None
    assert data["tokens"][1] == {"text": "children", "start": 4, "end": 12, "lemma": "child",
                                 "band": data["tokens"][1]["band"]}  # fmt: skip
    assert "biodiversity" in [entry["lemma"] for entry in data["word_bank"]]


@pytest.mark.parametrize(
    "payload", [{"text": "hi", "level": "expert"}, {"level": "junior"}, {"text": 5, "level": []}]
)
def test_bad_parameters_are_400(client, site_lexicon, payload):
    response = post(client, payload)
    assert response.status_code == 400
    assert "detail" in response.json()


def test_malformed_json_is_400(client):
    response = client.post("/api/annotate", data="{not json", content_type="application/json")
    assert response.status_code == 400


def test_text_over_the_limit_is_413(client, site_lexicon, settings):
    settings.ANNOTATE_MAX_CHARS = 1000
    response = post(client, {"text": "word " * 1000, "level": "junior"})
    assert response.status_code == 413
    assert "文本太长" in response.json()["detail"]


def test_ten_megabytes_are_refused_before_reading(client):
    response = post(client, {"text": "x" * 10_000_000, "level": "junior"})
    assert response.status_code == 413
    assert "请求太大" in response.json()["detail"]


def test_openapi_document_lists_both_operations(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/words/{word}" in schema["paths"]
    assert "/api/annotate" in schema["paths"]
    assert "post" in schema["paths"]["/api/annotate"]
    assert "429" in schema["paths"]["/api/annotate"]["post"]["responses"]
    assert "tokens" in schema["components"]["schemas"]["AnnotateIn"]["properties"]
    assert "tokens" not in schema["components"]["schemas"]["AnnotateOut"]["required"]


def test_api_docs_use_no_cdn(client):
    html = client.get("/api/docs").content.decode()
    assert "cdn." not in html and "unpkg" not in html and "jsdelivr" not in html
