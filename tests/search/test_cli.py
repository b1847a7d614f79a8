"""`yingdu search` prints ranked hits (JSON too) and `--reindex` rebuilds the index."""

import json

from tests.conftest import run_yingdu


def run(env, *args) -> str:
    return run_yingdu(env, *args).stdout


def test_search_command_and_reindex(fresh_env):
    env = fresh_env
    run(env, "migrate", "--verbosity", "0")
    run(env, "demo")
    data = json.loads(run(env, "search", "压岁钱", "--json"))
    assert data["total"] >= 1
    hit = data["hits"][0]
    assert set(hit) == {"kind", "title", "url", "snippet", "score"}
    assert hit["kind"] == "compositions" and "<mark>压岁钱</mark>" in hit["snippet"]
    wipe = "from yingdu.search.models import SearchEntry; SearchEntry.objects.all().delete()"
    run(env, "manage", "shell", "-c", wipe)
    assert json.loads(run(env, "search", "压岁钱", "--json"))["total"] == 0
    assert "Indexed" in run(env, "search", "--reindex")
    assert json.loads(run(env, "search", "压岁钱", "--json"))["total"] >= 1
    only_daily = json.loads(run(env, "search", "经济", "--kind", "daily", "--json"))
    assert all(h["kind"] == "daily" for h in only_daily["hits"])
