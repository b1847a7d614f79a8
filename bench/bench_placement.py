"""Benchmark: how well the placement test places simulated readers, and how many items it
takes. Run by hand (no asserts)::

    python bench/bench_placement.py [--per-level 100] [--seed 1] [--lexicon PATH]

Each simulated reader (yingdu/placement/simulate.py) knows about 90% of the words up to
their true band, a third of the next band and few beyond, and says "认识" to 0–25% of
pseudo-words. They answer through engine.new_state / engine.answer / engine.result, the
calls service.start and service.submit make for the API (the seeded test
tests/placement/test_simulation.py goes through the service and the database). Prints the
confusion table, the share placed exactly and within one band (targets 85% and 98%), the
items per test and the time per answer.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from yingdu.lexicon import load_lexicon  # noqa: E402
from yingdu.placement import engine, simulate  # noqa: E402
from yingdu.placement.pool import band_pool, band_sizes  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-level", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lexicon", help="lexicon file (default: the site's)")
    args = parser.parse_args()
    lexicon = load_lexicon(args.lexicon)
    band_pool(lexicon)
    sizes = band_sizes(lexicon)
    seeds = random.Random(args.seed)
    lengths, seconds = [], []

    def start():
        state = engine.new_state(seeds.randrange(2**31), lexicon)
        return state, state["items"][0]

    def submit(state, answer):
        began = time.perf_counter()
        engine.answer(state, answer, lexicon)
        seconds.append(time.perf_counter() - began)
        if engine.is_done(state):
            lengths.append(len(state["answers"]))
            return None, engine.result(state, sizes)
        return state["items"][len(state["answers"])], None

    pairs = simulate.run(args.per_level, args.seed, start, submit)
    exact, near = simulate.scores(pairs)
    print(simulate.format_table(simulate.confusion(pairs)))
    print(f"readers: {len(pairs)}; placed exactly {exact:.1%} (target 85%), "
          f"within one band {near:.1%} (target 98%)")  # fmt: skip
    print(f"items per test: mean {statistics.mean(lengths):.1f}, max {max(lengths)} "
          f"(limit {engine.MAX_ITEMS})")  # fmt: skip
    cut = sorted(seconds)
    print(f"time per answer: median {1000 * statistics.median(cut):.2f} ms, "
          f"p99 {1000 * cut[int(len(cut) * 0.99)]:.2f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
