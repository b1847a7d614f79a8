"""Imports started from the admin run as background jobs (Django's tasks API, run by
`yingdu worker`), never inside the web request: `start` records an `ImportJob` and queues
it; `run_import_job` imports its sources, saving progress and one result row per source
item as it goes, for the job page the editor watches.

A job that is run again (after a worker died, or when the editor asks) imports the same
sources again; the importer's deduplication turns what the earlier run saved into
"duplicate" outcomes, and the rows keep saying "created" for those items."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.utils import timezone

from yingdu.importparse.sources import plan

from .models import ImportJob
from .service import CREATED, DUPLICATE, Importer, Outcome

try:  # Django 6 has the tasks API built in; Django 5.2 uses the django-tasks backport
    from django.tasks import task
except ImportError:
    from django_tasks import task

log = logging.getLogger(__name__)
State = ImportJob.State
STALLED_AFTER = timedelta(minutes=10)  # a running job without progress for this long died


def start(user, sources: list[str], kind: str) -> ImportJob:
    """Record a job for `sources` and queue it once the record is committed."""
    job = ImportJob.objects.create(started_by=user, sources=sources, kind=kind)
    transaction.on_commit(partial(enqueue, job.pk))
    return job


def enqueue(job_id: int) -> None:
    result = run_import_job.enqueue(job_id)
    ImportJob.objects.filter(pk=job_id).update(task_id=str(result.id))


def can_run_again(job: ImportJob) -> bool:
    """Failed, or "running" with no progress for a long time (its worker was killed)."""
    stalled = job.state == State.RUNNING and timezone.now() - job.updated_at > STALLED_AFTER
    return job.state == State.FAILED or stalled


def run_again(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk).update(state=State.QUEUED, error="")
    transaction.on_commit(partial(enqueue, job.pk))


@task()
def run_import_job(job_id: int) -> str:
    """The task the worker runs: import a job's sources; its final state is returned."""
    job = ImportJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    if job.state == State.DONE:  # never run twice to completion
        return job.state
    job.state, job.done, job.error = State.RUNNING, 0, ""
    job.save(update_fields=["state", "done", "error", "updated_at"])
    try:
        import_sources(job)
    except Exception as exc:
        log.exception("import job %s failed", job_id)
        job.state, job.error = State.FAILED, f"{type(exc).__name__}: {exc}"[:1000]
        job.save(update_fields=["state", "error", "updated_at"])
        raise
    job.state = State.DONE
    job.save(update_fields=["state", "updated_at"])
    return job.state


def import_sources(job: ImportJob) -> None:
    tasks = plan(job.sources)
    job.total = len(tasks)
    job.save(update_fields=["total", "updated_at"])

    def more(n: int) -> None:  # a feed's entries join the count
        job.total += n

    for outcome in Importer(kind=job.kind).run(tasks, more=more):
        job.done += 1
        job.results = merge(job.results, result_row(outcome))
        job.save(update_fields=["total", "done", "results", "updated_at"])


def merge(rows: list[dict], row: dict) -> list[dict]:
    """The rows with `row` added, or replacing the row of the same source; an earlier run's
    "created" stays when this run finds the same item again as a duplicate."""
    for n, old in enumerate(rows):
        if old["source"] == row["source"]:
            again = old["status"] == CREATED and row["status"] == DUPLICATE
            if not (again and old["id"] == row["id"]):
                rows[n] = row
            return rows
    return [*rows, row]


def counts(rows: list[dict]) -> Counter:
    """{"created": n, "duplicate": n, "error": n} of result rows (0 for the others)."""
    return Counter(row["status"] for row in rows)


def result_row(outcome: Outcome) -> dict:
    """What the job page shows of an outcome (JSON)."""
    parsed = outcome.parsed
    return {
        "source": outcome.source,
        "status": outcome.status,
        "error": outcome.error,
        "id": outcome.id,
        "match": outcome.match,
        "admin_url": outcome.admin_url,
        "kind": parsed.kind if parsed else "",
        "title": parsed.title if parsed else "",
        "date": parsed.date.isoformat() if parsed and parsed.date else "",
        "paragraphs": len(parsed.paragraphs) if parsed else 0,
    }
