"""A student without a mouse (issue 17): on a news item, Tab reaches every highlighted word in
reading order and nothing else of the text; Enter opens the word's popover as a dialog that
takes the focus and is named by the word; Tab and Enter add the word to 生词本; Escape closes
the dialog and gives the focus back to the word (Shift+Tab out of it too; Tab past its last
button goes on to the next word); the header's 复习 link, reached with Tab,
starts the review, answered with the keyboard. axe-core checks the open dialog and the
revealed answer too."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from yingdu.accounts.roles import STUDENT, grant
from yingdu.notebook.models import Card, ReviewLog

from .axe import axe_script_or_skip, describe, inject, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 120
FOCUSED = """() => { const e = document.activeElement;
  return e ? {tag: e.tagName, cls: e.className, text: e.textContent.trim(),
              href: e.getAttribute('href') || ''} : null; }"""
HIGHLIGHTED = """() => [...document.querySelectorAll('.w')]
  .filter(w => getComputedStyle(w).backgroundColor !== 'rgba(0, 0, 0, 0)')
  .map(w => w.textContent)"""


@pytest.fixture
def student_page(browser, live_server, seeds_article):
    user = get_student()
    context = browser.new_context(locale="zh-CN")
    script = axe_script_or_skip()
    inject(context, script)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    yield context.new_page(), user
    context.close()


def get_student():
    from django.contrib.auth.models import User

    user = User.objects.create_user("keyboard_only", password="a-long-test-password")
    grant(user, STUDENT)
    return user


def tab_until(page, wanted, backwards=False) -> dict:
    """Press Tab until the focused element matches `wanted` (a predicate on FOCUSED)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = page.evaluate(FOCUSED)
        if focused and wanted(focused):
            return focused
    raise AssertionError(f"Tab never reached the element after {MAX_TABS} presses")


def is_word(focused) -> bool:
    return focused["tag"] == "SPAN" and " w " in f" {focused['cls']} "


def no_violations(page, where):
    found = violations(page)
    assert not found, describe({where: found})


def test_read_a_gloss_add_the_word_and_review_without_a_mouse(student_page, live_server,
                                                                seeds_article):  # fmt: skip
    page, user = student_page
    page.goto(live_server.url + seeds_article.get_absolute_url())
    highlighted = page.evaluate(HIGHLIGHTED)
    assert "biodiversity" in highlighted

    first = tab_until(page, is_word)
    reached = [first["text"]]
    while True:  # every highlighted word, in reading order, then out of the text
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if not is_word(focused):
            break
        reached.append(focused["text"])
    assert reached == highlighted

    word = tab_until(page, lambda f: is_word(f) and f["text"] == "biodiversity", backwards=True)
    assert word["text"] == "biodiversity"
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="biodiversity")
    expect(dialog).to_be_visible()
    assert page.evaluate("document.activeElement.getAttribute('role')") == "dialog"
    assert dialog.locator(".gloss").inner_text().strip() != ""
    assert dialog.locator(".band").inner_text().strip() != "", "the band is named in text"
    no_violations(page, "news item with the word's dialog open")

    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["text"] == "加入生词本"
    page.keyboard.press("Enter")
    dialog.locator("button.added").wait_for()
    assert page.evaluate(FOCUSED)["text"].startswith("已加入生词本"), "the focus stays"
    assert Card.objects.get(user=user).lemma == "biodiversity"

    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    assert page.evaluate(FOCUSED)["text"] == "biodiversity", "the focus is back on the word"

    page.keyboard.press("Enter")  # Shift+Tab out of the dialog: back to its word
    expect(dialog).to_be_visible()
    page.keyboard.press("Shift+Tab")
    expect(dialog).to_have_count(0)
    assert page.evaluate(FOCUSED)["text"] == "biodiversity"
    page.keyboard.press("Enter")  # Tab past its last button: on to the next word of the text
    stops = dialog.locator("button:not([disabled])").count()
    for _ in range(stops + 1):
        page.keyboard.press("Tab")
    expect(dialog).to_have_count(0)
    following = reached[reached.index("biodiversity") + 1]
    assert page.evaluate(FOCUSED)["text"] == following
    page.keyboard.press("Shift+Tab")

    tab_until(page, lambda f: f["href"].endswith("/notebook/review/"), backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url("**/notebook/review/")
    assert page.locator(".review-card .front .lemma").inner_text() == "biodiversity"
    tab_until(page, lambda f: f["tag"] == "SUMMARY")
    page.keyboard.press("Enter")  # 显示答案
    expect(page.locator("details.answer")).to_have_attribute("open", "")
    no_violations(page, "review page with the answer shown")
    tab_until(page, lambda f: f["text"].startswith("简单"))
    page.keyboard.press("Enter")
    page.locator(".review-done").wait_for()
    assert ReviewLog.objects.get(card__user=user).rating == 4
