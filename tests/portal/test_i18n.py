"""Chinese UI by default; the same pages in English under /en/."""

import pytest


@pytest.mark.django_db
def test_chinese_by_default(client, news):
    html = client.get("/").content.decode()
    assert '<html lang="zh-hans"' in html
    assert "国际英语资讯" in html and "每日一词" in html and "教学资源" in html


@pytest.mark.django_db
def test_english_under_en_prefix(client, news):
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html
    assert "International news" in html and "Daily term" in html


@pytest.mark.django_db
def test_browser_language_does_not_override_the_url(client, news):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="zh-hans"' in html


@pytest.mark.django_db
def test_language_links_point_to_the_same_page(client, news):
    html = client.get(news[0].get_absolute_url()).content.decode()
    assert f'href="/en{news[0].get_absolute_url()}"' in html
