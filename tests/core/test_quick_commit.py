"""Writes a crash may forget (rate limits, view counts; the notebook's in
tests/notebook/test_quick_commit.py) commit without waiting for the disk on PostgreSQL, and
nothing else does: a transaction already open keeps its durability, and the block is one
transaction on every database."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from yingdu.accounts import ratelimit
from yingdu.accounts.models import RateCounter
from yingdu.core import viewcount
from yingdu.core.quickcommit import quick_commit
from yingdu.news.models import NewsArticle, Section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def production_durability():
    yield
    if connection.vendor == "postgresql" and connection.connection is not None:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def needs_postgresql():
    """Skip unless on PostgreSQL; there, commits of this connection wait for the disk, as in
    production (the suite's test database turns that off to run faster: tests/conftest.py)."""
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's; CI's second pass runs on PostgreSQL")
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO ON")


def test_the_block_commits_without_waiting_and_the_next_transaction_waits_again():
    needs_postgresql()
    with quick_commit():
        assert synchronous_commit() == "off"
    assert synchronous_commit() == "on"


def test_an_open_transaction_keeps_its_durability():
    needs_postgresql()
    with transaction.atomic(), quick_commit():
        assert synchronous_commit() == "on"


def test_the_block_is_one_transaction_on_every_database():
    """A failure inside the block undoes its writes, on SQLite as on PostgreSQL."""
    with pytest.raises(RuntimeError, match="inside"), quick_commit():
        RateCounter.objects.create(key="undone", count=1, expires_at=timezone.now())
        raise RuntimeError("inside")
    assert not connection.in_atomic_block
    assert not RateCounter.objects.filter(key="undone").exists()


def test_other_writes_keep_waiting_for_the_disk():
    needs_postgresql()
    with CaptureQueriesContext(connection) as queries:
        get_user_model().objects.create_user("durable", password="pw-durable-durable")
    assert queries.captured_queries
    assert not any("synchronous_commit" in query["sql"] for query in queries.captured_queries)


def writes_without_waiting(queries) -> bool:
    sql = [query["sql"] for query in queries.captured_queries]
    marks = [n for n, text in enumerate(sql) if "synchronous_commit" in text]
    return bool(marks) and any(n > marks[0] and text.startswith("UPDATE") for n, text in
                               enumerate(sql))  # fmt: skip


def test_database_rate_counters_do_not_wait_for_the_disk(settings):
    needs_postgresql()
    settings.RATELIMIT_REDIS_URL = ""
    ratelimit.hit("counterwrites", 60)  # the counter starts
    with CaptureQueriesContext(connection) as queries:
        assert ratelimit.hit("counterwrites", 60).count == 2
        ratelimit.extend("counterwrites", 600)
    assert writes_without_waiting(queries)
    assert sum("synchronous_commit" in q["sql"] for q in queries.captured_queries) == 2
    ratelimit.clear("counterwrites")


def test_view_counts_do_not_wait_for_the_disk_and_all_arrive(settings, news_item):
    needs_postgresql()
    for _ in range(3):
        viewcount.record_view(NewsArticle, news_item.pk)
    with CaptureQueriesContext(connection) as queries:
        viewcount.flush_views()
    news_item.refresh_from_db()
    assert news_item.view_count == 3
    assert writes_without_waiting(queries)


@pytest.fixture
def news_item(settings):
    settings.VIEW_COUNT_FLUSH_EVERY = 1000  # counted in memory until flushed here
    settings.VIEW_COUNT_FLUSH_SECONDS = 3600
    viewcount.flush_views()
    return NewsArticle.objects.create(
        title="Counters", section=Section.INTERNATIONAL, body="A short item."
    )
