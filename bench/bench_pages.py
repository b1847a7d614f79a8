"""Page-serving benchmark: requests/s and p50/p99 latency under wrk on loopback.

Serves the site with gunicorn exactly as `yingdu serve` does (DEBUG off), loads the demo
content plus generated items, and measures the home page, a section list and an item page
beside a minimal Django view that returns a page of the same size from one query, in the
same run. Prints the ratios. Run by hand:

    .venv/bin/python bench/bench_pages.py [--seconds 10] [--connections 50] [--items 500]

Before and after a change, compare with another checkout (an older commit: `git worktree
add ../before COMMIT`) in the same run:

    .venv/bin/python bench/bench_pages.py --compare ../before [--rounds 4]

The other checkout gets its own data folder, set up by its own code, and is served by its own
`yingdu serve` beside this one; each page is measured on both in turn (A B, then B A in the
next round, …) and the ratios this/other are printed per page with their spread. On a shared
or busy machine only such same-run ratios mean anything.

Needs Debian's wrk. Every request goes to 127.0.0.1 and the run stops by itself.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yingdu import config  # noqa: E402
from yingdu.commands.serve import (  # noqa: E402
    default_workers,
    gunicorn_argv,
    worker_pool_environment,
)

PAGES = {
    "home": "/",
    "list": "/news/international/",
    "item": "/news/international/bench-1/",
    "minimal": "/bench/minimal/",
}

GENERATE = """
import datetime as dt
from django.utils import timezone
from yingdu.core.models import Tag
from yingdu.news.models import NewsArticle
tags = [Tag.objects.get_or_create(name=n)[0] for n in ("科技", "环保", "体育", "文化")]
now = timezone.now()
paragraph = ("BEIJING, May 1 -- Students from three schools met to compare notes on "
             "renewable energy projects and shared what they learned about solar power. ")
for i in range({n}):
    a = NewsArticle.objects.create(
        section="international" if i % 2 else "domestic",
        title=f"Generated story number {{i}} about clean energy in schools",
        slug=f"bench-{{i}}", status="published",
        published_at=now - dt.timedelta(hours=i + 1),
        body="\\n\\n".join([paragraph * 3] * 5))
    a.tags.set(tags[i % 4: i % 4 + 2])
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_yingdu(env, root, *args):
    subprocess.run([sys.executable, "-m", "yingdu.cli", *args], env=env, cwd=root, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def wait_for(url: str, seconds: float = 300) -> None:  # the first start may collect static
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            fetch(url)
            return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(url)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def to_ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * UNITS[unit]


def wrk(url: str, seconds: int, connections: int, script: Path | None = None) -> dict:
    """req/s, p50/p99 (ms) and non-2xx/3xx count of a wrk run; `script` is a wrk Lua file."""
    lua = ["-s", str(script)] if script else []
    out = subprocess.run(
        ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds}s", "--latency",
         "--timeout", "5s", *lua, url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(errors.group(1)) if errors else 0}


def prepare(root: Path, items: int) -> dict:
    """A fresh data folder for the checkout at `root`, set up by that checkout's own code;
    returns the environment its server runs in."""
    data = tempfile.mkdtemp(prefix="yingdu-bench-")
    env = {**os.environ, "YINGDU_DATA_DIR": data, "DEBUG": "0", "SECURE_SSL_REDIRECT": "0",
           "SECURE_COOKIES": "0", "PYTHONPATH": str(root)}  # fmt: skip
    env.pop("DJANGO_SETTINGS_MODULE", None)
    run_yingdu(env, root, "migrate", "-v", "0")
    run_yingdu(env, root, "demo")
    run_yingdu(env, root, "manage", "collectstatic", "--noinput", "-v", "0")
    run_yingdu(env, root, "manage", "shell", "-c", GENERATE.format(n=items))
    return {**env, "DJANGO_SETTINGS_MODULE": "bench.bench_settings"}


def own_argv(port: int, args) -> list[str]:
    """This checkout's server: the gunicorn command `yingdu serve` runs."""
    return gunicorn_argv("127.0.0.1", str(port), args.workers, args.threads, args.worker_class)


def own_environment(env: dict, args) -> dict:
    """``env`` with what `yingdu serve` adds for its workers: each one's share of the
    database connections as its pool (without it a worker's pool has 4, not 13)."""
    threads = args.threads if args.worker_class == "gthread" else 1
    return {**env, **worker_pool_environment(args.workers, threads)}


def other_argv(port: int, args) -> list[str]:
    """The other checkout's server: its own `yingdu serve`, whatever it runs."""
    workers = ["--workers", str(args.other_workers)] if args.other_workers else []
    return [sys.executable, "-m", "yingdu.cli", "serve", "--host", "127.0.0.1",
            "--port", str(port), *workers]  # fmt: skip


