"""Notebook benchmark: the review page, the notebook page, GET /api/me/words?due=1 and
adding a word, p50/p99 under wrk at 20 concurrent learners, over real HTTP on loopback.

Generates (bulk_create) 1,000 learners with 2,000 cards each and ten heavy learners with
20,000 cards (one sentence per card, about one card in ten due today), then serves the
site with gunicorn exactly as `yingdu serve` does and drives it with wrk: each request
is made as a learner picked at random (their own session cookie), once among ordinary
learners and once among the heavy ones. Targets: pages and the due list p99 < 50 ms,
adding a word p99 < 30 ms.

Two kinds of load, both reported. The main figures are closed-loop: 20 connections that
each send the next request as soon as the last one is answered, i.e. 20 learners who never
stop to read (the worst case, and what the targets are checked against). Beside them, a
realistic run (`--think-seconds`, 0 to skip it): 20 concurrent learners who each wait a
random think time of 1–3 s between requests, as a learner reading a card does; its p99 is
the latency a learner actually sees at that load. First of all it prints the CPU time and
the queries one request of each kind costs in the server process (`--no-cpu` skips it):
figures the machine's other load hardly changes, unlike latency. With 20 closed-loop
connections on 2 cores, p99 is about ten times that CPU time. Run by hand:

    .venv/bin/python bench/bench_notebook.py [--seconds 10] [--connections 20]
    DATABASE_URL=postgres://…/yingdu_bench .venv/bin/python bench/bench_notebook.py

SQLite: a new data folder each run (or --data DIR to keep and reuse it). PostgreSQL:
the database in DATABASE_URL is filled once (an empty database; a filled one is reused).
The lexicon comes from --lexicon (default YINGDU_LEXICON_PATH or the data folder's).
The API allowance per learner is raised for the run (YINGDU_API_USER_PER_MINUTE), since
ten heavy learners make thousands of calls a minute each. Needs Debian's wrk.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_pages import (  # noqa: E402
    free_port,
    own_argv,
    own_environment,
    start_site,
    stop_site,
    wrk,
)
from yingdu import config  # noqa: E402
from yingdu.commands.serve import default_workers  # noqa: E402

PAGES = {
    "review page": ("GET", "/notebook/review/"),
    "notebook page": ("GET", "/notebook/"),
    "due list API": ("GET", "/api/me/words?due=1"),
    "add a word": ("POST", "/api/me/words"),
}
TARGETS = {"add a word": 30.0}  # ms at p99; the others 50
THINK_MS = (1000, 3000)  # a realistic learner's pause between two requests
CSRF = "b" * 32
WORDS_FOR_ADDING = 500


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10,
                        help="length of each closed-loop run; 0: realistic runs only")  # fmt: skip
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--learners", type=int, default=1000)
    parser.add_argument("--cards", type=int, default=2000)
    parser.add_argument("--heavy", type=int, default=10)
    parser.add_argument("--heavy-cards", type=int, default=20000)
    parser.add_argument("--data", help="data folder to keep (SQLite database, sessions)")
    parser.add_argument("--lexicon", default=os.environ.get("YINGDU_LEXICON_PATH"))
    parser.add_argument("--think-seconds", type=int, default=30,
                        help="length of each realistic run (learners pausing 1–3 s between "
                        "requests); 0: closed loop only")  # fmt: skip
    parser.add_argument("--workers", type=int, default=config.load().web_concurrency or None,
                        help="gunicorn workers (default: what `yingdu serve` runs)")  # fmt: skip
    parser.add_argument("--threads", type=int, default=config.load().threads)
    parser.add_argument("--only-data", action="store_true", help="make the data, then stop")
    parser.add_argument(
        "--access-log", metavar="FILE",
        help="gunicorn's access log with each request's time in the server (µs, last field), "
        "to set beside wrk's latencies: a slow request slow in the server too, or queued?",
    )  # fmt: skip
    parser.add_argument(
        "--warm", action=argparse.BooleanOptionalAction, default=False,
        help="before measuring, read the database into memory (PostgreSQL: pg_prewarm, into "
        "shared_buffers when it fits), open every learner's pages once and look up each word "
        "to be added: the figures of a server whose learners' data and words are in memory, "
        "as on a site in use (default off: cold pages count)",
    )  # fmt: skip
    parser.add_argument(
        "--cpu",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="the CPU time and queries one request costs, measured in-process (default on)",
    )
    parser.add_argument("--populate", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--cpu-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.worker_class = config.load().worker_class  # as `yingdu serve` runs
    args.workers = args.workers or default_workers(args.worker_class)
    if args.populate:
        return populate(args)
    if args.cpu_child:
        return cpu_costs()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")

    data = Path(args.data or tempfile.mkdtemp(prefix="yingdu-bench-notebook-"))
    data.mkdir(parents=True, exist_ok=True)
    lexicon = Path(args.lexicon or data / "lexicon.sqlite3")
    if not lexicon.exists():
        sys.exit(f"no lexicon at {lexicon}: build one (yingdu lexicon build) or pass --lexicon")
    env = {**os.environ, "YINGDU_DATA_DIR": str(data), "DEBUG": "0",
           "SECURE_SSL_REDIRECT": "0", "SECURE_COOKIES": "0", "PYTHONPATH": str(ROOT),
           "YINGDU_LEXICON_PATH": str(lexicon), "YINGDU_API_USER_PER_MINUTE": "10000000",
           "DJANGO_SETTINGS_MODULE": "yingdu.settings"}  # fmt: skip
    database = "PostgreSQL" if env.get("DATABASE_URL", "").startswith("postgres") else "SQLite"
    try:
        started = time.monotonic()
        run(env, sys.executable, "-m", "yingdu.cli", "migrate", "-v", "0")
        run(env, sys.executable, "-m", "yingdu.cli", "manage", "collectstatic", "--noinput",
            "-v", "0")  # fmt: skip
        run(env, sys.executable, __file__, "--populate", *population_args(args))
        print(f"data ready in {time.monotonic() - started:.0f}s ({database})", flush=True)
        if args.only_data:
            return 0
        if args.cpu:
            subprocess.run([sys.executable, __file__, "--cpu-child"], env=env, check=True)
        results = measure(env, data, args)
    finally:
        if not args.data:
            shutil.rmtree(data, ignore_errors=True)
    report(results, args, database)
    return 0


def population_args(args) -> list[str]:
    return ["--learners", str(args.learners), "--cards", str(args.cards),
            "--heavy", str(args.heavy), "--heavy-cards", str(args.heavy_cards)]  # fmt: skip


def run(env, *argv):
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)


def measure(env, data: Path, args) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = own_argv(port, args)
    if args.access_log:
        argv += ["--access-logfile", args.access_log,
                 "--access-logformat", "%(t)s %(m)s %(U)s %(s)s %(D)s"]  # fmt: skip
    site = {"argv": argv, "env": own_environment(env, args), "root": ROOT, "base": base}
    runs = [("closed", "ordinary", 1), ("closed", "ordinary", args.connections),
            ("closed", "heavy", args.connections)] if args.seconds else []  # fmt: skip
    if args.think_seconds:
        runs += [("think", group, args.connections) for group in ("ordinary", "heavy")]
    results = {"load": [os.getloadavg()[0]]}
    try:
        start_site(site)
        if args.warm:
            warm_database(env, data)
            warm_up(base, data)
        for load, group, connections in runs:
            sessions = (data / f"sessions-{group}.txt").read_text().split()
            seconds = args.seconds if load == "closed" else args.think_seconds
            for name, (method, path) in PAGES.items():
                script = data / f"wrk-{group}.lua"
                script.write_text(lua(sessions, method, path, (data / "words.txt").read_text(),
                                      think=load == "think"))  # fmt: skip
                if load == "closed" or not args.seconds:
                    wrk(base, 2, connections, script)  # warm up workers and caches
                results[(load, group, connections, name)] = wrk(base, seconds, connections, script)
    finally:
        stop_site(site)
    results["load"].append(os.getloadavg()[0])
    return results


def warm_database(env: dict, data: Path) -> None:
    """Read the whole database into memory, as on a site in use: opening each learner's pages
    (warm_up) leaves cold the index pages that only adding a word reads, and on this VM's disk
    a read of one such page took up to 0.8 s."""
    started = time.monotonic()
    url = env.get("DATABASE_URL", "")
    where, size = prewarm_postgres(url) if url.startswith("postgres") else read_files(data)
    print(f"database read into memory ({where}): {size / 1e6:.0f} MB in "
          f"{time.monotonic() - started:.0f}s", flush=True)  # fmt: skip


def prewarm_postgres(url: str) -> tuple[str, int]:
    """Every table and index with pg_prewarm (contrib): into shared_buffers when the database
    fits there, else into the file cache. Returns where to, and the bytes read."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        try:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
        except psycopg.Error as error:
            return f"not done, pg_prewarm: {error}", 0
        mode = connection.execute(
            "SELECT CASE WHEN pg_database_size(current_database()) < "
            "pg_size_bytes(current_setting('shared_buffers')) THEN 'buffer' ELSE 'read' END"
        ).fetchone()[0]
        pages = connection.execute(
            "SELECT sum(pg_prewarm(c.oid, %s)) FROM pg_class c "
            "WHERE c.relkind IN ('r', 'i', 't') AND c.relpersistence = 'p' "
            "AND c.relnamespace = 'public'::regnamespace",
            (mode,),
        ).fetchone()[0]
    return mode, int(pages or 0) * 8192


