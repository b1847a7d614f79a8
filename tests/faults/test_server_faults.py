"""Faults under a running `yingdu serve`: a web worker killed with SIGKILL is replaced and
the site keeps answering; PostgreSQL restarted under the site costs no failed request once
it is back (connections are health-checked before use), without restarting the site."""

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from bench import localservices
from tests.conftest import run_yingdu

from .conftest import serve_env, served

pytestmark = pytest.mark.backend_free  # a data folder and servers of their own


def get(base: str, path: str) -> int:
    return requests.get(base + path, timeout=30).status_code


def test_a_killed_worker_is_replaced(site_data):
    with served(serve_env(site_data), "--workers", "2") as (base, master):
        workers = localservices.child_pids(master.pid)
        assert len(workers) == 2 and get(base, "/") == 200
        os.kill(workers[0], signal.SIGKILL)

        deadline = time.monotonic() + 60
        while True:
            now = localservices.child_pids(master.pid)
            if len(now) == 2 and workers[0] not in now:
                break
            assert time.monotonic() < deadline, f"no new worker: {now}"
            time.sleep(0.2)
        assert master.poll() is None  # the master went on serving
        assert [get(base, f"/search/?q=energy{n}") for n in range(10)] == [200] * 10


def test_the_site_survives_a_postgresql_restart(site_data, own_postgres):
    url = localservices.create_database(own_postgres, "yingdu_faults")
    env = serve_env(site_data, DATABASE_URL=url)
    run_yingdu(env, "migrate", "-v", "0")
    # One worker with four threads, each holding a database connection (searches are never
    # served from the page cache, so every one of them asks the database).
    with served(env, "--workers", "1", "--threads", "4") as (base, _master):
        with ThreadPoolExecutor(8) as pool:
            warm = list(pool.map(lambda n: get(base, f"/search/?q=warm{n}"), range(32)))
        assert warm == [200] * 32

        localservices.restart_postgres(own_postgres)  # every kept connection is cut
        after = [get(base, f"/search/?q=after{n}") for n in range(20)]
        assert after == [200] * 20
