"""The jobs API in the test process, on the configured queue (the database, or RQ on Redis in
the Redis pass): a job runs once, its file is whole and served to the one who started it,
errors are retried with backoff or shown, abandoned jobs are queued again."""

import os
import socket
import subprocess
import sys
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.jobs.worker import run_queued
from yingdu.jobs import kinds, service
from yingdu.jobs.kinds import JobFailed, JobKind
from yingdu.jobs.models import Job

State = Job.State
FAILURES = {"flaky": 1, "broken": 99}  # unexpected errors before a kind succeeds


def fail_then_succeed(context):
    if context.job.attempts <= FAILURES[context.job.kind]:
        raise RuntimeError("the disk was busy")
    return {"ok": True}


def refuse(context):
    raise JobFailed("这段文字太短，无法生成练习。")


kinds.register(
    JobKind("flaky", "flaky", run=fail_then_succeed),
    JobKind("broken", "broken", run=fail_then_succeed),
    JobKind("refused", "refused", run=refuse),
    JobKind("once", "once", run=fail_then_succeed, retry=False),
)
FAILURES["once"] = 1


def probe(user, django_capture_on_commit_callbacks, steps=3):
    with django_capture_on_commit_callbacks(execute=True):
        job = service.start("probe", user, {"seconds": 0, "steps": steps})
    return job


