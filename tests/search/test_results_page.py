"""The /search/ page: header box, highlighted snippets, kind filter, pagination, bad input."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yingdu.news.models import NewsArticle, Section

pytestmark = pytest.mark.django_db


def test_every_page_has_the_search_box(client, news):
    assert 'action="/search/"' in client.get("/").content.decode()


def test_mixed_query_with_highlighted_snippet(client, db):
    NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Spring in the mountains",
        body="春天来了。 In spring the students planted trees.", status="published",
    )  # fmt: skip
    html = client.get("/search/", {"q": "春天 spring"}).content.decode()
    assert "Spring in the mountains" in html
    assert "<mark>春天</mark>" in html and "<mark>spring</mark>" in html


def test_kind_filter_and_counts(client, news, composition):
    html = client.get("/search/", {"q": "solar", "kind": "news"}).content.decode()
    assert "Solar boats cross the lake 0" in html
    assert '<span class="count">3</span>' in html


def test_pagination(client, db):
    for n in range(45):
        NewsArticle.objects.create(
            section=Section.DOMESTIC, title=f"Recycling story {n}", body="recycling bins",
            status="published",
        )  # fmt: skip
    first = client.get("/search/", {"q": "recycling"}).content.decode()
    third = client.get("/search/", {"q": "recycling", "page": "3"}).content.decode()
    assert "45" in first and 'rel="next"' in first
    assert third.count('<li>\n  <h2><a href="/news/domestic/') == 5


@pytest.mark.parametrize(
    "query",
    ['"', '"unbalanced', "*", "spr*", "NEAR(spring trees)", "a AND OR NOT", "x" * 5000, "",
     "' OR 1=1; DROP TABLE search_searchentry; --", "\x00\x07\x1b[31m", "title:solar",
     "^spring", "(((", "🌸🌸", "ｓｏｌａｒ", "\u202eevil"],
)  # fmt: skip
def test_hostile_queries_never_fail(client, news, query):
    response = client.get("/search/", {"q": query, "page": "x", "kind": "<nope>"})
    assert response.status_code == 200


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=300))
def test_any_query_string_is_answered(client, news, query):
    from yingdu.search.service import PER_PAGE, run_search

    found = run_search(query)  # the three news items are all there is to find
    assert found.total == sum(found.counts.values()) <= len(news)
    assert len(found.hits) == min(found.total, PER_PAGE)
    assert {hit.title for hit in found.hits} <= {item.title for item in news}
    assert client.get("/search/", {"q": query.replace("\x00", "")}).status_code == 200
