"""Background jobs in tests, two ways.

In the test process: run_queued() runs the queued jobs as `yingdu worker` does, on the
configured queue: django-tasks-db's worker loop, or an RQ worker (SimpleWorker: no fork,
so the job sees the test's database transaction).

As real `yingdu worker` processes (the SIGKILL tests): worker_process() starts one in a
session of its own, its output in a log file, and ends it when the block ends, with
SIGKILL (killed half-way, as a machine going down) or SIGTERM (stopped); run_worker() starts
one, waits for a condition and ends it: the steps "start a worker, wait until the job is
half-way, kill -9, start another and wait until it is done" are two calls of it:

    run_worker(env, tmp_path / "worker1.log", until=half_way, end=signal.SIGKILL)
    ...  # what the killed worker left
    run_worker(env, tmp_path / "worker2.log", until=done)
"""

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from tests.conftest import YINGDU, start_python

POLL_SECONDS = 0.2


def run_queued() -> None:
    if settings.JOB_QUEUE == "redis":
        run_rq()
    else:
        run_database()


def run_database() -> None:
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )  # fmt: skip
    for task_result in DBTaskResult.objects.ready():
        task_result.claim("test-worker")
        worker.run_task(task_result)


def run_rq() -> None:
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker

    queue = django_rq.get_queue("default", job_class=Job)
    SimpleWorker([queue], connection=queue.connection, job_class=Job).work(burst=True)


@contextmanager
def worker_process(
    env: dict, log_path: Path, *, end: int = signal.SIGTERM, group: bool = True
) -> Iterator[subprocess.Popen]:
    """A `yingdu worker` process for the block; when the block ends (or fails), signal END
    goes to its whole process group (RQ's forked job runner too) or, with group=False, to
    the worker alone (to see what follows it by itself), and the process is waited for."""
    with open(log_path, "w") as log:
        worker = start_python(
            env, *YINGDU, "worker", "--interval", "0.2", start_new_session=True,
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            yield worker
        finally:
            if group:
                os.killpg(worker.pid, end)
            else:
                os.kill(worker.pid, end)
            worker.wait(timeout=60)


def wait_for(condition: Callable, *workers: subprocess.Popen, seconds: float = 300):
    """CONDITION()'s first true value; fails as soon as one of WORKERS exits, or after
    SECONDS."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        exited = [worker.pid for worker in workers if worker.poll() is not None]
        assert not exited, f"the worker {exited} exited"
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"no worker brought {condition} about in {seconds} s")


def run_worker(
    env: dict, log_path: Path, until: Callable, *, end: int = signal.SIGTERM,
    group: bool = True, seconds: float = 300,
):  # fmt: skip
    """Start `yingdu worker`, wait until UNTIL() is true while it runs, then end it with END
    (signal.SIGKILL to kill it there); UNTIL()'s value."""
    with worker_process(env, log_path, end=end, group=group) as worker:
        return wait_for(until, worker, seconds=seconds)