def read_files(data: Path) -> tuple[str, int]:
    """The SQLite files of the data folder (the site's database and lexicon), read once into
    the file cache. Returns where to, and the bytes read."""
    size = 0
    for path in data.glob("*.sqlite3*"):
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                size += len(chunk)
    return "file cache", size


def warm_up(base: str, data: Path) -> None:
    """Open every learner's pages once (four at a time), so that their rows are in the
    database's memory and the operating system's file cache, and tap each word the learners
    will add (GET /api/words/WORD, the popover's look-up, which comes before "加入生词本" on
    the site), so that the lexicon pages they need are in memory, as on a site in use."""
    import urllib.request
    from concurrent.futures import ThreadPoolExecutor

    def get(path: str, session: str) -> None:
        request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={session}"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            answer.read()

    def visit(session: str) -> None:
        for method, path in PAGES.values():
            if method == "GET":
                get(path, session)

    sessions = [key for group in ("ordinary", "heavy")
                for key in (data / f"sessions-{group}.txt").read_text().split()]  # fmt: skip
    words = (data / "words.txt").read_text().split()
    started = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(visit, sessions))
        list(pool.map(lambda word: get(f"/api/words/{word}", sessions[0]), words))
    print(f"warmed up: {len(sessions)} learners' pages and {len(words)} words tapped in "
          f"{time.monotonic() - started:.0f}s", flush=True)  # fmt: skip


