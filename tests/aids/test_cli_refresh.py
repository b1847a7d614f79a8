"""`yingdu lexicon build` re-annotates the items already in the database."""

import json
import os
import subprocess
import sys

import pytest

YINGDU = [sys.executable, "-m", "yingdu.cli"]
COUNT_ANNOTATED = (
    "import json; from yingdu.news.models import NewsArticle as N;"
    "items = N.objects.filter(section='international');"
    "print(json.dumps([items.count(), sum(1 for i in items if i.reading.get('bank'))]))"
)


@pytest.fixture
def env(tmp_path):
    keep = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    return {**keep, "YINGDU_DATA_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "yingdu.settings",
            "SECRET_KEY": "cli-test-key-" + "z" * 40}  # fmt: skip


def run(env, *args):
    result = subprocess.run([*YINGDU, *args], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def annotated(env) -> tuple[int, int]:
    out = run(env, "manage", "shell", "-c", COUNT_ANNOTATED).stdout
    return tuple(json.loads(out.strip().splitlines()[-1]))


def test_lexicon_build_annotates_existing_items_and_if_missing_skips(env):
    run(env, "migrate", "--verbosity", "0")
    run(env, "demo")
    total, with_bank = annotated(env)
    assert total >= 3 and with_bank == 0  # no lexicon yet: pages render plain text
    build = run(env, "lexicon", "build")
    assert "Re-annotated" in build.stderr + build.stdout
    assert annotated(env) == (total, total)
    again = run(env, "lexicon", "build", "--if-missing")
    assert "already built" in again.stderr + again.stdout
