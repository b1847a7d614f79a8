"""`yingdu worker`: the worker of the configured queue (django-tasks-db's database worker,
or an RQ worker on Redis), plus a watcher thread that puts jobs whose worker died back on
the queue (service.requeue_abandoned) when it starts and every half lease."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.db import connection

from . import service

log = logging.getLogger(__name__)
# Jobs run in the worker process itself, as on the database queue: RQ's default worker forks
# a child per job, which imports the import and rendering libraries again every time
# (0.6 import jobs/s instead of several, bench/bench_jobs.py). A job that must be stopped
# is stopped by RQ's timeout (an alarm signal) all the same.
RQ_WORKER_CLASS = "rq.SimpleWorker"


def run(batch: bool, interval: float, verbosity: int) -> int:
    service.requeue_abandoned()
    connection.close()  # RQ forks per job: no connection shared with a child
    if not batch:
        start_watcher()
    if settings.JOB_QUEUE == "redis":
        call_command(
            "rqworker", "default", job_class="django_tasks_rq.Job", with_scheduler=True,
            worker_class=RQ_WORKER_CLASS, burst=batch, verbosity=verbosity,
        )  # fmt: skip
    else:
        call_command("db_worker", batch=batch, interval=interval, reload=False, verbosity=verbosity)
    return 0


def start_watcher() -> threading.Thread:
    every = max(1.0, settings.JOB_LEASE_SECONDS / 2)

    def watch() -> None:
        stop = threading.Event()
        while not stop.wait(every):
            try:
                service.requeue_abandoned()
            except Exception:  # the database may be restarting: try again next round
                log.exception("could not check for abandoned jobs")
            finally:
                connection.close()

    thread = threading.Thread(target=watch, name="jobs-watcher", daemon=True)
    thread.start()
    return thread
