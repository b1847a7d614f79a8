"""Reading aids in a real browser: the level picker changes highlights and the word bank
and is remembered; tapping a word opens its gloss; the pinyin toggle shows ruby."""

import pytest

from yingdu.compositions.models import Composition

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article(live_server, seeds_article):
    return live_server.url + seeds_article.get_absolute_url()


def highlighted(page):
    return page.evaluate(
        """() => [...document.querySelectorAll('.w')]
             .filter(w => getComputedStyle(w).backgroundColor !== 'rgba(0, 0, 0, 0)')
             .map(w => w.textContent)"""
    )


def visible_bank(page):
    return [e.inner_text().split("\n")[0] for e in page.locator(".wb").all() if e.is_visible()]


def test_level_picker_changes_highlights_and_is_remembered(page, article):
    page.goto(article)
    picker = page.locator("select.level-select")
    picker.select_option("0")  # 小学: everything above primary is highlighted
    easy = highlighted(page)
    bank_easy = visible_bank(page)
    picker.select_option("5")  # 考研: only the rarest words
    hard = highlighted(page)
    assert "biodiversity" in " ".join(easy)
    assert len(hard) < len(easy)
    assert len(visible_bank(page)) < len(bank_easy)
    page.reload()
    assert page.locator("html").get_attribute("data-level") == "5"
    assert picker.input_value() == "5"


def test_tap_a_word_for_its_gloss(page, article):
    page.goto(article)
    page.locator("select.level-select").select_option("0")
    word = page.locator(".w[data-g]", has_text="conservation").first
    word.click()
    pop = page.locator(".pop")
    assert pop.is_visible()
    assert "conservation" in pop.inner_text()
    assert "/" in pop.inner_text()  # IPA
    page.keyboard.press("Escape")
    assert page.locator(".pop").count() == 0


def test_difficulty_follows_the_level(page, article):
    page.goto(article)
    page.locator("select.level-select").select_option("1")
    shown = [b.inner_text() for b in page.locator(".reading-bar .badge").all() if b.is_visible()]
    assert len(shown) == 1 and shown[0].startswith("中考")


def test_pinyin_toggle(page, live_server, site_lexicon):
    item = Composition.objects.create(
        title="春天", author_name="小雨", grade="p2", language="zh",
        body="春天来了，小草绿了。", status="published",
    )  # fmt: skip
    page.goto(live_server.url + item.get_absolute_url())
    rt = page.locator("rt").first
    assert not rt.is_visible()
    page.locator(".pinyin-toggle").click()
    assert rt.is_visible() and rt.inner_text() == "chūn tiān"