def test_a_job_runs_once_and_its_file_is_served_to_its_owner(
    client, teacher, media, django_capture_on_commit_callbacks
):
    job = probe(teacher, django_capture_on_commit_callbacks)
    assert Job.objects.get(pk=job.pk).task_id  # on the queue
    run_queued()
    job.refresh_from_db()
    assert (job.state, job.attempts, job.done, job.total) == (State.DONE, 1, 3, 3)
    stored = media / job.result_file
    assert stored.read_text().endswith("step 3 of 3\ncomplete\n")
    assert [path.name for path in stored.parent.iterdir()] == ["result.txt"]

    assert service.run_job.call(job.pk) == "skipped"  # delivered again: never runs again
    job.refresh_from_db()
    assert job.attempts == 1

    client.force_login(teacher)
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200 and "已完成" in page.content.decode()
    download = client.get(f"/jobs/{job.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == stored.read_bytes()
    assert "probe.txt" in download["Content-Disposition"]
    assert f"/jobs/{job.pk}/" in client.get("/jobs/").content.decode()


def test_nobody_else_sees_a_job(
    client, teacher, editor, student, visitor, django_user_model,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    job = probe(teacher, django_capture_on_commit_callbacks)
    run_queued()
    admin = django_user_model.objects.create_superuser("root_admin", password="x" * 20)
    for other in (editor, student, visitor, admin):
        client.force_login(other)
        for path in ("", "download/"):
            assert client.get(f"/jobs/{job.pk}/{path}").status_code == 404, (other, path)
        assert client.post(f"/jobs/{job.pk}/retry/").status_code == 404
        assert f"/jobs/{job.pk}/" not in client.get("/jobs/").content.decode()
    client.logout()
    answer = client.get(f"/jobs/{job.pk}/download/")
    assert answer.status_code == 302 and "/login/" in answer["Location"]


def test_an_unexpected_error_is_retried_with_backoff(teacher):
    job = service.start("flaky", teacher)
    before = timezone.now()
    assert service.run_job.call(job.pk) == State.QUEUED
    job.refresh_from_db()
    assert job.state == State.QUEUED and "the disk was busy" in job.error
    wait = job.run_after - before
    assert timedelta(seconds=9) < wait < timedelta(seconds=20)
    assert service.run_job.call(job.pk) == "skipped"  # not yet due
    Job.objects.filter(pk=job.pk).update(run_after=timezone.now())
    assert service.run_job.call(job.pk) == State.DONE
    job.refresh_from_db()
    assert (job.attempts, job.error, job.result) == (2, "", {"ok": True})


def test_backoff_grows_and_attempts_end(teacher, settings):
    settings.JOB_ATTEMPTS = 3
    job = service.start("broken", teacher)
    waits = []
    for _ in range(3):
        Job.objects.filter(pk=job.pk).update(run_after=None)
        before = timezone.now()
        service.run_job.call(job.pk)
        job.refresh_from_db()
        if job.run_after:
            waits.append((job.run_after - before).total_seconds())
    assert job.state == State.FAILED and job.attempts == 3
    assert "RuntimeError: the disk was busy" in job.error
    assert [round(wait / 10) for wait in waits] == [1, 4]  # 10 s, then 40 s


def test_a_job_failure_is_shown_and_not_retried(
    client, teacher, django_capture_on_commit_callbacks
):
    job = service.start("refused", teacher)
    assert service.run_job.call(job.pk) == State.FAILED
    job.refresh_from_db()
    assert job.attempts == 1 and job.error == "这段文字太短，无法生成练习。"
    client.force_login(teacher)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "这段文字太短" in page and "/retry/" in page
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/jobs/{job.pk}/retry/").status_code == 302
    job.refresh_from_db()
    assert job.state == State.QUEUED and job.error == "" and job.task_id


def test_a_kind_without_retries_fails_at_once(teacher):
    job = service.start("once", teacher)
    assert service.run_job.call(job.pk) == State.FAILED


def dead_pid() -> int:
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)  # fmt: skip
    return int(child.stdout)


def running(user, worker: str, heartbeat_age: float, attempts: int = 1) -> Job:
    return Job.objects.create(
        kind="probe", started_by=user, state=State.RUNNING, attempts=attempts, worker=worker,
        heartbeat_at=timezone.now() - timedelta(seconds=heartbeat_age), task_id="t",
    )  # fmt: skip


def test_abandoned_jobs_are_queued_again(teacher, settings, django_capture_on_commit_callbacks):
    settings.JOB_LEASE_SECONDS = 60
    here = socket.gethostname()
    dead_here = running(teacher, f"{here}:{dead_pid()}", heartbeat_age=1)
    silent_elsewhere = running(teacher, "other-host:1", heartbeat_age=120)
    alive_here = running(teacher, f"{here}:{os.getpid()}", heartbeat_age=1)
    alive_elsewhere = running(teacher, "other-host:1", heartbeat_age=5)
    worn_out = running(teacher, "other-host:1", heartbeat_age=120, attempts=3)
    assert sorted(service.requeue_abandoned()) == sorted([dead_here.pk, silent_elsewhere.pk])
    states = {job.pk: job.state for job in Job.objects.all()}
    assert states[dead_here.pk] == states[silent_elsewhere.pk] == State.QUEUED
    assert states[alive_here.pk] == states[alive_elsewhere.pk] == State.RUNNING
    assert states[worn_out.pk] == State.FAILED
    run_queued()  # the queued-again jobs run to the end
    assert Job.objects.get(pk=dead_here.pk).state == State.DONE
    assert Job.objects.get(pk=dead_here.pk).attempts == 2


def test_a_job_whose_task_never_reached_the_queue_is_queued(teacher, settings):
    settings.JOB_LEASE_SECONDS = 60
    lost = Job.objects.create(kind="probe", started_by=teacher, params={"seconds": 0})
    Job.objects.filter(pk=lost.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert service.requeue_abandoned() == [lost.pk]
    run_queued()
    assert Job.objects.get(pk=lost.pk).state == State.DONE


def test_an_unknown_kind_is_refused_when_started(teacher):
    with pytest.raises(KeyError):
        service.start("no-such-kind", teacher)


def test_deleting_the_user_deletes_their_jobs_and_files(teacher, media):
    job = service.start("probe", teacher, {"seconds": 0, "steps": 1})
    service.run_job.call(job.pk)
    job.refresh_from_db()
    stored = media / job.result_file
    assert stored.exists()
    teacher.delete()
    assert not Job.objects.filter(pk=job.pk).exists() and not stored.exists()


def test_prune_deletes_old_finished_jobs_and_files(teacher, media, capsys):
    from yingdu.cli import main

    old, recent = (service.start("probe", teacher, {"seconds": 0, "steps": 1}) for _ in "ab")
    for job in (old, recent):
        service.run_job.call(job.pk)
    waiting = service.start("probe", teacher)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=8))
    stored = media / Job.objects.get(pk=old.pk).result_file
    assert stored.exists()
    assert main(["jobs", "prune", "--days", "7"]) == 0
    assert "Deleted 1 " in capsys.readouterr().out
    assert sorted(Job.objects.values_list("pk", flat=True)) == [recent.pk, waiting.pk]
    assert not stored.exists()
