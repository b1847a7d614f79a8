"""Recommendations and coverage benchmark: GET /api/me/recommendations over 100,000 items
for a learner with 5,000 known lemmas (target p99 < 200 ms), and what the coverage note
adds to an item page (target < 5 ms) and to a list page of 20 rows. Also prints
the queries each makes and the load averages (on a shared machine, prefer the CPU
figures and the query counts to the wall-clock ones). Run by hand, on SQLite or PostgreSQL:

    .venv/bin/python bench/bench_recommendations.py [--items 100000] [--repeat 200]
    DATABASE_URL=postgres://…/yingdu_bench .venv/bin/python bench/bench_recommendations.py

SQLite: a new data folder each run. PostgreSQL: the database in DATABASE_URL is filled
once (its profile rows are reused when there are enough). The lexicon is
YINGDU_LEXICON_PATH (it must exist). Requests go through Django's test client in this
process (middleware, authentication, the API), not over HTTP.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIST_ROWS = 20  # rows of a list page
sys.path.insert(0, str(ROOT))


def setup(data: str) -> None:
    os.environ.setdefault("YINGDU_DATA_DIR", data)
    os.environ.setdefault("SECRET_KEY", "bench-only-" + "k" * 50)
    os.environ.update(DJANGO_SETTINGS_MODULE="yingdu.settings", SECURE_SSL_REDIRECT="0",
                      SECURE_COOKIES="0", YINGDU_API_USER_PER_MINUTE="100000000")  # fmt: skip
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(items: int, lexicon) -> None:
    from django.utils import timezone

    from yingdu.lexicon import BANDS
    from yingdu.placement.coverage import by_level
    from yingdu.placement.models import BAND_FIELDS, LEVEL_FIELDS, ItemProfile

    have = ItemProfile.objects.count()
    rng = random.Random(1)
    now = timezone.now()
    batch = []
    for n in range(have, items):
        words = rng.randint(150, 3000)
        hard = rng.uniform(0.0, 0.25)  # share above 高考
        easy = [0.6, 0.2, 0.2]
        counts = [int(words * (1 - hard) * share) for share in easy]
        rest = [int(words * hard * share) for share in (0.4, 0.25, 0.2, 0.15)]
        counts = counts + rest
        assert len(counts) == len(BANDS)
        columns = {**dict(zip(BAND_FIELDS, counts, strict=True)),
                   **dict(zip(LEVEL_FIELDS, by_level(counts), strict=True))}  # fmt: skip
        batch.append(ItemProfile(kind=rng.choice(("news", "bilingual", "daily", "compositions")),
                                 object_id=n + 1, title=f"Item {n}", url=f"/news/x/{n}/",
                                 published=True, published_at=now, words=sum(counts),
                                 **columns))  # fmt: skip
        if len(batch) == 5000:
            ItemProfile.objects.bulk_create(batch)
            batch = []
    ItemProfile.objects.bulk_create(batch)


def learner(lexicon, known: int):
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from yingdu.learners.models import KnownWord
    from yingdu.placement.models import PlacementTest

    user, created = get_user_model().objects.get_or_create(username="bench-reader")
    if created:
        lemmas = lexicon.lemmas_up_to("kaoyan")
        random.Random(2).shuffle(lemmas)
        KnownWord.objects.bulk_create([KnownWord(user=user, lemma=w) for w in lemmas[:known]])
        PlacementTest.objects.create(user=user, state={}, finished_at=timezone.now(),
                                     result={"band": "senior", "mastered": "senior",
                                             "vocabulary_size": 5000, "by_band": {}})  # fmt: skip
    return user


def timed(call, repeat: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU milliseconds of each call, sorted. On a shared,
    loaded machine the CPU time is the fairer figure (SQLite runs in this process; a
    PostgreSQL server's work shows only in the wall-clock time)."""
    wall, cpu = [], []
    for _ in range(repeat):
        began, began_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(1000 * (time.perf_counter() - began))
        cpu.append(1000 * (time.process_time() - began_cpu))
    return sorted(wall), sorted(cpu)


def line(name: str, times: tuple[list[float], list[float]], target: float) -> str:
    def p(values, q):
        return values[min(len(values) - 1, int(len(values) * q))]

    wall, cpu = times
    verdict = "ok" if p(wall, 0.99) < target else "ABOVE TARGET"
    return (f"{name:<32} wall p50 {statistics.median(wall):7.2f} p99 {p(wall, 0.99):7.2f} ms;"
            f" cpu p50 {statistics.median(cpu):7.2f} p99 {p(cpu, 0.99):7.2f} ms"
            f" (target p99 {target} ms: {verdict})")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--known", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    setup(tempfile.mkdtemp(prefix="yingdu-bench-recommend-"))
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from yingdu.aids.service import current_lexicon
    from yingdu.placement import coverage, profiles, readers
    from yingdu.placement.models import ItemProfile

    lexicon = current_lexicon()
    if lexicon is None:
        sys.exit(f"no lexicon at {settings.LEXICON_PATH}: set YINGDU_LEXICON_PATH")
    started = time.monotonic()
    populate(args.items, lexicon)
    user = learner(lexicon, args.known)
    print(f"{args.items} items, {args.known} known lemmas ({connection.vendor}); "
          f"data ready in {time.monotonic() - started:.0f}s")  # fmt: skip
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)

    def api():
        response = client.get("/api/me/recommendations?limit=10")
        assert response.status_code == 200, response.content

    api()
    print(line("GET /api/me/recommendations", timed(api, args.repeat), 200))
    words = lexicon.lemmas_up_to("kaoyan")[:40000:37]
    rng = random.Random(3)
    profile = {"words": 1000, "bands": [], "lemmas": {}}
    for word in rng.sample(words, 400):
        profile["lemmas"][word] = [rng.randint(1, 6), rng.randrange(6)]

    class Request:  # what the coverage note reads from a request
        pass

    def note():
        request = Request()
        request.user = user
        coverage.exact(profile, readers.for_request(request))

    print(line("coverage note on an item page", timed(note, args.repeat), 5))
    print(
        f"queries per coverage note: {queries_of(note)} ({settings.CACHES['default']['BACKEND']})"
    )
    page_rows = [f"/news/x/{n}/" for n in range(LIST_ROWS)]
    ItemProfile.objects.filter(url__in=page_rows).update(lemmas=coverage.by_band(profile["lemmas"]))

    def rows():
        request = Request()
        request.user = user
        reader = readers.for_request(request)
        for row in profiles.rows_at(page_rows, with_lemmas=True).values():
            coverage.known_share(row.lemmas, row.words, reader)

    print(line(f"coverage notes of {LIST_ROWS} list rows", timed(rows, args.repeat), 5))
    print(f"queries for {LIST_ROWS} list rows: {queries_of(rows)}")
    print("load averages (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


def queries_of(call) -> int:
    """Database queries one call makes (the figure that does not depend on the load)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


if __name__ == "__main__":
    sys.exit(main())
