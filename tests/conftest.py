"""Shared fixtures: a small set of published and draft items of every kind."""

import datetime as dt
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.utils import timezone

from yingdu.bilingual.models import BilingualArticle
from yingdu.compositions.models import Composition
from yingdu.core.models import Status, Tag
from yingdu.daily.models import DailyTerm
from yingdu.news.models import NewsArticle, Section

# The plain-Python packages never import Django (tests/test_layering.py): their tests, in
# the folder of the same name, behave alike on every database and cache.
PLAIN_PACKAGES = ("yingdu.reading", "yingdu.lexicon", "yingdu.importparse", "yingdu.worksheets")
PLAIN_TEST_FOLDERS = tuple(name.rpartition(".")[2] for name in PLAIN_PACKAGES)
# Every fixture that opens the test database (db, transactional_db, live_server…) needs this.
DATABASE_FIXTURE = "django_db_setup"
SKIP_PLAIN = "--skip-plain"


def pytest_addoption(parser):
    parser.addoption(
        SKIP_PLAIN, action="store_true",
        help="leave out the tests of the plain-Python packages that use no database and the "
        "tests marked backend_free: a second pass of the suite on another database and cache "
        "(.ci/run) need not repeat them",
    )  # fmt: skip


# A test marked BACKEND_FREE uses neither the suite's database nor its cache or job queue:
# the processes it starts get a data folder of their own (subprocess_env, which drops
# DATABASE_URL and REDIS_URL) or servers of their own (tests/faults). It behaves the same in
# both passes, so --skip-plain leaves it out of the second one, like the plain tests.
BACKEND_FREE = "backend_free"
# Fixtures that give a test the suite's database or a new one on its server (so not the mark).
BACKEND_FIXTURES = (DATABASE_FIXTURE, "fresh_database_url")


def uses_test_database(item) -> bool:
    return (
        any(name in getattr(item, "fixturenames", ()) for name in BACKEND_FIXTURES)
        or item.get_closest_marker("django_db") is not None
    )


def is_plain(item) -> bool:
    """Whether ITEM tests a plain-Python package without Django's test database (pytest-django
    refuses a query from such a test)."""
    return any(
        Path(item.path).is_relative_to(ROOT / "tests" / f) for f in PLAIN_TEST_FOLDERS
    ) and not uses_test_database(item)


def is_backend_free(item) -> bool:
    """Whether ITEM is marked BACKEND_FREE; a mark on a test that opens the suite's database
    (or a database of its server) is an error, not a reason to skip it."""
    if item.get_closest_marker(BACKEND_FREE) is None:
        return False
    if uses_test_database(item):
        raise pytest.UsageError(f"{item.nodeid} is marked {BACKEND_FREE} but uses the database")
    return True


def pytest_collection_modifyitems(config, items):
    first_pass_only = {item.nodeid for item in items if is_backend_free(item) or is_plain(item)}
    if not config.getoption(SKIP_PLAIN) or not first_pass_only:
        return
    config.hook.pytest_deselected(items=[i for i in items if i.nodeid in first_pass_only])
    items[:] = [item for item in items if item.nodeid not in first_pass_only]


def _published(days_ago: int = 0):
    return {
        "status": Status.PUBLISHED,
        "published_at": timezone.now() - dt.timedelta(days=days_ago),
    }


@pytest.fixture(autouse=True)
def forget_rate_counters():
    """Rate counters in Redis outlive a test's database transaction: forget them after it."""
    yield
    from django.conf import settings

    if settings.RATELIMIT_REDIS_URL:
        from yingdu.accounts import ratelimit

        ratelimit.clear_all()


@pytest.fixture
def tags(db):
    return {name: Tag.objects.create(name=name) for name in ("科技", "环保", "体育")}


@pytest.fixture
def news(db, tags):
    items = []
    for n in range(3):
        item = NewsArticle.objects.create(
            section=Section.INTERNATIONAL,
            title=f"Solar boats cross the lake {n}",
            dateline_place="GENEVA",
            dateline_date="November 2",
            body=f"GENEVA, November 2 -- Boats powered by the sun crossed the lake {n}.\n\n"
            "Engineers said the <strong>batteries</strong> lasted all day.",
            **_published(days_ago=n),
        )
        item.tags.set([tags["科技"]] if n else [tags["科技"], tags["环保"]])
        items.append(item)
    return items


@pytest.fixture
def draft(db):
    return NewsArticle.objects.create(
        section=Section.DOMESTIC, title="Unfinished draft story", body="Draft body."
    )


@pytest.fixture
def term(db):
    item = DailyTerm.objects.create(
        term_zh="绿色出行",
        term_en="green commuting",
        date=timezone.localdate(),
        explanation="鼓励步行、骑车和乘坐公共交通。",
        **_published(),
    )
    item.examples.create(
        position=0, en="More students choose green commuting.", zh="更多学生选择绿色出行。"
    )
    return item


@pytest.fixture
def bilingual(db):
    item = BilingualArticle.objects.create(
        title="Paper cutting in the classroom", title_zh="课堂里的剪纸", **_published()
    )
    item.pairs.create(position=0, en="Children fold red paper.", zh="孩子们折叠红纸。")
    item.pairs.create(position=1, en="Then they cut a window flower.", zh="然后剪出窗花。")
    return item


