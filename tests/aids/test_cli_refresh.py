"""`yingdu lexicon build` has the items already in the database re-annotated: by a queued
background job that `yingdu worker` runs (and nothing in the command), or in the command
with --inline (tests/aids/test_fetch_ecdict_refresh.py)."""

import json

import pytest

from tests.conftest import run_yingdu

pytestmark = pytest.mark.backend_free  # a data folder of its own (tests/conftest.py)

COUNT_ANNOTATED = (
    "import json; from yingdu.news.models import NewsArticle as N;"
    "items = N.objects.filter(section='international');"
    "print(json.dumps([items.count(), sum(1 for i in items if i.reading.get('bank'))]))"
)


def run(env, *args):
    return run_yingdu(env, *args)


def annotated(env) -> tuple[int, int]:
    out = run(env, "manage", "shell", "-c", COUNT_ANNOTATED).stdout
    return tuple(json.loads(out.strip().splitlines()[-1]))


def test_lexicon_build_annotates_existing_items_and_if_missing_skips(fresh_env):
    env = fresh_env
    run(env, "migrate", "--verbosity", "0")
    run(env, "demo")
    total, with_bank = annotated(env)
    assert total >= 3 and with_bank == 0  # no lexicon yet: pages render plain text
    build = run(env, "lexicon", "build")
    assert "Queued background job" in build.stdout and "Re-annotated" not in build.stderr
    assert annotated(env) == (total, 0)  # queued, not done in the command
    run(env, "worker", "--batch")
    assert annotated(env) == (total, total)
    again = run(env, "lexicon", "build", "--if-missing")
    assert "already built" in again.stderr + again.stdout