def lua(sessions: list[str], method: str, path: str, words: str, think: bool = False) -> str:
    """A wrk script: every request as a random learner; POSTs add a random real word. With
    `think`, each connection (a learner) pauses THINK_MS before its next request (wrk's
    delay(); the pause is not part of the latency)."""
    quoted = ",".join(f'"{key}"' for key in sessions)
    word_list = ",".join(f'"{w}"' for w in words.split())
    pause = f"delay = function() return math.random({THINK_MS[0]}, {THINK_MS[1]}) end" * think
    return f"""
local sessions = {{{quoted}}}
local words = {{{word_list}}}
math.randomseed(os.time())
{pause}
request = function()
  local s = sessions[math.random(#sessions)]
  local headers = {{}}
  headers["Cookie"] = "sessionid=" .. s .. "; csrftoken={CSRF}"
  if "{method}" == "POST" then
    local w = words[math.random(#words)]
    headers["Content-Type"] = "application/json"
    headers["X-CSRFToken"] = "{CSRF}"
    local body = '{{"word": "' .. w .. '", "context": "We read about ' .. w ..
                 ' in class ' .. math.random(3) .. '."}}'
    return wrk.format("POST", "{path}", headers, body)
  end
  return wrk.format("GET", "{path}", headers)
end
"""


