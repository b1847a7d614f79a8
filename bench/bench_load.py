"""Load and fault benchmark: 200 readers and 20 signed-in learners at once against real
`yingdu serve` processes, on SQLite and on PostgreSQL + Redis, with one and two web servers.

For each database the site is made once (demo content, generated news items, learners with
cards in their notebooks), then served by `yingdu serve` exactly as an operator starts it
(gunicorn, default settings), once as one server and once as two servers on two ports, which
the load generator visits in turn (round robin, as a proxy would). The load, all on
loopback and bounded in time (`--seconds`, default 60):

- readers (default 200, no cookies, so they get the cached pages anonymous visitors get):
  the home page, section lists, item pages (mostly the newest, as on a news site) and
  searches, each pausing `--think` seconds between pages (default 0.5–1.5 s; `--think 0`
  sends the next request as soon as the last is answered: the servers' capacity);
- learners (default 20, each with their own session): the review page, adding a word from
  an article, the due list, reviewing a card, with the same pauses.

Reported per page type: requests, requests/s, p50 and p99 latency, errors (any status that
is not a success, and failed connections); on SQLite the "database is locked" lines in
the servers' logs; on PostgreSQL the most client connections at once; memory of every
server (RSS and PSS from /proc/PID/smaps_rollup, master and workers, after the run); the
load average before and after each run and the client's own CPU time. The machine is
shared: the load average says how much else was running.

A request sent on a kept-alive connection that the server closes at that moment (its
keep-alive ran out) fails before any answer. A browser sends it again on a new connection,
and so does request() here, once; such retries are counted and printed apart from the
errors, with the client's event-loop lag, which makes that race likely (issue 16: the
dropped connections of the two-server runs were that, docs/deploy.md: sizing).

`--faults` then injects faults during a load run and prints the fault table (errors seen,
time from the fault until requests succeed again, p50 before, during and after):

- a web worker killed with SIGKILL (gunicorn starts a new one);
- PostgreSQL restarted (`pg_ctl restart -m fast`: every connection is cut);
- Redis stopped for `--outage` seconds (default 10), then started again, empty.

PostgreSQL and Redis are servers of the benchmark's own (bench/localservices.py: a cluster
made with initdb in --pg-folder, default /tmp/loadpg, and a redis-server that saves
nothing), never shared ones. A full media store is a test, not a benchmark figure
(tests/faults/test_media_full.py). Run by hand:

    .venv/bin/python bench/bench_load.py [--seconds 60] [--databases sqlite,postgres]
        [--servers 1,2] [--faults] [--think 0.5,1.5] [--lexicon PATH]

Needs aiohttp (the test extra), redis-server and PostgreSQL 15 for the second database.
"""

import argparse
import asyncio
import contextlib
import itertools
import json
import os
import random
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import localservices  # noqa: E402
from bench.bench_notebook import CSRF  # noqa: E402
from bench.bench_pages import GENERATE  # noqa: E402

READER_PAGES = ("home", "list", "item", "search")
LEARNER_STEPS = ("review page", "add a word", "due list", "review a card")
LISTS = ("/news/international/", "/news/domestic/", "/news/international/?page=2",
         "/daily/", "/bilingual/", "/compositions/", "/zh-news/", "/resources/")  # fmt: skip
QUERIES = ("energy", "solar power", "students", "clean energy schools", "环保", "科技",
           "renewable", "lake", "green commuting", "notes")  # fmt: skip
