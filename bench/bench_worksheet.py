"""Benchmark: a worksheet of a 1,500-word article — generation, PDF, DOCX and HTML times and
peak memory (targets from issue 14: generation < 0.5 s, PDF < 2 s, DOCX < 1 s on 2 cores).

Run by hand (no asserts)::

    YINGDU_CORPUS_DIR=/path/to/corpus python bench/bench_worksheet.py [--words 1500] \
        [--lexicon PATH] [--level senior] [--repeat 5]

The article is ``--words`` words of the first ``*.txt`` in YINGDU_CORPUS_DIR (Project
Gutenberg header cut, as in bench_annotate.py), the 七选五 pool the next 3,000 words; without a
corpus, the test texts of tests/worksheets repeated.  Each step runs ``--repeat`` times and the
best time counts (the machine is shared); the first generation (lexicon load, distractor pool
read) is reported apart.  Peak memory: the process's maximum resident set size, and the peak
of Python allocations during one full run (tracemalloc).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_annotate import load_corpus  # noqa: E402
from yingdu import config  # noqa: E402
from yingdu.lexicon import load_lexicon  # noqa: E402
from yingdu.worksheets.generate import generate  # noqa: E402
from yingdu.worksheets.render import render  # noqa: E402
from yingdu.worksheets.render_pdf import font_path  # noqa: E402


def texts(words: int) -> tuple[str, str]:
    corpus = config.load().corpus_dir
    if corpus and corpus.is_dir() and any(corpus.glob("*.txt")):
        whole = load_corpus(str(corpus), words * 3)
        cut = len(load_corpus(str(corpus), words))
        return whole[:cut], whole[cut:]
    folder = ROOT / "tests" / "worksheets"
    sample = "\n\n".join((folder / n).read_text() for n in ("bikes.txt", "river.txt"))
    article = " ".join([sample] * (words // len(sample.split()) + 1))
    return article, (folder / "pool.txt").read_text()


def best(step, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1500)
    parser.add_argument("--lexicon", default=None)
    parser.add_argument("--level", default="senior")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    article, pool = texts(args.words)
    start = time.perf_counter()
    lexicon = load_lexicon(args.lexicon)
    load = time.perf_counter() - start

    def make(seed=0):
        return generate(article, args.level, seed=seed, title="Bench", pool=[pool], lexicon=lexicon)

    start = time.perf_counter()
    worksheet = make()
    first = time.perf_counter() - start
    print(f"article: {len(article.split()):,} words; level {args.level}; lexicon load {load:.2f} s")
    print(f"generation, first (reads the distractor pool): {first:.3f} s")
    seeds = iter(range(1, 1000))
    generation, worksheet = best(lambda: make(next(seeds)), args.repeat)
    print(f"generation (all four types):  {generation:.3f} s   target < 0.5 s")
    counts = {s["type"]: len(s["items"]) for s in worksheet["sections"]}
    print(f"items: {counts}")
    if font_path():
        pdf, data = best(lambda: render(worksheet, "pdf"), args.repeat)
        print(f"PDF:  {pdf:.3f} s ({len(data) / 1024:.0f} KB, font {font_path()})   target < 2 s")
    else:
        print("PDF:  n/a (no Chinese TrueType font installed)")
    docx, data = best(lambda: render(worksheet, "docx"), args.repeat)
    print(f"DOCX: {docx:.3f} s ({len(data) / 1024:.0f} KB)   target < 1 s")
    html, data = best(lambda: render(worksheet, "html"), args.repeat)
    print(f"HTML: {html:.3f} s ({len(data) / 1024:.0f} KB)")
    tracemalloc.start()
    full = make(2000)
    for fmt in ("docx", "html") + (("pdf",) if font_path() else ()):
        render(full, fmt)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak Python allocations of one generation + all renderings: {peak / 2**20:.1f} MB")
    print(f"max resident set size of the process (lexicon included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
