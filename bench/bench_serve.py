"""Whole-server benchmark of `yingdu serve`: memory after serving every page type, and how
long the server takes to stop while clients hold keep-alive connections.

Starts `yingdu serve` (gunicorn, DEBUG off) on loopback, visits every page type (a crawl of
the site's own links from the home page in both languages, search, log-in, the word API and
annotation), then sums resident (RSS) and proportional (PSS) memory over the master and all
its workers from /proc/PID/smaps_rollup. PSS divides each shared page among the processes
that share it, so it is what the server really costs; RSS counts shared pages once per
process. Then, STOPS times: start, serve every page type with keep-alive clients still
sending requests, send SIGINT or SIGTERM (alternately) to the master and time its exit.

    .venv/bin/python bench/bench_serve.py [--stops 10] [--clients 20]
    .venv/bin/python bench/bench_serve.py --compare ../before   # A/B, interleaved

The site runs on the environment's database (DATABASE_URL, REDIS_URL) or, unset, on a fresh
SQLite data folder with the demo content and a lexicon built from YINGDU_LEXICON_DIR (built
once and shared by both checkouts). With --compare, the other checkout's own `yingdu serve`
runs on the same data in turn (A B, B A, …) and the ratios this/other are printed. Load
averages are printed beside the figures: on a busy machine only same-run ratios mean much.
"""

import argparse
import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KB = 1024
CRAWL_LIMIT = 400  # pages visited from the home pages' links
EXTRA_GETS = ("/search/?q=energy", "/en/search/?q=students", "/accounts/login/",
              "/api/words/reading", "/api/openapi.json")  # fmt: skip
ANNOTATE = ("/api/annotate", {"text": "Students were reading the stories quickly.",
                              "level": "junior"})  # fmt: skip
SKIPPED_PREFIXES = ("/static/", "/media/", "/accounts/logout/", "/admin/")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def load_averages() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def yingdu(env: dict, root: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "yingdu.cli", *args], env=env, cwd=root, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def site_env(root: Path, data_dir: str) -> dict:
    env = {**os.environ, "YINGDU_DATA_DIR": data_dir, "DEBUG": "0", "SECURE_SSL_REDIRECT": "0",
           "SECURE_COOKIES": "0", "PYTHONPATH": str(root)}  # fmt: skip
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def prepare_data(data_dir: str) -> None:
    """Migrate, demo content, lexicon (with this checkout's code) unless already there."""
    env = site_env(ROOT, data_dir)
    yingdu(env, ROOT, "migrate", "-v", "0")
    yingdu(env, ROOT, "demo")
    yingdu(env, ROOT, "lexicon", "build", "--if-missing")


def start(env: dict, root: Path, port: int, extra: list[str]) -> subprocess.Popen:
    argv = [sys.executable, "-m", "yingdu.cli", "serve", "--host", "127.0.0.1",
            "--port", str(port), *extra]  # fmt: skip
    server = subprocess.Popen(argv, env=env, cwd=root, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 300  # the first start may collect static files
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).close()
            return server
        except OSError:
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with {server.returncode}") from None
            time.sleep(0.3)
    raise TimeoutError(port)


LINK = re.compile(r'href="(/[^"#]*)"')


def crawl(base: str) -> list[str]:
    """Every same-site page reachable from the home pages, up to CRAWL_LIMIT."""
    seen, queue = set(), ["/", "/en/"]
    while queue and len(seen) < CRAWL_LIMIT:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                html = response.read().decode("utf-8", "replace")
        except OSError:
            continue
        for link in LINK.findall(html):
            link = link.replace("&amp;", "&")
            if not link.startswith(SKIPPED_PREFIXES) and link not in seen:
                queue.append(link)
    return sorted(seen)


def serve_every_page_type(base: str) -> int:
    """Visit every page type once; the number of pages visited."""
    pages = crawl(base)
    for path in EXTRA_GETS:
        with contextlib.suppress(OSError):  # a 404 or 429 still exercised the code
            urllib.request.urlopen(base + path, timeout=30).close()
    path, payload = ANNOTATE
    request = urllib.request.Request(base + path, data=json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})  # fmt: skip
    with contextlib.suppress(OSError):
        urllib.request.urlopen(request, timeout=30).close()
    return len(pages) + len(EXTRA_GETS) + 1


def process_tree(pid: int) -> list[int]:
    """PID and all its descendants."""
    found = [pid]
    for current in found:
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):
                found += [int(c) for c in (task / "children").read_text().split()]
    return found


