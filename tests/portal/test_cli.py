"""The `yingdu` command on a fresh data folder: migrate, demo (twice), search, manage; and
the production settings in a fresh interpreter."""

import json
from pathlib import Path

import pytest

from tests.conftest import run_python, run_yingdu

pytestmark = pytest.mark.backend_free  # a data folder of its own (tests/conftest.py)

COUNT_ITEMS = (
    "from yingdu.news.models import NewsArticle as N;"
    "from yingdu.daily.models import DailyTerm as D;"
    "from yingdu.bilingual.models import BilingualArticle as B;"
    "from yingdu.compositions.models import Composition as C;"
    "from yingdu.resources.models import Resource as R;"
    "import json; print(json.dumps([N.objects.count(), D.objects.count(),"
    " B.objects.count(), C.objects.count(), R.objects.filter(status='published').count()]))"
)


def test_migrate_creates_database_and_a_private_secret_key(fresh_env):
    run_yingdu(fresh_env, "migrate", "--verbosity", "0")
    data = Path(fresh_env["YINGDU_DATA_DIR"])
    assert (data / "yingdu.sqlite3").exists()
    key = data / "secret_key"
    assert len(key.read_text()) >= 50
    assert key.stat().st_mode & 0o077 == 0


def test_demo_loads_once_and_is_searchable(fresh_env):
    run_yingdu(fresh_env, "migrate", "--verbosity", "0")
    run_yingdu(fresh_env, "demo")
    run_yingdu(fresh_env, "demo")
    shell = run_yingdu(fresh_env, "manage", "shell", "-c", COUNT_ITEMS).stdout
    counts = json.loads(shell.strip().splitlines()[-1])
    news, terms, bilingual, compositions, resources = counts
    assert news >= 9 and terms >= 3 and bilingual >= 3 and compositions >= 3 and resources >= 3
    found = json.loads(run_yingdu(fresh_env, "search", "压岁钱", "--json").stdout)
    assert found["total"] >= 1 and found["hits"][0]["kind"] == "compositions"


def test_production_settings_refuse_to_start_without_a_key(fresh_env):
    result = run_python(fresh_env, "-c", "import django; django.setup()", code=None)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_in_production_settings(fresh_env):
    env = {**fresh_env, "SECRET_KEY": "a" * 20 + "-production-like-secret-key-with-entropy-9f3k2",
           "ALLOWED_HOSTS": "yingdu.example.org", "DEBUG": "0"}  # fmt: skip
    result = run_python(env, "-m", "django", "check", "--deploy", "--fail-level", "WARNING")
    assert "no issues" in result.stdout
