"""The data migration to one grade scheme, forwards and backwards, on the database the suite
runs on (SQLite, or PostgreSQL with DATABASE_URL): rows written with the old g-codes by the
old schema become p-codes, and come back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("compositions", "0002_reading_aids")]
AFTER = [("compositions", "0003_one_grade_scheme")]
OLD_ROWS = {"a": "g1", "b": "g3", "c": "g6", "d": "j2", "e": "s3", "f": "college", "g": "g9"}
NEW_ROWS = {"a": "p1", "b": "p3", "c": "p6", "d": "j2", "e": "s3", "f": "college", "g": "j3"}


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def grades(apps) -> dict[str, str]:
    model = apps.get_model("compositions", "Composition")
    return dict(model.objects.values_list("slug", "grade"))


@pytest.mark.django_db(transaction=True)
def test_grade_codes_forwards_and_backwards():
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes("compositions")
    try:
        old_apps = migrate(BEFORE)
        model = old_apps.get_model("compositions", "Composition")
        for slug, grade in OLD_ROWS.items():
            model.objects.create(title=slug, slug=slug, author_name="x", grade=grade, body="b")

        assert grades(migrate(AFTER)) == NEW_ROWS
        # Backwards: p-codes return to g-codes; j/s/college were the old scheme's own codes.
        assert grades(migrate(BEFORE)) == {**OLD_ROWS, "g": "j3"}
        assert grades(migrate(AFTER)) == NEW_ROWS
    finally:
        migrate(leaf)