SUCCESS = frozenset({200, 201, 204, 301, 302, 304})
LOCKED = "database is locked"
LEARNER_CARDS = 200  # notebook size of each bench learner (about one in ten due)
LAG_PROBE = 0.05  # seconds between two looks at the client's event-loop lag
CLIENT_CONNECTIONS = ("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                      " AND pid <> pg_backend_pid()")  # fmt: skip


# -- the site ---------------------------------------------------------------------------------


def base_env(data: Path, lexicon: Path, **extra: str) -> dict:
    env = {**os.environ, "YINGDU_DATA_DIR": str(data), "DEBUG": "0",
           "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "PYTHONPATH": str(ROOT),
           "YINGDU_LEXICON_PATH": str(lexicon), "DJANGO_SETTINGS_MODULE": "yingdu.settings",
           # 20 learners who never pause call the API more often than a person can.
           "YINGDU_API_USER_PER_MINUTE": "1000000", **extra}  # fmt: skip
    for name in ("DATABASE_URL", "REDIS_URL", "YINGDU_RATELIMIT_REDIS_URL"):
        if name not in extra:
            env.pop(name, None)
    return env


def yingdu(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "yingdu.cli", *args], env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def prepare_site(env: dict, args) -> None:
    """Migrate, demo content, generated items, learners with sessions, static files."""
    started = time.monotonic()
    yingdu(env, "migrate", "-v", "0")
    yingdu(env, "demo")
    yingdu(env, "manage", "shell", "-c", GENERATE.format(n=args.items))
    subprocess.run([sys.executable, __file__, "--populate", "--learners", str(args.learners)],
                   env=env, check=True)  # fmt: skip
    yingdu(env, "manage", "shell", "-c",
           "from yingdu.commands.serve import collect_static_if_changed as c; c()")  # fmt: skip
    print(f"  site ready in {time.monotonic() - started:.0f}s", flush=True)


def populate(learners: int) -> int:
    """(child process, Django set up) learners with cards, their sessions, words to add."""
    import django

    django.setup()
    from bench import bench_notebook

    data = Path(os.environ["YINGDU_DATA_DIR"])
    plan = argparse.Namespace(learners=learners, cards=LEARNER_CARDS, heavy=0, heavy_cards=0)
    bench_notebook.fill(plan)
    bench_notebook.write_sessions(data, plan)
    bench_notebook.write_words(data)
    return 0


@dataclass
class Server:
    base: str
    process: subprocess.Popen
    log: Path


@contextlib.contextmanager
def serving(env: dict, count: int, data: Path, label: str):
    """COUNT `yingdu serve` processes (default settings) on free ports; their logs in DATA,
    named after LABEL."""
    servers = []
    try:
        for n in range(count):
            port = localservices.free_port()
            log = data / f"{label}-server-{n + 1}.log"
            process = subprocess.Popen(
                [sys.executable, "-m", "yingdu.cli", "serve", "--port", str(port)],
                env=env, stdout=subprocess.DEVNULL, stderr=log.open("w"),
            )  # fmt: skip
            servers.append(Server(f"http://127.0.0.1:{port}", process, log))
        for server in servers:
            localservices.wait_for_port(int(server.base.rpartition(":")[2]), 300)
            wait_for_page(server.base + "/")
        yield servers
    finally:
        for server in servers:
            if server.process.poll() is None:
                server.process.send_signal(signal.SIGINT)
                server.process.wait(timeout=60)


def wait_for_page(url: str, seconds: float = 120) -> None:
    import urllib.request

    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=10).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def locked_lines(servers: list[Server]) -> int:
    return sum(server.log.read_text(errors="replace").count(LOCKED) for server in servers)


def memory(servers: list[Server]) -> list[dict]:
    """Per server: RSS and PSS (MB) of the master and of its workers, from smaps_rollup."""
    figures = []
    for server in servers:
        master = server.process.pid
        workers = localservices.child_pids(master)
        sizes = [smaps_rollup(pid) for pid in [master, *workers]]
        figures.append({
            "workers": len(workers),
            "rss": sum(s["Rss"] for s in sizes) / 1024, "pss": sum(s["Pss"] for s in sizes) / 1024,
            "worker_pss": statistics.mean(s["Pss"] for s in sizes[1:]) / 1024 if workers else 0,
            "master_pss": sizes[0]["Pss"] / 1024,
        })  # fmt: skip
    return figures


def smaps_rollup(pid: int) -> dict:
    """kB figures of /proc/PID/smaps_rollup (Rss, Pss, …)."""
    sizes = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, _, rest = line.partition(":")
        sizes[name] = int(rest.split()[0])
    return sizes


# -- the load ---------------------------------------------------------------------------------


