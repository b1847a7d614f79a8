"""A consistent copy of the site's database while it serves, and its restore into an empty
one: SQLite through its online backup API, PostgreSQL through pg_dump/pg_restore run in one
exported snapshot, so the row counts in the manifest are those of the copy."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, transaction

from yingdu.backup.archive import BackupError

DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


def vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {connection.vendor}")
    return connection.vendor


def copy_sqlite(source: Path, destination: Path) -> None:
    """SQLite's online backup: one read transaction, so writers (WAL) go on meanwhile."""
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as reader:
        target = sqlite3.connect(destination)
        try:
            reader.backup(target)
        finally:
            target.close()


def sqlite_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tables = [row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )]  # fmt: skip
        return {t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}


def live_counts() -> dict[str, int]:
    """Rows per table of the site's database, counted as the backup counts them."""
    if connection.vendor == "sqlite":  # the file itself: virtual tables' shadow tables too
        return sqlite_counts(Path(connection.settings_dict["NAME"]))
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def postgres_env() -> dict[str, str]:
    """libpq's variables for the site's database (the password never on a command line)."""
    db = connection.settings_dict
    values = {"PGHOST": db["HOST"], "PGPORT": db["PORT"], "PGUSER": db["USER"],
              "PGPASSWORD": db["PASSWORD"], "PGDATABASE": db["NAME"]}  # fmt: skip
    return {**os.environ, **{k: str(v) for k, v in values.items() if v}}


def postgres_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt install postgresql-client)")
    return path


def run_tool(argv: list[str]) -> None:
    result = subprocess.run(argv, env=postgres_env(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(argv[0]).name} failed: {result.stderr.strip()[-2000:]}")


def dump_postgres(destination: Path) -> dict[str, int]:
    """pg_dump in a snapshot exported by a repeatable-read transaction that also counts the
    rows, so counts and dump see the same moment."""
    tool = postgres_tool("pg_dump")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        counts = {}
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
        run_tool([tool, "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={snapshot}", f"--file={destination}"])  # fmt: skip
    return counts


def dump(destination: Path) -> dict[str, int]:
    """Copy the database to DESTINATION; return its rows per table."""
    if vendor() == "sqlite":
        copy_sqlite(Path(connection.settings_dict["NAME"]), destination)
        return sqlite_counts(destination)
    return dump_postgres(destination)


def is_empty() -> bool:
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def restore(source: Path) -> None:
    """Load the dump SOURCE into the site's database, which must have no tables yet."""
    if not is_empty():
        raise BackupError(
            "the database already has tables: restore only into an empty one "
            "(a new YINGDU_DATA_DIR, or a new PostgreSQL database in DATABASE_URL)"
        )
    if vendor() == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        connection.close()
        with sqlite3.connect(source) as reader:
            writer = sqlite3.connect(target)
            try:
                reader.backup(writer)
            finally:
                writer.close()
        return
    connection.close()
    run_tool([postgres_tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(source)])  # fmt: skip
