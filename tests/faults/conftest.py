"""Servers of the fault tests' own (bench/localservices.py): a redis-server and a
PostgreSQL cluster that the tests stop and restart, never the ones the suite shares, and
a `yingdu serve` on a prepared SQLite data folder."""

import contextlib
import signal
import subprocess

import pytest

from bench import localservices
from tests.conftest import YINGDU, run_yingdu, start_python, subprocess_env, wait_until_served
from tests.resources.conftest import (  # noqa: F401 - the upload tests' fixtures
    media,
    renjiao,
    teacher,
    teacher_client,
)


class OwnRedis:
    """A redis-server on a free loopback port that a test may stop and start again."""

    def __init__(self):
        self.port = localservices.free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = localservices.start_redis(self.port)

    def stop(self):
        localservices.stop_process(self.process)

    def keys(self) -> int:
        import redis

        return redis.Redis.from_url(self.url).dbsize()


@pytest.fixture
def own_redis():
    if not localservices.redis_available():
        pytest.skip("redis-server is not installed")
    server = OwnRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def own_postgres():
    if not localservices.postgres_available():
        pytest.skip(f"PostgreSQL 15 is not installed in {localservices.PG_BIN}")
    cluster = localservices.init_postgres()
    try:
        localservices.start_postgres(cluster)
        yield cluster
    finally:
        localservices.remove_postgres(cluster)


COLLECT_STATIC = (
    "from yingdu.commands.serve import collect_static_if_changed; collect_static_if_changed()"
)


@pytest.fixture(scope="session")
def site_data(tmp_path_factory):
    """A migrated SQLite data folder with the demo content and collected static files,
    shared by the fault tests' servers (collectstatic takes a while)."""
    data = tmp_path_factory.mktemp("faults") / "data"
    env = serve_env(data)
    run_yingdu(env, "migrate", "-v", "0")
    run_yingdu(env, "demo")
    run_yingdu(env, "manage", "shell", "-c", COLLECT_STATIC)
    return data


def serve_env(data, **extra):
    return subprocess_env(data, DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0", **extra)


@contextlib.contextmanager
def served(env, *options: str):
    """`yingdu serve` on a free port with OPTIONS; yields (base URL, the gunicorn master)."""
    port = localservices.free_port()
    server = start_python(env, *YINGDU, "serve", "--port", str(port), *options,
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(base + "/", server, seconds=300)
        yield base, server
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
