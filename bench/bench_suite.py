"""Benchmark: the test suite (or some folders of it) in one process and on pytest-xdist workers.

Run by hand (no asserts), with the environment of the pass to measure (DATABASE_URL,
REDIS_URL, YINGDU_LEXICON_DIR, …)::

    python bench/bench_suite.py [--workers 2] [--repeat 2] [--pytest-args=--skip-plain] \
        [tests/classes tests/notebook …]

Each round runs `pytest -n 0` and then `pytest -n WORKERS --dist loadfile` (as `make test`)
on the same paths, and prints both wall times, the CPU time of the pytest processes and
their children, the ratio and the load average before and after each run, so that a load
on a shared machine weighs on both and shows. The whole suite (no paths) takes minutes per
run on 2 cores: start with a few folders.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_pytest(paths: list[str], workers: str, extra: list[str]) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds of the run and its children, exit code) of one pytest run."""
    argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "-n", workers, "--dist", "loadfile", *extra, *paths]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode:  # say which tests failed
        print("\n".join(line for line in done.stdout.splitlines() if line.startswith("FAILED")))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.returncode


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="test folders or files (default: the suite)")
    parser.add_argument("--workers", default="2", help="xdist workers (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (default 1)")
    parser.add_argument("--pytest-args", default="", help="more pytest options, one string")
    options = parser.parse_args()
    extra = shlex.split(options.pytest_args)
    print(f"{os.cpu_count()} CPUs; paths: {' '.join(options.paths) or 'the whole suite'}")
    for round_number in range(1, options.repeat + 1):
        times = {}
        for workers in ("0", options.workers):
            load_before = load()
            wall, cpu, code = run_pytest(options.paths, workers, extra)
            times[workers] = wall
            print(f"round {round_number} -n {workers}: {wall:7.1f} s wall, {cpu:7.1f} s CPU, "
                  f"exit {code}, load {load_before} -> {load()}")  # fmt: skip
        print(f"round {round_number}: -n {options.workers} takes "
              f"{times[options.workers] / times['0']:.2f} of the time of -n 0")  # fmt: skip


if __name__ == "__main__":
    main()
