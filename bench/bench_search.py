"""Search benchmark: index build time, index size and query latency, per backend, one run.

Generates N synthetic documents mixing Chinese and English (vocabulary: wordfreq's most
frequent words, drawn with a Zipf-like skew), indexes them with the site's own analysis,
then times one- and two-term queries with and without a facet filter through the same
`run_search` the results page uses (counts per kind, ranking, snippets):

    .venv/bin/python bench/bench_search.py --docs 100000
    .venv/bin/python bench/bench_search.py --docs 100000 --database-url postgres://…/bench

SQLite always runs (a temporary file); PostgreSQL runs when --database-url is given (the
database is emptied first). 1M documents: --docs 1000000 (see README for figures).
"""

import argparse
import functools
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# the registry's search kinds (yingdu.core.kinds), for synthetic entries
DOC_KINDS = ["news", "zh_news", "daily", "bilingual", "compositions", "resources"]
GRADES = ["p3", "p5", "j1", "j2", "s1", "s3"]


@functools.cache
def vocabulary(size: int = 6000):
    import wordfreq

    zh = [w for w in wordfreq.top_n_list("zh", size * 2) if len(w) >= 2][:size]
    en = [w for w in wordfreq.top_n_list("en", size * 2) if w.isalpha() and len(w) > 2][:size]
    return zh, en


def make_docs(n: int, seed: int = 7):
    zh, en = vocabulary()
    rng = random.Random(seed)
    cumulative = list(itertools.accumulate(1 / (rank + 10) for rank in range(len(zh))))
    for i in range(n):
        words = rng.choices(zh, cum_weights=cumulative, k=rng.randint(20, 60))
        words += rng.choices(en, cum_weights=cumulative[: len(en)], k=rng.randint(10, 40))
        rng.shuffle(words)
        text = " ".join(words)
        kind = DOC_KINDS[i % len(DOC_KINDS)]
        yield i, " ".join(words[:6]), text, kind, GRADES[(i // 6) % len(GRADES)]


def setup_django(database_url: str, fresh: bool = True):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="yingdu.settings", DATABASE_URL=database_url,
        SECRET_KEY="bench-" + "k" * 50, YINGDU_DATA_DIR=tempfile.mkdtemp(prefix="yingdu-bench-"),
    )  # fmt: skip
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if fresh:
        call_command("flush", interactive=False, verbosity=0)


def build_index(n: int, batch: int = 5000) -> float:
    """Insert the entries in batches, analysed exactly as the site does (raw INSERTs: the
    ORM's per-object overhead is not what this measures)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from yingdu.search.analysis import facet_tokens, index_terms

    now = timezone.now()
    columns = ("kind", "object_id", "title", "url", "published_at", "text", "terms",
               "resource_type", "grade", "volume", "edition")  # fmt: skip
    sql = (
        f"INSERT INTO search_searchentry ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    started = time.perf_counter()
    rows = []
    for i, title, text, kind, grade in make_docs(n):
        grade = grade if kind == "resources" else ""
        terms = index_terms(f"{title} {text}") + " " + facet_tokens({"kind": kind, "grade": grade})
        rows.append((kind, i, title, f"/x/{i}/", now, text, terms, "", grade, "", ""))
        if len(rows) == batch or i == n - 1:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            rows = []
            print(f"\r  indexed {i + 1:,}/{n:,}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    return time.perf_counter() - started


def index_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_total_relation_size('search_searchentry')")
        else:
            cursor.execute(
                "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
            )
        return cursor.fetchone()[0]


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def time_queries(queries, filters, repeat=1):
    from yingdu.search.service import run_search

    timings, totals = [], []
    for query in queries * repeat:
        started = time.perf_counter()
        found = run_search(query, filters)
        timings.append((time.perf_counter() - started) * 1000)
        totals.append(found.total)
    return percentile(timings, 50), percentile(timings, 99), statistics.mean(totals)


def query_sets(rng, count=200):
    zh, en = vocabulary()
    pool = zh[:3000] + en[:3000]
    one = [rng.choice(pool) for _ in range(count)]
    two = [f"{rng.choice(zh[:3000])} {rng.choice(en[:3000])}" for _ in range(count)]
    return {"1 term": one, "2 terms": two}


def run_backend(name: str, database_url: str, n: int, reuse: bool = False) -> list[tuple]:
    setup_django(database_url, fresh=not reuse)
    if reuse:
        from yingdu.search.models import SearchEntry

        n = SearchEntry.objects.count()
        rows = [(name, "reused", f"{n:,} docs", f"size {index_size() / 2**20:,.1f} MiB")]
    else:
        seconds = build_index(n)
        rows = [(name, "build", f"{n:,} docs in {seconds:.1f} s ({n / seconds:,.0f}/s)",
                 f"size {index_size() / 2**20:,.1f} MiB")]  # fmt: skip
    rng = random.Random(11)
    for label, queries in query_sets(rng).items():
        time_queries(queries[:20], {})  # warm caches
        for facet, filters in [
            ("no filter", {}),
            ("kind=resources grade=j1", {"kind": "resources", "grade": "j1"}),
        ]:
            p50, p99, hits = time_queries(queries, filters)
            rows.append((name, f"{label}, {facet}", f"p50 {p50:.1f} ms", f"p99 {p99:.1f} ms",
                         f"avg hits {hits:,.0f}"))  # fmt: skip
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--database-url", help="also run on this PostgreSQL database")
    parser.add_argument(
        "--reuse-sqlite", metavar="PATH", help="time queries on an index built by an earlier run"
    )
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.reuse_sqlite:
        for row in run_backend("sqlite", f"sqlite:///{args.reuse_sqlite}", 0, reuse=True):
            print(" | ".join(row))
        return
    if args.backend:  # one backend per process: Django is configured once per process
        url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
        for row in run_backend(args.backend, url, args.docs):
            print(" | ".join(row))
        return
    import subprocess

    backends = ["sqlite"] + (["postgresql"] if args.database_url else [])
    for backend in backends:
        cmd = [sys.executable, __file__, "--docs", str(args.docs), "--backend", backend]
        if backend == "postgresql":
            cmd += ["--database-url", args.database_url]
        subprocess.run(cmd, check=True)
    print("Target (2 cores, 1M docs): p99 under 30 ms on SQLite FTS5.")


if __name__ == "__main__":
    main()
