"""Search migration 0003 renames stored entries to the canonical kind keys (composition ->
compositions, resource -> resources) forwards and back, and counts per kind stay right
(on SQLite the kind's number lives in the FTS rowid, written by the triggers)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from yingdu.search.analysis import parse_query
from yingdu.search.backends import count_by_kind

BEFORE = [("search", "0002_contentless_fts")]
AFTER = [("search", "0003_canonical_kind_keys")]


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def add_entry(kind: str, object_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_searchentry (kind, object_id, title, url, published_at, text, "
            "terms, resource_type, grade, volume, edition) "
            "VALUES (%s, %s, 'Kites', '/x/', %s, 'kites', 'kite', '', '', '', '')",
            [kind, object_id, timezone.now()],
        )


def stored_kinds() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT kind FROM search_searchentry ORDER BY object_id")
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_entries_get_the_canonical_keys_forwards_and_back():
    latest = MigrationExecutor(connection).loader.graph.leaf_nodes("search")
    try:
        migrate(BEFORE)
        for n, kind in enumerate(["composition", "resource", "daily"]):
            add_entry(kind, n)
        migrate(AFTER)
        assert stored_kinds() == ["compositions", "resources", "daily"]
        counts, _ = count_by_kind(parse_query("kite"), {}, timezone.now())
        assert counts == {"compositions": 1, "resources": 1, "daily": 1}
        migrate(BEFORE)
        assert stored_kinds() == ["composition", "resource", "daily"]
    finally:
        migrate(latest)
