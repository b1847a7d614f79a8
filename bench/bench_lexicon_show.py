"""Benchmark: batch look-up, ``yingdu lexicon show - --json`` with 10,000 words on stdin.

Run by hand (no asserts)::

    python bench/bench_lexicon_show.py [--lexicon PATH] [--words 10000]

The words are wordfreq's commonest English words (real text vocabulary: forms, names,
function words) with every twentieth replaced by a non-word, so unknown words are timed
too.  The command runs as a child process, as an operator would run it: the time includes
Python's start-up and loading the lexicon.  Wall time and CPU time (user + system) are
printed, best of three.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def sample_words(count: int) -> list[str]:
    import wordfreq

    words = [w for w in wordfreq.top_n_list("en", count * 2) if w.isalpha()][:count]
    return [f"zzq{i}xw" if i % 20 == 19 else w for i, w in enumerate(words)]


def run_once(words: list[str], lexicon: Path) -> tuple[float, float, list[dict]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [sys.executable, "-m", "yingdu.lexicon.cli", "lexicon", "show", "-", "--json"]
    argv += ["--lexicon", str(lexicon)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(
        argv, input="\n".join(words).encode(), capture_output=True, env=env, check=True
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, [json.loads(line) for line in proc.stdout.splitlines()]


def main() -> None:
    from yingdu.lexicon.paths import default_lexicon_path

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lexicon", type=Path, default=None)
    parser.add_argument("--words", type=int, default=10_000)
    args = parser.parse_args()
    lexicon = args.lexicon or default_lexicon_path()
    words = sample_words(args.words)
    runs = [run_once(words, lexicon) for _ in range(3)]
    wall, cpu, records = min(runs, key=lambda run: run[0])
    unknown = sum("error" in r for r in records)
    print(f"lexicon show - --json: {len(records):,} words ({unknown:,} unknown)")
    print(f"  wall {wall:.2f} s, CPU {cpu:.2f} s (best of 3, start-up and lexicon load included)")
    print(f"  {len(records) / wall:,.0f} words/s")


if __name__ == "__main__":
    main()