@dataclass
class Stats:
    started: float = field(default_factory=time.monotonic)
    latencies: dict = field(default_factory=dict)  # page type -> [ms]
    timeline: list = field(default_factory=list)  # (seconds since start, ms, ok)
    errors: dict = field(default_factory=dict)  # (page type, reason) -> count
    retries: dict = field(default_factory=dict)  # (page type, reason) -> count (see request)
    loop_lags: list = field(default_factory=list)  # ms the client's event loop was late

    def record(self, page: str, began: float, ok: bool, reason: str = "") -> None:
        now = time.monotonic()
        elapsed = (now - began) * 1000
        self.latencies.setdefault(page, []).append(elapsed)
        self.timeline.append((now - self.started, elapsed, ok))
        if not ok:
            self.errors[(page, reason)] = self.errors.get((page, reason), 0) + 1

    def retried(self, page: str, reason: str) -> None:
        self.retries[(page, reason)] = self.retries.get((page, reason), 0) + 1


@dataclass
class Plan:
    bases: list
    items: int
    sessions: list
    words: list
    think: tuple
    deadline: float = 0.0
    turn: itertools.count = field(default_factory=itertools.count)

    def base(self) -> str:
        return self.bases[next(self.turn) % len(self.bases)]  # round robin, as a proxy does


@dataclass
class Clients:
    """The load's HTTP client (kept-alive connections) and one that opens a new connection
    for every request, for the retries of request()."""

    kept: object
    fresh: object


async def request(http: Clients, stats: Stats, page: str, method: str, url: str, **options):
    """One request; its latency and outcome recorded; the JSON answer or None.

    As a browser does, a request whose kept-alive connection was closed or reset before any
    byte of the answer came is sent once more on a new connection (the server closed the
    idle connection as the request went out, so it never read it; Yingdu's POSTs are safe
    to repeat anyway: adding a word twice adds one sentence, a review carries its key).
    Such retries are counted and reported apart (Stats.retries), never hidden; a failure
    on a new connection, or on the retry, is an error."""
    from aiohttp import ClientOSError, ServerDisconnectedError

    began = time.monotonic()
    for client in (http.kept, http.fresh):
        trace = {"reused": False}
        try:
            async with client.request(method, url, allow_redirects=False,
                                      trace_request_ctx=trace, **options) as answer:  # fmt: skip
                body = await answer.read()
                ok = answer.status in SUCCESS
                stats.record(page, began, ok, "" if ok else f"HTTP {answer.status}")
                if ok and answer.content_type == "application/json":
                    return json.loads(body)
                return None
        except (ServerDisconnectedError, ClientOSError) as error:
            reason = type(error).__name__
            if trace["reused"] and client is http.kept:
                stats.retried(page, reason)
                continue
            where = "kept-alive" if trace["reused"] else "new"
            stats.record(page, began, False, f"{reason} on a {where} connection")
        except Exception as error:  # refused connections, timeouts, broken answers
            stats.record(page, began, False, type(error).__name__)
        return None
    return None


def reuse_tracing():
    """aiohttp tracing that marks a request sent on a kept-alive (reused) connection."""
    import aiohttp

    async def reused(session, context, params) -> None:
        context.trace_request_ctx["reused"] = True

    tracing = aiohttp.TraceConfig()
    tracing.on_connection_reuseconn.append(reused)
    return tracing


async def watch_loop_lag(plan: Plan, stats: Stats) -> None:
    """How late the client's event loop wakes up: a late loop sends a request on a
    connection it believes fresh long after the server started counting its keep-alive."""
    while time.monotonic() < plan.deadline:
        expected = time.monotonic() + LAG_PROBE
        await asyncio.sleep(LAG_PROBE)
        stats.loop_lags.append(max(0.0, time.monotonic() - expected) * 1000)


async def pause(plan: Plan) -> None:
    low, high = plan.think
    await asyncio.sleep(random.uniform(low, high) if high else 0)


def reader_url(page: str, plan: Plan) -> str:
    if page == "home":
        return "/"
    if page == "list":
        return random.choice(LISTS)
    if page == "item":  # the newest items are read most, as on a news site
        n = min(int(random.expovariate(1 / 30)), plan.items - 1)
        section = "international" if n % 2 else "domestic"
        return f"/news/{section}/bench-{n}/"
    return "/search/?q=" + random.choice(QUERIES)