def start_site(site: dict) -> None:
    site["server"] = subprocess.Popen(
        site["argv"], env=site["env"], cwd=site["root"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    wait_for(site["base"] + "/")


def stop_site(site: dict) -> None:
    server = site.get("server")
    if server is not None and server.poll() is None:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def new_site(label: str, root: Path, make_argv, args) -> dict:
    port = free_port()
    env = own_environment(prepare(root, args.items), args)  # the other's serve sets its own
    return {"label": label, "root": root, "env": env, "server": None,
            "base": f"http://127.0.0.1:{port}", "argv": make_argv(port, args)}  # fmt: skip


def measure(sites: list[dict], args) -> dict:
    """{page: {label: [result of each round]}}, each page measured on every site in turn,
    the order reversed every round."""
    results = {page: {site["label"]: [] for site in sites} for page in PAGES}
    for path in PAGES.values():
        for site in sites:
            wrk(site["base"] + path, 2, args.connections)  # warm up caches and workers
    for round_number in range(args.rounds):
        order = sites if round_number % 2 == 0 else sites[::-1]
        for page, path in PAGES.items():
            for site in order:
                result = wrk(site["base"] + path, args.seconds, args.connections)
                results[page][site["label"]].append(result)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--workers", type=int, default=config.load().web_concurrency or None,
                        help="gunicorn workers of both sites (default: each checkout's own "
                        "default, as its `yingdu serve` starts it)")  # fmt: skip
    parser.add_argument("--threads", type=int, default=config.load().threads)
    parser.add_argument("--worker-class", choices=config.WORKER_CLASSES,
                        default=config.load().worker_class)  # fmt: skip
    parser.add_argument("--compare", type=Path, metavar="CHECKOUT",
                        help="another checkout of Yingdu to measure beside this one")  # fmt: skip
    parser.add_argument("--rounds", type=int, default=None,
                        help="measurements of each page on each site (default 1, 4 with "
                        "--compare)")  # fmt: skip
    args = parser.parse_args()
    args.other_workers = args.workers
    args.workers = args.workers or default_workers(args.worker_class)
    args.rounds = args.rounds or (4 if args.compare else 1)
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    sites = [new_site("this", ROOT, own_argv, args)]
    if args.compare:
        sites.append(new_site("other", args.compare.resolve(), other_argv, args))
    try:
        # The minimal view answers as many bytes as this checkout's item page, on every site.
        start_site(sites[0])
        sizes = {page: len(fetch(sites[0]["base"] + path)) for page, path in PAGES.items()
                 if page != "minimal"}  # fmt: skip
        stop_site(sites[0])
        for site in sites:
            site["env"]["BENCH_PAGE_BYTES"] = str(sizes["item"])
            start_site(site)
        for site in sites:
            site["sizes"] = {page: len(fetch(site["base"] + path)) for page, path in PAGES.items()}
        results = measure(sites, args)
    finally:
        for site in sites:
            stop_site(site)
            shutil.rmtree(site["env"]["YINGDU_DATA_DIR"], ignore_errors=True)
    threads = args.threads if args.worker_class == "gthread" else 1
    print(f"\n{args.connections} connections, {args.seconds}s each, {args.rounds} round(s), "
          f"{os.cpu_count()} cores; this checkout: {args.workers} gunicorn workers "
          f"({args.worker_class} × {threads})")  # fmt: skip
    for site in sites:
        report(site, results)
    if args.compare:
        report_ratios(sites, results)
    return 0


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def report(site: dict, results: dict) -> None:
    label = site["label"]
    print(f"\n{label}: {site['root']}")
    print(f"{'page':<8} {'bytes':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'vs minimal':>10} {'errors':>6}")  # fmt: skip
    minimal = median(results["minimal"][label], "rps")
    for page, by_site in results.items():
        rounds = by_site[label]
        rps = median(rounds, "rps")
        ratio = rps / minimal if minimal else 0
        errors = sum(r["errors"] for r in rounds)
        print(f"{page:<8} {site['sizes'][page]:>7} {rps:>9.0f} {median(rounds, 'p50'):>8.1f} "
              f"{median(rounds, 'p99'):>8.1f} {ratio:>10.2f} {errors:>6}")  # fmt: skip
    if len(next(iter(results.values()))[label]) > 1:
        print("(medians of the rounds)")
    print("Target: item and list pages >= 0.8 of minimal throughput, p99 < 50 ms.")


def report_ratios(sites: list[dict], results: dict) -> None:
    """this/other per page, round by round: the median and the range of the ratios."""
    this, other = (site["label"] for site in sites)
    print("\nthis / other, round by round (median, min–max):")
    print(f"{'page':<8} {'req/s':>20} {'p99':>20}")
    for page, by_site in results.items():
        pairs = list(zip(by_site[this], by_site[other], strict=True))
        cells = []
        for key in ("rps", "p99"):
            ratios = [a[key] / b[key] for a, b in pairs if b[key]]
            cells.append(f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})")
        print(f"{page:<8} {cells[0]:>20} {cells[1]:>20}")
    print("req/s above 1 and p99 below 1: this checkout serves faster.")


if __name__ == "__main__":
    sys.exit(main())
