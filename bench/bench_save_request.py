"""Benchmark: what 保存到资源库 costs the web request now that saving is a background job.

The request still makes the worksheet (bench_worksheet.py times that) and checks the form;
then it only records and queues the "worksheet-save" job (`practice.jobs.start_save`: the
teacher's row locked, the earlier job looked up, a Job row and the database queue's task row
inserted).  What left the request is the job's work: rendering the PDF and DOCX, the
library's upload checks, text extraction and preview in the sandbox, the resource's rows and
files (`service.library_files` + `service.save_to_library`).  Both are timed on a fresh SQLite
site in a temporary folder (the database queue), best and median of ``--repeat`` runs, and
the ratio printed.  Run by hand (no asserts)::

    .venv/bin/python bench/bench_save_request.py [--repeat 7] [--words 400]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "worksheets"


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for run in range(repeat):
        start = time.perf_counter()
        fn(run)
        samples.append(time.perf_counter() - start)
    return samples


def figures(name: str, samples: list[float]) -> float:
    best, median = min(samples), statistics.median(samples)
    print(f"{name:<46} best {best * 1000:8.1f} ms   median {median * 1000:8.1f} ms")
    return median


def worksheet(words: int) -> dict:
    """A worksheet of WORDS words of the test texts, with a lexicon built from the pip-only
    sources into the temporary data folder (as the tests' pip build)."""
    from yingdu.lexicon import build_lexicon, load_lexicon
    from yingdu.lexicon.store import default_lexicon_path
    from yingdu.worksheets.generate import generate

    build_lexicon(default_lexicon_path())
    text = " ".join(((SAMPLE / "bikes.txt").read_text(encoding="utf-8").split() * 20)[:words])
    pool = [(SAMPLE / "pool.txt").read_text(encoding="utf-8")]
    return generate(text, "senior", seed=0, title="Bench", pool=pool, lexicon=load_lexicon())


def measure(repeat: int, words: int) -> None:
    """Runs in a subprocess on a fresh data folder."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from yingdu.accounts.roles import TEACHER, grant
    from yingdu.practice import jobs, service
    from yingdu.resources.models import Edition, Resource

    call_command("migrate", verbosity=0)
    teacher = User.objects.create_user("bench_teacher", password="a-long-bench-password")
    grant(teacher, TEACHER)
    sheet = worksheet(words)
    edition = Edition.objects.first()

    def facets(run: int) -> dict:  # another unit each run: another key, a new job
        cleaned = {"grade": "s1", "volume": "first", "edition": edition, "unit": f"U{run}"}
        return jobs.facet_values(cleaned)

    def in_request(run: int) -> None:
        jobs.start_save(sheet, facets(run), teacher)

    def in_worker(run: int) -> None:
        files = service.library_files(sheet)
        resource, errors = service.save_to_library(sheet, files, facets(run), teacher)
        assert resource is not None, errors
        resource.delete()  # the same files again next run would be a duplicate

    in_worker(-1)  # warm up: fonts, renderers, the sandbox's imports
    in_request(-1)
    print(f"a {words}-word worksheet, {repeat} runs, SQLite and the database queue")
    now = figures("in the request now (start_save)", timed(in_request, repeat))
    moved = figures("moved to the worker (render + save_to_library)", timed(in_worker, repeat))
    print(f"the request's part of saving is {now / moved:.3f} of what it was (median ratio)")
    print(f"resources left: {Resource.objects.count()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.repeat, args.words)
        return
    with tempfile.TemporaryDirectory(prefix="yingdu-bench-save-") as data:
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "YINGDU_DATA_DIR": data, "DJANGO_SETTINGS_MODULE": "yingdu.settings",
               "PYTHONPATH": path, "YINGDU_JOB_QUEUE": "database",
               "SECRET_KEY": "bench-only-" + "k" * 50}  # fmt: skip
        env.pop("DATABASE_URL", None)
        command = [sys.executable, __file__, "--child", "--repeat", str(args.repeat),
                   "--words", str(args.words)]  # fmt: skip
        subprocess.run(command, env=env, check=True)


if __name__ == "__main__":
    main()