@pytest.fixture
def composition(db):
    return Composition.objects.create(
        title="我的压岁钱", author_name="小明", grade="p3", language="zh",
        body="过年的时候，奶奶给了我压岁钱。\n\n我把一半存进了银行。", **_published(),
    )  # fmt: skip


@pytest.fixture(scope="session")
def site_lexicon(django_db_blocker, tmp_path_factory):
    """The lexicon the site uses, at settings.LEXICON_PATH: a copy of the session's full build
    from YINGDU_LEXICON_DIR when CI provides it (the one tests/lexicon use: a build takes
    half a minute of CPU), of its pip-only build otherwise."""
    from django.conf import settings

    from tests.lexicon.fixtures import build_once
    from yingdu.lexicon import load_lexicon
    from yingdu.lexicon.paths import shared_lexicon_dir

    if not settings.LEXICON_PATH.exists():
        built, _ = build_once("full" if shared_lexicon_dir() else "pip", tmp_path_factory)
        shutil.copyfile(built, settings.LEXICON_PATH)
    return load_lexicon(settings.LEXICON_PATH)


def page_text(response) -> str:
    """The visible text of a page, tags removed (annotated words are wrapped in spans)."""
    from html import unescape

    html = response.content.decode()
    body = html.split("<body", 1)[-1]
    body = re.sub(r"<script\b.*?</script>", " ", body, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", body)).split())


ROOT = Path(__file__).resolve().parents[1]
SUITE_ONLY_VARIABLES = (
    "DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SECURE_SSL_REDIRECT", "SECURE_COOKIES",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)  # fmt: skip
YINGDU = ("-m", "yingdu.cli")  # what the `yingdu` console script runs


def subprocess_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for running `yingdu` in a subprocess on the SQLite data folder DATA_DIR,
    without the suite's database, cache, key, TLS and async settings, importing this
    checkout's code; EXTRA adds or overrides variables."""
    env = {k: v for k, v in os.environ.items() if k not in SUITE_ONLY_VARIABLES}
    env.update(
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        YINGDU_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="yingdu.settings", **extra,
    )  # fmt: skip
    return env


@pytest.fixture
def fresh_env(tmp_path):
    """`subprocess_env` on a new data folder, tmp_path / "data"."""
    return subprocess_env(tmp_path / "data")


def run_python(
    env,
    *argv,
    input: str | bytes | None = None,
    code: int | None = 0,
    timeout: float = 300,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess:
    """Run `python ARGV…` in a subprocess and wait for it; its exit code must be CODE (None:
    any). INPUT is its standard input; stdout and stderr come back as text (UTF-8)."""
    if isinstance(input, str):
        input = input.encode()
    result = subprocess.run(
        [sys.executable, *argv], env=env, input=input, capture_output=True, timeout=timeout,
        cwd=cwd,
    )  # fmt: skip
    result.stdout, result.stderr = (
        stream.decode("utf-8", "replace") for stream in (result.stdout, result.stderr)
    )
    assert code is None or result.returncode == code, (result.returncode, result.stderr)
    return result


def run_yingdu(env, *args, module: str = "yingdu.cli", **options) -> subprocess.CompletedProcess:
    """Run `yingdu ARGS…` (or `python -m MODULE ARGS…`) like `run_python`; it must succeed
    unless OPTIONS give another `code`."""
    return run_python(env, "-m", module, *args, **options)


def start_python(env, *argv, **popen) -> subprocess.Popen:
    """Start `python ARGV…` without waiting; its stdout is a text pipe unless POPEN says."""
    return subprocess.Popen(
        [sys.executable, *argv], env=env, **{"stdout": subprocess.PIPE, "text": True, **popen}
    )


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_served(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    """Return once URL answers; fail as soon as the SERVER process exits, or after SECONDS."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            pass
        try:  # between tries, wait for the one thing that would end the wait early
            server.wait(timeout=0.3)
        except subprocess.TimeoutExpired:
            continue
        raise AssertionError(f"the server exited ({server.returncode}) before {url} answered")
    raise TimeoutError(url)


@pytest.fixture
def fresh_database_url():
    """In the PostgreSQL pass (DATABASE_URL is postgres://…), a new empty database's URL for
    a `yingdu` subprocess, dropped afterwards; None on SQLite (the data folder's file)."""
    suite_url = os.environ.get("DATABASE_URL", "")
    if not suite_url.startswith("postgres"):
        yield None
        return
    import uuid

    import psycopg

    server, _, _ = suite_url.rpartition("/")
    name = f"yingdu_sub_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
        admin.execute(f'ALTER DATABASE "{name}" SET synchronous_commit TO off')  # as below
    try:
        yield f"{server}/{name}"
    finally:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """pytest-django's test database; on PostgreSQL its commits do not wait for the disk
    (synchronous_commit off for every connection to it, the `yingdu` processes' too): a
    crash of the server may lose the last commits of a database that is thrown away anyway,
    and each commit of a transactional test and of its flush is then a memory write."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            name = connection.ops.quote_name(connection.settings_dict["NAME"])
            cursor.execute(f"ALTER DATABASE {name} SET synchronous_commit TO off")
            cursor.execute("SET synchronous_commit TO off")  # this open connection too
    return django_db_setup
