"""The notebook pages (我的生词本, 复习, 学习进度): sign-in required, only one's own cards,
CSRF on every change, the header's due count only on signed-in (uncached) pages."""

import re

import pytest
from django.test import Client

from yingdu.lexicon import BAND_LABELS
from yingdu.notebook import service
from yingdu.notebook.models import Card, Goal, ReviewLog

from .conftest import SENTENCE, client_for

pytestmark = pytest.mark.django_db

PAGES = ["/notebook/", "/notebook/review/", "/notebook/progress/"]


@pytest.fixture
def card(learner, article):
    return service.add_word(learner, "abandoned", SENTENCE, ("news", article.pk))[0]


@pytest.mark.parametrize("path", PAGES)
def test_anonymous_readers_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_anonymous_cannot_delete_or_review(client, card):
    assert client.post(f"/notebook/{card.pk}/delete/").status_code == 302
    data = {"card_id": card.pk, "direction": "word", "rating": 3, "key": "x" * 8}
    assert client.post("/notebook/review/", data).status_code == 302
    assert Card.objects.filter(pk=card.pk).exists() and not ReviewLog.objects.exists()


def test_notebook_lists_the_word_with_its_sentence_marked(learner_client, card, article):
    html = learner_client.get("/notebook/").content.decode()
    assert "abandon" in html and card.gloss in html
    assert "Farmers <mark>abandoned</mark> the village" in html
    assert f'href="{article.get_absolute_url()}"' in html and article.title in html
    assert card.ipa in html and "生词本" in html


def test_filters_and_search(learner_client, learner, card):
    service.add_word(learner, "flood", SENTENCE)  # no source
    page = learner_client.get

    def words(query):
        html = page("/notebook/" + query).content.decode()
        return re.findall(r'<span class="lemma" lang="en">([^<]+)</span>', html)

    assert sorted(words("")) == ["abandon", "flood"]
    assert words("?source=news") == ["abandon"]
    assert words("?q=flo") == ["flood"]
    assert words(f"?q={card.gloss[:2]}") == ["abandon"]
    same_band = Card.objects.filter(band=card.band).order_by("-created_at", "-id")
    assert words(f"?band={card.band}") == [c.lemma for c in same_band]
    assert words("?band=nonsense") != []  # an unknown band is ignored, not an error


def test_another_learner_sees_nothing_of_mine(other_client, card):
    html = other_client.get("/notebook/").content.decode()
    assert "abandon" not in html
    assert other_client.get(f"/notebook/{card.pk}/delete/").status_code == 404
    assert other_client.post(f"/notebook/{card.pk}/delete/").status_code == 404
    review = other_client.get("/notebook/review/").content.decode()
    assert "abandon" not in review
    data = {"card_id": card.pk, "direction": "word", "rating": 3, "key": "k" * 10}
    assert other_client.post("/notebook/review/", data).status_code == 404
    assert Card.objects.filter(pk=card.pk).exists() and not ReviewLog.objects.exists()


def test_delete_asks_then_deletes_with_csrf(learner, card):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    confirm = client.get(f"/notebook/{card.pk}/delete/")
    assert confirm.status_code == 200 and "abandon" in confirm.content.decode()
    assert client.post(f"/notebook/{card.pk}/delete/").status_code == 403  # no token
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', confirm.content.decode())
    response = client.post(f"/notebook/{card.pk}/delete/", {"csrfmiddlewaretoken": token[1]})
    assert response.status_code == 302 and not Card.objects.exists()


def review_form(html):
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', html))
    return {k: fields[k] for k in ("card_id", "direction", "key", "csrfmiddlewaretoken")}


def test_review_once_even_if_the_form_is_sent_twice(learner, card):
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    html = client.get("/notebook/review/").content.decode()
    assert "Farmers <mark>abandoned</mark>" in html
    for label in ("重来", "困难", "良好", "简单"):
        assert label in html
    form = review_form(html)
    assert client.post("/notebook/review/", {**form, "rating": 4}).status_code == 302
    assert client.post("/notebook/review/", {**form, "rating": 4}).status_code == 302
    assert ReviewLog.objects.count() == 1
    card.refresh_from_db()
    assert card.state == 2 and card.due > card.last_review
    done = client.get("/notebook/review/").content.decode()
    assert "今天没有要复习的了" in done


