"""`yingdu serve` with DEBUG off runs gunicorn and serves pages and compressed, hashed
static files over real HTTP on loopback."""

import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


@pytest.fixture
def server(fresh_env):
    env = {**fresh_env, "DEBUG": "0", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0"}
    subprocess.run([sys.executable, "-m", "yingdu.cli", "migrate", "-v", "0"], env=env, check=True)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "yingdu.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/", seconds=300)  # the first collectstatic compresses everything
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
            proc.wait(timeout=30)


def test_gunicorn_serves_the_site_and_static_files(server):
    base, proc = server
    with urllib.request.urlopen(base + "/") as response:
        html = response.read().decode()
    assert "英读" in html
    css = re.search(r'href="(/static/yingdu/site\.[0-9a-f]{12}\.css)"', html)
    assert css, "stylesheet URL should carry a content hash"
    request = urllib.request.Request(base + css.group(1), headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] in {"gzip", "br"}
        assert "max-age=31536000" in response.headers["Cache-Control"]
    proc.send_signal(signal.SIGINT)
    output = proc.communicate(timeout=30)[0]
    assert "gunicorn" in output.lower() or "Booting worker" in output