async def reader(http, plan: Plan, stats: Stats) -> None:
    weights = (2, 3, 4, 1)  # home, list, item, search
    while time.monotonic() < plan.deadline:
        page = random.choices(READER_PAGES, weights)[0]
        await request(http, stats, page, "GET", plan.base() + reader_url(page, plan))
        await pause(plan)


async def learner(http, plan: Plan, stats: Stats, session_key: str) -> None:
    headers = {"Cookie": f"sessionid={session_key}; csrftoken={CSRF}"}
    posting = {**headers, "X-CSRFToken": CSRF, "Content-Type": "application/json"}
    while time.monotonic() < plan.deadline:
        base = plan.base()
        await request(http, stats, "review page", "GET", base + "/notebook/review/",
                      headers={**headers, "Referer": base + "/"})  # fmt: skip
        await pause(plan)
        word = random.choice(plan.words)
        body = {"word": word, "context": f"We read about {word} in class today."}
        await request(http, stats, "add a word", "POST", plan.base() + "/api/me/words",
                      data=json.dumps(body), headers=posting)  # fmt: skip
        await pause(plan)
        due = await request(http, stats, "due list", "GET",
                            plan.base() + "/api/me/words?due=1", headers=headers)  # fmt: skip
        await pause(plan)
        if due and due.get("items"):
            card = random.choice(due["items"])["id"]
            review = {"rating": random.choice((1, 3, 3, 3, 4)), "key": uuid.uuid4().hex}
            await request(http, stats, "review a card", "POST",
                          f"{plan.base()}/api/me/words/{card}/review",
                          data=json.dumps(review), headers=posting)  # fmt: skip
            await pause(plan)


async def drive(plan: Plan, args, seconds: float, fault=None) -> Stats:
    """Readers and learners for SECONDS; FAULT(stats) runs beside them."""
    import aiohttp

    stats = Stats()
    plan.deadline = time.monotonic() + seconds
    # Idle connections are closed after 1 s, before gunicorn closes them (YINGDU_KEEPALIVE);
    # a request that still meets a closing connection is retried in request(), counted.
    timeout = aiohttp.ClientTimeout(total=30)

    def session(connector):
        return aiohttp.ClientSession(connector=connector, timeout=timeout,
                                     trace_configs=[reuse_tracing()],
                                     cookie_jar=aiohttp.DummyCookieJar())  # fmt: skip

    kept = session(aiohttp.TCPConnector(limit=0, keepalive_timeout=1.0))
    fresh = session(aiohttp.TCPConnector(limit=0, force_close=True))
    async with kept, fresh:
        # aiohttp would silently send a GET again after a reset; request() does it, counted
        # (aiohttp's own test client turns it off the same way).
        kept._retry_connection = fresh._retry_connection = False
        http = Clients(kept, fresh)
        tasks = [reader(http, plan, stats) for _ in range(args.readers)]
        tasks.append(watch_loop_lag(plan, stats))
        tasks += [learner(http, plan, stats, plan.sessions[n % len(plan.sessions)])
                  for n in range(args.learners)]  # fmt: skip
        if fault is not None:
            tasks.append(asyncio.to_thread(fault, stats))
        await asyncio.gather(*tasks)
    return stats


def load_plan(servers: list[Server], data: Path, args) -> Plan:
    return Plan(
        bases=[server.base for server in servers], items=args.items,
        sessions=(data / "sessions-ordinary.txt").read_text().split(),
        words=(data / "words.txt").read_text().split(), think=args.think,
    )  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def client_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def measure(servers: list[Server], data: Path, args) -> dict:
    plan = load_plan(servers, data, args)
    asyncio.run(drive(plan, args, min(5, args.seconds)))  # warm workers, caches, connections
    load_before, cpu_before = os.getloadavg(), client_cpu()
    stats = asyncio.run(drive(plan, args, args.seconds))
    return {"stats": stats, "load": (load_before, os.getloadavg()),
            "client_cpu": client_cpu() - cpu_before, "memory": memory(servers),
            "locked": locked_lines(servers)}  # fmt: skip