def test_spelling_cards_when_turned_on(learner_client, learner, card):
    response = learner_client.post(
        "/notebook/progress/", {"reviews_per_day": 10, "new_words_per_day": 3, "spelling": "on"}
    )
    assert response.status_code == 302
    assert Goal.objects.get(user=learner).spelling
    card.refresh_from_db()
    assert card.spell_due is not None
    fresh = type(learner).objects.get(pk=learner.pk)  # goal_of() caches on the user object
    assert service.due_count(fresh) == 2
    card.due = card.spell_due.replace(year=card.spell_due.year + 1)
    card.save()
    html = learner_client.get("/notebook/review/").content.decode()
    assert 'data-direction="spell"' in html and card.gloss in html
    front = html.split('<details class="answer">')[0]
    assert "abandoned" not in front.split('<section class="review-card')[1]


def test_review_page_counts_due_cards_once_for_the_page_and_the_header(
    learner_client, learner, card
):
    service.add_word(learner, "flood", SENTENCE)
    service.save_goal(learner, 20, 5, spelling=True)  # two directions: four cards due
    html = learner_client.get("/notebook/review/").content.decode()
    assert re.search(r'class="due-count">4<', html)
    assert re.search(r'<span class="due-left">[^<]*4', html)


def test_notebook_page_escapes_what_learners_saved(learner_client, learner, site_lexicon):
    service.add_word(learner, "flood", 'A "flood" <script>alert(1)</script> came & went.')
    html = learner_client.get("/notebook/").content.decode()
    main = html.split("<main")[1].split("</main>")[0]
    assert "<script>" not in main and "&lt;script&gt;alert(1)&lt;/script&gt;" in main
    assert "&quot;<mark>flood</mark>&quot;" in main and "came &amp; went" in main


def test_progress_page_draws_svg_charts(learner_client, learner, card):
    service.review(learner, card.pk, 3, key="a")
    html = learner_client.get("/notebook/progress/").content.decode()
    assert html.count("<svg") == 2 and "连续打卡 1 天" in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_header_due_count_only_for_signed_in_learners(client, learner, card, article):
    mine = client_for(learner).get(article.get_absolute_url()).content.decode()
    assert re.search(r'class="due-count">1<', mine)
    assert 'data-learner="1"' in mine and 'name="csrf-token"' in mine
    anonymous = client.get(article.get_absolute_url())
    html = anonymous.content.decode()
    assert "due-count" not in html and "data-learner" not in html and "csrf-token" not in html
    assert 'class="wb-add"' in html and 'data-kind="news"' in html
    assert "csrftoken" not in anonymous.cookies


def test_anonymous_item_pages_are_still_cached(client, article, settings):
    url = article.get_absolute_url()
    first = client.get(url)
    article.__class__.objects.filter(pk=article.pk).update(title="Changed behind the cache")
    assert client.get(url).content == first.content  # served from the page cache


def test_words_per_band_counts_known_words_and_cards_once(learner_client, learner, card):
    from yingdu.aids.service import current_lexicon
    from yingdu.learners import known

    lexicon = current_lexicon()
    band = lexicon.band_of(card.lemma)
    label = BAND_LABELS[band]
    known.add_known(learner, [card.lemma])  # a card marked known counts once
    html = learner_client.get("/notebook/progress/").content.decode()
    assert f"<title>{label}: 1</title>" in html
    extra = next(w for w in ("cat", "dog", "book", "red") if lexicon.band_of(w) == "primary")
    known.add_known(learner, [extra])
    html = learner_client.get("/notebook/progress/").content.decode()
    primary = BAND_LABELS["primary"]
    expected = 2 if band == "primary" else 1
    assert f"<title>{primary}: {expected}</title>" in html
