"""Coverage of an item for a learner (known words, mastered band, well-reviewed cards) and for
visitors by level; the profile rows kept at annotation; GET /api/me/coverage and
/api/me/recommendations, with bad and hostile parameters."""

import datetime as dt
import json
import re

import pytest
from django.test import Client
from django.utils import timezone

from tests.conftest import page_text
from yingdu.accounts.tokens import create_token
from yingdu.core.models import Status
from yingdu.learners.models import KnownWord
from yingdu.news.models import NewsArticle, Section
from yingdu.notebook.models import Card
from yingdu.placement import coverage
from yingdu.placement.models import ItemProfile, PlacementTest

from .conftest import bearer, signed_in

pytestmark = pytest.mark.django_db
EASY = "The cat sat on the mat. The dog ran to the park. We like to play in the sun."
HARD = "Ubiquitous ephemeral paradigms notwithstanding, the jurisprudence remained obfuscated."


def story(title, body, **extra):
    return NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title=title, body=body, status=Status.PUBLISHED,
        published_at=timezone.now() - dt.timedelta(hours=1), **extra,
    )  # fmt: skip


@pytest.fixture
def stories(site_lexicon):
    return [story("Easy cats", EASY), story("Hard words", HARD)]


@pytest.fixture
def auth(student):
    return bearer(create_token(student, "tests")[1])


def mastered(user, band):
    PlacementTest.objects.create(
        user=user, state={}, finished_at=timezone.now(),
        result={"band": band, "mastered": band, "vocabulary_size": 1000, "by_band": {}},
    )  # fmt: skip


def test_a_profile_row_follows_each_english_item(stories):
    easy, hard = stories
    row = ItemProfile.objects.get(kind="news", object_id=easy.pk)
    assert row.url == easy.get_absolute_url() and row.published
    assert row.words == easy.reading["profile"]["words"] == sum(row.band_tokens) > 10
    hard.delete()
    assert not ItemProfile.objects.filter(object_id=hard.pk).exists()


def test_coverage_counts_known_words_mastered_bands_and_reviewed_cards(
    client, student, auth, stories
):
    hard = stories[1]
    url = "/api/me/coverage"
    before = client.get(url, {"url": hard.get_absolute_url()}, **auth).json()
    assert "ubiquitous" in before["unknown"]
    KnownWord.objects.create(user=student, lemma="ubiquitous")
    Card.objects.create(user=student, lemma="ephemeral", band="cet6", state=2, stability=30)
    Card.objects.create(user=student, lemma="paradigm", band="cet6", state=1, stability=1)
    after = client.get(url, {"url": f"http://x{hard.get_absolute_url()}"}, **auth).json()
    assert after["coverage"] > before["coverage"]
    assert {"ubiquitous", "ephemeral"}.isdisjoint(after["unknown"])
    assert "paradigm" in after["unknown"]
    mastered(student, "kaoyan")
    top = client.get(url, {"url": "/en" + hard.get_absolute_url()}, **auth).json()
    assert top["coverage"] >= after["coverage"] and len(top["unknown"]) < len(after["unknown"])


@pytest.mark.parametrize("query", [{"url": "/nowhere/"}, {"url": "x" * 600}, {}])
def test_coverage_of_no_item_is_404_or_400(client, auth, stories, query):
    status = client.get("/api/me/coverage", query, **auth).status_code
    assert status in (400, 404)


def test_drafts_have_no_coverage(client, auth, site_lexicon):
    draft = story("Draft", EASY)
    draft.status = Status.DRAFT
    draft.save()
    response = client.get("/api/me/coverage", {"url": draft.get_absolute_url()}, **auth)
    assert response.status_code == 404


def test_recommendations_put_the_comfortable_band_first(client, student, auth, stories):
    mastered(student, "primary")
    body = client.get("/api/me/recommendations", {"limit": 5}, **auth).json()
    titles = [item["title"] for item in body["items"]]
    assert titles[0] == "Easy cats" and "Hard words" in titles
    assert all(set(item) == {"title", "url", "kind", "coverage"} for item in body["items"])
    only = client.get("/api/me/recommendations", {"kind": "news", "limit": 1}, **auth).json()
    assert len(only["items"]) == 1


