"""保存到资源库 run by real `yingdu worker` processes on the database queue: a worker killed
with SIGKILL before the resource is saved, while its files are written (one is in place, at
a name recorded on the job, and no row holds it), or after it is saved but before the job is
marked done, and the next worker runs the job again; two jobs of one save (a double submit
that got past the request's check) run by two workers at once. Each ends with exactly one
英语试题 and no file that is half-written or belongs to no resource.

The kill points are made exact with PostgreSQL locks held by the test (the worker waits on
them; pg_stat_activity shows it waiting), so those tests run in the PostgreSQL pass only."""

import json
import signal
import threading
from contextlib import ExitStack

import pytest

from tests.conftest import run_yingdu, subprocess_env
from tests.jobs.worker import run_worker, wait_for, worker_process
from tests.worksheets.conftest import POOL, TEXTS, lexicon, pip_build  # noqa: F401
from yingdu.worksheets.generate import generate

SETUP = """
import json
from django.contrib.auth.models import User
from yingdu.accounts.roles import TEACHER, grant
from yingdu.jobs import service
from yingdu.jobs.models import Job
from yingdu.practice import jobs
from yingdu.resources.models import Edition

worksheet = json.load(open({path!r}, encoding="utf-8"))
teacher = User.objects.create_user("teacher_li", password="a-long-test-password")
grant(teacher, TEACHER)
facets = jobs.facet_values({{"grade": "j2", "volume": "first", "unit": "Unit 3",
                            "edition": Edition.objects.get(slug="renjiao")}})
if {twice}:  # two requests that both got past the request's check
    params, key = {{"worksheet": worksheet, "facets": facets}}, jobs.digest(worksheet, facets)
    ids = [Job.objects.create(kind=jobs.SAVE, started_by=teacher, params=params, key=key).pk
           for _ in range(2)]
    for job_id in ids:
        service.enqueue(job_id)
else:
    ids = [jobs.start_save(worksheet, facets, teacher).pk]
print(json.dumps(ids))
"""

STATE = """
import json
from yingdu.jobs.models import Job
from yingdu.resources.models import Resource, ResourceFile
files = [f.file.name for f in ResourceFile.objects.all()]
files += [f.preview.name for f in ResourceFile.objects.exclude(preview="")]
print(json.dumps({
    "resources": list(Resource.objects.values_list("pk", flat=True)),
    "files": files,
    "jobs": list(Job.objects.filter(kind="worksheet-save").order_by("pk")  # not its text job
                 .values("pk", "state", "attempts", "result", "error", "checkpoint")),
}, default=str))
"""


