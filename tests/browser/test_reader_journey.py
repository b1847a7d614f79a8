"""A reader opens the home page, follows a news item, switches a bilingual article between
English / 中文 / 对照, and the layout holds on a 375-px phone."""

import pytest

from yingdu.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def site(live_server):
    load_demo()
    return live_server.url


def test_home_to_news_item(page, site):
    page.goto(site + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    block = page.locator("section.block-international")
    assert "国际英语资讯" in block.locator("h2").inner_text()
    link = block.locator("ul.title-list a").first
    title = link.inner_text().removeprefix("国际英语资讯:")
    link.click()
    page.wait_for_url("**/news/international/**")
    assert page.locator("h1").inner_text() == title
    assert page.locator("article .body p").count() >= 3


def test_bilingual_view_switch(page, site):
    page.goto(site + "/bilingual/")
    page.locator(".item-list a").first.click()
    page.wait_for_url("**/bilingual/*/")
    article = page.locator("article.bilingual")
    first_en = page.locator(".pair .en").first
    first_zh = page.locator(".pair .zh").first
    switch = page.locator("nav.view-switch")

    switch.get_by_role("link", name="English", exact=True).click()
    assert article.get_attribute("data-mode") == "en"
    assert first_en.is_visible() and not first_zh.is_visible()
    assert page.url.endswith("?view=en")

    switch.get_by_role("link", name="中文", exact=True).click()
    assert first_zh.is_visible() and not first_en.is_visible()

    switch.get_by_role("link", name="对照", exact=True).click()
    assert first_en.is_visible() and first_zh.is_visible()
    en_box, zh_box = first_en.bounding_box(), first_zh.bounding_box()
    assert abs(en_box["y"] - zh_box["y"]) < 2, "side by side on a wide screen"
    assert zh_box["x"] > en_box["x"] + en_box["width"] - 1


def test_bilingual_interleaves_on_a_phone(phone, site):
    phone.goto(site + "/bilingual/")
    phone.locator(".item-list a").first.click()
    phone.wait_for_url("**/bilingual/*/")
    en_box = phone.locator(".pair .en").first.bounding_box()
    zh_box = phone.locator(".pair .zh").first.bounding_box()
    assert zh_box["y"] >= en_box["y"] + en_box["height"] - 1, "Chinese under English on a phone"


@pytest.mark.parametrize(
    "path", ["/", "/news/international/", "/daily/", "/compositions/", "/bilingual/"]
)
def test_no_horizontal_scroll_on_a_phone(phone, site, path):
    phone.goto(site + path)
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
    nav_height = phone.locator("nav.sections").bounding_box()["height"]
    assert nav_height < 60, "the section bar stays one scrollable row"
