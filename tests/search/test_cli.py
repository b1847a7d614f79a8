"""`yingdu search` prints ranked hits (JSON too) and `--reindex` rebuilds the index, run
in-process on the test database (tests/portal/test_cli.py runs it as a real command)."""

import json

import pytest

from yingdu.cli import main
from yingdu.search.models import SearchEntry

pytestmark = pytest.mark.django_db


def run(capsys, *args) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_search_command_and_reindex(capsys):
    run(capsys, "demo")
    data = json.loads(run(capsys, "search", "压岁钱", "--json"))
    assert data["total"] >= 1
    hit = data["hits"][0]
    assert set(hit) == {"kind", "title", "url", "snippet", "score"}
    assert hit["kind"] == "compositions" and "<mark>压岁钱</mark>" in hit["snippet"]
    SearchEntry.objects.all().delete()
    assert json.loads(run(capsys, "search", "压岁钱", "--json"))["total"] == 0
    assert "Indexed" in run(capsys, "search", "--reindex")
    assert json.loads(run(capsys, "search", "压岁钱", "--json"))["total"] >= 1
    only_daily = json.loads(run(capsys, "search", "经济", "--kind", "daily", "--json"))
    assert only_daily["hits"] and all(h["kind"] == "daily" for h in only_daily["hits"])
