"""Attacks on the running site (issue 10): real `yingdu serve` processes (gunicorn, DEBUG
off, the real settings) on loopback, sharing one data folder and SQLite database.

- Log-in failures counted by one server process lock the account on another (defect 3).
- Both worker classes serve the site (the second server runs sync workers).
- Twenty clients sending their request body one byte a second do not make the home page
  unavailable (defect 6): the workers are threaded, so a slow client holds one thread.
"""

import contextlib
import http.cookiejar
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import (
    YINGDU,
    free_port,
    run_yingdu,
    start_python,
    subprocess_env,
    wait_until_served,
)

pytestmark = [pytest.mark.attack, pytest.mark.backend_free]  # servers on a data folder of their own

ADMIN, PASSWORD = "editor_wang", "a-long-test-password-2026"


def start_serve(env, workers: int, worker_class: str):
    port = free_port()
    proc = start_python(
        {**env, "YINGDU_WORKER_CLASS": worker_class},
        *YINGDU, "serve", "--port", str(port), "--workers", str(workers),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    # the first start collects and compresses static files
    wait_until_served(base + "/", proc, seconds=300)
    return base, proc


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Two `yingdu serve` processes on one SQLite database: 3 threaded workers (the default)
    and 1 sync worker (YINGDU_WORKER_CLASS=sync, for a site behind a buffering proxy)."""
    env = subprocess_env(
        tmp_path_factory.mktemp("serve") / "data",
        DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
    )  # fmt: skip
    run_yingdu(env, "migrate", "-v", "0")
    run_yingdu(
        {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD}, "manage", "createsuperuser", "--noinput",
        "--username", ADMIN, "--email", "wang@example.org",
    )  # fmt: skip
    started = []
    try:
        for workers, worker_class in ((3, "gthread"), (1, "sync")):
            started.append(start_serve(env, workers, worker_class))
        yield [base for base, _ in started]
    finally:
        for _, proc in started:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 after a successful log-in is the answer, not a page to follow


def login_status(base: str, path: str, password: str) -> int:
    """GET the form (CSRF cookie and token), POST the user name and password."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    html = opener.open(base + path, timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    form = {"csrfmiddlewaretoken": token, "username": ADMIN, "password": password}
    try:
        return opener.open(base + path, urllib.parse.urlencode(form).encode(), timeout=10).status
    except urllib.error.HTTPError as answer:
        return answer.code


def test_failures_on_one_server_lock_the_account_on_another(servers):
    first, second = servers
    statuses = [login_status(first, "/admin/login/", f"guess-{n}") for n in range(3)]
    statuses += [login_status(second, "/accounts/login/", f"guess-{n}") for n in range(2)]
    assert statuses == [200, 200, 200, 200, 429]
    assert login_status(first, "/admin/login/", PASSWORD) == 429
    assert login_status(second, "/accounts/login/", PASSWORD) == 429
    assert login_status(first, "/accounts/login/", PASSWORD) == 429


def trickle(sockets, stop: threading.Event) -> None:
    """Send one byte of each request body a second until stopped."""
    while not stop.wait(1):
        for sock in sockets:
            with contextlib.suppress(OSError):  # the server may have given up on it
                sock.sendall(b"x")


def test_slow_clients_do_not_take_the_site_down(servers):
    base = servers[0]
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    head = (
        f"POST /api/annotate HTTP/1.1\r\nHost: {host}:{port}\r\n"  # a view that reads the body
        "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
    ).encode()
    sockets = [socket.create_connection((host, int(port)), timeout=10) for _ in range(20)]
    stop = threading.Event()
    for sock in sockets:
        sock.sendall(head)
    sender = threading.Thread(target=trickle, args=(sockets, stop), daemon=True)
    sender.start()
    try:
        time.sleep(3)  # every slow request is now being read by the server
        for _ in range(10):
            # sync workers never answer: every one is held by a slow body (timeout 10 s
            # rather than 5, for a loaded test machine)
            with urllib.request.urlopen(base + "/", timeout=10) as response:
                assert response.status == 200 and "英读" in response.read().decode()
    finally:
        stop.set()
        sender.join()
        for sock in sockets:
            sock.close()
