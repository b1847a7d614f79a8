"""One spelling per kind in search (yingdu.core.kinds), and the old ones still work:
`?kind=composition` redirects to `?kind=compositions`, `--kind daily_term` means daily."""

import json

import pytest

from yingdu.cli import main
from yingdu.search.service import run_search

pytestmark = pytest.mark.django_db


def test_old_spelling_in_a_saved_search_url_redirects_to_the_key(client, composition):
    response = client.get("/search/", {"q": "压岁钱", "kind": "composition", "page": "1"})
    assert response.status_code == 301
    assert response["Location"] == "/search/?q=%E5%8E%8B%E5%B2%81%E9%92%B1&kind=compositions&page=1"
    page = client.get(response["Location"]).content.decode()
    assert "我的压岁钱" in page and 'name="kind" value="compositions"' in page


def test_results_use_the_canonical_key_for_old_spellings_too(composition, term):
    for spelling in ("compositions", "composition"):
        found = run_search("压岁钱", {"kind": spelling})
        assert found.total == 1 and [hit.kind for hit in found.hits] == ["compositions"]
    assert run_search("green", {"kind": "daily_term"}).hits[0].kind == "daily"


def test_cli_kind_accepts_old_spellings_and_refuses_unknown_ones(capsys, composition):
    assert main(["search", "压岁钱", "--kind", "composition", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [hit["kind"] for hit in hits] == ["compositions"]
    assert main(["search", "压岁钱", "--kind", "essays"]) == 2
    error = capsys.readouterr().err
    assert "unknown kind 'essays'" in error and "compositions" in error
