"""`yingdu lexicon fetch-ecdict` rebuilds the lexicon, then re-annotates the stored items and
reindexes search, here in the command (--inline, as `yingdu lexicon build --inline` does;
the file is served over loopback)."""

import pytest

from tests.aids.test_cli_refresh import annotated, run
from tests.lexicon.fixtures import SAMPLE_ECDICT, write_sample
from tests.lexicon.rangeserver import range_server

pytestmark = pytest.mark.backend_free  # a data folder of its own (tests/conftest.py)


def test_fetch_ecdict_then_items_are_annotated(fresh_env, tmp_path):
    env = fresh_env
    run(env, "migrate", "--verbosity", "0")
    run(env, "demo")
    total, with_bank = annotated(env)
    assert total >= 3 and with_bank == 0
    lists, _ = write_sample(tmp_path)
    env = {**env, "YINGDU_LEXICON_DIR": str(lists)}
    env.pop("YINGDU_ECDICT_SHA256", None)
    with range_server({"/ecdict.csv": SAMPLE_ECDICT.encode()}) as (base, requests):
        fetched = run(env, "lexicon", "fetch-ecdict", "--inline", "--url", f"{base}/ecdict.csv")
    output = fetched.stderr + fetched.stdout
    assert requests == [("/ecdict.csv", None)]
    assert (lists / "ecdict.csv").read_text(encoding="utf-8") == SAMPLE_ECDICT
    assert "Re-annotated" in output and "Indexed" in output
    assert annotated(env) == (total, total)
