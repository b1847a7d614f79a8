"""SQLite: a contentless FTS5 table whose rowid carries the entry's kind in its low 3 bits
(rowid = id * 8 + kind number), so that counting matches per kind reads only the index,
with no join and no intersection. Rebuilt from the entries; PostgreSQL is unchanged."""

from django.db import migrations

KIND_NUMBER = """(CASE {row}.kind WHEN 'news' THEN 1 WHEN 'zh_news' THEN 2 WHEN 'daily' THEN 3
    WHEN 'bilingual' THEN 4 WHEN 'composition' THEN 5 WHEN 'resource' THEN 6 ELSE 0 END)"""
NEW = f"new.id * 8 + {KIND_NUMBER.format(row='new')}"
OLD = f"old.id * 8 + {KIND_NUMBER.format(row='old')}"

FORWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
    """CREATE VIRTUAL TABLE search_fts USING fts5(terms, content='',
        tokenize="unicode61 remove_diacritics 0 tokenchars '_'")""",
    f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, terms) VALUES ({NEW}, new.terms); END""",
    f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', {OLD}, old.terms);
        END""",
    f"""CREATE TRIGGER search_fts_update AFTER UPDATE OF terms, kind ON search_searchentry
        BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', {OLD}, old.terms);
        INSERT INTO search_fts(rowid, terms) VALUES ({NEW}, new.terms); END""",
    "INSERT INTO search_fts(rowid, terms) SELECT id * 8 + "
    + KIND_NUMBER.format(row="search_searchentry")
    + ", terms FROM search_searchentry",
]
BACKWARD = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
    "DROP TABLE IF EXISTS search_fts",
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
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
