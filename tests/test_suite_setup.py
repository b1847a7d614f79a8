"""How the suite itself runs: every pytest-xdist worker gets its own data folder and Redis
database, and `--skip-plain` leaves out only the plain-package and backend_free tests."""

import json
import os

from tests.conftest import ROOT, run_python
from tests.settings import per_worker_redis_url

PROBE = ROOT / "tests" / "fixtures" / "suite" / "probe_worker.py"


def test_each_worker_has_its_own_redis_database():
    assert per_worker_redis_url("redis://127.0.0.1:56379/6", "gw0") == "redis://127.0.0.1:56379/6"
    assert per_worker_redis_url("redis://127.0.0.1:56379/6", "gw1") == "redis://127.0.0.1:56379/7"
    assert per_worker_redis_url("redis://:pw@cache:6379", "gw2") == "redis://:pw@cache:6379/2"
    assert per_worker_redis_url("redis://cache/0?timeout=5", "gw1") == "redis://cache/1?timeout=5"


def test_a_run_without_xdist_keeps_the_configured_redis_database():
    assert per_worker_redis_url("redis://127.0.0.1:56379/6", "") == "redis://127.0.0.1:56379/6"
    assert per_worker_redis_url("", "gw1") == ""


def suite_env(tmp_path):
    """This environment (the suite's database and Redis included), for a nested pytest that
    is a controller of its own even when this one is an xdist worker."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PROBE_OUTPUT": str(tmp_path)}
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


def test_two_workers_share_no_data_folder_or_cache(tmp_path):
    run_python(suite_env(tmp_path), "-m", "pytest", "-q", "-p", "no:cacheprovider",
               "-n", "2", "--dist", "each", str(PROBE), cwd=ROOT)  # fmt: skip
    records = [json.loads(path.read_text()) for path in sorted(tmp_path.glob("gw*.json"))]
    assert [record["worker"] for record in records] == ["gw0", "gw1"]
    assert records[0]["data_dir"] != records[1]["data_dir"]
    if records[0]["redis_url"]:
        assert records[0]["redis_url"] != records[1]["redis_url"]
        assert records[0]["cache"] != records[1]["cache"]


def collected(tmp_path, *options: str) -> list[str]:
    """The node ids that pytest collects (with OPTIONS) from a plain package's tests and from
    tests/test_config.py, whose tests of real processes on a data folder of their own are
    marked backend_free."""
    files = ("tests/reading/test_tokenize.py", "tests/test_config.py")
    done = run_python(suite_env(tmp_path), "-m", "pytest", "--collect-only", "-q",
                      "-p", "no:cacheprovider", "-p", "no:xdist", *options, *files,
                      cwd=ROOT)  # fmt: skip
    return [line for line in done.stdout.splitlines() if "::" in line]


def test_skip_plain_leaves_out_only_the_plain_and_backend_free_tests(tmp_path):
    every = collected(tmp_path)
    second_pass = collected(tmp_path, "--skip-plain")
    backend_free = collected(tmp_path, "-m", "backend_free")
    assert any(name.startswith("tests/reading/test_tokenize.py::") for name in every)
    assert "tests/test_config.py::test_lexicon_build_writes_where_the_site_reads" in backend_free
    assert all(name.startswith("tests/test_config.py::") for name in backend_free)
    config_tests = [name for name in every if name.startswith("tests/test_config.py::")]
    assert second_pass == [name for name in config_tests if name not in backend_free]
    assert len(second_pass) > len(config_tests) / 2  # the in-process tests stay in both passes


def test_a_backend_free_test_that_opens_the_database_is_refused(tmp_path):
    probe = ROOT / "tests" / "fixtures" / "suite" / "probe_backend_free.py"
    done = run_python(suite_env(tmp_path), "-m", "pytest", "--collect-only", "-q",
                      "-p", "no:cacheprovider", "-p", "no:xdist", str(probe),
                      cwd=ROOT, code=None)  # fmt: skip
    assert done.returncode != 0
    assert "is marked backend_free but uses the database" in done.stdout + done.stderr
