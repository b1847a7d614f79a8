"""One spelling per content kind: entries of kind 'composition' and 'resource' become
'compositions' and 'resources' (the keys of yingdu.core.kinds), and on SQLite the triggers
that put a kind's number into the FTS rowid name the new keys. The numbers do not change,
so the FTS index itself is untouched (the triggers are dropped while the rows are renamed).

The numbers are written out here, as a migration must not read the live registry;
tests/test_kinds.py checks that every registered kind's number is in these triggers."""

from django.db import migrations

RENAMES = {"composition": "compositions", "resource": "resources"}
NUMBERS = {"news": 1, "zh_news": 2, "daily": 3, "bilingual": 4, "compositions": 5, "resources": 6}
OLD_NUMBERS = {"news": 1, "zh_news": 2, "daily": 3, "bilingual": 4, "composition": 5,
               "resource": 6}  # fmt: skip


def kind_number(numbers: dict, row: str) -> str:
    cases = " ".join(f"WHEN '{key}' THEN {n}" for key, n in numbers.items())
    return f"(CASE {row}.kind {cases} ELSE 0 END)"


def triggers(numbers: dict) -> list[str]:
    new = f"new.id * 8 + {kind_number(numbers, 'new')}"
    old = f"old.id * 8 + {kind_number(numbers, 'old')}"
    return [
        f"""CREATE TRIGGER search_fts_insert AFTER INSERT ON search_searchentry BEGIN
        INSERT INTO search_fts(rowid, terms) VALUES ({new}, new.terms); END""",
        f"""CREATE TRIGGER search_fts_delete AFTER DELETE ON search_searchentry BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', {old}, old.terms);
        END""",
        f"""CREATE TRIGGER search_fts_update AFTER UPDATE OF terms, kind ON search_searchentry
        BEGIN
        INSERT INTO search_fts(search_fts, rowid, terms) VALUES ('delete', {old}, old.terms);
        INSERT INTO search_fts(rowid, terms) VALUES ({new}, new.terms); END""",
    ]


DROP = [
    "DROP TRIGGER IF EXISTS search_fts_update",
    "DROP TRIGGER IF EXISTS search_fts_delete",
    "DROP TRIGGER IF EXISTS search_fts_insert",
]


def rename(renames: dict, numbers: dict):
    def apply(apps, schema_editor):
        sqlite = schema_editor.connection.vendor == "sqlite"
        for sql in DROP if sqlite else []:
            schema_editor.execute(sql)
        entries = apps.get_model("search", "SearchEntry").objects
        for old, new in renames.items():
            entries.filter(kind=old).update(kind=new)
        for sql in triggers(numbers) if sqlite else []:
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_contentless_fts"),
        # it finds the entries of kind 'composition': rename them only after it ran
        ("compositions", "0005_forget_names_in_search"),
    ]
    operations = [
        migrations.RunPython(
            rename(RENAMES, NUMBERS),
            rename({new: old for old, new in RENAMES.items()}, OLD_NUMBERS),
        )
    ]
