"""Section pages list only published items, with the portal's title prefixes."""

import pytest

from yingdu.news.models import NewsArticle, Section


@pytest.mark.django_db
def test_home_lists_sections_with_portal_prefixes(client, news, term):
    html = client.get("/").content.decode()
    assert "国际英语资讯:" in html
    assert "每日一词∣" in html
    assert news[0].title in html


@pytest.mark.django_db
def test_home_shows_todays_term(client, term):
    html = client.get("/").content.decode()
    assert "绿色出行" in html and "green commuting" in html


@pytest.mark.django_db
def test_drafts_never_listed_nor_shown(client, news, draft):
    assert draft.title not in client.get("/").content.decode()
    assert draft.title not in client.get("/news/domestic/").content.decode()
    assert client.get(f"/news/domestic/{draft.slug}/").status_code == 404


@pytest.mark.django_db
def test_item_is_only_found_under_its_own_section(client, news):
    assert client.get(f"/news/domestic/{news[0].slug}/").status_code == 404
    assert client.get(f"/news/international/{news[0].slug}/").status_code == 200


@pytest.mark.django_db
def test_sections_keep_their_own_items(client, news):
    zh = NewsArticle.objects.create(
        section=Section.ZH, title="校园科技节开幕", body="同学们展示了作品。", status="published"
    )
    assert zh.title in client.get("/zh-news/").content.decode()
    assert zh.title not in client.get("/news/international/").content.decode()
    assert zh.get_absolute_url().startswith("/zh-news/")


@pytest.mark.django_db
def test_chinese_titles_get_readable_pinyin_slugs(db):
    item = NewsArticle.objects.create(section=Section.ZH, title="春天来了", body="x")
    twin = NewsArticle.objects.create(section=Section.ZH, title="春天来了", body="y")
    assert item.slug == "chun-tian-lai-le"
    assert twin.slug == "chun-tian-lai-le-2"


@pytest.mark.django_db
def test_dateline_as_printed(news):
    assert news[0].dateline == "GENEVA, November 2 --"
    assert news[0].body_has_dateline
