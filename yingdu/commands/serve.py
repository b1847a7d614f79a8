"""`yingdu serve`: gunicorn when DEBUG is off, Django's runserver when on."""

import argparse
import os
import sys
from pathlib import Path

from yingdu import config


def register(subparsers) -> None:
    settings = config.load()
    serve = subparsers.add_parser("serve", help="serve the site")
    serve.add_argument("--host", default=settings.host)
    serve.add_argument("--port", default=str(settings.port))
    serve.add_argument("--workers", type=int, default=settings.web_concurrency)
    serve.add_argument("--threads", type=int, default=settings.threads)
    serve.add_argument(
        "--worker-class", choices=config.WORKER_CLASSES, default=settings.worker_class
    )
    serve.add_argument(
        "--preload",
        action=argparse.BooleanOptionalAction,
        default=settings.preload,
        help="load the site once in the master and share it with the workers",
    )
    serve.add_argument("--graceful-timeout", type=float, default=settings.graceful_timeout)
    serve.add_argument(
        "--keep-alive",
        type=float,
        default=settings.keepalive,
        help="seconds an idle client connection is kept open (above the proxy's)",
    )
    serve.set_defaults(func=cmd_serve, needs_django=True)


# gthread with a quick stop that cannot deadlock (yingdu/gunicorn_hooks.py).
WORKER_CLASS_PATHS = {"gthread": "yingdu.gunicorn_hooks.ThreadWorker"}

# A memory-backed folder for the workers' heartbeat files (below).
MEMORY_FOLDER = Path("/dev/shm")


def heartbeat_folder() -> list[str]:
    """gunicorn's option for the folder of the heartbeat file each worker touches on every
    turn of its loop, the loop that hands kept-alive connections to the threads. In the
    default temporary folder on a disk, a touch can wait for the filesystem's journal and
    hold that loop: 5–12 ms stalls measured under load (docs/deploy.md; gunicorn's docs,
    worker_tmp_dir). Memory-backed where the machine has /dev/shm."""
    usable = MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK | os.X_OK)
    return ["--worker-tmp-dir", str(MEMORY_FOLDER)] if usable else []


def default_workers(worker_class: str, cores: int | None = None) -> int:
    """Workers when WEB_CONCURRENCY is unset. Threaded workers: one per core and one more,
    16 threads each, keep every core busy (bench/bench_pages.py: about the throughput of
    2 × cores + 1 on 2 cores), and each process costs memory (docs/operators.md: memory).
    Sync workers answer one request each at a time: gunicorn's 2 × cores + 1."""
    cores = cores or os.cpu_count() or 1
    return cores + 1 if worker_class == "gthread" else cores * 2 + 1


def gunicorn_argv(
    host: str,
    port: str,
    workers: int,
    threads: int,
    worker_class: str = "gthread",
    preload: bool | None = None,
    graceful_timeout: float | None = None,
    keepalive: float | None = None,
) -> list[str]:
    """gunicorn's command line. Threaded workers (gthread, the default): a client that sends
    its request slowly holds one thread, not a whole worker, and idle connections wait in the
    poller. Sync workers (one request at a time each) answer with a lower p99 when every
    worker is busy, because requests then wait in the one kernel queue rather than inside a
    worker, but a slow client holds a whole worker: only behind a buffering proxy
    (docs/operators.md). gunicorn reads FORWARDED_ALLOW_IPS itself (the proxies whose
    X-Forwarded-Proto it trusts).

    The keep-alive (YINGDU_KEEPALIVE, 5 s) stays well above a proxy's idle timeout for its
    kept connections (docs/deploy.md: nginx's 1 s): the side that closes an idle connection
    must be the one that sends on it, or a request sent as the server closes the connection
    is lost (a reset, which nginx does not retry for a POST). With gunicorn's 2 s, a client
    running a second late met it (docs/deploy.md: sizing)."""
    settings = config.load()
    preload = settings.preload if preload is None else preload
    graceful_timeout = settings.graceful_timeout if graceful_timeout is None else graceful_timeout
    keepalive = settings.keepalive if keepalive is None else keepalive
    threaded = worker_class == "gthread"
    return [
        sys.executable, "-m", "gunicorn", "yingdu.wsgi",
        "--config", "python:yingdu.gunicorn_hooks",  # fork and exit hooks
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--worker-class", WORKER_CLASS_PATHS.get(worker_class, worker_class),
        "--threads", str(threads if threaded else 1),
        "--graceful-timeout", f"{graceful_timeout:g}",
        "--keep-alive", f"{keepalive:g}",
        "--no-control-socket",  # unused; one per user, so servers on a machine share it
        "--access-logfile", "-",
        "--forwarded-allow-ips", settings.forwarded_allow_ips,
        *heartbeat_folder(),
        *(["--preload"] if preload else []),
    ]  # fmt: skip


