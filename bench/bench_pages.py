"""Page-serving benchmark: requests/s and p50/p99 latency under wrk on loopback.

Serves the site with gunicorn exactly as `yingdu serve` does (DEBUG off), loads the demo
content plus generated items, and measures the home page, a section list and an item page
beside a minimal Django view that returns a page of the same size from one query, in the
same run. Prints the ratios. Run by hand:

    .venv/bin/python bench/bench_pages.py [--seconds 10] [--connections 50] [--items 500]

Needs Debian's wrk. Every request goes to 127.0.0.1 and the run stops by itself.
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from yingdu import config  # noqa: E402
from yingdu.commands.serve import gunicorn_argv  # noqa: E402

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


def run_yingdu(env, *args):
    subprocess.run([sys.executable, "-m", "yingdu.cli", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def wait_for(url: str, seconds: float = 60) -> None:
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


def wrk(url: str, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s", url],
        capture_output=True, text=True, check=True, timeout=seconds + 30,
    ).stdout  # fmt: skip
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "errors": int(errors.group(1)) if errors else 0}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=config.load().threads)
    parser.add_argument("--sync", action="store_true", help="sync workers, for comparison")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    data = tempfile.mkdtemp(prefix="yingdu-bench-")
    env = {**os.environ, "YINGDU_DATA_DIR": data, "DEBUG": "0", "SECURE_SSL_REDIRECT": "0",
           "SECURE_COOKIES": "0", "PYTHONPATH": str(ROOT)}  # fmt: skip
    run_yingdu(env, "migrate", "-v", "0")
    run_yingdu(env, "demo")
    run_yingdu(env, "manage", "collectstatic", "--noinput", "-v", "0")
    run_yingdu(env, "manage", "shell", "-c", GENERATE.format(n=args.items))

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    probe_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.bench_settings"}
    server = start_server(probe_env, port, args)
    try:
        wait_for(base + "/")
        pages = {
            "home": "/",
            "list": "/news/international/",
            "item": "/news/international/bench-1/",
        }
        sizes = {name: len(fetch(base + url)) for name, url in pages.items()}
        stop_server(server)
        probe_env["BENCH_PAGE_BYTES"] = str(sizes["item"])
        server = start_server(probe_env, port, args)
        wait_for(base + "/")
        pages["minimal"] = "/bench/minimal/"
        sizes["minimal"] = len(fetch(base + "/bench/minimal/"))
        results = {}
        for name, url in pages.items():
            wrk(base + url, 2, args.connections)  # warm up caches and workers
            results[name] = wrk(base + url, args.seconds, args.connections)
    finally:
        stop_server(server)
        shutil.rmtree(data, ignore_errors=True)
    report(results, sizes, args)
    return 0


def start_server(env, port, args):
    argv = gunicorn_argv("127.0.0.1", str(port), args.workers, args.threads)  # as `yingdu serve`
    if args.sync:
        argv[argv.index("gthread")] = "sync"
        argv[argv.index("--threads") + 1] = "1"
    return subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def stop_server(server):
    if server.poll() is None:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)


def report(results, sizes, args):
    base = results["minimal"]
    print(f"\n{args.connections} connections, {args.seconds}s each, {args.workers} gunicorn "
          f"workers ({'sync' if args.sync else f'gthread × {args.threads}'}), "
          f"{os.cpu_count()} cores\n")  # fmt: skip
    print(f"{'page':<8} {'bytes':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
          f"{'vs minimal':>10} {'errors':>6}")  # fmt: skip
    for name, r in results.items():
        ratio = r["rps"] / base["rps"] if base["rps"] else 0
        print(f"{name:<8} {sizes[name]:>7} {r['rps']:>9.0f} {r['p50']:>8.1f} {r['p99']:>8.1f} "
              f"{ratio:>10.2f} {r['errors']:>6}")  # fmt: skip
    print("\nTarget: item and list pages >= 0.8 of minimal throughput, p99 < 50 ms.")


if __name__ == "__main__":
    sys.exit(main())
