"""In a real browser, tapping a later use of a word shows the gloss of its own sentence."""

import pytest

from yingdu.news.models import NewsArticle, Section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY = "The city does not permit fishing in the lake. You need a permit to fish here."


def test_each_use_shows_its_own_sense(page, live_server, site_lexicon):
    entry = site_lexicon.lookup("permit")
    if len({pos for pos, _ in entry.glosses}) < 2:
        pytest.skip("this lexicon has glosses of one part of speech only for 'permit'")
    item = NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Lake", body=BODY, status="published"
    )
    page.goto(live_server.url + item.get_absolute_url())
    page.locator("select.level-select").select_option("0")
    words = page.locator(".w[data-g]", has_text="permit")
    texts = []
    for n in range(2):
        words.nth(n).click()
        texts.append(page.locator(".pop .gloss").inner_text())
        page.keyboard.press("Escape")
    assert texts[0].startswith("v ") and texts[1].startswith("n ")
    assert entry.gloss_for("n")[1].split("；")[0] in texts[1]
