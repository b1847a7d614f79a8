"""Workers killed with SIGKILL half-way through a lexicon build and through the
re-annotation that follows it (real `yingdu worker` processes): the build leaves the old
lexicon in use and a second worker completes it, queuing the follow-up once; the follow-up
goes on after the last item committed, redoing none and indexing each item once."""

import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import time

import pytest

from tests.conftest import YINGDU, run_yingdu, start_python, subprocess_env
from tests.lexicon.fixtures import write_sample

ITEMS = 600
LATE_STAGES = re.compile("merge|forms")  # of a build (yingdu/lexicon/build.py)

ADD_ITEMS = """
import datetime as dt
from django.utils import timezone
from yingdu.news.models import NewsArticle
now = timezone.now()
NewsArticle.objects.bulk_create([NewsArticle(
    section="international", status="published", title=f"Story {{n}} about the lake",
    slug=f"story-{{n}}", published_at=now - dt.timedelta(minutes=n),
    body="Boats powered by the sun crossed the glimmering lake at dawn. " * 8,
) for n in range({items})])
"""

START_BUILD = """
from django.contrib.auth.models import User
from yingdu.aids import lexiconjob
operator = User.objects.create_superuser("operator_sun", password="x-unused-9")
print(lexiconjob.start(operator)[0].pk)
"""


@pytest.fixture
def site(tmp_path, fresh_database_url, site_lexicon):
    """A migrated site in a subprocess's data folder with its own copy of the lexicon."""
    lexicon = tmp_path / "data" / "lexicon.sqlite3"
    lexicon.parent.mkdir()
    shutil.copyfile(site_lexicon.path, lexicon)
    extra = {"YINGDU_JOB_QUEUE": "database", "YINGDU_JOB_LEASE_SECONDS": "30"}
    if fresh_database_url:
        extra["DATABASE_URL"] = fresh_database_url
    env = subprocess_env(tmp_path / "data", YINGDU_LEXICON_PATH=str(lexicon), **extra)
    run_yingdu(env, "migrate", "-v", "0")
    return env


def query(env, sql: str) -> list[tuple]:
    """Rows of SQL on the subprocesses' database, read from the test process."""
    if env.get("DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["DATABASE_URL"], autocommit=True) as db:
            return db.execute(sql).fetchall()
    path = os.path.join(env["YINGDU_DATA_DIR"], "yingdu.sqlite3")
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as db:
        return db.execute(sql).fetchall()


def jobs(env) -> dict[int, dict]:
    rows = query(env, "SELECT id, kind, state, attempts, step, checkpoint, result FROM jobs_job")
    return {
        row[0]: {
            "kind": row[1], "state": row[2], "attempts": row[3], "step": row[4],
            "checkpoint": json.loads(row[5]) if isinstance(row[5], str) else row[5],
            "result": json.loads(row[6]) if isinstance(row[6], str) else row[6],
        }
        for row in rows
    }  # fmt: skip


def start_worker(env, log):
    return start_python(env, *YINGDU, "worker", "--interval", "0.2", start_new_session=True,
                        stdout=log, stderr=log)  # fmt: skip


def kill(worker) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)


def stop(worker) -> None:
    os.killpg(worker.pid, signal.SIGTERM)
    worker.wait(timeout=60)


def wait_for(condition, worker, seconds=600):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        assert worker.poll() is None, "the worker exited"
        time.sleep(0.2)
    raise TimeoutError


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_killed_follow_up_goes_on_after_the_last_item(site, tmp_path):
    env = site
    run_yingdu(env, "manage", "shell", "-c", ADD_ITEMS.format(items=ITEMS))
    run_yingdu(env, "reading", "refresh", "--in-background")
    (job_id,) = jobs(env)

    def annotated() -> int:
        return jobs(env)[job_id]["checkpoint"].get("annotated", 0)

    with open(tmp_path / "worker1.log", "w") as log:
        worker = start_worker(env, log)
        try:
            wait_for(lambda: annotated() >= 50, worker)
        finally:
            kill(worker)
    killed = jobs(env)[job_id]
    assert killed["state"] == "running" and 50 <= annotated() < ITEMS, killed
    done_before = query(env, "SELECT id FROM news_newsarticle ORDER BY id")[: annotated()]
    first = done_before[0][0]
    run_yingdu(env, "manage", "shell", "-c",
               f"from yingdu.news.models import NewsArticle as N; "
               f"N.objects.filter(pk={first}).update(reading={{'left': 'as it was'}})")  # fmt: skip

    with open(tmp_path / "worker2.log", "w") as log:
        worker = start_worker(env, log)
        try:
            wait_for(lambda: jobs(env)[job_id]["state"] == "done", worker)
        finally:
            stop(worker)
    finished = jobs(env)[job_id]
    assert finished["attempts"] == 2 and finished["result"]["annotated"] == ITEMS  # none twice
    (reading,) = query(env, f"SELECT reading FROM news_newsarticle WHERE id = {first}")[0]
    assert "as it was" in str(reading)  # finished by the killed worker: not done again
    entries = query(env, "SELECT count(*), count(DISTINCT object_id) FROM search_searchentry")
    assert entries == [(ITEMS, ITEMS)]


def test_a_killed_build_leaves_the_old_lexicon_and_a_rerun_completes(site, tmp_path):
    env = site
    lists, _ = write_sample(tmp_path / "sources")
    env["YINGDU_LEXICON_DIR"] = str(lists)
    lexicon = tmp_path / "data" / "lexicon.sqlite3"
    old = digest(lexicon)
    out = run_yingdu(env, "manage", "shell", "-c", START_BUILD).stdout
    job_id = int(out.split()[-1])

    def temporary_files():
        return sorted(lexicon.parent.glob(".lexicon.sqlite3.*.tmp"))

    with open(tmp_path / "worker1.log", "w") as log:
        worker = start_worker(env, log)
        try:
            wait_for(lambda: LATE_STAGES.search(jobs(env)[job_id]["step"]), worker)
        finally:
            kill(worker)
    assert digest(lexicon) == old  # the site still reads the old lexicon
    assert jobs(env)[job_id]["state"] == "running" and len(temporary_files()) == 1

    with open(tmp_path / "worker2.log", "w") as log:
        worker = start_worker(env, log)
        try:
            wait_for(lambda: jobs(env)[job_id]["state"] == "done", worker)
            follow_up = jobs(env)[job_id]["result"]["follow_up"]
            wait_for(lambda: jobs(env)[follow_up]["state"] == "done", worker)
        finally:
            stop(worker)
    every = jobs(env)
    assert every[job_id]["attempts"] == 2 and every[job_id]["result"]["entries"] > 0
    assert [n for n, job in every.items() if job["kind"] == "relexicon"] == [follow_up]
    assert digest(lexicon) != old and temporary_files() == []
    owners = query(env, f"SELECT started_by_id FROM jobs_job WHERE id IN ({job_id}, {follow_up})")
    assert len({owner for (owner,) in owners}) == 1 and owners[0][0] is not None
