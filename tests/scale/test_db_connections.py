"""PostgreSQL connections of the web servers: each `yingdu serve` shares YINGDU_DB_CONNECTIONS
among its workers' pools, so two servers with the default settings stay within PostgreSQL's
default max_connections (100) however many threads they run, a process's threads never hold
more connections than its pool, and `yingdu serve` says what it may hold and warns when the
database has too few left."""

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import subprocess_env
from yingdu import config
from yingdu.commands.serve import default_workers

POSTGRESQL_DEFAULT_MAX_CONNECTIONS = 100
SUPERUSER_RESERVED = 3  # PostgreSQL's default superuser_reserved_connections
JOB_WORKERS_AND_COMMANDS = 2 * config.DEFAULT_POOL_SIZE  # two `yingdu worker`s, or commands

on_postgresql = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs in the PostgreSQL pass (DATABASE_URL set)",
)


@pytest.mark.parametrize(
    ("budget", "workers", "threads", "share"),
    [(40, 3, 16, 13), (40, 9, 16, 4), (40, 1, 16, 16), (40, 60, 16, 1), (40, 2, 8, 8)],
)
def test_each_worker_pool_is_its_share_of_the_server_budget(budget, workers, threads, share):
    assert config.worker_pool_size(budget, workers, threads) == share
    assert config.server_connections(workers, threads, budget) == workers * share


@pytest.mark.parametrize(
    ("budget", "environment"), [("40", {"YINGDU_DB_POOL_SIZE": "13"}), ("0", {})]
)
def test_serve_hands_its_workers_their_pool_size(monkeypatch, budget, environment):
    """What `yingdu serve` (and the benchmarks starting gunicorn as it does) add to the
    workers' environment: each one's share, or nothing without pools."""
    from yingdu.commands.serve import worker_pool_environment

    monkeypatch.setenv("YINGDU_DB_CONNECTIONS", budget)
    assert worker_pool_environment(workers=3, threads=16) == environment


@pytest.mark.parametrize("cores", [1, 2, 4, 8, 16, 32])
def test_two_default_servers_fit_postgresql_default_max_connections(cores):
    defaults = config.load({})
    workers = default_workers(defaults.worker_class, cores)
    per_server = config.server_connections(workers, defaults.threads, defaults.db_connections)
    room = POSTGRESQL_DEFAULT_MAX_CONNECTIONS - SUPERUSER_RESERVED - JOB_WORKERS_AND_COMMANDS
    assert 2 * per_server <= room
    # Without the pools, threads decide: already two 2-core servers would not fit.
    unpooled = config.server_connections(workers, defaults.threads, 0)
    assert cores < 2 or 2 * unpooled > room


def test_the_pool_is_for_postgresql_only_and_can_be_turned_off():
    postgres = {"DATABASE_URL": "postgres://u@db.internal:5432/yingdu"}
    assert config.database_pool(config.load({})) is None  # SQLite
    assert config.database_pool(config.load({**postgres, "YINGDU_DB_CONNECTIONS": "0"})) is None
    pool = config.database_pool(config.load({**postgres, "YINGDU_DB_POOL_SIZE": "6"}))
    assert pool["max_size"] == 6 and pool["min_size"] == 1
    assert pool["timeout"] == config.load({}).db_pool_timeout


HOLD_CONNECTIONS = """
import threading

import django

django.setup()
from django.db import connection

done = []

def hold():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(0.6)")
    connection.close()
    done.append(1)

threads = [threading.Thread(target=hold) for _ in range({threads})]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
print("done", len(done))
"""


def peak_connections(database_url: str, process: subprocess.Popen) -> int:
    """The most connections to the database at once while PROCESS runs (this one apart)."""
    import psycopg

    name = database_url.rpartition("/")[2]
    peak = 0
    with psycopg.connect(database_url, autocommit=True) as watcher:
        while process.poll() is None:
            count = watcher.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> "
                "pg_backend_pid()",
                (name,),
            ).fetchone()[0]
            peak = max(peak, count)
            time.sleep(0.02)
    return peak


@on_postgresql
@pytest.mark.parametrize(("connections", "most"), [("40", 3), ("0", None)])
def test_threads_of_a_process_share_at_most_its_pool(
    tmp_path, fresh_database_url, connections, most
):
    threads = 12
    env = subprocess_env(
        tmp_path, DATABASE_URL=fresh_database_url, YINGDU_DB_CONNECTIONS=connections,
        YINGDU_DB_POOL_SIZE="3", SECRET_KEY="test-only-secret-key-" + "p" * 40,
    )  # fmt: skip
    script = HOLD_CONNECTIONS.format(threads=threads)
    process = subprocess.Popen([sys.executable, "-c", script],
                               env=env, stdout=subprocess.PIPE, text=True)  # fmt: skip
    peak = peak_connections(fresh_database_url, process)
    out, _ = process.communicate(timeout=120)
    assert f"done {threads}" in out  # every thread got its connection, some by waiting
    if most:
        assert 1 <= peak <= most
    else:  # without a pool each thread opens its own: the bound above is the pool's doing
        assert peak > 3


@on_postgresql
def test_serve_says_what_it_may_hold_and_warns_when_postgresql_has_too_few(capsys, db):
    from yingdu.commands.serve import postgresql_connection_room, report_database_connections

    report_database_connections(workers=3, threads=16)
    said = capsys.readouterr()
    assert "this server holds at most 39 connections (a pool of 13 per worker)" in said.out
    assert "Warning" not in said.err

    allowed, _ = postgresql_connection_room()
    report_database_connections(workers=allowed + 1, threads=16)  # a pool of one each
    said = capsys.readouterr()
    assert f"holds at most {allowed + 1} connections" in said.out
    assert "too many clients" in said.err and "YINGDU_DB_CONNECTIONS" in said.err
