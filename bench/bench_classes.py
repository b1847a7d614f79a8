"""Classes benchmark: a class of 60 students with 200 assignments. Prints p50/p99 of the
teacher's class page, an assignment's report and the pre-teach list (API), each target
p99 < 100 ms, and what recording a reading adds to an item page for a student of the class
(target < 10 ms) and the queries it adds for an anonymous reader (target 0). Run by hand:

    .venv/bin/python bench/bench_classes.py [--runs 200] [--lexicon PATH]
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/yingdu_classes_bench \
        .venv/bin/python bench/bench_classes.py

SQLite: a new data folder each run. PostgreSQL: the database in DATABASE_URL is emptied and
filled each run. Requests go through Django's test client in this process (the whole
middleware stack and templates, no network), so the figures are the server's own time.
Each student has 2,000 known words, 300 notebook cards and progress on every assignment
(12,000 rows: opened, time, ten lookups, three in four done, worksheet answers on a fifth).
It prints the queries of each teacher page, then (PostgreSQL) the pages timed on the tables
as the bulk load left them, then after VACUUM ANALYZE (otherwise autovacuum starts on the
freshly filled tables in the middle of the timing, a likely cause of earlier outliers), with
the objects made so far frozen out of the garbage collector (gc.freeze, as yingdu/wsgi.py
does for the workers), so a full collection walks only what a request makes.
"""

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

STUDENTS, ASSIGNMENTS, KNOWN, CARDS, LOOKUPS = 60, 200, 2000, 300, 10
TEXT = (ROOT / "tests" / "classes" / "conftest.py").read_text(encoding="utf-8")


def setup(args) -> None:
    data = tempfile.mkdtemp(prefix="yingdu-bench-classes-")
    os.environ.update({"YINGDU_DATA_DIR": data, "SECRET_KEY": "bench-" + "k" * 50,
                       "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "DEBUG": "0",
                       "ALLOWED_HOSTS": "testserver", "YINGDU_API_USER_PER_MINUTE": "10000000",
                       "LOG_LEVEL": "ERROR"})  # fmt: skip
    if args.lexicon:
        os.environ["YINGDU_LEXICON_PATH"] = args.lexicon
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingdu.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if "postgres" in os.environ.get("DATABASE_URL", "") and _migrated():
        call_command("flush", "--no-input", verbosity=0)
    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--no-input", verbosity=0)


def _migrated() -> bool:
    from django.db import connection

    return "classes_schoolclass" in connection.introspection.table_names()


def article_text() -> str:
    start = TEXT.index("ARTICLE = (") + len("ARTICLE = (")
    body = TEXT[start : TEXT.index(")\n", start)]
    return "".join(part.strip().strip('"') for part in body.splitlines()).replace("\\n", "\n")


def fill():
    """The teacher, 60 students with words and cards, 200 assignments of 20 articles."""
    import datetime as dt

    from django.utils import timezone

    from tests.learners.conftest import make_learner
    from yingdu.accounts.roles import TEACHER
    from yingdu.aids.service import current_lexicon
    from yingdu.classes import service
    from yingdu.classes.models import AssignmentProgress, Membership
    from yingdu.core.models import Status
    from yingdu.learners.models import KnownWord
    from yingdu.news.models import NewsArticle, Section
    from yingdu.notebook.models import Card

    lexicon = current_lexicon()
    if lexicon is None:
        sys.exit("no lexicon: pass --lexicon or set YINGDU_LEXICON_PATH")
    lemmas = lexicon.lemmas_up_to("kaoyan")
    teacher = make_learner("bench_teacher", TEACHER, "王老师")
    school_class = service.create_class(teacher, "高一（1）班", "s1")
    students = [make_learner(f"bench_s{n:02}", display_name=f"{n}号") for n in range(STUDENTS)]
    Membership.objects.bulk_create([Membership(school_class=school_class, student=s)
                                    for s in students])  # fmt: skip
    now = timezone.now()
    for n, student in enumerate(students):
        known = lemmas[n * 7 : n * 7 + KNOWN]
        KnownWord.objects.bulk_create([KnownWord(user=student, lemma=w) for w in known])
        cards = lemmas[-(n * 5 + CARDS) : len(lemmas) - n * 5]
        Card.objects.bulk_create([Card(user=student, lemma=w, band="cet4") for w in cards])
    articles = [
        NewsArticle.objects.create(
            section=Section.INTERNATIONAL,
            title=f"Village rebuilds after the flood {n}",
            body=article_text(),
            status=Status.PUBLISHED,
            published_at=now,
        )  # fmt: skip
        for n in range(20)
    ]
    assignments = []
    for n in range(ASSIGNMENTS):
        article = articles[n % len(articles)]
        types = ["vocab"] if n % 5 == 0 else ()
        due = now + dt.timedelta(days=n - ASSIGNMENTS // 2)
        assignments.append(service.assign(school_class, article.get_absolute_url(), "senior",
                                          due, worksheet_types=types))  # fmt: skip
    rows = []
    for a_index, assignment in enumerate(assignments):
        questions = service.questions(assignment.worksheet) if assignment.worksheet else []
        for s_index, student in enumerate(students):
            done = (a_index + s_index) % 4 != 0
            answers = [q[2] if (s_index + i) % 3 else "x" for i, q in enumerate(questions)]
            scores, score, _marks = (service.grade(assignment.worksheet, answers)
                                     if questions else (None, None, None))  # fmt: skip
            rows.append(AssignmentProgress(
                assignment=assignment, student=student, opened_at=now, seconds=300,
                lookups=lemmas[s_index * 3 : s_index * 3 + LOOKUPS],
                done_at=now if done else None, answers=answers if questions else None,
                scores=scores, score=score,
            ))  # fmt: skip
    AssignmentProgress.objects.bulk_create(rows, batch_size=1000)
    return teacher, school_class, students, assignments, articles


def timed(client, url: str, runs: int) -> list[float]:
    client.get(url)  # warm: templates, lexicon
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - began) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return sorted(times)