def memory(pid: int) -> dict:
    """RSS and PSS in MB summed over the server's processes, and their count."""
    totals = {"rss": 0.0, "pss": 0.0, "processes": 0}
    for member in process_tree(pid):
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        totals["processes"] += 1
        for key, field in (("rss", "Rss"), ("pss", "Pss")):
            totals[key] += int(re.search(rf"^{field}:\s+(\d+) kB", rollup, re.M).group(1)) / KB
    return totals


def keep_alive_client(base: str, paths: list[str], stop: threading.Event, count: list) -> None:
    """Requests on one kept-alive connection until STOP, then holds it open."""
    address = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    n = 0
    try:
        while not stop.is_set():
            connection.request("GET", paths[n % len(paths)])
            connection.getresponse().read()
            n += 1
            count[0] += 1
    except (OSError, http.client.HTTPException):
        pass
    finally:
        stop.wait()
        connection.close()


def time_stop(server: subprocess.Popen, base: str, paths: list, clients: int, sig) -> float:
    """Seconds from SIG to the master's exit while CLIENTS keep-alive clients are busy."""
    done = threading.Event()
    count = [0]
    threads = [threading.Thread(target=keep_alive_client, args=(base, paths, done, count))
               for _ in range(clients)]  # fmt: skip
    for thread in threads:
        thread.start()
    while count[0] < clients * 3:
        time.sleep(0.05)
    began = time.monotonic()
    server.send_signal(sig)
    try:
        server.wait(timeout=120)
    finally:
        elapsed = time.monotonic() - began
        done.set()
        for thread in threads:
            thread.join()
    return elapsed


def measure_once(site: dict, args, sig) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start(site["env"], site["root"], port, site["extra"])
    try:
        pages = serve_every_page_type(base)
        figures = memory(server.pid)
        paths = ["/", "/en/", "/news/international/", "/search/?q=energy"]
        figures["stop"] = time_stop(server, base, paths, args.clients, sig)
        figures["pages"] = pages
        return figures
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stops", type=int, default=4, help="start/measure/stop cycles")
    parser.add_argument("--clients", type=int, default=20, help="keep-alive clients at stop")
    parser.add_argument(
        "--compare",
        type=Path,
        metavar="CHECKOUT",
        help="another checkout of Yingdu measured in turn with this one",
    )
    parser.add_argument("--serve-args", default="", help="extra `yingdu serve` arguments")
    parser.add_argument("--data-dir", help="an existing data folder (default: a fresh one)")
    args = parser.parse_args()

    data_dir = args.data_dir or tempfile.mkdtemp(prefix="yingdu-bench-serve-")
    try:
        prepare_data(data_dir)
        sites = [{"label": "this", "root": ROOT, "extra": args.serve_args.split()}]
        if args.compare:
            sites.append({"label": "other", "root": args.compare.resolve(), "extra": []})
        for site in sites:
            site["env"] = site_env(site["root"], data_dir)
            site["runs"] = []
        signals = (signal.SIGINT, signal.SIGTERM)
        for n in range(args.stops):
            for site in sites if n % 2 == 0 else sites[::-1]:
                sig = signals[n % 2]
                figures = measure_once(site, args, sig)
                site["runs"].append(figures)
                print(f"{site['label']:<6} {sig.name:<7} {figures['processes']} processes, "
                      f"{figures['pages']} pages: RSS {figures['rss']:6.0f} MB, "
                      f"PSS {figures['pss']:5.0f} MB; stop {figures['stop']:5.2f} s "
                      f"(load {load_averages()})", flush=True)  # fmt: skip
    finally:
        if not args.data_dir:
            shutil.rmtree(data_dir, ignore_errors=True)
    report(sites)
    return 0


def report(sites: list[dict]) -> None:
    print(f"\nmedians over the runs, {os.cpu_count()} cores, load {load_averages()}:")
    for site in sites:
        runs = site["runs"]
        print(f"{site['label']:<6} RSS {statistics.median(r['rss'] for r in runs):6.0f} MB  "
              f"PSS {statistics.median(r['pss'] for r in runs):5.0f} MB  "
              f"stop median {statistics.median(r['stop'] for r in runs):5.2f} s, "
              f"max {max(r['stop'] for r in runs):5.2f} s  ({site['root']})")  # fmt: skip
    if len(sites) == 2:
        this, other = (site["runs"] for site in sites)
        for key in ("rss", "pss"):
            ratios = [a[key] / b[key] for a, b in zip(this, other, strict=True)]
            print(f"this / other {key.upper()}: {statistics.median(ratios):.2f} "
                  f"({min(ratios):.2f}–{max(ratios):.2f})")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