@pytest.mark.parametrize(
    "query", [{"limit": 0}, {"limit": 51}, {"limit": "many"}, {"kind": "martian"},
              {"kind": "zh_news"}],
)  # fmt: skip
def test_bad_recommendation_parameters_are_400(client, auth, stories, query):
    assert client.get("/api/me/recommendations", query, **auth).status_code == 400


def test_without_credentials_the_reader_api_is_401(stories):
    assert Client().get("/api/me/recommendations").status_code == 401
    assert Client().get("/api/me/coverage", {"url": "/"}).status_code == 401


def test_item_pages_and_rows_show_the_coverage(student, stories):
    easy = stories[0]
    mastered(student, "junior")
    text = page_text(signed_in(student).get(easy.get_absolute_url()))
    assert "你认识约" in text and "的词" in text
    visitor = Client().get("/news/international/").content.decode()
    assert 'class="coverage" data-by-level="' in visitor


def test_suggested_page_and_home_box(student, stories):
    client = signed_in(student)
    page = page_text(client.get("/suggested/"))
    assert "适合你读" in page and "Easy cats" in page
    assert "Easy cats" in page_text(client.get("/"))


def test_exact_and_estimated_coverage_agree_for_a_level_reader(stories):
    easy = stories[0]
    profile = easy.reading["profile"]
    reader = coverage.level_reader("junior")
    exact = coverage.exact(profile, reader)[0]
    estimated = coverage.estimate(profile["bands"], reader.shares)
    assert exact == pytest.approx(estimated)


def word_bank_rows(response) -> dict[str, bool]:
    """The Word Bank of an item page: lemma -> marked known (rows follow the glossary)."""
    html = response.content.decode()
    glossary = json.loads(re.search(r'id="glossary">(.*?)</script>', html, re.S).group(1))
    marks = re.findall(r'<li class="wb b\d( known)?">', html)
    assert len(marks) == len(glossary) > 0
    return {entry["l"]: bool(mark) for entry, mark in zip(glossary, marks, strict=True)}


def test_the_word_bank_drops_exactly_the_words_coverage_counts_known(student, auth, stories):
    hard = stories[1]
    client = signed_in(student)
    before = word_bank_rows(client.get(hard.get_absolute_url()))
    assert not any(before.values()), "nothing is known yet"
    assert {"ubiquitous", "ephemeral", "paradigm"} <= set(before)
    KnownWord.objects.create(user=student, lemma="ubiquitous")
    Card.objects.create(user=student, lemma="ephemeral", band="cet6", state=2, stability=30)
    Card.objects.create(user=student, lemma="paradigm", band="cet6", state=1, stability=1)
    mastered(student, "junior")
    page = client.get(hard.get_absolute_url())
    rows = word_bank_rows(page)
    assert rows["ubiquitous"] and rows["ephemeral"] and not rows["paradigm"]
    unknown = set(
        client.get("/api/me/coverage", {"url": hard.get_absolute_url()}, **auth).json()["unknown"]
    )
    lemmas = set(hard.reading["profile"]["lemmas"])
    assert {
        lemma for lemma, known in rows.items() if lemma in lemmas and not known
    } == unknown & set(rows)
    bands = {e["lemma"]: e["band"] for e in hard.reading["bank"]}
    assert all(rows[lemma] for lemma, band in bands.items() if band in ("primary", "junior"))


def test_visitors_get_the_whole_word_bank(stories):
    rows = word_bank_rows(Client().get(stories[1].get_absolute_url()))
    assert not any(rows.values())


def test_list_rows_and_item_pages_give_the_same_figure(stories):
    profile = stories[1].reading["profile"]
    rows = coverage.by_band(profile["lemmas"])
    lemmas = sorted(profile["lemmas"])
    readers = [coverage.Reader(), coverage.level_reader("junior"),
               coverage.Reader(1, frozenset(lemmas[::2]), ())]  # fmt: skip
    for reader in readers:
        share = coverage.known_share(rows, profile["words"], reader)
        assert share == pytest.approx(coverage.exact(profile, reader)[0])
    assert coverage.known_share(rows, profile["words"], readers[0]) < coverage.known_share(
        rows, profile["words"], readers[2]
    )
