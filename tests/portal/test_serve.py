"""`yingdu serve` with DEBUG off runs gunicorn and serves pages and compressed, hashed
static files over real HTTP on loopback."""

import re
import signal
import subprocess
import urllib.request

import pytest

from tests.conftest import YINGDU, free_port, run_yingdu, start_python, wait_until_served

pytestmark = pytest.mark.backend_free  # a data folder of its own (tests/conftest.py)


@pytest.fixture
def server(fresh_env):
    env = {**fresh_env, "DEBUG": "0", "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0"}
    run_yingdu(env, "migrate", "-v", "0")
    port = free_port()
    proc = start_python(env, *YINGDU, "serve", "--port", str(port), "--workers", "2",
                        stderr=subprocess.STDOUT)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(base + "/", proc, seconds=300)  # the first collectstatic compresses
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