def measure_counting(servers: list[Server], data: Path, backing: dict, args) -> dict:
    """measure(), with the most PostgreSQL connections open at once during it."""
    with counting_connections(backing) as peak:
        result = measure(servers, data, args)
    return {**result, "connections": peak["most"]}


# -- faults -----------------------------------------------------------------------------------


@dataclass
class Fault:
    name: str
    inject: object  # function(servers, backing) -> None, blocking until the fault is over
    databases: tuple = ("sqlite", "postgres")


def kill_a_worker(servers: list[Server], backing: dict) -> None:
    worker = localservices.child_pids(servers[0].process.pid)[0]
    os.kill(worker, signal.SIGKILL)


def restart_postgres(servers: list[Server], backing: dict) -> None:
    localservices.restart_postgres(backing["postgres"])


def stop_redis(servers: list[Server], backing: dict) -> None:
    localservices.stop_process(backing["redis"])
    time.sleep(backing["outage"])
    backing["redis"] = localservices.start_redis(backing["redis_port"])


FAULTS = (
    Fault("web worker killed (SIGKILL)", kill_a_worker),
    Fault("PostgreSQL restarted", restart_postgres, ("postgres",)),
    Fault("Redis stopped, then started", stop_redis, ("postgres",)),
)
FAULT_AT = 10.0  # seconds into the run


def run_fault(fault: Fault, servers: list[Server], data: Path, backing: dict, args) -> dict:
    window = {}

    def inject(stats: Stats) -> None:
        time.sleep(FAULT_AT)
        window["start"] = time.monotonic() - stats.started
        fault.inject(servers, backing)
        window["end"] = time.monotonic() - stats.started

    plan = load_plan(servers, data, args)
    asyncio.run(drive(plan, args, 5))  # warm workers, caches, connections
    seconds = max(args.fault_seconds, FAULT_AT + backing["outage"] + 15)
    load_before = os.getloadavg()
    stats = asyncio.run(drive(plan, args, seconds, inject))
    return {"fault": fault.name, "stats": stats, "window": window,
            "load": (load_before, os.getloadavg()), "locked": locked_lines(servers)}  # fmt: skip


# -- backing services ---------------------------------------------------------------------------


@contextlib.contextmanager
def backing_services(database: str, args):
    """Environment additions and the servers behind them: nothing for SQLite; our own
    PostgreSQL cluster and redis-server for "postgres"."""
    if database == "sqlite":
        yield {}, {"outage": args.outage}
        return
    cluster = localservices.init_postgres(
        args.pg_folder, args.pg_port or None, max_connections=args.pg_connections
    )
    redis_port = localservices.free_port()
    backing = {"postgres": cluster, "redis_port": redis_port, "outage": args.outage}
    try:
        localservices.start_postgres(cluster)
        url = localservices.create_database(cluster, "yingdu_load")
        backing["redis"] = localservices.start_redis(redis_port)
        yield {"DATABASE_URL": url, "REDIS_URL": f"redis://127.0.0.1:{redis_port}/0"}, backing
    finally:
        if "redis" in backing:
            localservices.stop_process(backing["redis"])
        localservices.remove_postgres(cluster)


@contextlib.contextmanager
def counting_connections(backing: dict):
    """The most client connections our PostgreSQL had at once while the block ran (the
    yielded dict's "most"; None on SQLite): the web servers' pools, bounded by
    YINGDU_DB_CONNECTIONS each, against max_connections."""
    peak = {"most": None}
    if "postgres" not in backing:
        yield peak
        return
    import threading

    import psycopg

    done = threading.Event()

    def watch() -> None:
        with psycopg.connect(backing["postgres"].url, autocommit=True) as watcher:
            peak["most"] = 0
            while not done.wait(0.25):
                count = watcher.execute(CLIENT_CONNECTIONS).fetchone()[0]
                peak["most"] = max(peak["most"], count)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()


# -- reports ------------------------------------------------------------------------------------

LABELS = {"sqlite": "SQLite", "postgres": "PostgreSQL + Redis"}


