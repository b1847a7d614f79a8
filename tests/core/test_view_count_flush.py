"""View counts are flushed at exit only when there are some: a process that counted no view
(every `yingdu` command, a worker, a test run) ends without opening a database connection.
Before, the flush at exit connected anyway, and after the suite's test database was dropped
the PostgreSQL pool kept retrying the developer's own database name."""

from tests.conftest import run_python, subprocess_env
from yingdu.core import viewcount

EXIT_WITHOUT_VIEWS = (
    "import django; django.setup()\n"
    "from django.db.backends.signals import connection_created\n"
    "connection_created.connect(lambda **kw: print('connected', flush=True), weak=False)\n"
    "import yingdu.core.viewcount\n"
)


def test_a_flush_with_nothing_counted_opens_no_connection():
    with viewcount._lock:
        viewcount._pending.clear()
    viewcount.flush_views()  # pytest-django refuses any database access in this test


def test_a_process_that_counted_no_views_exits_without_connecting(tmp_path):
    env = subprocess_env(tmp_path / "data", SECRET_KEY="k" * 50)
    assert "connected" not in run_python(env, "-c", EXIT_WITHOUT_VIEWS).stdout


def test_a_process_with_views_counted_writes_them_at_exit(tmp_path):
    database = tmp_path / "views.sqlite3"
    env = subprocess_env(tmp_path / "data", DATABASE_URL=f"sqlite:///{database}")
    run_python(env, "-m", "yingdu.cli", "migrate", "-v", "0")
    count_one_view = (
        "import django; django.setup()\n"
        "from yingdu.core import viewcount\n"
        "from yingdu.news.models import NewsArticle, Section\n"
        "item = NewsArticle.objects.create(title='A', body='B.',"
        " section=Section.INTERNATIONAL)\n"
        "viewcount._pending[(NewsArticle, item.pk)] += 1\n"
    )
    run_python(env, "-c", count_one_view)
    read_count = (
        "import django; django.setup()\n"
        "from yingdu.news.models import NewsArticle\n"
        "print(NewsArticle.objects.get().view_count)\n"
    )
    assert run_python(env, "-c", read_count).stdout.strip() == "1"
