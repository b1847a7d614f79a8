"""The jobs API: start a job, run it in a worker, recover it when its worker dies.

`start(kind, user, params)` records a `Job` and, once that record is committed, queues one
task, `run_job(job_id)`, on the configured backend (Django's tasks API: the database queue,
or RQ on Redis). Whatever the queue does (deliver a task twice, lose one when a worker is
killed), the record decides:

- a worker claims a job by turning it from queued to running in one conditional UPDATE,
  so two deliveries of one task never run side by side, and a finished job never runs again;
- while the job runs, a thread of the worker writes a heartbeat; `requeue_abandoned()`
  (called by every `yingdu worker` when it starts and then every half lease) puts a running
  job whose worker is gone (its process is dead on this machine, or its heartbeat is older
  than settings.JOB_LEASE_SECONDS) back on the queue;
- the attempt that finishes marks the job done only if it still holds it (same attempt);
- an unexpected error is retried with exponential backoff for kinds that allow it, up to
  settings.JOB_ATTEMPTS attempts, counting attempts killed with their worker;
- a kind that works through many items saves a checkpoint in the transaction of each item
  (`Context.save_checkpoint`), so a run again after a kill goes on after the last item
  committed, and an attempt that no longer holds its job stops at its next checkpoint;
- result files are written under a temporary name beside the final one and renamed when
  complete (jobs/<id>/result.<ext>), so a file is either whole or absent, and a run again
  overwrites the same name instead of adding a second file."""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import threading
from contextlib import contextmanager
from datetime import timedelta
from functools import partial
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import close_old_connections, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from . import kinds
from .kinds import JobFailed
from .models import Job

try:  # Django 6 has the tasks API built in; Django 5.2 uses the django-tasks backport
    from django.tasks import task
except ImportError:
    from django_tasks import task

log = logging.getLogger(__name__)
State = Job.State
BACKOFF_SECONDS = 10  # first retry after 10 s, then 40 s, 160 s …
RESULTS_FOLDER = "jobs"
PARTIAL_SUFFIX = ".part"


def start(kind: str, user=None, params: dict | None = None, key: str = "") -> Job:
    """Record a job of KIND for USER (None: an operator's command) and queue it once the
    record is committed. With a KEY (a digest of what the job makes), the same person's
    job of that kind and key that is waiting, running or done is returned instead."""
    kinds.get(kind)  # an unknown kind fails here, in the caller, not in the worker
    if key and user is not None:
        same = Job.objects.filter(started_by=user, kind=kind, key=key)
        earlier = same.exclude(state=State.FAILED).first()
        if earlier is not None:
            return earlier
    job = Job.objects.create(kind=kind, started_by=user, params=params or {}, key=key)
    transaction.on_commit(partial(enqueue, job.pk))
    return job


def enqueue(job_id: int, delay: float = 0) -> None:
    """Put one task for the job on the queue (after DELAY seconds)."""
    runner = run_job
    if delay:
        runner = run_job.using(run_after=timezone.now() + timedelta(seconds=delay))
    result = runner.enqueue(job_id)
    Job.objects.filter(pk=job_id).update(task_id=str(result.id))


def visible_to(user):
    """The jobs USER may see: the ones they started, nobody else's."""
    if not user.is_authenticated:
        return Job.objects.none()
    return Job.objects.filter(started_by=user)


def export_jobs(user) -> list[dict]:
    """The user's jobs for their data export (what was done, not the files)."""
    rows = Job.objects.filter(started_by=user).order_by("pk")
    fields = ("id", "kind", "state", "error", "created_at", "finished_at")
    return [
        {name: value.isoformat() if hasattr(value, "isoformat") else value
         for name, value in row.items()}
        for row in rows.values(*fields)
    ]  # fmt: skip


def delete_jobs(user) -> int:
    """Every job of the user, with its file (post_delete, apps.py)."""
    return Job.objects.filter(started_by=user).delete()[0]


def prune(days: float) -> int:
    """Delete the jobs that finished more than DAYS ago, with their files (post_delete)."""
    before = timezone.now() - timedelta(days=days)
    old = Job.objects.filter(state__in=(State.DONE, State.FAILED), finished_at__lt=before)
    return old.delete()[0]


def run_again(job: Job) -> bool:
    """Queue a failed job again (its owner asked); False when it is not failed."""
    queued = Job.objects.filter(pk=job.pk, state=State.FAILED).update(
        state=State.QUEUED, error="", attempts=0, run_after=None
    )
    if queued:
        transaction.on_commit(partial(enqueue, job.pk))
    return bool(queued)


# --- in the worker -----------------------------------------------------------------------


