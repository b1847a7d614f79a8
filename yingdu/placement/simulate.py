"""Simulated readers for the placement test (plain Python): a reader whose true level is a
band knows about 90% of the words up to it, about a third of the next band and few beyond,
and says "认识" to a share of pseudo-words (and of the real words they do not know).
bench/bench_placement.py and tests/placement/test_simulation.py take the test with them
through the same calls the API makes."""

from __future__ import annotations

import random
from dataclasses import dataclass

from yingdu.lexicon import BANDS, LEVELS

from . import engine


@dataclass(frozen=True)
class Reader:
    level: str  # the true level, one of LEVELS
    shares: dict  # band -> share of its words known
    over_claiming: float  # chance of "yes" to a word not known
    seed: int

    def knows(self, word: str, band: str | None) -> bool:
        if band is None:
            return False
        rng = random.Random(f"{self.seed}:{word}")  # the same word, the same answer
        return rng.random() < self.shares[band]

    def answer(self, item: dict, rng: random.Random):
        known = self.knows(item["word"], item["band"])
        if item["kind"] == engine.YESNO:
            return known or rng.random() < self.over_claiming
        if known:
            return item["correct"]
        return rng.randrange(len(item["options"]))


def make_reader(level: str, rng: random.Random) -> Reader:
    top = BANDS.index(level)
    shares = {}
    for rank, band in enumerate(BANDS):
        if rank <= top:
            shares[band] = rng.uniform(0.85, 0.95)
        elif rank == top + 1:
            shares[band] = rng.uniform(0.25, 0.4)
        else:
            shares[band] = rng.uniform(0.0, 0.1)
    return Reader(level, shares, rng.uniform(0.0, 0.25), rng.randrange(2**31))


def confusion(placements) -> dict[str, dict[str, int]]:
    """True level -> placed level -> count, from (true, placed) pairs."""
    table = {level: dict.fromkeys(LEVELS, 0) for level in LEVELS}
    for true, placed in placements:
        table[true][placed] += 1
    return table


def scores(placements) -> tuple[float, float]:
    """(share placed exactly, share placed within one band)."""
    pairs = list(placements)
    exact = sum(t == p for t, p in pairs)
    near = sum(abs(LEVELS.index(t) - LEVELS.index(p)) <= 1 for t, p in pairs)
    return exact / len(pairs), near / len(pairs)


def format_table(table) -> str:
    head = "true \\ placed " + " ".join(f"{level:>7}" for level in LEVELS)
    rows = [
        f"{true:>13} " + " ".join(f"{row[level]:>7}" for level in LEVELS)
        for true, row in table.items()
    ]
    return "\n".join([head, *rows])


def take(reader: Reader, start, submit) -> str:
    """Let `reader` take a test: `start()` returns (handle, first item), `submit(handle,
    answer)` (next item or None, result). Returns the placed reading level."""
    rng = random.Random(reader.seed)
    handle, item = start()
    while True:
        item, outcome = submit(handle, reader.answer(item, rng))
        if item is None:
            return outcome["band"]


def run(per_level: int, seed: int, start, submit) -> list[tuple[str, str]]:
    """(true level, placed level) for `per_level` simulated readers of every level."""
    rng = random.Random(seed)
    pairs = []
    for level in LEVELS:
        for _ in range(per_level):
            reader = make_reader(level, rng)
            pairs.append((level, take(reader, start, submit)))
    return pairs
