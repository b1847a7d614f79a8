"""Search entries, plus the engine's own index: FTS5 on SQLite, tsvector + GIN on PostgreSQL."""

from django.db import migrations, models

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE search_fts USING fts5(
        terms, content='search_searchentry', content_rowid='id',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
    """CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END""",
    """CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
        END""",
    """CREATE TRIGGER search_fts_update AFTER UPDATE OF terms ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', old.id, old.terms);
        INSERT INTO search_fts(rowid, terms) VALUES (new.id, new.terms); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
]
# The terms are already analysed, so the vector is built from them as they are
# (array_to_tsvector: no parser, no stemming, Chinese words kept whole).
POSTGRES_FORWARD = [
    """ALTER TABLE search_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS
        (CASE WHEN btrim(terms) = '' THEN ''::tsvector
         ELSE array_to_tsvector(regexp_split_to_array(btrim(terms), '\\s+')) END) STORED""",
    "CREATE INDEX search_entry_vector ON search_searchentry USING GIN (vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_entry_vector",
    "ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector",
]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchEntry",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(db_index=True, max_length=20)),
                ("object_id", models.BigIntegerField()),
                ("title", models.CharField(max_length=300)),
                ("url", models.CharField(max_length=500)),
                ("published_at", models.DateTimeField(db_index=True)),
                ("text", models.TextField(help_text="original plain text, for snippets")),
                ("terms", models.TextField(help_text="analysed terms (yingdu.search.analysis)")),
                ("resource_type", models.CharField(blank=True, db_index=True, max_length=20)),
                ("grade", models.CharField(blank=True, db_index=True, max_length=10)),
                ("volume", models.CharField(blank=True, db_index=True, max_length=10)),
                ("edition", models.CharField(blank=True, db_index=True, max_length=50)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_entry_unique_item")
                ],
            },
        ),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
