"""A worker killed with SIGKILL half-way through a job: the next worker runs the job again,
and it ends with one whole result file, no half-written one, on both queues (the database,
and RQ on Redis in the Redis pass)."""

import contextlib
import json
import os
import signal

import pytest

from tests.conftest import run_yingdu, subprocess_env
from tests.jobs.worker import run_worker

STEPS = 40


def queues():
    yield "database"
    if os.environ.get("REDIS_URL"):
        yield "redis"


@pytest.fixture(params=list(queues()))
def worker_env(request, tmp_path, fresh_database_url):
    extra = {"YINGDU_JOB_QUEUE": request.param, "YINGDU_JOB_LEASE_SECONDS": "30"}
    if fresh_database_url:
        extra["DATABASE_URL"] = fresh_database_url
    if request.param == "redis":
        extra["REDIS_URL"] = os.environ["REDIS_URL"]
    env = subprocess_env(tmp_path / "data", **extra)
    run_yingdu(env, "migrate", "-v", "0")
    if request.param == "redis":  # nothing left on the queue by an earlier run
        run_yingdu(env, "manage", "shell", "-c", "import django_rq; django_rq.get_queue().empty()")
    return env


def job(env, job_id: int) -> dict:
    rows = run_yingdu(env, "jobs", "list", "--limit", "100").stdout.splitlines()
    return next(row for row in map(json.loads, rows) if row["id"] == job_id)


def test_a_killed_job_runs_again_to_one_whole_file(worker_env, tmp_path):
    env = worker_env
    probe = run_yingdu(env, "jobs", "probe", "--seconds", "12", "--steps", str(STEPS))
    job_id = json.loads(probe.stdout)["id"]
    folder = tmp_path / "data" / "media" / "jobs" / str(job_id)
    partial, final = folder / ".result.txt.part", folder / "result.txt"

    def half_way() -> int | None:
        """The pid the job runs in, once it has written three steps."""
        if b"step 3 " in read_if_there(partial):
            return int(job(env, job_id)["worker"].rpartition(":")[2])
        return None

    running_in = run_worker(env, tmp_path / "worker1.log", half_way, end=signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):  # RQ runs each job in a child of its own
        os.kill(running_in, signal.SIGKILL)
    written = partial.read_bytes()
    assert b"step 3 " in written and b"complete" not in written  # killed half-way
    assert not final.exists()
    killed = job(env, job_id)
    assert killed["state"] == "running" and killed["attempts"] == 1

    run_worker(env, tmp_path / "worker2.log", lambda: job(env, job_id)["state"] == "done")
    done = job(env, job_id)
    assert done["attempts"] == 2 and done["file"] == f"jobs/{job_id}/result.txt"
    assert sorted(path.name for path in folder.iterdir()) == ["result.txt"]  # no partial file
    lines = final.read_text().splitlines()
    assert lines == [f"step {n} of {STEPS}" for n in range(1, STEPS + 1)] + ["complete"]


def read_if_there(path) -> bytes:
    """The file's bytes, or none while it does not exist (or no longer does: renamed)."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return b""
