"""Notebook logic with the clock moved by passing `now`: due today, streak, goals,
sentences, exports (the .apkg opened as the zip + SQLite collection it is), ownership."""

import datetime as dt
import json
import sqlite3
import zipfile
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from yingdu.accounts import owned
from yingdu.notebook import charts, exports, sentences, service
from yingdu.notebook.models import Card, Goal, ReviewLog, Sentence

from .conftest import SENTENCE

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


def local(days=0, hour=9):
    today = timezone.localdate()
    moment = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour))
    return timezone.make_aware(moment)


def test_locate_marks_the_tapped_form_or_any_form_of_the_lemma(site_lexicon):
    assert sentences.locate("He went home.", "go", "went") == (3, 7)
    assert sentences.locate("He went home.", "go", "", site_lexicon.lemma_of) == (3, 7)
    assert sentences.locate("Take part in it.", "take part in") == (0, 12)
    assert sentences.locate("Nothing here.", "go", "", site_lexicon.lemma_of) is None
    text, span = sentences.window("x " * 400 + "target" + " y" * 400, (800, 806), 100)
    assert len(text) == 100 and text[span[0] : span[1]] == "target"


def test_a_new_card_is_due_today_and_good_answers_push_it_to_later_days(learner, article):
    now = local(hour=9)
    card, created = service.add_word(learner, "abandoned", SENTENCE, now=now)
    assert created and service.due_count(learner, now) == 1
    for n, rating in enumerate((3, 3, 3)):
        if service.next_due(learner, now + n * dt.timedelta(minutes=11)) is None:
            break
        service.review(learner, card.pk, rating, now=now + n * dt.timedelta(minutes=11))
    card.refresh_from_db()
    assert card.state == 2 and card.due.date() > now.date()
    assert service.due_count(learner, now + dt.timedelta(hours=1)) == 0
    assert service.due_count(learner, card.due + dt.timedelta(minutes=1)) == 1


def test_again_brings_the_card_back_the_same_day(learner, article):
    now = local(hour=9)
    card = service.add_word(learner, "flood", SENTENCE, now=now)[0]
    service.review(learner, card.pk, 1, now=now)
    card.refresh_from_db()
    assert card.due < service.end_of_today(now)
    assert service.next_due(learner, now + dt.timedelta(minutes=5)) == (card, "word")


def test_streak_counts_days_in_a_row_with_reviews_or_new_words(learner, article):
    assert service.streak(learner, local()) == 0
    card = service.add_word(learner, "abandoned", SENTENCE, now=local(-3))[0]
    service.review(learner, card.pk, 3, now=local(-2))
    service.review(learner, card.pk, 3, now=local(-1))
    assert service.streak(learner, local()) == 3  # today not studied yet: still running
    service.review(learner, card.pk, 3, now=local(0))
    assert service.streak(learner, local()) == 4
    assert service.streak(learner, local(2)) == 0  # a day missed breaks it
    assert service.today_counts(learner, local(0)) == {"reviews": 1, "new_words": 0}
    assert service.today_counts(learner, local(-3)) == {"reviews": 0, "new_words": 1}


