"""Imports started from the admin run as background jobs (yingdu/jobs: the "import" kind,
run by `yingdu worker`), never inside the web request: `start` records an `ImportJob` (the
import's own page: sources, progress, one result row per source item) and a background
`Job` that runs it; `run_import` imports its sources, saving progress and the rows as it
goes, for the job page the editor watches.

A job that is run again (after a worker died, which the jobs API notices by itself, or when
the editor asks) imports the same sources again; the importer's deduplication turns what the
earlier run saved into "duplicate" outcomes, and the rows keep saying "created" for those
items. Errors of one source are rows of the result, not a failed job: a job fails only on
an unexpected error, and is then not retried by itself (the editor can run it again)."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingdu.importparse.sources import plan
from yingdu.jobs import service as background
from yingdu.jobs.kinds import JobFailed, JobKind

from .models import ImportJob
from .service import CREATED, DUPLICATE, Importer, Outcome

log = logging.getLogger(__name__)
State = ImportJob.State
STALLED_AFTER = timedelta(minutes=10)  # a running job without progress for this long died


def start(user, sources: list[str], kind: str) -> ImportJob:
    """Record a job for `sources` and queue it once the record is committed."""
    job = ImportJob.objects.create(started_by=user, sources=sources, kind=kind)
    queue(job)
    return job


def queue(job: ImportJob) -> None:
    runner = background.start("import", job.started_by, {"import_job": job.pk})
    ImportJob.objects.filter(pk=job.pk).update(task_id=str(runner.pk))
    job.task_id = str(runner.pk)


def can_run_again(job: ImportJob) -> bool:
    """Failed, or "running" with no progress for a long time (its worker was killed)."""
    stalled = job.state == State.RUNNING and timezone.now() - job.updated_at > STALLED_AFTER
    return job.state == State.FAILED or stalled


def run_again(job: ImportJob) -> None:
    ImportJob.objects.filter(pk=job.pk).update(state=State.QUEUED, error="")
    queue(job)


def run_import(context) -> dict:
    """The "import" job kind: import an ImportJob's sources; its final state is returned."""
    job = ImportJob.objects.filter(pk=context.params["import_job"]).first()
    if job is None:
        raise JobFailed(_("The import was deleted before it ran."))
    if job.state == State.DONE:  # never run twice to completion
        return {"state": job.state}
    job.state, job.done, job.error = State.RUNNING, 0, ""
    job.save(update_fields=["state", "done", "error", "updated_at"])
    try:
        import_sources(job, context)
    except Exception as exc:
        log.exception("import job %s failed", job.pk)
        job.state, job.error = State.FAILED, f"{type(exc).__name__}: {exc}"[:1000]
        job.save(update_fields=["state", "error", "updated_at"])
        raise
    job.state = State.DONE
    job.save(update_fields=["state", "updated_at"])
    return {"state": job.state, "counts": dict(counts(job.results))}


KIND = JobKind("import", _("import"), run=run_import, retry=False)


def import_sources(job: ImportJob, context) -> None:
    tasks = plan(job.sources)
    job.total = len(tasks)
    job.save(update_fields=["total", "updated_at"])

    def more(n: int) -> None:  # a feed's entries join the count
        job.total += n

    for outcome in Importer(kind=job.kind).run(tasks, more=more):
        job.done += 1
        job.results = merge(job.results, result_row(outcome))
        job.save(update_fields=["total", "done", "results", "updated_at"])
        context.progress(job.done, job.total, outcome.source)


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
