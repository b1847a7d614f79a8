"""Two `yingdu serve` processes on two ports sharing one PostgreSQL database, one Redis and
one S3-compatible store (moto's server mode, on loopback) behave as one site: a log-in on one
is valid on the other, a resource published through one appears at once in the other's cached
list and downloads through it, an upload's text and preview made by a worker from the
store show on the other, and log-in failures count across both. Runs in the
PostgreSQL + Redis pass (DATABASE_URL and REDIS_URL set)."""

import io
import os
import re
import signal
import subprocess
import sys

import pytest

from tests.conftest import (
    YINGDU,
    free_port,
    run_yingdu,
    start_python,
    subprocess_env,
    wait_until_served,
)

requests = pytest.importorskip("requests")
pytestmark = pytest.mark.skipif(
    not (os.environ.get("DATABASE_URL", "").startswith("postgres") and os.environ.get("REDIS_URL")),
    reason="runs in the PostgreSQL + Redis pass (DATABASE_URL and REDIS_URL set)",
)

EDITOR, PASSWORD = "editor_li", "a-long-scale-test-password-2026"
BUCKET = "yingdu-media"
TITLE = "两台服务器 Unit 3 教案"


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def object_store():
    """moto's S3 server on loopback with one bucket; its endpoint URL."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    endpoint = f"http://127.0.0.1:{port}"
    try:
        wait_until_served(endpoint + "/", server, seconds=60)
        import boto3

        boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                     aws_access_key_id="testing", aws_secret_access_key="testing",
                     ).create_bucket(Bucket=BUCKET)  # fmt: skip
        yield endpoint
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def site_env(tmp_path, fresh_database_url, object_store):
    """The environment both servers (and the worker) run with."""
    redis_url = os.environ["REDIS_URL"].rpartition("/")[0] + "/14"  # apart from the suite's
    return subprocess_env(
        tmp_path / "data", DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
        DATABASE_URL=fresh_database_url, REDIS_URL=redis_url,
        YINGDU_S3_BUCKET=BUCKET, YINGDU_S3_ENDPOINT_URL=object_store, YINGDU_S3_REGION="us-east-1",
        AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
    )  # fmt: skip


@pytest.fixture
def two_servers(site_env):
    env = site_env
    run_yingdu(env, "migrate", "-v", "0")
    run_yingdu(env, "manage", "shell", "-c", "from django.core.cache import cache; cache.clear()")
    run_yingdu(env, "users", "create", EDITOR, "--role", "editor", "--password-stdin",
               input=PASSWORD + "\n")  # fmt: skip
    servers = []
    try:
        for _ in range(2):
            port = free_port()
            server = start_python(env, *YINGDU, "serve", "--port", str(port), "--workers", "2",
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
            servers.append((f"http://127.0.0.1:{port}", server))
            wait_until_served(servers[-1][0] + "/", server, seconds=300)
        yield [base for base, _ in servers]
    finally:
        for _, server in servers:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def log_in(session, base: str, password: str) -> int:
    form = session.get(base + "/accounts/login/", timeout=30)
    answer = session.post(base + "/accounts/login/", timeout=30, allow_redirects=False, data={
        "csrfmiddlewaretoken": csrf_token(form.text), "username": EDITOR, "password": password,
    }, headers={"Referer": base + "/accounts/login/"})  # fmt: skip
    return answer.status_code


def upload(session, base: str, file=None, title=TITLE) -> requests.Response:
    form = session.get(base + "/resources/upload/", timeout=30)
    edition = re.search(r'<option value="(\d+)"', form.text.split('name="edition"')[1]).group(1)
    return session.post(base + "/resources/upload/", timeout=60, data={
        "csrfmiddlewaretoken": csrf_token(form.text), "title": title, "type": "lesson_plan",
        "grade": "p5", "volume": "first", "edition": edition, "unit": "Unit 3",
    }, files={"files": file or ("板书.png", png_bytes(), "image/png")},
        headers={"Referer": base + "/resources/upload/"})  # fmt: skip


def test_two_servers_behave_as_one_site(two_servers):
    first, second = two_servers
    editor = requests.Session()
    assert log_in(editor, first, PASSWORD) == 302
    mine = editor.get(second + "/resources/mine/", timeout=30, allow_redirects=False)
    assert mine.status_code == 200  # the session made on the first is valid on the second

    visitor = requests.Session()
    assert TITLE not in visitor.get(second + "/resources/", timeout=30).text  # now cached
    page = upload(editor, first)
    assert page.status_code == 200 and TITLE in page.text, page.text[-2000:]
    listing = visitor.get(second + "/resources/", timeout=30).text
    assert TITLE in listing  # the edit on the first cleared the second's cached list

    detail_path = re.search(r'href="(/resources/[^"/]+/)"[^>]*>[^<]*' + TITLE, listing).group(1)
    detail = visitor.get(second + detail_path, timeout=30).text
    download = re.search(r'href="(/resources/[^"]+/download/)"', detail).group(1)
    assert visitor.get(second + download, timeout=30).content == png_bytes()  # from S3


def test_log_in_failures_count_across_both_servers(two_servers):
    first, second = two_servers
    statuses = [log_in(requests.Session(), first, f"guess-{n}") for n in range(3)]
    statuses += [log_in(requests.Session(), second, f"guess-{n}") for n in range(2)]
    assert statuses == [200, 200, 200, 200, 429]
    assert log_in(requests.Session(), first, PASSWORD) == 429


def test_a_job_queued_by_one_server_is_run_by_a_worker(two_servers, site_env, tmp_path):
    first, second = two_servers
    editor = requests.Session()
    assert log_in(editor, first, PASSWORD) == 302
    settings_page = editor.get(first + "/accounts/settings/", timeout=30).text
    queued = editor.post(first + "/accounts/settings/export/", timeout=30, data={
        "csrfmiddlewaretoken": csrf_token(settings_page),
    }, headers={"Referer": first + "/accounts/settings/"}, allow_redirects=False)  # fmt: skip
    assert queued.status_code == 302
    job_page = queued.headers["Location"]  # /jobs/N/, queued on Redis (RQ) by the first
    assert "排队" in editor.get(second + job_page, timeout=30).text  # waiting, seen on both

    with open(tmp_path / "worker.log", "w") as log:
        worker = start_python(site_env, *YINGDU, "worker", "--batch",
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        assert worker.wait(timeout=300) == 0, (tmp_path / "worker.log").read_text()[-3000:]
    page = editor.get(second + job_page, timeout=30).text
    assert "已完成" in page and job_page + "download/" in page
    exported = editor.get(second + job_page + "download/", timeout=30)  # from the object store
    assert exported.json()["account"]["username"] == EDITOR


def test_an_upload_through_one_is_read_by_a_worker_and_previewed_by_the_other(
    two_servers, site_env, tmp_path
):
    """The upload's job (text and preview of a pdf) reads the file from the object store
    and writes the preview there; the other server shows the result."""
    from tests.resources import samples

    first, second = two_servers
    editor = requests.Session()
    assert log_in(editor, first, PASSWORD) == 302
    title = "两台服务器 Unit 4 课件"
    page = upload(editor, first, ("课件.pdf", samples.pdf("Unit 4 Seasons"), "application/pdf"),
                  title)  # fmt: skip
    assert page.status_code == 200 and "处理中" in page.text, page.text[-2000:]
    detail_url = page.url.replace(first, second)
    job_page = re.search(r'href="(/jobs/\d+/)"', page.text).group(1)
    assert "排队" in editor.get(second + job_page, timeout=30).text

    with open(tmp_path / "worker.log", "w") as log:
        worker = start_python(site_env, *YINGDU, "worker", "--batch",
                              stdout=log, stderr=subprocess.STDOUT)  # fmt: skip
        assert worker.wait(timeout=300) == 0, (tmp_path / "worker.log").read_text()[-3000:]
    assert "已完成" in editor.get(second + job_page, timeout=30).text
    visitor = requests.Session()
    detail = visitor.get(detail_url, timeout=30).text
    preview = re.search(r'src="(/resources/[^"]+/preview\.png)"', detail).group(1)
    assert visitor.get(second + preview, timeout=30).content.startswith(b"\x89PNG")
    results = visitor.get(second + "/search/", params={"q": "Seasons"}, timeout=30).text
    assert title in results
