"""The registry of content kinds (yingdu.core.kinds): every registered kind is in the
navigation, on the home page, in the page cache's invalidation, in search (indexing,
counts, the kind filter) and in the import choices, or the test says which one is missing.

A new kind needs an item in `one_of_each` below: the tests fail until it has one."""

import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from yingdu.aids.service import annotated_models
from yingdu.core import kinds
from yingdu.core.context_processors import navigation
from yingdu.core.models import Item
from yingdu.demo.loader import read_content
from yingdu.importparse import PARSE_KINDS
from yingdu.imports.forms import PasteImportForm, UrlImportForm
from yingdu.news.models import NewsArticle, Section
from yingdu.resources.models import Edition, Resource
from yingdu.search.analysis import query_terms
from yingdu.search.models import SearchEntry
from yingdu.search.service import run_search

# Kinds that are deliberately not imported from web pages, and why.
NOT_IMPORTED = {"resources": "teaching resources are files uploaded by teachers"}


def published(days_ago: int = 0) -> dict:
    return {"status": "published", "published_at": timezone.now() - dt.timedelta(days=days_ago)}


def a_resource(title: str = "Unit 2 Colours 三年级上册课件") -> Resource:
    edition = Edition.objects.get_or_create(name="人教版", defaults={"slug": "renjiao"})[0]
    return Resource.objects.create(
        title=title, description="颜色单词与歌曲", type="courseware", grade="p3",
        volume="first", edition=edition, text="red yellow green", **published(),
    )  # fmt: skip


@pytest.fixture
def one_of_each(db, news, term, bilingual, composition) -> dict:
    """One published item of every registered kind, by kind key."""
    zh_news = NewsArticle.objects.create(
        section=Section.ZH, title="冬季长跑活动开始", body="学校的冬季长跑活动今天开始。",
        **published(),
    )  # fmt: skip
    items = {
        "news": news[0],
        "zh_news": zh_news,
        "daily": term,
        "bilingual": bilingual,
        "compositions": composition,
        "resources": a_resource(),
    }
    missing = set(kinds.all_keys()) - set(items)
    assert not missing, f"add an item of {missing} to one_of_each"
    return items


def test_canonical_keys_and_old_spellings():
    keys = ["news", "daily", "bilingual", "compositions", "zh_news", "resources"]
    assert kinds.all_keys() == keys
    old = {"daily_term": "daily", "daily_terms": "daily", "composition": "compositions",
           "resource": "resources", "Daily": "daily", "zh_news": "zh_news"}  # fmt: skip
    assert {spelling: kinds.canonical(spelling) for spelling in old} == old
    assert kinds.canonical("nope") is None and kinds.canonical("") is None
    with pytest.raises(kinds.UnknownKind, match="choose from news, daily"):
        kinds.choose("nope")


def test_every_item_belongs_to_exactly_one_kind(one_of_each):
    for key, item in one_of_each.items():
        assert [k.key for k in kinds.all_kinds() if k.holds(item)] == [key]
        assert kinds.kind_of(item).queryset().filter(pk=item.pk).exists()


def test_every_kind_is_in_the_navigation_and_marks_its_pages(client, one_of_each):
    nav = navigation()
    for key, item in one_of_each.items():
        for section in kinds.get(key).nav_sections:
            assert (section.key, section.label, section.list_url) in nav, section.key
            url = reverse(section.list_url)
            html = client.get(url).content.decode()
            assert f'href="{url}" aria-current="page"' in html, section.key
        detail = client.get(item.get_absolute_url()).content.decode()
        current = [s for s in kinds.get(key).nav_sections if kinds.get(key).holds(item)]
        assert any(f'href="{reverse(s.list_url)}" aria-current="page"' in detail for s in current)


def test_home_page_has_a_block_per_section_with_the_latest_items(client, one_of_each):
    html = client.get("/").content.decode()
    for kind in kinds.all_kinds():
        assert kind.home, kind.key
        for section in kind.nav_sections:
            assert f"block-{section.key}" in html and reverse(section.list_url) in html
    for item in one_of_each.values():
        assert f'href="{item.get_absolute_url()}"' in html, item


def test_home_page_links_the_latest_published_resources(client, db):
    shown = [a_resource(f"Lesson {n} 课件") for n in range(3)]
    pending = a_resource("Waiting for review 教案")
    pending.status = "pending"
    pending.save()
    html = client.get("/").content.decode()
    block = html.split("block-resources", 1)[1].split("</section>", 1)[0]
    for resource in shown:
        assert f'href="{resource.get_absolute_url()}"' in block and resource.title in block
    assert "Waiting for review" not in block


def test_editing_an_item_of_any_kind_refreshes_the_cached_home_page(client, one_of_each):
    for key, item in one_of_each.items():
        assert item.title in client.get("/").content.decode(), key  # now cached
        item.title = f"Renamed {key} item"
        item.save()
        assert f"Renamed {key} item" in client.get("/").content.decode(), key


def test_every_kind_is_indexed_counted_and_filtered_by_search(one_of_each):
    for key, item in one_of_each.items():
        entry = SearchEntry.objects.get(kind=key, object_id=item.pk)
        word = query_terms(entry.title)[0]
        everything = run_search(word)
        assert everything.counts.get(key, 0) >= 1, (key, everything.counts)
        only = run_search(word, {"kind": key})
        assert only.total >= 1 and {hit.kind for hit in only.hits} == {key}, key


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 triggers are SQLite's")
def test_every_kind_has_its_number_in_the_sqlite_index_triggers(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts_insert'")
        trigger = cursor.fetchone()[0]
    for kind in kinds.searchable():
        assert f"WHEN '{kind.key}' THEN {kind.search_number}" in trigger, kind.key


def test_every_kind_is_searchable():
    assert [k.key for k in kinds.searchable()] == kinds.all_keys()


def test_every_kind_is_importable_or_says_why_not():
    importable = [kind.key for kind in kinds.importable()]
    assert sorted(importable + list(NOT_IMPORTED)) == sorted(kinds.all_keys())
    assert sorted(PARSE_KINDS) == sorted(importable)  # importparse spells them the same
    for form in (UrlImportForm(), PasteImportForm()):
        assert [value for value, _ in form.fields["kind"].choices] == ["auto", *importable]
    assert all(kind.fingerprint_parts is not None for kind in kinds.importable())


def test_kinds_with_english_text_get_reading_aids():
    for kind in kinds.all_kinds():
        overrides = kind.model.reading_texts is not Item.reading_texts
        assert overrides == kind.english or kind.model in annotated_models(), kind.key
    assert set(annotated_models()) == {k.model for k in kinds.all_kinds() if k.english}


def test_demo_content_is_filed_under_the_kind_keys():
    content = read_content()
    assert set(content) <= set(kinds.all_keys())
    assert set(content) == {k.key for k in kinds.all_kinds() if k.demo_item is not None}