def report(name: str, times: list[float], target: float) -> None:
    p50, p99 = statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]
    verdict = "ok" if p99 < target else "ABOVE TARGET"
    print(f"{name:32} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   "
          f"(target p99 < {target:.0f} ms: {verdict})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--lexicon", help="lexicon file (default: YINGDU_LEXICON_PATH)")
    args = parser.parse_args()
    setup(args)
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from yingdu.core import listing

    began = time.perf_counter()
    teacher, school_class, students, assignments, articles = fill()
    print(f"{connection.vendor}: {STUDENTS} students, {ASSIGNMENTS} assignments, filled in "
          f"{time.perf_counter() - began:.0f} s")  # fmt: skip
    client = Client()
    client.force_login(teacher)
    sheet = next(a for a in assignments if a.worksheet)
    url = articles[0].get_absolute_url()
    base = f"/classes/{school_class.pk}"
    pages = {
        "class page (dashboard)": f"{base}/",
        "assignment report (worksheet)": f"{base}/assignments/{sheet.pk}/",
        "pre-teach list (page)": f"{base}/words/?url={url}",
        "pre-teach list (API)": f"/api{base}/words?url={url}",
    }
    for name, path in pages.items():
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        print(f"{name:32} {len(queries)} queries")
    if connection.vendor == "postgresql":  # A/B: the plans right after the bulk load, then
        for name, path in pages.items():  # with statistics and the visibility map
            report(name + " [unanalysed]", timed(client, path, args.runs // 2), 100)
        with connection.cursor() as cursor:  # what autovacuum does within a minute or two of
            cursor.execute("VACUUM ANALYZE")  # the load: here before the timing, not during it
    gc.collect()
    gc.freeze()  # as yingdu/wsgi.py after its warm-up: full collections skip the site
    for name, path in pages.items():
        report(name, timed(client, path, args.runs), 100)

    student = Client()
    student.force_login(students[0])
    with_hook = timed(student, url, args.runs)
    hooks = list(listing.DETAIL_HOOKS)
    listing.DETAIL_HOOKS.clear()
    without = timed(student, url, args.runs)
    anonymous = Client()
    cache.clear()
    with CaptureQueriesContext(connection) as plain:
        anonymous.get(url)
    listing.DETAIL_HOOKS.extend(hooks)
    cache.clear()
    with CaptureQueriesContext(connection) as hooked:
        anonymous.get(url)
    added = statistics.median(with_hook) - statistics.median(without)
    print(
        f"item page, student of the class: p50 {statistics.median(with_hook):.2f} ms with "
        f"the reading recorded, {statistics.median(without):.2f} ms without: adds "
        f"{added:.2f} ms (target < 10 ms: {'ok' if added < 10 else 'ABOVE TARGET'})"
    )
    print(
        f"item page, anonymous reader: {len(hooked)} queries with classes, {len(plain)} "
        f"without (target: the same: {'ok' if len(hooked) == len(plain) else 'NOT THE SAME'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