def test_per_day_uses_the_local_day(learner, article, settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    timezone.activate("Asia/Shanghai")
    late = local(-1, hour=23)  # 23:00 in Beijing is 15:00 UTC the same day
    card = service.add_word(learner, "flood", SENTENCE, now=late)[0]
    service.review(learner, card.pk, 3, now=late)
    counts = service.per_day(learner, 3, local())
    assert counts["reviews"] == {late.date(): 1}


def test_goal_spelling_starts_spelling_schedules(learner, article):
    card = service.add_word(learner, "flood", SENTENCE)[0]
    service.save_goal(learner, 30, 5, True)
    card.refresh_from_db()
    assert card.spell_state == 1 and card.spell_due is not None
    new = service.add_word(learner, "abandoned", SENTENCE)[0]
    assert new.spell_due is not None  # added while spelling is on
    log, fresh = service.review(learner, card.pk, 4, direction="spell", key="s1")
    assert fresh and log.direction == "spell"
    card.refresh_from_db()
    assert card.spell_last_review is not None and card.last_review is None
    service.save_goal(learner, 30, 5, False)
    with pytest.raises(service.NotebookError):
        service.review(learner, card.pk, 3, direction="spell")


def test_review_of_another_learners_card_is_refused(learner, other, article):
    card = service.add_word(learner, "flood", SENTENCE)[0]
    with pytest.raises(Card.DoesNotExist):
        service.review(other, card.pk, 3)
    assert not ReviewLog.objects.exists()


def test_deleting_a_card_keeps_its_review_history(learner, article):
    card = service.add_word(learner, "flood", SENTENCE)[0]
    service.review(learner, card.pk, 3)
    card.delete()
    assert ReviewLog.objects.get().lemma == "flood"
    assert service.streak(learner) == 1


def test_apkg_is_a_zip_holding_the_collection_with_the_note(learner, article, tmp_path):
    service.add_word(learner, "abandoned", SENTENCE, ("news", article.pk))
    data, content_type, name = exports.export(learner, "apkg")
    path = tmp_path / name
    path.write_bytes(data)
    with zipfile.ZipFile(path) as package:
        assert "collection.anki2" in package.namelist()
        package.extract("collection.anki2", tmp_path)
    with sqlite3.connect(tmp_path / "collection.anki2") as db:
        (fields,) = db.execute("SELECT flds FROM notes").fetchone()
    word, ipa, gloss, band, sentence_html, source = fields.split("\x1f")
    assert word == "abandon" and ipa and gloss and band
    assert "Farmers <mark>abandoned</mark> the village" in sentence_html
    assert source == article.title
    again = exports.export(learner, "apkg")[0]
    path.write_bytes(again)
    with zipfile.ZipFile(path) as package:  # the same guid: Anki updates, not duplicates
        package.extract("collection.anki2", tmp_path / "2")
    guid = "SELECT guid FROM notes"
    second = sqlite3.connect(tmp_path / "2" / "collection.anki2").execute(guid).fetchall()
    first = sqlite3.connect(tmp_path / "collection.anki2").execute(guid).fetchall()
    assert second == first


def test_charts_are_svg_with_one_bar_per_day_and_band():
    today = dt.date(2026, 12, 1)
    svg = charts.reviews_per_day({today: 5, today - DAY: 2}, today)
    root = ElementTree.fromstring(str(svg))
    rects = root.findall("{http://www.w3.org/2000/svg}rect")
    assert len(rects) == charts.DAYS
    assert float(rects[-1].get("height")) > float(rects[-2].get("height")) > 0
    bands = ElementTree.fromstring(str(charts.words_per_band({"cet4": 7, "junior": 3})))
    widths = [float(r.get("width")) for r in bands.findall("{http://www.w3.org/2000/svg}rect")]
    assert len(widths) == 7 and widths[3] > widths[1] > 0 == widths[0]
    assert "<script" not in str(svg)


def test_owned_sections_export_and_delete_every_notebook_row(learner, other, article):
    card = service.add_word(learner, "abandoned", SENTENCE, ("news", article.pk))[0]
    service.review(learner, card.pk, 3, key="k")
    service.save_goal(learner, 12, 4, False)
    theirs = service.add_word(other, "flood", SENTENCE)[0]
    data = owned.export_all(learner)["notebook"]
    assert [c["lemma"] for c in data["cards"]] == ["abandon"]
    assert data["sentences"][0]["text"] == SENTENCE
    assert data["reviews"][0]["rating"] == 3 and data["goal"]["reviews_per_day"] == 12
    json.dumps(data)  # JSON-ready
    removed = owned.delete_all(learner)["notebook"]
    assert data["days"] == [{"day": timezone.localdate().isoformat(), "reviews": 1,
                             "new_words": 1}]  # fmt: skip
    assert removed == 5  # review, card, sentence, goal, day
    assert not Card.objects.filter(user=learner).exists()
    assert not ReviewLog.objects.filter(user=learner).exists()
    assert not Goal.objects.filter(user=learner).exists()
    assert Card.objects.get() == theirs and Sentence.objects.get().card == theirs


def test_next_due_and_count_agree_with_next_due_and_due_count(learner, article):
    now = local(hour=9)
    assert service.next_due_and_count(learner, now) == (None, 0)
    first = service.add_word(learner, "abandoned", SENTENCE, now=now)[0]
    service.add_word(learner, "flood", SENTENCE, now=now + dt.timedelta(minutes=1))
    later = now + dt.timedelta(minutes=2)
    assert service.next_due_and_count(learner, later) == ((first, "word"), 2)
    service.save_goal(learner, 20, 5, spelling=True, now=later)  # a spelling card each
    both = service.next_due_and_count(learner, later)
    assert both == (service.next_due(learner, later), service.due_count(learner, later))
    assert both[1] == 4
    service.review(learner, first.pk, 4, now=later)
    after = service.next_due_and_count(learner, later)
    assert after[1] == service.due_count(learner, later) == 3


def test_today_and_streak_agree_with_today_counts_and_streak(learner, article):
    for days in (-2, -1, 0):
        service.count_day(learner, local(days), reviews=days + 3)
    today, streak = service.today_and_streak(learner, local())
    assert today == service.today_counts(learner, local()) == {"reviews": 3, "new_words": 0}
    assert streak == service.streak(learner, local()) == 3
