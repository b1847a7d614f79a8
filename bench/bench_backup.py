"""Backup and restore benchmark: `yingdu backup` and `yingdu restore` of a site with N news
items (default 100,000, about 2 KB of text each) and M media files, timed end to end as an
operator runs them, with the archive size and the restore's own checks. Run by hand:

    .venv/bin/python bench/bench_backup.py [--items 100000] [--media 200]
    DATABASE_URL=postgres://…/yingdu_bench_backup .venv/bin/python bench/bench_backup.py

On SQLite a new data folder is made (and removed); on PostgreSQL the database in
DATABASE_URL is created when missing and filled (a database that already has tables is
refused, never emptied), and the restore goes into a second database named after it with
"_restored" (created and dropped here). Prints a baseline measured in the same run: copying
the database file (SQLite) or a plain pg_dump, so the ratio shows what the archive,
checksums and checks cost on top, and the load average before and after (the figures of a
busy machine are rough).
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FILL = """
import datetime as dt, os
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from yingdu.news.models import NewsArticle
now = timezone.now()
paragraph = ("BEIJING, May 1 -- Students from three schools met to compare notes on "
             "renewable energy projects and shared what they learned about solar power. ")
batch = []
for i in range({items}):
    batch.append(NewsArticle(
        section="international" if i % 2 else "domestic", status="published",
        title=f"Generated story {{i}} about clean energy", slug=f"backup-bench-{{i}}",
        published_at=now - dt.timedelta(minutes=i), body=(paragraph * 4 + "\\n\\n") * 3))
    if len(batch) == 5000:
        NewsArticle.objects.bulk_create(batch); batch = []
NewsArticle.objects.bulk_create(batch)
for i in range({media}):
    default_storage.save(f"resources/bench/{{i}}.pdf", ContentFile(os.urandom(200_000)))
"""


def yingdu(env, *args) -> float:
    """Seconds `yingdu ARGS…` took; its output is shown only when it fails."""
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "yingdu.cli", *args], env=env,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"`yingdu {args[0]}` failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return time.monotonic() - started


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def timed(argv, env) -> float:
    started = time.monotonic()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def postgres_admin(url: str, sql: str) -> None:
    import psycopg

    server = url.rpartition("/")[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(sql)


def prepare_postgres(url: str) -> bool:
    """Create the database of URL when it is missing (True: dropped again at the end);
    stop when it already has tables."""
    import psycopg

    name = url.rpartition("/")[2]
    server = url.rpartition("/")[0]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            admin.execute(f'CREATE DATABASE "{name}"')
            return True
    with psycopg.connect(url) as db:
        tables = db.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    if tables:
        sys.exit(f"{name} already has {tables} tables: give an empty or new database")
    return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--media", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="yingdu-bench-backup-"))
    base_env = {**os.environ, "PYTHONPATH": str(ROOT), "DEBUG": "0"}
    source = {**base_env, "YINGDU_DATA_DIR": str(work / "site")}
    target = {**base_env, "YINGDU_DATA_DIR": str(work / "restored")}
    url = os.environ.get("DATABASE_URL", "")
    postgres = url.startswith("postgres")
    created = postgres and prepare_postgres(url)
    if postgres:
        target["DATABASE_URL"] = url + "_restored"
        postgres_admin(url, f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}_restored"')
        postgres_admin(url, f'CREATE DATABASE "{url.rpartition("/")[2]}_restored"')
    try:
        print(f"Load average (1, 5, 15 min) before: {load_average()}")
        print(f"Filling a site with {args.items:,} items and {args.media} media files…")
        yingdu(source, "migrate", "-v", "0")
        fill = time.monotonic()
        yingdu(source, "manage", "shell", "-c", FILL.format(items=args.items, media=args.media))
        print(f"  filled in {time.monotonic() - fill:.0f} s")
        if postgres:
            baseline = timed(["pg_dump", "--format=custom", f"--file={work / 'plain.dump'}",
                              url], base_env)  # fmt: skip
            what = "plain pg_dump"
        else:
            started = time.monotonic()
            shutil.copyfile(work / "site/yingdu.sqlite3", work / "plain.sqlite3")
            baseline, what = time.monotonic() - started, "copying the database file"
        archive = work / "site.tar.gz"
        backup = yingdu(source, "backup", str(archive))
        restore = yingdu(target, "restore", str(archive))
        print(f"\n{args.items:,} items, {args.media} media files "
              f"({'PostgreSQL' if postgres else 'SQLite'}); archive "
              f"{archive.stat().st_size / 2**20:,.0f} MB")  # fmt: skip
        print(f"baseline ({what}): {baseline:6.1f} s")
        print(f"yingdu backup:  {backup:6.1f} s   {backup / baseline:5.1f}× the baseline")
        print(f"yingdu restore: {restore:6.1f} s   {restore / baseline:5.1f}× the baseline "
              "(checksums, load, row counts, migrate)")  # fmt: skip
        print(f"Load average (1, 5, 15 min) after: {load_average()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if postgres:
            postgres_admin(url, f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}_restored"')
        if created:
            postgres_admin(url, f'DROP DATABASE IF EXISTS "{url.rpartition("/")[2]}" WITH (FORCE)')
    return 0


if __name__ == "__main__":
    sys.exit(main())