@task()
def run_job(job_id: int) -> str:
    """The one task every job kind runs through: claim the job, run its kind, record how
    it ended. Returns the state the job is left in (or "skipped")."""
    if not connection.in_atomic_block:  # a long-lived worker outlives its connections
        close_old_connections()
    job = claim(job_id)
    if job is None:
        return "skipped"
    kind = kinds.get(job.kind)
    context = Context(job)
    with heartbeat(job):
        try:
            remove_partial_files(job)
            result = kind.run(context) or {}
        except JobLost:
            log.warning("job %s was taken over; this attempt stopped", job.pk)
            return "skipped"
        except JobFailed as exc:
            return fail(job, str(exc))
        except Exception as exc:
            log.exception("job %s (%s) failed", job.pk, job.kind)
            return retry_or_fail(job, kind, f"{type(exc).__name__}: {exc}"[:1000])
    return finish(job, context, result)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim(job_id: int) -> Job | None:
    """The job, now running in this process; None when it is not queued (done, failed,
    running elsewhere, deleted) or not yet due."""
    now = timezone.now()
    claimed = (
        Job.objects.filter(pk=job_id, state=State.QUEUED)
        .exclude(run_after__gt=now)
        .update(
            state=State.RUNNING, attempts=F("attempts") + 1, worker=worker_name(),
            heartbeat_at=now, started_at=now, run_after=None, step="",
        )
    )  # fmt: skip
    return Job.objects.get(pk=job_id) if claimed else None


def holding(job: Job):
    """The job's row while this attempt still holds it."""
    return Job.objects.filter(pk=job.pk, state=State.RUNNING, attempts=job.attempts)


def finish(job: Job, context: Context, result: dict) -> str:
    finished = holding(job).update(
        state=State.DONE, result=result, result_file=context.file_name,
        result_name=context.download_name, done=F("total"), step="", error="",
        finished_at=timezone.now(),
    )  # fmt: skip
    if not finished:  # another worker took it over meanwhile: its run counts, not this one
        log.warning("job %s was taken over; this run's result is dropped", job.pk)
        return "skipped"
    return State.DONE


def fail(job: Job, error: str) -> str:
    holding(job).update(state=State.FAILED, error=error, finished_at=timezone.now())
    return State.FAILED


def retry_or_fail(job: Job, kind: kinds.JobKind, error: str) -> str:
    if not kind.retry or job.attempts >= settings.JOB_ATTEMPTS:
        return fail(job, error)
    delay = BACKOFF_SECONDS * 4 ** (job.attempts - 1)
    retried = holding(job).update(
        state=State.QUEUED, error=error, run_after=timezone.now() + timedelta(seconds=delay)
    )
    if retried:
        enqueue(job.pk, delay)
    return State.QUEUED


class JobLost(Exception):
    """This attempt no longer holds its job (another worker took it over): stop now."""


class Context:
    """What a job kind's `run` gets: the job, its parameters, progress, its checkpoint and
    the result file."""

    def __init__(self, job: Job):
        self.job = job
        self.params = job.params
        self.checkpoint = dict(job.checkpoint)  # where an earlier attempt got to
        self.file_name = ""
        self.download_name = ""

    def save_checkpoint(self, **values) -> None:
        """Record how far the job got (JSON values), merged into the checkpoint. Called
        inside the transaction that did the work, the two are committed together; raises
        JobLost (rolling that work back) when this attempt no longer holds the job."""
        self.checkpoint.update(values)
        if not holding(self.job).update(checkpoint=self.checkpoint, heartbeat_at=timezone.now()):
            raise JobLost(self.job.pk)

    def progress(self, done: int, total: int | None = None, step: str = "") -> None:
        """Record progress (DONE of TOTAL steps, what is being done) for the job page."""
        fields = {"done": done, "step": step[:200], "heartbeat_at": timezone.now()}
        if total is not None:
            fields["total"] = total
        holding(self.job).update(**fields)

    @contextmanager
    def result_file(self, download_name: str, suffix: str):
        """A binary file to write the job's result into; when the block ends without an
        error, it becomes the job's file (offered as DOWNLOAD_NAME), whole, in one step."""
        name = f"{RESULTS_FOLDER}/{self.job.pk}/result{suffix}"
        with partial_file(name) as (handle, complete):
            yield handle
            complete()
        self.file_name, self.download_name = name, download_name


def local_path(name: str) -> Path | None:
    """Where a storage name lives on this machine's disk; None for object storage."""
    try:
        return Path(default_storage.path(name))
    except NotImplementedError:
        return None