def loads(pair) -> str:
    before, after = pair
    return f"load average {before[0]:.1f} before, {after[0]:.1f} after"


def report_run(label: str, servers: int, result: dict, args) -> None:
    stats = result["stats"]
    total = sum(len(v) for v in stats.latencies.values())
    print(f"\n{label}, {servers} web server(s), {args.readers} readers + {args.learners} "
          f"learners, {args.seconds}s, think {think_text(args)}; {loads(result['load'])}; "
          f"client CPU {result['client_cpu']:.1f}s ({result['client_cpu'] / args.seconds:.0%} "
          f"of one core)")  # fmt: skip
    print(f"{'page':<14} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>8} {'errors':>6}")
    for page in (*READER_PAGES, *LEARNER_STEPS):
        times = stats.latencies.get(page, [])
        errors = sum(n for (p, _), n in stats.errors.items() if p == page)
        print(
            f"{page:<14} {len(times):>8} {len(times) / args.seconds:>7.0f} "
            f"{percentile(times, 0.5):>7.1f} {percentile(times, 0.99):>8.1f} {errors:>6}"
        )
    errors = sum(stats.errors.values())
    print(f"{'all':<14} {total:>8} {total / args.seconds:>7.0f} {'':>7} {'':>8} {errors:>6}")
    for (page, reason), count in sorted(stats.errors.items()):
        print(f"  error: {page}: {reason} × {count}")
    report_retries(stats)
    print(f'"{LOCKED}" in the server logs: {result["locked"]}')
    if result.get("connections") is not None:
        print(f"PostgreSQL client connections at most {result['connections']} at once "
              f"(max_connections {args.pg_connections})")  # fmt: skip
    for n, figures in enumerate(result["memory"]):
        print(f"server {n + 1}: {figures['workers']} workers; RSS {figures['rss']:.0f} MB, "
              f"PSS {figures['pss']:.0f} MB (master {figures['master_pss']:.0f} MB, "
              f"{figures['worker_pss']:.0f} MB per worker)")  # fmt: skip


def report_retries(stats: Stats, indent: str = "") -> None:
    """The requests sent again after a kept-alive connection closed under them (not errors:
    a browser does the same), and how late the client's event loop ran."""
    retried = sum(stats.retries.values())
    lags = stats.loop_lags
    print(f"{indent}retried once on a new connection (kept-alive connection closed as the "
          f"request went out): {retried}; client event-loop lag p99 "
          f"{percentile(lags, 0.99):.0f} ms, max {max(lags, default=0):.0f} ms")  # fmt: skip
    for (page, reason), count in sorted(stats.retries.items()):
        print(f"{indent}  retried: {page}: {reason} × {count}")


def report_faults(rows: list[tuple[str, dict]]) -> None:
    print(
        "\nFault table (fault injected 10 s into the run; recovered: seconds from the "
        "fault until the last failed request; p50 in ms)"
    )
    print(
        f"{'database':<19} {'fault':<28} {'lasted s':>8} {'requests':>8} {'errors':>6} "
        f"{'recovered s':>11} {'p50 before':>10} {'during':>7} {'after':>7}  load"
    )
    for label, result in rows:
        stats, window = result["stats"], result["window"]
        start, end = window.get("start", FAULT_AT), window.get("end", FAULT_AT)
        failed = [t for t, _, ok in stats.timeline if not ok and t >= start - 1]
        recovered = f"{max(failed) - start:.1f}" if failed else "no error"
        phases = [[ms for t, ms, _ in stats.timeline if low <= t < high] for low, high in
                  ((0, start), (start, end + 5), (end + 5, 1e9))]  # fmt: skip
        p50s = [f"{statistics.median(p):.1f}" if p else "-" for p in phases]
        print(
            f"{label:<19} {result['fault']:<28} {end - start:>8.1f} "
            f"{len(stats.timeline):>8} {sum(stats.errors.values()):>6} {recovered:>11} "
            f"{p50s[0]:>10} {p50s[1]:>7} {p50s[2]:>7}  {result['load'][1][0]:.1f}"
        )
        for (page, reason), count in sorted(stats.errors.items()):
            print(f"{'':<19}   {page}: {reason} × {count}")
        report_retries(stats, f"{'':<19}   ")


