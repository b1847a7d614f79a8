"""Background-job throughput: imports through the queue, jobs/s, on each queue.

For each queue (the database; RQ on Redis when --redis-url or REDIS_URL is given) a fresh
data folder (SQLite, or --database-url) is migrated, N import jobs are queued as the admin
queues them (one generated news page each, all different), and K `yingdu worker --batch`
processes run them; the figures are the queueing rate and the jobs/s from the first worker's
start until the last one exits with the queue empty (worker start-up included), plus the same
for N empty probe jobs, which measures the queue's own cost per job. Run by hand:

    .venv/bin/python bench/bench_jobs.py [--jobs 200] [--workers 1] \\
        [--redis-url redis://127.0.0.1:6379/2] [--database-url postgres://…/yingdu_bench]

Every process runs on this machine; nothing is fetched from the network.
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "river",
    "school",
    "teacher",
    "library",
    "city",
    "bridge",
    "farmer",
    "market",
    "village",
    "museum",
    "science",
    "garden",
    "student",
    "train",
    "festival",
    "winter",
    "summer",
    "engineer",
    "doctor",
    "nurse",
    "robot",
    "ocean",
    "mountain",
    "forest",
]

QUEUE_IMPORTS = """
import sys, time
from yingdu.imports import jobs
paths = sys.argv[1:]
started = time.perf_counter()
for path in paths:
    jobs.start(None, [path], "news")
print(time.perf_counter() - started)
"""
QUEUE_PROBES = """
import sys, time
from yingdu.jobs import service
started = time.perf_counter()
for _ in range(int(sys.argv[1])):
    service.start("probe", params={"seconds": 0, "steps": 1})
print(time.perf_counter() - started)
"""
COUNT_DONE = """
from yingdu.jobs.models import Job
print(Job.objects.filter(state="done").count(), Job.objects.exclude(state="done").count())
"""


def page(n: int, rng: random.Random) -> str:
    sentences = [
        " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + f" number {n}."
        for _ in range(6)
    ]
    body = "".join(f"<p>{s}</p>" for s in sentences)
    return (
        f"<html><head><title>Report {n} from the city</title></head><body><article>"
        f"<h1>Report {n} from the city</h1>{body}</article></body></html>"
    )


def yingdu(env, *args, stdin=None) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "yingdu.cli", *args], env=env, input=stdin,
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode:
        raise SystemExit(f"yingdu {' '.join(args[:2])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def python(env, code: str, *args) -> str:
    return yingdu(env, "manage", "shell", "-c", f"import sys; sys.argv = {['x', *args]!r}\n{code}")


def drain(env, workers: int) -> float:
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "yingdu.cli",
                "worker",
                "--batch",
                "--interval",
                "0.05",
                "-v",
                "0",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        for _ in range(workers)
    ]
    for process in processes:
        process.wait()
    return time.perf_counter() - started


def run_queue(queue: str, args, folder: Path) -> dict:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "YINGDU_DATA_DIR": str(folder / queue),
        "YINGDU_JOB_QUEUE": queue,
        "DJANGO_SETTINGS_MODULE": "yingdu.settings",
    }
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
    yingdu(env, "migrate", "-v", "0")
    if queue == "redis":
        python(env, "import django_rq; django_rq.get_queue().empty()")
    python(env, "from yingdu.jobs.models import Job; Job.objects.all().delete()")
    pages = folder / f"pages-{queue}"
    pages.mkdir()
    rng = random.Random(7)
    paths = []
    for n in range(args.jobs):
        path = pages / f"report-{n}.html"
        path.write_text(page(n, rng), encoding="utf-8")
        paths.append(str(path))
    figures = {"queue": queue}
    figures["queue_imports_s"] = float(python(env, QUEUE_IMPORTS, *paths).split()[-1])
    figures["run_imports_s"] = drain(env, args.workers)
    done, other = map(int, python(env, COUNT_DONE).split()[-2:])
    figures["imports_done"], figures["imports_not_done"] = done, other
    python(env, "from yingdu.jobs.models import Job; Job.objects.all().delete()")
    figures["queue_probes_s"] = float(python(env, QUEUE_PROBES, str(args.jobs)).split()[-1])
    figures["run_probes_s"] = drain(env, args.workers)
    return figures


def report(figures: dict, jobs: int, workers: int) -> None:
    print(
        f"{figures['queue']:>8}: imports queued {jobs / figures['queue_imports_s']:7.0f}/s, "
        f"run {jobs / figures['run_imports_s']:6.1f} jobs/s with {workers} worker(s) "
        f"({figures['imports_done']} done, {figures['imports_not_done']} not); "
        f"empty probe jobs run {jobs / figures['run_probes_s']:6.1f} jobs/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL", ""))
    parser.add_argument("--database-url", default="")
    parser.add_argument("--json", action="store_true", help="print the raw figures too")
    args = parser.parse_args()
    queues = ["database"] + (["redis"] if args.redis_url else [])
    with tempfile.TemporaryDirectory(prefix="yingdu-bench-jobs-") as folder:
        for queue in queues:
            figures = run_queue(queue, args, Path(folder))
            report(figures, args.jobs, args.workers)
            if args.json:
                print(json.dumps(figures))


if __name__ == "__main__":
    main()
