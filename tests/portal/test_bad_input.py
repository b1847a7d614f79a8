"""Unknown slugs and odd page numbers: a styled 404 or a normal page, never a 500."""

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/news/international/no-such-story/", "/daily/no-such-term/", "/bilingual/nope/",
     "/compositions/nope/", "/zh-news/nope/", "/no/such/page/", "/daily/2026/13/",
     "/en/news/international/no-such-story/"],
)  # fmt: skip
def test_unknown_urls_give_the_sites_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "-1", "0", "999999", "1.5", "", "%00", "1e9", "١"])
def test_odd_page_numbers_never_fail(client, news, page):
    for url in ["/news/international/", "/daily/", "/compositions/", "/bilingual/"]:
        assert client.get(url, {"page": page}).status_code == 200


@pytest.mark.django_db
def test_unknown_filter_values_are_ignored(client, composition):
    response = client.get("/compositions/", {"grade": "g99", "lang": "<b>x</b>"})
    assert response.status_code == 200
    assert composition.title in response.content.decode()
    assert "<b>x</b>" not in response.content.decode()