def think_text(args) -> str:
    low, high = args.think
    return f"{low:g}–{high:g} s" if high else "none (closed loop)"


# -- main ---------------------------------------------------------------------------------------


def lexicon_path(args) -> Path:
    """--lexicon, or one built once into the cache folder (`yingdu lexicon build`)."""
    if args.lexicon:
        return Path(args.lexicon)
    folder = Path(tempfile.gettempdir()) / "yingdu-bench-load-lexicon"
    lexicon = folder / "lexicon.sqlite3"
    if not lexicon.exists() or lexicon.stat().st_size == 0:
        print("building a lexicon once (yingdu lexicon build)…", flush=True)
        env = base_env(folder, lexicon)
        yingdu(env, "migrate", "-v", "0")
        yingdu(env, "lexicon", "build")
    return lexicon


def parse_think(text: str) -> tuple[float, float]:
    parts = [float(p) for p in text.split(",")]
    return (parts[0], parts[-1]) if parts[-1] else (0.0, 0.0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=200)
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--items", type=int, default=500)
    parser.add_argument(
        "--think", type=parse_think, default=(0.5, 1.5),
        help="MIN,MAX seconds a client pauses between requests; 0: none",
    )  # fmt: skip
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--servers", default="1,2")
    parser.add_argument("--faults", action="store_true", help="also the fault runs")
    parser.add_argument("--only-faults", action="store_true", help="the fault runs only")
    parser.add_argument("--fault-seconds", type=float, default=40)
    parser.add_argument("--outage", type=float, default=10, help="seconds Redis stays down")
    parser.add_argument("--lexicon", help="a built lexicon (default: built once into /tmp)")
    parser.add_argument("--pg-folder", default="/tmp/loadpg")
    parser.add_argument("--pg-port", type=int, default=0, help="default: a free port")
    parser.add_argument(
        "--pg-connections", type=int, default=100,
        help="PostgreSQL's max_connections (default 100, PostgreSQL's own: two default web "
        "servers hold at most 2 × YINGDU_DB_CONNECTIONS, docs/deploy.md)",
    )  # fmt: skip
    parser.add_argument(
        "--capacity", type=float, default=0, metavar="SECONDS",
        help="after each run, as long a closed-loop run (no pauses): what the servers can do",
    )  # fmt: skip
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.populate:
        return populate(args.learners)

    # SIGTERM ends the run like Ctrl-C: servers stopped, our PostgreSQL and Redis removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    lexicon = lexicon_path(args)
    print(f"{os.cpu_count()} cores, shared with other work: every figure comes with the load "
          f"average; loopback only.", flush=True)  # fmt: skip
    fault_rows = []
    for database in args.databases.split(","):
        with backing_services(database, args) as (extra, backing):
            data = Path(tempfile.mkdtemp(prefix=f"yingdu-load-{database}-"))
            env = base_env(data, lexicon, **extra)
            print(f"\n{LABELS[database]}: preparing the site in {data}", flush=True)
            prepare_site(env, args)
            if not args.only_faults:
                for count in (int(n) for n in args.servers.split(",")):
                    with serving(env, count, data, f"{count}-servers") as servers:
                        result = measure_counting(servers, data, backing, args)
                        report_run(LABELS[database], count, result, args)
                        if args.capacity:
                            closed = argparse.Namespace(
                                **{**vars(args), "think": (0.0, 0.0), "seconds": args.capacity}
                            )
                            result = measure_counting(servers, data, backing, closed)
                            report_run(LABELS[database], count, result, closed)
            if args.faults or args.only_faults:
                for fault in FAULTS:
                    if database in fault.databases:
                        label = "fault-" + fault.name.split()[0].lower()
                        with serving(env, 1, data, label) as servers:
                            result = run_fault(fault, servers, data, backing, args)
                        fault_rows.append((LABELS[database], result))
                        report_faults(fault_rows[-1:])
            subprocess.run(["rm", "-rf", str(data)], check=False)
    if fault_rows:
        report_faults(fault_rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