@contextmanager
def partial_file(name: str):
    """(an open temporary file, complete()): complete() puts the file at NAME in the media
    storage by a rename (local disk) or one upload (object storage, where a PUT is whole)."""
    final = local_path(name)
    if final is not None:
        final.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = partial_path(final)  # the same temporary name for every attempt
    else:
        scratch = settings.DATA_DIR / "tmp"
        scratch.mkdir(parents=True, exist_ok=True, mode=0o700)
        temp = Path(tempfile.mkstemp(dir=scratch, suffix=PARTIAL_SUFFIX)[1])
    handle = open(temp, "w+b")  # noqa: SIM115 - closed below, whatever happens
    os.chmod(temp, 0o600)

    def complete() -> None:
        handle.flush()
        os.fsync(handle.fileno())
        if final is not None:
            os.replace(temp, final)
            return
        handle.seek(0)
        default_storage.delete(name)  # the same name again, never a renamed second copy
        default_storage.save(name, File(handle))

    try:
        yield handle, complete
    finally:
        handle.close()
        temp.unlink(missing_ok=True)


def partial_path(final: Path) -> Path:
    """The temporary file beside FINAL that a whole write of it fills first (local disk)."""
    return final.with_name(f".{final.name}{PARTIAL_SUFFIX}")


def partial_name(name: str) -> str:
    """partial_path() as a storage name: folder/.file.ext.part."""
    folder, slash, base = name.rpartition("/")
    return f"{folder}{slash}.{base}{PARTIAL_SUFFIX}"


def save_whole(name: str, content) -> str:
    """Save CONTENT at NAME through the media storage (its modes, limits and errors), whole
    or not at all: on local disk under partial_name(NAME), synced and renamed over NAME
    when complete, so that a process killed while writing leaves no file at NAME (and a
    write of NAME again replaces the temporary file it left); on object storage in one
    upload, which is whole. Returns the stored name."""
    storage = default_storage
    if local_path(name) is None:
        return storage.save(name, content)
    temp = partial_name(name)
    storage.delete(temp)  # left by a write that was killed
    try:
        temp = storage.save(temp, content)
        with open(storage.path(temp), "rb") as written:
            os.fsync(written.fileno())
        os.replace(storage.path(temp), storage.path(name))
    except BaseException:
        storage.delete(temp)  # the part that was written (a full volume)
        raise
    return name


def remove_stored(name: str) -> None:
    """Delete NAME from the media storage, and the temporary file of a write of it that was
    killed half-way (on local disk)."""
    default_storage.delete(name)
    if local_path(name) is not None:
        default_storage.delete(partial_name(name))


def remove_partial_files(job: Job) -> None:
    """Drop what an attempt killed half-way left behind."""
    folder = local_path(f"{RESULTS_FOLDER}/{job.pk}")
    if folder is not None and folder.is_dir():
        for leftover in folder.glob(f".*{PARTIAL_SUFFIX}"):
            leftover.unlink(missing_ok=True)


def delete_result_file(job: Job) -> None:
    if job.result_file:
        default_storage.delete(job.result_file)


@contextmanager
def heartbeat(job: Job):
    """Say the job is alive every quarter lease from a thread, while the block runs. Not
    inside a transaction (a test running the task in-process): another connection could
    not see the row."""
    if connection.in_atomic_block:
        yield
        return
    stop = threading.Event()
    interval = max(0.2, settings.JOB_LEASE_SECONDS / 4)

    def beat() -> None:
        try:
            while not stop.wait(interval):
                holding(job).update(heartbeat_at=timezone.now())
        finally:
            connection.close()

    thread = threading.Thread(target=beat, name=f"job-{job.pk}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def worker_is_gone(worker: str) -> bool:
    """True when WORKER (host:pid) ran on this machine and that process no longer exists."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False


def requeue_abandoned() -> list[int]:
    """Queue again the running jobs whose worker is gone, and the queued jobs whose task
    never reached the queue; a job that has used all its attempts fails instead. Returns
    the ids of the jobs queued again."""
    now = timezone.now()
    lease = timedelta(seconds=settings.JOB_LEASE_SECONDS)
    requeued = []
    for job in Job.objects.filter(state=State.RUNNING):
        if job.heartbeat_at and job.heartbeat_at > now - lease and not worker_is_gone(job.worker):
            continue
        if job.attempts >= settings.JOB_ATTEMPTS:
            fail(job, _("The worker stopped during this job %(n)d times.") % {"n": job.attempts})
        elif holding(job).update(state=State.QUEUED, worker="", step=""):
            enqueue(job.pk)
            requeued.append(job.pk)
    lost = Job.objects.filter(state=State.QUEUED, task_id="", created_at__lt=now - lease)
    for job_id in lost.values_list("pk", flat=True):
        enqueue(job_id)
        requeued.append(job_id)
    if requeued:
        log.warning("queued again after their worker stopped: jobs %s", requeued)
    return requeued
