"""Import benchmark: pages per second for a bulk import of N generated portal pages (default
1,000), beside trafilatura's extraction alone on the same pages in the same run, and peak
memory.

The pages (tests/importparse/pagegen.py) are different English news articles inside heavy
portal boilerplate. Three timings on the same files:

* trafilatura alone: read each file, decode it, `trafilatura.bare_extraction` with the
  importer's own options (metadata, tables, links, …);
* parse only: the whole importer without the database (`yingdu import --dry-run` work);
* full import: parse, deduplicate against everything saved so far and save each item with
  its fingerprint in its own transaction, into a fresh SQLite database (reading aids are
  computed with the lexicon when one is built at YINGDU_LEXICON_PATH, else skipped); once in
  one process, and once (on N other generated pages) as `yingdu import` runs it on many
  sources: pages loaded and parsed by one worker process per core while the main process
  deduplicates and saves.

Target: full import ≥ 0.5 × trafilatura-alone throughput. Peak memory is the process's
maximum resident set size after each phase.
Run by hand:

    .venv/bin/python bench/bench_import.py [--count 1000] [--jobs N]
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def trafilatura_alone(paths):
    """The same call with the same options as the importer makes, and nothing else."""
    import trafilatura

    from yingdu.importparse.decode import decode_bytes
    from yingdu.importparse.extract import TRAFILATURA_OPTIONS

    for path in paths:
        html = decode_bytes(path.read_bytes())
        doc = trafilatura.bare_extraction(html, **TRAFILATURA_OPTIONS)
        assert doc is not None and doc.text


def parse_only(paths):
    from yingdu.importparse.pipeline import parse_document
    from yingdu.importparse.sources import Task, load

    for path in paths:
        parse_document(load(Task(str(path), "file", location=str(path))), "auto")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=0, help="parser processes (default: cores)")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="yingdu-bench-import-")
    os.environ.update(
        YINGDU_DATA_DIR=data, DJANGO_SETTINGS_MODULE="yingdu.settings",
        SECRET_KEY="bench-" + "k" * 50, LOG_LEVEL="ERROR",
    )  # fmt: skip
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)

    from tests.importparse.pagegen import write_pages
    from yingdu.importparse.sources import plan
    from yingdu.imports.service import Importer, batched_page_cache, summarize

    paths = write_pages(Path(data) / "pages", args.count)
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1024
    print(f"{len(paths)} generated pages, {size:.1f} KB each on average")
    trafilatura_alone(paths[:20])  # warm-up (imports, caches) outside the timings
    parse_only(paths[:20])

    results = {}
    start = time.perf_counter()
    trafilatura_alone(paths)
    results["trafilatura alone"] = time.perf_counter() - start
    rss_after_baseline = rss_mb()

    start = time.perf_counter()
    parse_only(paths)
    results["parse only (dry run)"] = time.perf_counter() - start

    jobs = args.jobs or os.cpu_count() or 1
    outcomes = []
    for label, workers, folder in (("full import, 1 process", 1, "pages"),
                                   (f"full import, {jobs} parsers", jobs, "again")):  # fmt: skip
        if folder == "again":  # the same pages in a fresh folder: a second, new set of items
            paths_again = write_pages(Path(data) / "again", args.count, seed=7)
            assert len(paths_again) == len(paths)
        start = time.perf_counter()
        importer = Importer()  # loads the duplicate index of the site
        with batched_page_cache() as one_saved:  # as `yingdu import` does
            tasks = plan([str(Path(data) / folder)])
            for outcome in importer.run(tasks, jobs=workers):
                outcomes.append(outcome)
                one_saved()
        results[label] = time.perf_counter() - start
    counts = summarize(outcomes)
    assert counts["created"] == 2 * len(paths), counts

    baseline = len(paths) / results["trafilatura alone"]
    print(f"\n{'phase':<24}{'pages/s':>10}{'× trafilatura':>16}")
    for name, seconds in results.items():
        rate = len(paths) / seconds
        print(f"{name:<24}{rate:>10.1f}{rate / baseline:>16.2f}")
    print(
        f"\ncreated {counts['created']}, duplicate {counts['duplicate']}, error {counts['error']}"
    )
    print(f"peak RSS after trafilatura alone: {rss_after_baseline:.0f} MB")
    print(f"peak RSS after the import: {rss_mb():.0f} MB")
    ratio = (len(paths) / min(v for k, v in results.items() if k.startswith("full"))) / baseline
    print(f"target ≥ 0.5 × trafilatura alone: {'met' if ratio >= 0.5 else 'NOT met'} ({ratio:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
