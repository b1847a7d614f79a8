"""The index follows the content: saved, published, unpublished, deleted, children edited."""

import pytest

from yingdu.news.models import NewsArticle, Section
from yingdu.search.models import SearchEntry
from yingdu.search.service import run_search

pytestmark = pytest.mark.django_db


def publish_news(title: str, body: str, count: int) -> None:
    """COUNT published news items titled "TITLE 0", "TITLE 1" … with BODY."""
    for n in range(count):
        NewsArticle.objects.create(
            section=Section.DOMESTIC, title=f"{title} {n}", body=body, status="published"
        )


def titles(query, **filters):
    return [hit.title for hit in run_search(query, filters).hits]


def test_published_items_are_found_drafts_never(news, draft):
    assert news[0].title in titles("solar boats")
    assert draft.title not in titles("unfinished draft")
    assert not SearchEntry.objects.filter(title=draft.title).exists()


def test_unpublishing_and_deleting_remove_the_entry(news):
    news[0].status = "draft"
    news[0].save()
    assert news[0].title not in titles("solar boats lake 0")
    news[1].delete()
    assert news[1].title not in titles("solar")
    assert SearchEntry.objects.count() == 1


def test_future_publication_is_not_found_yet(db):
    from datetime import timedelta

    from django.utils import timezone

    NewsArticle.objects.create(
        section=Section.DOMESTIC, title="Tomorrow's kite festival", body="kites",
        status="published", published_at=timezone.now() + timedelta(days=1),
    )  # fmt: skip
    assert titles("kite festival") == []


def test_bilingual_pairs_and_examples_are_searchable(bilingual, term):
    assert bilingual.title_zh in " ".join(titles("剪纸")) or titles("剪纸")
    assert titles("窗花")  # only in a paragraph pair
    bilingual.pairs.create(position=5, en="Lanterns glow at night.", zh="灯笼在夜里发光。")
    assert titles("灯笼")
    assert titles("commuting")  # the daily term's English rendering
    term.examples.create(position=3, en="Bicycles reduce traffic jams.", zh="自行车减少拥堵。")
    assert titles("拥堵")


def test_kinds_and_counts(news, term, bilingual, composition):
    found = run_search("压岁钱")
    assert found.counts == {"compositions": 1}
    assert run_search("solar", {"kind": "daily"}).total == 0
    assert run_search("solar", {"kind": "news"}).total == 3


def test_scheduled_items_are_neither_counted_nor_listed(news):
    from datetime import timedelta

    from django.utils import timezone

    news[0].published_at = timezone.now() + timedelta(hours=3)
    news[0].save()
    found = run_search("solar")
    assert found.total == 2 and found.counts == {"news": 2}
    assert news[0].title not in [hit.title for hit in found.hits]


def test_ranking_window_keeps_counts_exact(db, settings):
    settings.SEARCH_RANK_WINDOW = 5
    publish_news("Harvest", "harvest festival", 12)
    found = run_search("harvest")
    assert found.total == 12 and found.pages == 1
    assert len(found.hits) == 5
    assert {hit.title for hit in found.hits} == {f"Harvest {n}" for n in range(7, 12)}


def test_editing_keeps_the_entry(news):
    entry_id = SearchEntry.objects.get(object_id=news[2].pk).id
    news[2].title = "Solar boats, updated"
    news[2].save()
    assert SearchEntry.objects.get(object_id=news[2].pk).id == entry_id
    assert "Solar boats, updated" in titles("updated")


def test_counts_beyond_the_cap_are_shown_as_at_least(db, settings, client):
    settings.SEARCH_COUNT_CAP = 10
    publish_news("Lantern", "lantern riddles", 14)
    found = run_search("lantern")
    assert found.counts == {"news": 10} and found.capped
    assert "10+" in client.get("/search/", {"q": "lantern"}).content.decode()
