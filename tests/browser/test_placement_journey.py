"""A visitor on a phone takes the vocabulary test (knowing every word and meaning asked),
sees the level set in the header's picker, opens 适合你读, opens an item and sees how much
of it they know at that level."""

import re

import pytest
from playwright.sync_api import expect

from yingdu.placement.models import PlacementTest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_take_the_test_see_the_level_and_the_coverage(phone, live_server, seeds_article):
    phone.goto(f"{live_server.url}/placement/")
    with phone.expect_navigation():
        phone.get_by_role("button", name="开始测试").tap()
    for _ in range(70):
        if "/result/" in phone.url:
            break
        word = phone.locator(".placement-word").inner_text()
        test = PlacementTest.objects.order_by("-started_at").first()
        item = next(i for i in reversed(test.state["items"]) if i["word"] == word)
        if item["kind"] == "choice":
            button = phone.locator(".placement-answers button").nth(item["correct"])
        else:
            button = phone.get_by_role("button", name="认识", exact=True)
        with phone.expect_navigation():
            button.tap()
    assert "/result/" in phone.url
    expect(phone.locator(".placement-level")).to_contain_text("你的阅读级别")
    level = phone.locator("[data-placement-level]").get_attribute("data-placement-level")
    expect(phone.locator(".level-select")).to_have_value(level)
    assert phone.evaluate("document.documentElement.scrollWidth <= innerWidth")

    phone.goto(f"{live_server.url}/suggested/")
    expect(phone.locator("h1")).to_have_text("适合你读")
    phone.locator(".suggested-list a", has_text="Seeds").first.tap()
    phone.wait_for_url(f"**{seeds_article.get_absolute_url()}")
    note = phone.locator(".coverage").first
    expect(note).to_contain_text("你认识约")
    shown = int(note.locator(".coverage-n").inner_text())
    by_level = note.get_attribute("data-by-level").split()
    assert shown == int(by_level[int(level)])
    assert re.fullmatch(r"\d+", str(shown))