@pytest.fixture
def worksheet_file(tmp_path, lexicon):  # noqa: F811
    worksheet = generate(TEXTS["bikes"], "junior", seed=0, title="Old bikes", pool=[POOL],
                         lexicon=lexicon)  # fmt: skip
    path = tmp_path / "worksheet.json"
    path.write_text(json.dumps(worksheet, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def env(tmp_path, fresh_database_url):
    extra = {"YINGDU_JOB_QUEUE": "database", "YINGDU_JOB_LEASE_SECONDS": "30"}
    if fresh_database_url:
        extra["DATABASE_URL"] = fresh_database_url
    environment = subprocess_env(tmp_path / "data", **extra)
    run_yingdu(environment, "migrate", "-v", "0")
    return environment


def postgres_only(fresh_database_url):
    if not fresh_database_url:
        pytest.skip("the kill points are held with PostgreSQL locks")


def shell(env, code: str):
    return json.loads(run_yingdu(env, "manage", "shell", "-c", code).stdout.splitlines()[-1])


def queue_save(env, worksheet_file, twice=False) -> list[int]:
    return shell(env, SETUP.format(path=str(worksheet_file), twice=twice))


def media_files(tmp_path) -> set[str]:
    media = tmp_path / "data" / "media"
    return {str(p.relative_to(media)) for p in media.rglob("*") if p.is_file()}


def assert_one_whole_resource(tmp_path, state, job_ids):
    assert len(state["resources"]) == 1, state
    resource = state["resources"][0]
    for job in state["jobs"]:
        assert job["state"] == "done" and job["result"] == {"resource": resource}, job
    assert [job["pk"] for job in state["jobs"]] == job_ids
    on_disk = media_files(tmp_path)
    assert on_disk == set(state["files"]), "a file that belongs to no resource, or a partial one"
    assert any(name.endswith(".docx") for name in on_disk)


def waiting(connection, pattern: str) -> bool:
    row = connection.execute(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
        " AND wait_event_type = 'Lock' AND query LIKE %s",
        (pattern,),
    ).fetchone()
    return row[0] > 0


def drop_killed_connections(watcher, *ours) -> None:
    """End the killed worker's database sessions, as its machine going down would: a session
    waiting on a lock notices its client is gone only after it has run its statement."""
    pids = [watcher.info.backend_pid] + [connection.info.backend_pid for connection in ours]
    watcher.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
        " WHERE datname = current_database() AND pid <> ALL(%s)",
        (pids,),
    )


def run_again(env, tmp_path):
    """A second worker runs the killed one's job to the end; the state it leaves."""
    run_worker(env, tmp_path / "worker2.log", lambda: all_done(shell(env, STATE)["jobs"]))
    return shell(env, STATE)


def kill_while_inserting(env, tmp_path, database_url: str, table: str) -> None:
    """Run a worker until its INSERT into `table` waits on a lock held here, SIGKILL it there,
    then release the lock."""
    import psycopg

    holder = psycopg.connect(database_url)
    watcher = psycopg.connect(database_url, autocommit=True)
    with holder, watcher:
        holder.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")  # no insert passes

        def inserting() -> bool:
            return waiting(watcher, f'INSERT INTO "{table}"%')

        run_worker(env, tmp_path / "worker1.log", inserting, end=signal.SIGKILL)
        drop_killed_connections(watcher, holder)
        holder.rollback()


def all_done(jobs) -> bool:
    return all(job["state"] == "done" for job in jobs)


def test_killed_before_the_resource_is_saved(env, tmp_path, worksheet_file, fresh_database_url):
    postgres_only(fresh_database_url)

    job_ids = queue_save(env, worksheet_file)
    # killed as it waits in the transaction that saves the resource
    kill_while_inserting(env, tmp_path, fresh_database_url, "resources_resource")
    killed = shell(env, STATE)
    assert killed["resources"] == [] and media_files(tmp_path) == set()
    assert killed["jobs"][0]["state"] == "running" and killed["jobs"][0]["attempts"] == 1

    done = run_again(env, tmp_path)
    assert_one_whole_resource(tmp_path, done, job_ids)
    assert done["jobs"][0]["attempts"] == 2


def test_killed_while_writing_the_files(env, tmp_path, worksheet_file, fresh_database_url):
    postgres_only(fresh_database_url)

    job_ids = queue_save(env, worksheet_file)
    # killed when the first file is written and its row waits: the next file is not begun
    kill_while_inserting(env, tmp_path, fresh_database_url, "resources_resourcefile")
    killed = shell(env, STATE)
    names = killed["jobs"][0]["checkpoint"]["names"]
    assert killed["resources"] == [] and media_files(tmp_path) == {names[0]}  # no resource's

    done = run_again(env, tmp_path)
    assert_one_whole_resource(tmp_path, done, job_ids)  # the killed attempt's file is gone
    assert names[0] not in done["files"] and done["jobs"][0]["attempts"] == 2


def test_killed_after_the_resource_is_saved(env, tmp_path, worksheet_file, fresh_database_url):
    postgres_only(fresh_database_url)
    import psycopg

    [job_id] = queue_save(env, worksheet_file)
    watcher = psycopg.connect(fresh_database_url, autocommit=True)
    table, row = psycopg.connect(fresh_database_url), psycopg.connect(fresh_database_url)
    with watcher, table, row:
        table.execute("LOCK TABLE resources_resource IN EXCLUSIVE MODE")
        # killed when the block ends: the resource saved, the job not marked done
        with worker_process(env, tmp_path / "worker1.log", end=signal.SIGKILL) as worker:
            wait_for(lambda: waiting(watcher, 'INSERT INTO "resources_resource"%'), worker)
            # The job's row is held by the saving transaction: queue behind it, so that once
            # it commits the test holds the row and the worker cannot mark the job done.
            sql = "SELECT id FROM jobs_job WHERE id = %s FOR UPDATE"
            holder = threading.Thread(target=row.execute, args=(sql, (job_id,)))
            holder.start()
            wait_for(lambda: waiting(watcher, "SELECT id FROM jobs_job%"), worker)
            table.rollback()  # the resource is saved and committed now
            holder.join(timeout=120)
            assert not holder.is_alive()
            wait_for(lambda: waiting(watcher, 'UPDATE "jobs_job" SET "state"%'), worker)
        drop_killed_connections(watcher, table, row)
        row.rollback()
    killed = shell(env, STATE)
    assert len(killed["resources"]) == 1 and killed["jobs"][0]["state"] == "running"
    assert killed["jobs"][0]["result"] == {"resource": killed["resources"][0]}

    done = run_again(env, tmp_path)
    assert_one_whole_resource(tmp_path, done, [job_id])
    assert done["resources"] == killed["resources"] and done["jobs"][0]["attempts"] == 2


def test_two_jobs_of_one_save_run_at_once_make_one_resource(env, tmp_path, worksheet_file):
    job_ids = queue_save(env, worksheet_file, twice=True)
    assert len(job_ids) == 2
    with ExitStack() as stack:
        workers = [stack.enter_context(worker_process(env, tmp_path / f"worker{n}.log"))
                   for n in (1, 2)]  # fmt: skip
        wait_for(lambda: all(j["state"] not in ("queued", "running")
                             for j in shell(env, STATE)["jobs"]), *workers)  # fmt: skip
    assert_one_whole_resource(tmp_path, shell(env, STATE), job_ids)
