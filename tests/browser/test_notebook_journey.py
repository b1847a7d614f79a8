"""A student on a phone: taps a highlighted word in a news item, adds it to 生词本, reviews it
the next day, sees the streak and downloads the Anki deck and the CSV. The "next day" is
made by moving the card's dates (added, due) and its study day one day back in the
database, as a night would; the live server's own clock is not touched."""

import datetime as dt
import sqlite3
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from yingdu.accounts.roles import STUDENT, grant
from yingdu.core.models import Status
from yingdu.news.models import NewsArticle, Section
from yingdu.notebook.models import Card, Day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCE = "Scientists say the resilient forests recovered quickly after the storm."
PASSWORD = "long-enough-pass-123"


@pytest.fixture
def item(live_server, site_lexicon):
    return NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Forests after the storm",
        body=f"{SENTENCE}\n\nVolunteers planted new trees in the spring.",
        status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip


def tap_word(page, text):
    page.locator(".w[data-g]", has_text=text).first.tap()
    return page.locator(".pop")


def test_anonymous_reader_is_asked_to_sign_in(phone, live_server, item):
    phone.goto(live_server.url + item.get_absolute_url())
    pop = tap_word(phone, "resilient")
    pop.get_by_role("button", name="加入生词本").tap()
    link = pop.get_by_role("link", name="登录后即可加入生词本")
    assert "/accounts/login/?next=" in link.get_attribute("href")
    assert not Card.objects.exists()


def test_student_adds_reviews_and_exports(phone, live_server, item, tmp_path):
    site = live_server.url
    user = sign_in(phone, site, "xiaoli", item.get_absolute_url())
    pop = tap_word(phone, "resilient")
    pop.get_by_role("button", name="加入生词本").tap()
    pop.locator("button.added").wait_for()
    assert "已加入生词本" in pop.inner_text()
    card = Card.objects.get(user=user)
    assert card.sentences.get().text == SENTENCE

    phone.goto(site + "/notebook/")
    assert phone.locator(".nb-sentence mark").first.inner_text() == "resilient"
    assert phone.locator(".nb-sentence a.source").first.inner_text() == item.title

    yesterday = timezone.now() - dt.timedelta(days=1)  # the night passes
    Card.objects.filter(pk=card.pk).update(created_at=yesterday, due=yesterday)
    card.sentences.update(created_at=yesterday)
    Day.objects.filter(user=user).update(day=F("day") - dt.timedelta(days=1))

    phone.goto(site + "/")
    assert phone.locator(".due-count").inner_text() == "1"
    phone.locator("a.due-link").tap()
    phone.wait_for_url("**/notebook/review/")
    assert phone.locator(".review-card .front mark").inner_text() == "resilient"
    phone.locator("summary.reveal").tap()
    easy = phone.get_by_role("button", name="简单")
    assert easy.bounding_box()["height"] >= 44, "large buttons on a phone"
    easy.tap()
    phone.locator(".review-done").wait_for()
    assert "连续打卡 2 天" in phone.locator(".streak").inner_text()
    card.refresh_from_db()
    assert card.due > timezone.now() + dt.timedelta(days=1)

    phone.goto(site + "/notebook/progress/")
    assert phone.locator("svg.chart").count() == 2
    assert "连续打卡 2 天" in phone.locator(".streak").inner_text()

    phone.goto(site + "/notebook/")
    with phone.expect_download() as apkg_download:
        phone.get_by_role("link", name="导出 Anki 卡组（.apkg）").tap()
    apkg = tmp_path / "deck.apkg"
    apkg_download.value.save_as(apkg)
    with zipfile.ZipFile(apkg) as package:
        package.extract("collection.anki2", tmp_path)
    notes = sqlite3.connect(tmp_path / "collection.anki2").execute("SELECT flds FROM notes")
    (fields,) = notes.fetchone()
    assert fields.startswith("resilient\x1f") and "<mark>resilient</mark>" in fields

    with phone.expect_download() as csv_download:
        phone.get_by_role("link", name="导出 CSV（Excel）").tap()
    csv_download.value.save_as(tmp_path / "words.csv")
    data = (tmp_path / "words.csv").read_bytes()
    assert data.startswith("\ufeff".encode()) and "resilient" in data.decode("utf-8-sig")

    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, "the notebook page fits a 375-px phone"


def sign_in(page, site, name, then):
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    grant(user, STUDENT)
    page.goto(site + "/accounts/login/?next=" + then)
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**" + then)
    page.wait_for_load_state()
    return user


def test_word_bank_button_and_keyboard_review_on_a_desktop(page, live_server, item):
    user = sign_in(page, live_server.url, "xiaowang", item.get_absolute_url())
    page.select_option("select.level-select", "0")  # 小学: every harder word in the bank
    entry = page.locator("li.wb", has_text="resilient")
    entry.get_by_role("button", name="加入生词本").click()
    entry.locator("button.added").wait_for()
    card = Card.objects.get(user=user)
    assert card.lemma == "resilient" and card.sentences.get().text == SENTENCE

    page.goto(live_server.url + "/notebook/review/")
    answer = page.locator("details.answer")
    assert answer.get_attribute("open") is None
    page.keyboard.press(" ")
    assert answer.get_attribute("open") is not None
    page.keyboard.press("4")  # 简单
    page.locator(".review-done").wait_for()
    assert card.reviews.get().rating == 4
