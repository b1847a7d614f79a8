"""A student on a phone: signs up with a display name, opens a news item, taps a highlighted
word, marks it known with 我认识 (its highlight and Word Bank row go, and stay gone after a
reload), then deletes the account on the confirm page."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from yingdu.learners.models import KnownWord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Spring-Rain-2026"


@pytest.fixture
def article(live_server, seeds_article):
    return seeds_article.get_absolute_url()


def highlighted(page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.w')]
             .filter(w => getComputedStyle(w).backgroundColor !== 'rgba(0, 0, 0, 0)')
             .map(w => w.textContent)"""
    )


def is_highlighted(word) -> bool:
    return word.evaluate("w => getComputedStyle(w).backgroundColor !== 'rgba(0, 0, 0, 0)'")


def no_sideways_scroll(phone) -> bool:
    return phone.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_sign_up_mark_a_word_known_and_delete_the_account(phone, live_server, article):
    phone.goto(f"{live_server.url}/accounts/signup/?next={article}")
    phone.fill("#id_username", "stu_phone")
    phone.fill("#id_display_name", "读书郎")
    phone.fill("#id_password1", PASSWORD)
    phone.fill("#id_password2", PASSWORD)
    phone.get_by_role("button", name="注册").click()
    phone.wait_for_url(f"**{article}")
    assert phone.locator(".site-header .user").inner_text() == "读书郎"
    assert "stu_phone" not in phone.content()
    assert no_sideways_scroll(phone)

    word = phone.locator(".w[data-g]", has_text="biodiversity").first
    before = highlighted(phone)
    assert "biodiversity" in before and len(before) > 1
    bank_row = phone.locator(".wb", has_text="biodiversity").first
    assert bank_row.is_visible()
    word.tap()
    known_button = phone.locator(".pop button.mark-known")
    assert known_button.inner_text() == "我认识"
    known_button.tap()
    phone.wait_for_function("() => document.querySelector('.w.known')")
    assert not is_highlighted(word) and not bank_row.is_visible()
    assert list(KnownWord.objects.values_list("lemma", flat=True)) == ["biodiversity"]
    assert no_sideways_scroll(phone)

    phone.reload()  # the known word stays plain: fetched from /api/me/known
    word = phone.locator(".w[data-g]", has_text="biodiversity").first
    phone.wait_for_function("() => document.querySelector('.w.known')")
    assert highlighted(phone) == [w for w in before if w != "biodiversity"]

    phone.locator(".site-header").get_by_role("link", name="我的词汇").tap()
    phone.wait_for_url("**/me/vocabulary/")
    assert "biodiversity" in phone.locator(".known-list").inner_text()
    assert no_sideways_scroll(phone)

    phone.locator(".site-header .user").tap()
    phone.wait_for_url("**/accounts/settings/")
    assert no_sideways_scroll(phone)
    phone.get_by_role("link", name="注销账户").tap()
    phone.fill("#id_password", PASSWORD)
    phone.get_by_role("button", name="永久注销我的账户").tap()
    expect(phone.locator("h1")).to_have_text("账户已注销")
    assert not User.objects.filter(username="stu_phone").exists()
    assert not KnownWord.objects.exists()
    assert phone.locator(".site-header .user").count() == 0
