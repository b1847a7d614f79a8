"""A visitor on a phone takes the vocabulary test (knowing every word and meaning asked),
sees the level set in the header's picker, opens 适合你读, opens an item and sees how much
of it they know at that level; a learner's Word Bank leaves out a word they know from a card
reviewed well."""

import re

import pytest
from playwright.sync_api import expect

from tests.learners.conftest import PASSWORD, make_learner
from yingdu.notebook.models import Card
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


def test_a_word_known_from_a_well_reviewed_card_leaves_the_word_bank(
    phone, live_server, seeds_article
):
    """Known = marked known + mastered bands + cards reviewed well, on the Word Bank too: the
    card's word has no row and no highlight; the other hard words keep theirs."""
    user = make_learner("kaka")
    Card.objects.create(user=user, lemma="biodiversity", band="beyond", state=2, stability=30)
    article = seeds_article.get_absolute_url()
    phone.goto(f"{live_server.url}/accounts/login/?next={article}")
    phone.fill("input[name=username]", "kaka")
    phone.fill("input[name=password]", PASSWORD)
    phone.get_by_role("button", name="登录").tap()
    phone.wait_for_url(f"**{article}")
    phone.select_option("select.level-select", "0")  # 小学: every harder word in the bank
    phone.wait_for_function("() => document.querySelector('.w.known')")
    expect(phone.locator(".wb", has_text="indigenous").first).to_be_visible()
    expect(phone.locator(".wb", has_text="biodiversity")).to_be_hidden()
    word = phone.locator(".w[data-g]", has_text="biodiversity").first
    assert "known" in word.get_attribute("class")
    assert word.evaluate("w => getComputedStyle(w).backgroundColor") == "rgba(0, 0, 0, 0)"
