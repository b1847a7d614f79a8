"""Every public page renders with content, in Chinese by default and in English under /en/."""

import pytest


@pytest.mark.django_db
def test_every_section_page_renders(client, news, term, bilingual, composition):
    for url in ["/", "/news/international/", "/news/domestic/", "/daily/", "/bilingual/",
                "/compositions/", "/zh-news/", "/resources/"]:  # fmt: skip
        response = client.get(url)
        assert response.status_code == 200, url
        assert "英读" in response.content.decode()


@pytest.mark.django_db
def test_item_pages_render(client, news, term, bilingual, composition):
    for item in [news[0], term, bilingual, composition]:
        response = client.get(item.get_absolute_url())
        assert response.status_code == 200
        assert item.title in response.content.decode()