def report(results: dict, args, database: str) -> None:
    before, after = results.pop("load")
    warm = "database read into memory, every learner opened once first" if args.warm else ""
    print(
        f"\n{database}: {args.learners} learners × {args.cards} cards + {args.heavy} × "
        f"{args.heavy_cards}; {args.connections} concurrent learners, "
        f"{args.workers} gunicorn workers × {args.threads} threads, {os.cpu_count()} cores, "
        f"{warm or 'no warm-up'}; "
        f"load average {before:.1f} before, {after:.1f} after (the machine's other work)"
    )
    low, high = (ms // 1000 for ms in THINK_MS)
    titles = {"closed": "Closed loop (main figures: no pause between requests)",
              "think": f"Realistic learners (each pauses {low}–{high} s between requests; "
                       f"{args.think_seconds}s each)"}  # fmt: skip
    for load, title in titles.items():
        rows = {key: r for key, r in results.items() if key[0] == load}
        if not rows:
            continue
        print(f"\n{title}")
        print(f"{'learners':<9} {'conc.':>5} {'request':<14} {'req/s':>7} {'p50 ms':>7} "
              f"{'p99 ms':>7} {'target':>7} {'errors':>6}")  # fmt: skip
        for (_load, group, connections, name), r in rows.items():
            target = TARGETS.get(name, 50.0)
            mark = "" if connections == 1 else "ok" if r["p99"] < target else "MISS"
            print(
                f"{group:<9} {connections:>5} {name:<14} {r['rps']:>7.0f} {r['p50']:>7.1f} "
                f"{r['p99']:>7.1f} {'<' + str(int(target)):>7} {r['errors']:>6} {mark}"
            )
    print("\nOne connection: the time one request takes (no queueing); 20: the targets.")


def cpu_costs() -> int:
    """CPU milliseconds one request costs in the server process (Django's test client, same
    settings), and the queries it makes: figures that the machine's other load does not
    inflate, unlike latency. The targets need about a tenth of the p99 target in CPU."""
    import statistics

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    words = (Path(os.environ["YINGDU_DATA_DIR"]) / "words.txt").read_text().split()
    print(f"\n{'learner':<9} {'request':<14} {'CPU ms median':>13} {'p99':>7} {'queries':>7}")
    for group, name in (("ordinary", "bench-learner-7"), ("heavy", "bench-heavy-3")):
        client = Client(SERVER_NAME="127.0.0.1")
        client.force_login(get_user_model().objects.get(username=name))
        for label, (method, path) in PAGES.items():
            costs = []
            for n in range(60):
                started = time.process_time()
                assert send(client, method, path, words[n]).status_code in (200, 201)
                costs.append((time.process_time() - started) * 1000)
            with CaptureQueriesContext(connection) as queries:
                send(client, method, path, words[60])
            costs = sorted(costs[10:])  # the first requests warm caches
            p99 = costs[int(len(costs) * 0.99) - 1]
            print(f"{group:<9} {label:<14} {statistics.median(costs):>13.1f} {p99:>7.1f} "
                  f"{len(queries):>7}")  # fmt: skip
    return 0


def send(client, method: str, path: str, word: str):
    """One request of the test client; a POST adds `word`."""
    if method == "POST":
        body = {"word": word, "context": f"We read about {word} today."}
        return client.post(path, body, content_type="application/json")
    return client.get(path)


# -- data, made in a child process with Django set up ---------------------------------------


def populate(args) -> int:
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    data = Path(os.environ["YINGDU_DATA_DIR"])
    if not users.filter(username="bench-learner-0").exists():
        fill(args)
    write_sessions(data, args)
    write_words(data)
    return 0


def fill(args) -> None:
    import datetime as dt
    import random

    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from yingdu.lexicon import BANDS
    from yingdu.notebook.models import Card, Day, Sentence

    now, rng = timezone.now(), random.Random(12)
    people = [(f"bench-learner-{n}", args.cards) for n in range(args.learners)]
    people += [(f"bench-heavy-{n}", args.heavy_cards) for n in range(args.heavy)]
    User = get_user_model()  # noqa: N806
    User.objects.bulk_create([User(username=name, password="!") for name, _ in people], 1000)
    ids = dict(User.objects.filter(username__startswith="bench-").values_list("username", "id"))
    for done, (name, count) in enumerate(people):
        cards = []
        for n in range(count):
            due_today = rng.random() < 0.1
            offset = -rng.uniform(0, 72) if due_today else rng.uniform(30, 24 * 365)
            added = now - dt.timedelta(days=rng.uniform(0, 400))
            cards.append(Card(
                user_id=ids[name], lemma=f"word{n:05d}", pos="n", gloss=f"释义 {n}",
                band=BANDS[n % len(BANDS)], ipa="wɜːd", created_at=added,
                due=now + dt.timedelta(hours=offset), state=2, step=None,
                stability=rng.uniform(1, 100), difficulty=rng.uniform(1, 10),
                last_review=added,
            ))  # fmt: skip
        with transaction.atomic():
            made = Card.objects.bulk_create(cards, batch_size=2000)
            Sentence.objects.bulk_create(
                [Sentence(card_id=c.pk, text=f"We met {c.lemma} in an article today.", start=7,
                          end=7 + len(c.lemma), source_kind="news", source_title="Bench news",
                          created_at=c.created_at) for c in made],
                batch_size=2000,
            )  # fmt: skip
            today = timezone.localdate(now)
            Day.objects.bulk_create([
                Day(user_id=ids[name], day=today - dt.timedelta(days=d), reviews=rng.randint(1, 40),
                    new_words=rng.randint(0, 10))
                for d in range(1, 120) if d < 30 or rng.random() < 0.6
            ])  # fmt: skip
        if done % 100 == 0:
            print(f"  {done}/{len(people)} learners", file=sys.stderr, flush=True)


def write_sessions(data: Path, args) -> None:
    """Sessions for the learners the load uses: 200 ordinary ones and every heavy one."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    groups = {"ordinary": "bench-learner-", "heavy": "bench-heavy-"}
    for group, prefix in groups.items():
        users = get_user_model().objects.filter(username__startswith=prefix).order_by("id")[:200]
        keys, rows = [], []
        for user in users:
            store = SessionStore()
            key = store._get_new_session_key()
            data_ = {"_auth_user_id": str(user.pk), "_auth_user_hash": user.get_session_auth_hash(),
                     "_auth_user_backend": "yingdu.accounts.backends.AccountBackend"}  # fmt: skip
            rows.append(Session(session_key=key, session_data=store.encode(data_),
                                expire_date=timezone.now() + dt.timedelta(days=1)))  # fmt: skip
            keys.append(key)
        Session.objects.bulk_create(rows)
        (data / f"sessions-{group}.txt").write_text("\n".join(keys))


def write_words(data: Path) -> None:
    """Real lexicon words (plain letters) to add during the load."""
    from django.conf import settings

    from yingdu.lexicon import load_lexicon

    lexicon = load_lexicon(settings.LEXICON_PATH)
    words = [w for w in sorted(lexicon.surface) if w.isalpha() and w.isascii() and len(w) > 3]
    step = max(1, len(words) // WORDS_FOR_ADDING)
    (data / "words.txt").write_text("\n".join(words[::step][:WORDS_FOR_ADDING]))


if __name__ == "__main__":
    sys.exit(main())
