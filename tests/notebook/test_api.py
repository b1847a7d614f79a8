"""The learner notebook API: add, list, delete, review, export; 401 without credentials;
one learner never reaches another's cards."""

import csv
import datetime as dt
import io
import json

import pytest

from yingdu.notebook.models import Card, ReviewLog, Sentence

from .conftest import SENTENCE, post_json

pytestmark = pytest.mark.django_db


def add(client, word="abandoned", context=SENTENCE, **more):
    return post_json(client, "/api/me/words", {"word": word, "context": context, **more})


def test_add_word_creates_a_card_with_its_sentence_and_source(learner_client, learner, article):
    source = {"kind": "news", "id": article.pk}
    response = add(learner_client, source=source)
    assert response.status_code == 201, response.content
    data = response.json()
    assert set(data) == {"id", "lemma", "gloss", "band", "due"}
    assert data["lemma"] == "abandon"
    assert "\\u" not in response.content.decode()
    card = Card.objects.get(pk=data["id"], user=learner)
    sentence = card.sentences.get()
    assert sentence.text == SENTENCE
    assert sentence.parts[1] == "abandoned"
    assert (sentence.source_kind, sentence.source_id) == ("news", article.pk)
    assert sentence.source_url == article.get_absolute_url()
    assert sentence.source_title == article.title


def test_same_lemma_again_is_200_with_the_same_card_and_a_new_sentence(learner_client, article):
    first = add(learner_client).json()
    again = add(learner_client, "abandons", "She never abandons a friend.")
    assert again.status_code == 200
    assert again.json()["id"] == first["id"]
    repeat = add(learner_client)  # the first sentence once more: not stored twice
    assert repeat.status_code == 200
    assert Card.objects.count() == 1
    texts = list(Sentence.objects.values_list("text", flat=True))
    assert texts == [SENTENCE, "She never abandons a friend."]


def test_word_not_in_the_lexicon_is_404(learner_client, site_lexicon):
    response = add(learner_client, "qzxvbnmtt", "")
    assert response.status_code == 404
    assert "不在词库中" in response.json()["detail"]
    assert not Card.objects.exists()


def test_a_context_without_the_word_adds_the_card_without_it(learner_client, site_lexicon):
    response = add(learner_client, "abandon", "Nothing to see here.")
    assert response.status_code == 201
    card = Card.objects.get()
    assert card.lemma == "abandon" and not card.sentences.exists()


def test_unknown_source_is_404(learner_client, site_lexicon):
    response = add(learner_client, source={"kind": "news", "id": 999999})
    assert response.status_code == 404 and "来源" in response.json()["detail"]
    assert not Card.objects.exists()


def test_list_filters_and_pages(learner_client, article):
    add(learner_client)
    add(learner_client, "flood", SENTENCE)
    data = learner_client.get("/api/me/words").json()
    assert data["total"] == 2
    assert [item["lemma"] for item in data["items"]] == ["flood", "abandon"]  # newest first
    item = data["items"][1]
    assert item["sentences"][0]["text"] == SENTENCE and item["state"] == "new"
    band = item["band"]
    only = learner_client.get(f"/api/me/words?band={band}").json()
    assert all(i["band"] == band for i in only["items"])
    due = learner_client.get("/api/me/words?due=1").json()
    assert due["total"] == 2  # new cards are due at once
    assert learner_client.get("/api/me/words?page=2").json()["items"] == []


def test_review_saves_once_per_key_and_moves_the_due_date(learner_client, article):
    card_id = add(learner_client).json()["id"]
    path = f"/api/me/words/{card_id}/review"
    first = post_json(learner_client, path, {"rating": 3, "key": "k-1"})
    assert first.status_code == 200, first.content
    assert first.json()["state"] in {"learning", "review"}
    repeated = post_json(learner_client, path, {"rating": 3, "key": "k-1"})
    assert repeated.json()["due"] == first.json()["due"] and repeated.json()["repeated"]
    assert ReviewLog.objects.count() == 1
    easy = post_json(learner_client, path, {"rating": 4, "key": "k-2"}).json()
    assert easy["state"] == "review" and easy["due"] > first.json()["due"]
    assert ReviewLog.objects.count() == 2


