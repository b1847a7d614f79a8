"""`yingdu search` prints ranked hits (JSON too) and `--reindex` rebuilds the index."""

import json
import os
import subprocess
import sys


def run(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "yingdu.cli", *args], env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_search_command_and_reindex(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(YINGDU_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="yingdu.settings",
               SECRET_KEY="cli-test-key-" + "s" * 40)  # fmt: skip
    run(env, "migrate", "--verbosity", "0")
    run(env, "demo")
    data = json.loads(run(env, "search", "压岁钱", "--json"))
    assert data["total"] >= 1
    hit = data["hits"][0]
    assert set(hit) == {"kind", "title", "url", "snippet", "score"}
    assert hit["kind"] == "composition" and "<mark>压岁钱</mark>" in hit["snippet"]
    wipe = "from yingdu.search.models import SearchEntry; SearchEntry.objects.all().delete()"
    run(env, "manage", "shell", "-c", wipe)
    assert json.loads(run(env, "search", "压岁钱", "--json"))["total"] == 0
    assert "Indexed" in run(env, "search", "--reindex")
    assert json.loads(run(env, "search", "压岁钱", "--json"))["total"] >= 1
    only_daily = json.loads(run(env, "search", "经济", "--kind", "daily", "--json"))
    assert all(h["kind"] == "daily" for h in only_daily["hits"])
