"""`yingdu serve` preloads the site in the gunicorn master (the default): the workers it
forks each use their own database session and lexicon handle, and the server stops
promptly on SIGINT and on SIGTERM while clients hold keep-alive connections.

Stopping is checked without timing it: the graceful timeout is set far above the hang
detector's bound, so a worker that does not leave by itself (the slow stop of
docs/operators.md) keeps the server running past the bound, and the master's log would
show the worker killed."""

import http.client
import json
import os
import signal
import subprocess
import tempfile
import threading

import pytest

from tests.conftest import (
    YINGDU,
    free_port,
    run_yingdu,
    start_python,
    subprocess_env,
    wait_until_served,
)
from yingdu.commands.serve import heartbeat_folder

WORKERS = 2
CLIENTS = 8
HANG_SECONDS = 90  # a generous bound: the server must stop long before…
GRACEFUL_TIMEOUT = 600  # …gunicorn would kill a worker that does not stop by itself
PAGES = ("/", "/en/", "/news/international/", "/search/?q=energy", "/__probe__/")


@pytest.fixture(scope="module")
def static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture
def server(tmp_path, static_root, site_lexicon, fresh_database_url):
    from django.conf import settings

    env = subprocess_env(
        tmp_path / "data", DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
        YINGDU_PROBE_STATIC_ROOT=str(static_root), YINGDU_LEXICON_PATH=str(settings.LEXICON_PATH),
        YINGDU_GRACEFUL_TIMEOUT=str(GRACEFUL_TIMEOUT),
    )  # fmt: skip
    env["DJANGO_SETTINGS_MODULE"] = "tests.portal.serve_probe_settings"
    if fresh_database_url:  # the PostgreSQL + Redis pass
        env.update(DATABASE_URL=fresh_database_url, REDIS_URL=os.environ.get("REDIS_URL", ""))
    run_yingdu(env, "migrate", "-v", "0")
    port = free_port()
    proc = start_python(env, *YINGDU, "serve", "--port", str(port), "--workers", str(WORKERS),
                        stderr=subprocess.STDOUT)  # fmt: skip
    try:
        wait_until_served(f"http://127.0.0.1:{port}/", proc, seconds=300)
        yield port, proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def probe_every_worker(port: int) -> dict[int, dict]:
    """The probe's report from each worker, by pid (new connections until all answered)."""
    reports = {}
    for _ in range(200):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        try:
            connection.request("GET", "/__probe__/")
            response = connection.getresponse()
            assert response.status == 200
            report = json.loads(response.read())
        finally:
            connection.close()
        reports[report["pid"]] = report
        if len(reports) == WORKERS:
            break
    return reports


def keep_alive_client(port: int, stop: threading.Event, answered: list) -> None:
    """Requests on one kept-alive connection until the server closes it, then holds on
    until STOP."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    n = 0
    try:
        while not stop.is_set():
            connection.request("GET", PAGES[n % len(PAGES)])
            response = connection.getresponse()
            response.read()
            answered.append(response.status)
            n += 1
    except (OSError, http.client.HTTPException):
        pass  # the server closed the connection: it is stopping
    finally:
        stop.wait()
        connection.close()


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_preloaded_workers_own_their_connections_and_stop_promptly(server, stop_signal):
    port, proc = server
    reports = probe_every_worker(port)
    assert len(reports) == WORKERS, reports
    heartbeat = f"{heartbeat_folder()[-1] if heartbeat_folder() else tempfile.gettempdir()}/"
    for report in reports.values():
        assert report["master_pid"] == proc.pid  # the site was loaded in the master
        assert report["own_lexicon_handle"] and report["lexicon_reads"]
        assert report["master_database_closed"]
        assert report["lexicon_mapped"]  # yingdu/lexicon/store.py: _connect
        assert [f.split("wgunicorn-")[0] for f in report["heartbeat_files"]] == [heartbeat]
    sessions = {report["database"] for report in reports.values()}
    assert len(sessions) == WORKERS, sessions

    stop, answered = threading.Event(), []
    clients = [threading.Thread(target=keep_alive_client, args=(port, stop, answered))
               for _ in range(CLIENTS)]  # fmt: skip
    for client in clients:
        client.start()
    try:
        while len(answered) < CLIENTS * len(PAGES) and proc.poll() is None:
            stop.wait(0.05)
        proc.send_signal(stop_signal)
        output = proc.communicate(timeout=HANG_SECONDS)[0]  # a hang detector, not a timing
    finally:
        stop.set()
        for client in clients:
            client.join()
    assert set(answered) == {200}, set(answered)
    assert proc.returncode == 0, output
    assert "SIGKILL" not in output and "exited with code" not in output, output


def test_preload_and_graceful_timeout_are_settings(monkeypatch):
    from yingdu import config
    from yingdu.commands.serve import gunicorn_argv

    defaults = config.load({})
    assert defaults.preload and defaults.graceful_timeout == 10
    argv = gunicorn_argv("127.0.0.1", "8000", 2, 4)
    assert "--preload" in argv
    assert argv[argv.index("--graceful-timeout") + 1] == "10"
    assert argv[argv.index("--config") + 1] == "python:yingdu.gunicorn_hooks"
    monkeypatch.setenv("YINGDU_PRELOAD", "off")
    monkeypatch.setenv("YINGDU_GRACEFUL_TIMEOUT", "2.5")
    argv = gunicorn_argv("127.0.0.1", "8000", 2, 4)
    assert "--preload" not in argv
    assert argv[argv.index("--graceful-timeout") + 1] == "2.5"
    with pytest.raises(config.ConfigError, match="YINGDU_PRELOAD"):
        config.load({"YINGDU_PRELOAD": "sometimes"})
