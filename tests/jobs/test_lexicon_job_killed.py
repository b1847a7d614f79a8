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

import pytest

from tests.conftest import run_yingdu, subprocess_env
from tests.jobs.worker import run_worker, wait_for, worker_process
from tests.lexicon.fixtures import write_sample

ITEMS = 600
LATE_STAGES = re.compile("merge|forms")  # of a build (yingdu/lexicon/build.py)
SECONDS = 600  # a build and 600 items' re-annotation on a busy 2-core machine

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


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_killed_follow_up_goes_on_after_the_last_item(site, tmp_path):
    env = site
    run_yingdu(env, "manage", "shell", "-c", ADD_ITEMS.format(items=ITEMS))
    run_yingdu(env, "reading", "refresh", "--in-background")
    (job_id,) = jobs(env)

    def annotated() -> int:
        return jobs(env)[job_id]["checkpoint"].get("annotated", 0)

    run_worker(
        env,
        tmp_path / "worker1.log",
        lambda: annotated() >= 50,
        end=signal.SIGKILL,
        seconds=SECONDS,
    )
    killed = jobs(env)[job_id]
    assert killed["state"] == "running" and 50 <= annotated() < ITEMS, killed
    done_before = query(env, "SELECT id FROM news_newsarticle ORDER BY id")[: annotated()]
    first = done_before[0][0]
    run_yingdu(env, "manage", "shell", "-c",
               f"from yingdu.news.models import NewsArticle as N; "
               f"N.objects.filter(pk={first}).update(reading={{'left': 'as it was'}})")  # fmt: skip

    run_worker(
        env, tmp_path / "worker2.log", lambda: jobs(env)[job_id]["state"] == "done", seconds=SECONDS
    )
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

    def late_in_the_build():
        return LATE_STAGES.search(jobs(env)[job_id]["step"])

    run_worker(
        env, tmp_path / "worker1.log", late_in_the_build, end=signal.SIGKILL, seconds=SECONDS
    )
    assert digest(lexicon) == old  # the site still reads the old lexicon
    assert jobs(env)[job_id]["state"] == "running" and len(temporary_files()) == 1

    with worker_process(env, tmp_path / "worker2.log") as worker:
        wait_for(lambda: jobs(env)[job_id]["state"] == "done", worker, seconds=SECONDS)
        follow_up = jobs(env)[job_id]["result"]["follow_up"]
        wait_for(lambda: jobs(env)[follow_up]["state"] == "done", worker, seconds=SECONDS)
    every = jobs(env)
    assert every[job_id]["attempts"] == 2 and every[job_id]["result"]["entries"] > 0
    assert [n for n, job in every.items() if job["kind"] == "relexicon"] == [follow_up]
    assert digest(lexicon) != old and temporary_files() == []
    owners = query(env, f"SELECT started_by_id FROM jobs_job WHERE id IN ({job_id}, {follow_up})")
    assert len({owner for (owner,) in owners}) == 1 and owners[0][0] is not None
