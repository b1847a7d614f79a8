"""The `yingdu` command on a fresh data folder: migrate, demo (twice), manage."""

import json
import subprocess
import sys
from pathlib import Path

YINGDU = [sys.executable, "-m", "yingdu.cli"]


def run(args, env, **kw):
    return subprocess.run(
        [*YINGDU, *args], env=env, capture_output=True, text=True, timeout=300, **kw
    )


def test_migrate_creates_database_and_a_private_secret_key(fresh_env):
    result = run(["migrate", "--verbosity", "0"], fresh_env)
    assert result.returncode == 0, result.stderr
    data = Path(fresh_env["YINGDU_DATA_DIR"])
    assert (data / "yingdu.sqlite3").exists()
    key = data / "secret_key"
    assert len(key.read_text()) >= 50
    assert key.stat().st_mode & 0o077 == 0


def test_demo_loads_once(fresh_env):
    assert run(["migrate", "--verbosity", "0"], fresh_env).returncode == 0
    first = run(["demo"], fresh_env)
    assert first.returncode == 0, first.stderr
    second = run(["demo"], fresh_env)
    assert second.returncode == 0, second.stderr
    count = run(
        ["manage", "shell", "-c",
         "from yingdu.news.models import NewsArticle as N;"
         "from yingdu.daily.models import DailyTerm as D;"
         "from yingdu.bilingual.models import BilingualArticle as B;"
         "from yingdu.compositions.models import Composition as C;"
         "from yingdu.resources.models import Resource as R;"
         "import json; print(json.dumps([N.objects.count(), D.objects.count(),"
         " B.objects.count(), C.objects.count(), R.objects.filter(status='published').count()]))"],
        fresh_env,
    )  # fmt: skip
    assert count.returncode == 0, count.stderr
    counts = json.loads(count.stdout.strip().splitlines()[-1])
    news, terms, bilingual, compositions, resources = counts
    assert news >= 9 and terms >= 3 and bilingual >= 3 and compositions >= 3 and resources >= 3


def test_production_settings_refuse_to_start_without_a_key(fresh_env):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=fresh_env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_check_deploy_is_clean_in_production_settings(fresh_env):
    env = {**fresh_env, "SECRET_KEY": "a" * 20 + "-production-like-secret-key-with-entropy-9f3k2",
           "ALLOWED_HOSTS": "yingdu.example.org", "DEBUG": "0"}  # fmt: skip
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