def static_sources_digest() -> str:
    """A digest of every static source file's path, size and mtime."""
    import hashlib

    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256()
    for finder in get_finders():
        for path, storage in finder.list(["CVS", ".*", "*~"]):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static_if_changed() -> None:
    """collectstatic (hashing and compressing, ~30 s) only when a source file changed."""
    from django.conf import settings
    from django.core.management import call_command

    stamp = Path(settings.STATIC_ROOT) / ".yingdu-static-digest"
    digest = static_sources_digest()
    if stamp.exists() and stamp.read_text() == digest:
        return
    print("Collecting and compressing static files…", flush=True)
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(digest)


def postgresql_connection_room() -> tuple[int, int] | None:
    """PostgreSQL's max_connections less its superuser reserve, and the connections open
    now; None on SQLite or when the database does not answer (the server starts anyway).
    A connection of its own, closed at once: nothing of it may reach gunicorn."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    import psycopg

    try:
        params = {**connection.get_connection_params(), "connect_timeout": 5}
        with psycopg.connect(**params) as check:
            return check.execute(
                "SELECT current_setting('max_connections')::int"
                " - current_setting('superuser_reserved_connections')::int,"
                " (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"
                "  AND pid <> pg_backend_pid())"
            ).fetchone()
    except psycopg.Error:  # unreachable now: the workers will say so on their first request
        return None


def report_database_connections(workers: int, threads: int) -> None:
    """Say how many PostgreSQL connections this server may hold, and warn when they do not
    fit in what the database has left (every other server and worker counts too)."""
    room = postgresql_connection_room()
    if room is None:
        return
    allowed, in_use = room
    settings = config.load()
    budget = settings.db_connections
    most = config.server_connections(workers, threads, budget)
    if budget:
        pooled = f"a pool of {config.worker_pool_size(budget, workers, threads)} per worker"
    else:
        pooled = "one per thread, no pool"
    print(f"PostgreSQL: this server holds at most {most} connections ({pooled}); "
          f"max_connections allows {allowed}, {in_use} in use now", flush=True)  # fmt: skip
    if most > allowed - in_use:
        print(
            f'Warning: PostgreSQL may refuse connections under load ("too many clients"): '
            f"this server may need {most} and only {allowed - in_use} are free. Lower "
            f"YINGDU_DB_CONNECTIONS, or raise max_connections "
            f"(docs/deploy.md: PostgreSQL).",
            file=sys.stderr,
            flush=True,
        )


def worker_pool_environment(workers: int, threads: int) -> dict[str, str]:
    """What gives each worker its share of YINGDU_DB_CONNECTIONS as its pool: the workers
    read it from the environment gunicorn inherits (the benchmarks start gunicorn so too)."""
    budget = config.load().db_connections
    if not budget:
        return {}
    return {"YINGDU_DB_POOL_SIZE": str(config.worker_pool_size(budget, workers, threads))}


def cmd_serve(args) -> int:
    from django.conf import settings
    from django.core.management import call_command

    host, port = args.host, args.port
    if settings.DEBUG:
        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return 0
    collect_static_if_changed()
    workers = args.workers or default_workers(args.worker_class)
    threads = args.threads if args.worker_class == "gthread" else 1
    print(
        f"Yingdu serving on http://{host}:{port}/ with {workers} gunicorn {args.worker_class}"
        f" workers × {threads} threads",
        flush=True,
    )
    report_database_connections(workers, threads)
    os.environ.update(worker_pool_environment(workers, threads))
    argv = gunicorn_argv(host, port, workers, threads, args.worker_class, args.preload,
                         args.graceful_timeout, args.keep_alive)  # fmt: skip
    os.execv(argv[0], argv)
    return 0  # not reached