@pytest.mark.parametrize("rating", [0, 5, "good", None])
def test_any_other_rating_is_400(learner_client, article, rating):
    card_id = add(learner_client).json()["id"]
    response = post_json(learner_client, f"/api/me/words/{card_id}/review", {"rating": rating})
    assert response.status_code == 400
    assert not ReviewLog.objects.exists()


def test_delete(learner_client, article):
    card_id = add(learner_client).json()["id"]
    assert learner_client.delete(f"/api/me/words/{card_id}").status_code == 204
    assert not Card.objects.exists() and not Sentence.objects.exists()
    assert learner_client.delete(f"/api/me/words/{card_id}").status_code == 404


def test_export_csv_has_a_bom_and_the_chinese_gloss(learner_client, article):
    add(learner_client, source={"kind": "news", "id": article.pk})
    response = learner_client.get("/api/me/words/export?format=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    raw = response.content
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:2] == ["word", "ipa"]
    assert rows[1][0] == "abandon" and SENTENCE in rows[1][5] and article.title in rows[1][6]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in rows[1][3])


def test_export_unknown_format_is_400(learner_client, site_lexicon):
    assert learner_client.get("/api/me/words/export?format=pdf").status_code == 400


ENDPOINTS = [
    ("post", "/api/me/words", {"word": "abandon"}),
    ("get", "/api/me/words", None),
    ("get", "/api/me/words?due=1", None),
    ("delete", "/api/me/words/{id}", None),
    ("post", "/api/me/words/{id}/review", {"rating": 3}),
    ("get", "/api/me/words/export?format=csv", None),
    ("get", "/api/me/words/export?format=apkg", None),
]


def call(client, method, path, payload):
    if payload is None:
        return getattr(client, method)(path)
    return post_json(client, path, payload)


@pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
def test_401_without_credentials(client, learner_client, article, method, path, payload):
    card_id = add(learner_client).json()["id"]
    response = call(client, method, path.format(id=card_id), payload)
    assert response.status_code == 401
    assert Card.objects.get().sentences.count() == 1 and not ReviewLog.objects.exists()


@pytest.mark.parametrize(("method", "path", "payload"), ENDPOINTS)
def test_another_learner_never_sees_or_changes_my_cards(
    learner_client, other_client, article, method, path, payload
):
    card_id = add(learner_client).json()["id"]
    response = call(other_client, method, path.format(id=card_id), payload)
    mine = Card.objects.get(pk=card_id)
    assert mine.sentences.count() == 1 and mine.last_review is None
    assert not ReviewLog.objects.exists()
    if "{id}" in path:
        assert response.status_code == 404
    elif path.startswith("/api/me/words/export"):
        assert b"abandon" not in response.content
    elif method == "get":
        assert response.json() == {"total": 0, "items": []}
    else:  # the other learner's own add: their own card, not mine
        assert response.status_code == 201
        assert Card.objects.filter(lemma="abandon").count() == 2


def test_openapi_documents_the_notebook(client):
    paths = json.loads(client.get("/api/openapi.json").content)["paths"]
    assert {"/api/me/words", "/api/me/words/{card_id}", "/api/me/words/{card_id}/review",
            "/api/me/words/export"} <= set(paths)  # fmt: skip


def test_list_answers_in_the_documented_shape(learner_client, article):
    """The list is built from plain rows, not through the schema: it must still be a
    CardPage, field for field, with every sentence's source."""
    from yingdu.notebook.api import CardDetail, CardPage, SentenceOut

    add(learner_client, source={"kind": "news", "id": article.pk})
    add(learner_client, "abandons", "She never abandons a friend.")
    data = learner_client.get("/api/me/words?due=1").json()
    page = CardPage.model_validate(data)
    assert page.total == 1 and len(page.items) == 1
    item = data["items"][0]
    assert set(item) == set(CardDetail.model_fields)
    assert [set(s) for s in item["sentences"]] == [set(SentenceOut.model_fields)] * 2
    first, second = item["sentences"]
    assert (first["source_kind"], first["source_id"]) == ("news", article.pk)
    assert first["source_title"] == article.title and second["source_id"] is None
    assert first["text"][first["start"] : first["end"]] == "abandoned"
    card = Card.objects.get(pk=item["id"])
    millisecond = dt.timedelta(milliseconds=1)  # JSON times carry milliseconds
    assert abs(page.items[0].due - card.due) < millisecond
    assert abs(page.items[0].added - card.created_at) < millisecond
