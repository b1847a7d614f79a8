"""A chunked upload (Transfer-Encoding: chunked, no Content-Length) over the size limit gets
the documented 413, not a CSRF 403; one under the limit is stored (issue 10, defect 9).
Real HTTP to gunicorn on loopback, since the WSGI server is what decodes the chunks."""

import http.client
import http.cookiejar
import re
import signal
import subprocess
import urllib.parse
import urllib.request

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from tests.conftest import free_port, run_python, start_python, subprocess_env, wait_until_served

from . import samples
from .conftest import PASSWORD

# issue 10: run alone by `make audit`; gunicorn on a data folder of its own (tests/conftest.py)
pytestmark = [pytest.mark.attack, pytest.mark.backend_free]

LIMIT_MB = 1
SETUP = f"""
import django; django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.contrib.auth.models import User
from yingdu.accounts.roles import TEACHER, grant
grant(User.objects.create_user("teacher_li", password={PASSWORD!r}), TEACHER)
"""


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    """gunicorn serving the test settings (no collected static needed) on a fresh database,
    one for the module: each test signs in and uploads on its own."""
    tmp_path = tmp_path_factory.mktemp("chunked")
    env = {**subprocess_env(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "tests.settings",
           "YINGDU_TEST_DATA_DIR": str(tmp_path / "data"),
           "YINGDU_UPLOAD_MAX_MB": str(LIMIT_MB)}  # fmt: skip
    run_python(env, "-c", SETUP)
    port = free_port()
    proc = start_python(
        env, "-m", "gunicorn", "yingdu.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_served(f"http://127.0.0.1:{port}/accounts/login/", proc, seconds=120)
        yield port
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def signed_in_upload_form(port):
    """Cookies of a signed-in teacher and the upload form's CSRF token."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{port}"

    def token(path):
        html = opener.open(base + path).read().decode()
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    form = {"username": "teacher_li", "password": PASSWORD,
            "csrfmiddlewaretoken": token("/accounts/login/")}  # fmt: skip
    opener.open(base + "/accounts/login/", urllib.parse.urlencode(form).encode())
    csrf = token("/resources/upload/")
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    return cookies, csrf


def post_chunked(port, cookies, body: bytes) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.putrequest("POST", "/resources/upload/")
    connection.putheader("Content-Type", MULTIPART_CONTENT)
    connection.putheader("Transfer-Encoding", "chunked")
    connection.putheader("Cookie", cookies)
    connection.endheaders()
    for start in range(0, len(body), 64 * 1024):
        piece = body[start : start + 64 * 1024]
        connection.send(b"%x\r\n" % len(piece) + piece + b"\r\n")
    connection.send(b"0\r\n\r\n")
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def form_body(csrf: str, pdf: bytes) -> bytes:
    data = {"title": "分块上传", "type": "courseware", "grade": "p5", "volume": "first",
            "edition": "1",  # 人教版, the first edition of a fresh database
            "files": [SimpleUploadedFile("a.pdf", pdf)], "csrfmiddlewaretoken": csrf}  # fmt: skip
    return encode_multipart(BOUNDARY, data)


def test_chunked_upload_over_the_limit_gets_413(gunicorn):
    cookies, csrf = signed_in_upload_form(gunicorn)
    oversize = samples.pdf() + b"%" + b"0" * (2 * LIMIT_MB * 1024 * 1024)
    response = post_chunked(gunicorn, cookies, form_body(csrf, oversize))
    assert response.status == 413


def test_chunked_upload_under_the_limit_is_read(gunicorn):
    cookies, csrf = signed_in_upload_form(gunicorn)
    response = post_chunked(gunicorn, cookies, form_body(csrf, samples.pdf()))
    assert response.status == 302  # stored; on to the new resource's page
    assert response.getheader("Location").startswith("/resources/")
