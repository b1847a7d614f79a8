"""Resource-library benchmark: listing and facet-count latency with many resources.

Generates N resources (default 100,000; `--count` for fewer) with bulk_create into a fresh
SQLite database in a temporary folder — and, with `--database-url postgres://…`, into a
fresh database created on that PostgreSQL server and dropped afterwards — then measures
p50/p99 of:

* baselines: a plain `SELECT id, title FROM resources_resource LIMIT 20` on the same table,
  and the same 20 rows through the ORM with their edition (model instances, no filter);
* the listing (the ids of one page of 20 from the index, then those 20 rows) for several
  filter combinations and both sorts;
* the facet counts: the grouped query behind them (what a content change costs once) and
  the per-request work when it is cached (pure Python over the combinations);
* the whole list view rendered for a signed-in user (no page cache), queries included.

Ratios are against the baseline measured in the same run. Run by hand:

    .venv/bin/python bench/bench_resources.py [--count 100000] [--runs 200]
        [--database-url postgres://postgres@127.0.0.1:55433/postgres]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

COMBINATIONS = [
    ("no filter", {}),
    ("type", {"type": "courseware"}),
    ("type+grade", {"type": "courseware", "grade": "p5"}),
    ("type+grade+volume", {"type": "courseware", "grade": "p5", "volume": "first"}),
    ("all four", {"type": "courseware", "grade": "p5", "volume": "first", "edition": "renjiao"}),
    ("grade (rare: college)", {"grade": "college"}),
]

TYPES = ["lesson_plan", "courseware", "test_paper", "study_guide", "material"]
TYPE_WEIGHTS = [30, 30, 25, 10, 5]
GRADES = ["p1", "p2", "p3", "p4", "p5", "p6", "j1", "j2", "j3", "s1", "s2", "s3", "college"]
GRADE_WEIGHTS = [6, 7, 9, 10, 11, 11, 10, 10, 10, 6, 5, 4, 1]
VOLUMES = ["first", "second", "full"]
VOLUME_WEIGHTS = [47, 47, 6]


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(fn, runs: int) -> dict:
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return {"p50": statistics.median(samples), "p99": percentile(samples, 99)}


def generate(count: int) -> None:
    from django.utils import timezone

    from yingdu.resources.models import Edition, Resource

    rng = random.Random(4)
    editions = list(Edition.objects.all())
    edition_weights = [40, 25, 15, 10, 7, 3][: len(editions)]
    now = timezone.now()
    batch = []
    for i in range(count):
        status = rng.choices(["published", "pending", "rejected"], [90, 6, 4])[0]
        batch.append(Resource(
            title=f"Generated resource {i}", slug=f"bench-{i}", status=status,
            type=rng.choices(TYPES, TYPE_WEIGHTS)[0],
            grade=rng.choices(GRADES, GRADE_WEIGHTS)[0],
            volume=rng.choices(VOLUMES, VOLUME_WEIGHTS)[0],
            edition=rng.choices(editions, edition_weights)[0],
            published_at=now - timezone.timedelta(minutes=rng.randrange(3 * 365 * 24 * 60)),
            download_count=int(rng.paretovariate(1.2)) - 1,
            size=rng.randrange(20_000, 30_000_000),
        ))  # fmt: skip
        if len(batch) == 5000:
            Resource.objects.bulk_create(batch)
            batch = []
    Resource.objects.bulk_create(batch)


def measure(runs: int) -> dict:
    from django.contrib.auth.models import User
    from django.core.cache import cache
    from django.db import connection
    from django.test import RequestFactory

    from yingdu.accounts.roles import EDITOR, grant
    from yingdu.resources import facets, views
    from yingdu.resources.models import Resource

    results = {}

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute("SELECT id, title FROM resources_resource LIMIT 20")
            cursor.fetchall()

    results["baseline: SELECT id, title … LIMIT 20"] = timed(baseline, runs)
    orm = Resource.objects.select_related("edition").order_by()
    results["baseline: ORM, 20 rows with edition"] = timed(lambda: list(orm[:20]), runs)
    edition_list = facets.editions()
    for label, params in COMBINATIONS:
        selection, _ = facets.read_selection(params, edition_list)
        for sort in facets.SORTS:
            query = facets.listing(selection, sort)
            results[f"listing, {label}, {sort}"] = timed(lambda q=query: facets.rows(q[:20]), runs)
    selection, _ = facets.read_selection({"type": "courseware"}, edition_list)
    deep = facets.listing(selection, "newest")
    results["listing, type, newest, page 200"] = timed(lambda: facets.rows(deep[3980:4000]), runs)

    def grouped_query():
        cache.clear()
        facets._memo.clear()
        return facets.combinations()

    results["facet counts: grouped query (uncached)"] = timed(grouped_query, max(runs // 4, 20))
    combos = facets.combinations()
    print(f"  ({len(combos)} facet combinations)", file=sys.stderr)
    for label, params in COMBINATIONS:
        selection, _ = facets.read_selection(params, edition_list)

        def cached_counts(selection=selection):
            counts, _ = facets.facet_counts(facets.combinations(), selection)
            return facets.facet_rows(selection, "newest", counts, edition_list)

        results[f"facet counts (cached), {label}"] = timed(cached_counts, runs)

    user = User.objects.create_user("bench-editor")
    grant(user, EDITOR)
    factory = RequestFactory()
    for label, params in COMBINATIONS[::2]:

        def whole_view(params=params):
            request = factory.get("/resources/", params)
            request.user = user
            request.COOKIES["sessionid"] = "x"  # a signed-in user: no page cache
            response = views.index(request)
            assert response.status_code == 200

        results[f"whole list view, {label}"] = timed(whole_view, max(runs // 4, 20))
    return results


def child(args) -> None:
    """Runs in a subprocess whose environment names the database."""
    import django
    from django.conf import settings
    from django.core.management import call_command

    plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    settings.STORAGES = {**settings.STORAGES, "staticfiles": plain}  # no collectstatic needed
    django.setup()
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    generate(args.count)
    print(f"  generated {args.count:,} in {time.perf_counter() - start:.1f} s", file=sys.stderr)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(json.dumps(measure(args.runs)))


def run_backend(name: str, database_url: str, args) -> dict:
    print(f"== {name}: {args.count:,} resources", file=sys.stderr)
    data = tempfile.mkdtemp(prefix="yingdu-bench-res-")
    env = {
        **os.environ, "YINGDU_DATA_DIR": data, "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "yingdu.settings", "SECRET_KEY": "bench-" + "k" * 50,
        "PYTHONPATH": str(ROOT), "LOG_LEVEL": "ERROR",
    }  # fmt: skip
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--count", str(args.count), "--runs",
         str(args.runs)], env=env, capture_output=True, text=True,
    )  # fmt: skip
    sys.stderr.write(out.stderr)
    if out.returncode:
        sys.exit(f"{name} run failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def temporary_postgres(url: str):
    """Create a fresh database on the server of `url`; return its URL and a dropper."""
    import psycopg
    from dj_database_url import parse

    config = parse(url)
    name = f"yingdu_bench_{os.getpid()}"
    admin = {
        "host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"],
        "password": config["PASSWORD"] or None, "dbname": config["NAME"] or "postgres",
    }  # fmt: skip
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')

    base = url.rsplit("/", 1)[0]
    return f"{base}/{name}", drop


def report(name: str, results: dict) -> None:
    sql = results["baseline: SELECT id, title … LIMIT 20"]["p50"]
    orm = results["baseline: ORM, 20 rows with edition"]["p50"]
    print(f"\n{name}")
    print(f"{'query':<46} {'p50 ms':>8} {'p99 ms':>8} {'÷ SQL':>7} {'÷ ORM':>7}")
    for label, r in results.items():
        print(f"{label:<46} {r['p50']:>8.3f} {r['p99']:>8.3f} {r['p50'] / sql:>7.1f} "
              f"{r['p50'] / orm:>7.1f}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--database-url", help="a PostgreSQL server to benchmark as well")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return 0
    data = tempfile.mkdtemp(prefix="yingdu-bench-sqlite-")
    report("SQLite", run_backend("SQLite", f"sqlite:///{data}/bench.sqlite3", args))
    if args.database_url:
        url, drop = temporary_postgres(args.database_url)
        try:
            report("PostgreSQL", run_backend("PostgreSQL", url, args))
        finally:
            drop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
