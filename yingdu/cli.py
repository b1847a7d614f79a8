"""The `yingdu` command: every operator task in one place.

yingdu migrate            create or upgrade the database (and the data folder)
yingdu demo               load the demo content once (idempotent)
yingdu serve              gunicorn when DEBUG is off, Django's runserver when on
yingdu manage ARGS...     any Django management command
yingdu lexicon build|show, yingdu annotate   (reading aids)
yingdu reading refresh    re-annotate every item (done after each lexicon build)
yingdu search QUERY|--reindex   search from the shell, or rebuild the search index
yingdu import SOURCE...    web pages, feeds, pasted text -> draft items
yingdu worker             run background jobs (imports started in the admin) until stopped
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

from yingdu.imports import cli as imports_cli
from yingdu.lexicon import cli as lexicon_cli

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = "8000"
DEFAULT_THREADS = 16  # per gunicorn worker


def data_dir() -> Path:
    return Path(os.environ.get("YINGDU_DATA_DIR", "var")).resolve()


def ensure_secret_key() -> None:
    """Write a random key once into the data folder unless SECRET_KEY is set."""
    if os.environ.get("SECRET_KEY"):
        return
    key_file = data_dir() / "secret_key"
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingdu.settings")
    ensure_secret_key()
    import django

    django.setup()


def cmd_migrate(args) -> int:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=args.verbosity)
    return 0


def cmd_demo(args) -> int:
    setup_django()
    from yingdu.demo.loader import load_demo

    summary = load_demo()
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Demo content")
    table.add_column("kind")
    table.add_column("created", justify="right")
    table.add_column("already there", justify="right")
    for kind, (created, existing) in summary.items():
        table.add_row(kind, str(created), str(existing))
    Console().print(table)
    return 0


def gunicorn_argv(host: str, port: str, workers: int, threads: int) -> list[str]:
    """gunicorn with threaded workers (gthread): a client that sends its request slowly holds
    one thread, not a whole worker, and idle connections wait in the poller. A buffering
    proxy in front (docs/operators.md) keeps slow clients away altogether. gunicorn reads
    FORWARDED_ALLOW_IPS itself (the proxies whose X-Forwarded-Proto it trusts)."""
    return [
        sys.executable, "-m", "gunicorn", "yingdu.wsgi",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--worker-class", "gthread",
        "--threads", str(threads),
        "--access-logfile", "-",
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


def cmd_serve(args) -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    host, port = args.host, args.port
    if settings.DEBUG:
        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return 0
    collect_static_if_changed()
    workers = args.workers or (os.cpu_count() or 1) * 2 + 1
    threads = args.threads
    print(
        f"Yingdu serving on http://{host}:{port}/ with {workers} gunicorn workers"
        f" × {threads} threads",
        flush=True,
    )
    argv = gunicorn_argv(host, port, workers, threads)
    os.execv(argv[0], argv)
    return 0  # not reached


def cmd_manage(args) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yingdu manage", *args.rest])
    return 0


def cmd_reading_refresh(args) -> int:
    """Re-annotate every item with the current lexicon, with a progress bar."""
    setup_django()
    from rich.console import Console
    from rich.progress import Progress

    from yingdu.aids.service import count_items, current_lexicon, refresh_all

    console = Console(stderr=True)
    if current_lexicon() is None:
        console.print("[yellow]No lexicon yet: run `yingdu lexicon build` first.[/yellow]")
        return 1
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("annotating items", total=count_items())
        done = refresh_all(progress=lambda n: bar.update(task, completed=n))
    console.print(f"Re-annotated {done} items.")
    return 0


def cmd_search(args) -> int:
    """Ranked hits for a query, or `--reindex` to rebuild the whole index."""
    setup_django()
    import json

    from rich.console import Console

    console = Console()
    if args.reindex:
        from rich.progress import Progress

        from yingdu.search.indexing import count_items, reindex

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("indexing", total=count_items())
            done = reindex(progress=lambda n: bar.update(task, completed=n))
        from yingdu.search.models import SearchEntry

        console.print(f"Indexed {done} items: {SearchEntry.objects.count()} published entries.")
        return 0
    if not args.query:
        console.print("[red]Give a query, or --reindex.[/red]")
        return 2
    from yingdu.core import kinds
    from yingdu.search.service import run_search

    try:
        kind = kinds.choose(args.kind, kinds.searchable()).key if args.kind else None
    except kinds.UnknownKind as exc:
        Console(stderr=True).print(f"[red]{exc}[/red]", highlight=False)
        return 2
    found = run_search(" ".join(args.query), {"kind": kind}, args.page)
    if args.json:
        hits = [vars(hit) for hit in found.hits]
        sys.stdout.write(json.dumps({"total": found.total, "hits": hits}, ensure_ascii=False))
        sys.stdout.write("\n")
        return 0
    console.print(f"{found.total} results for “{found.query}”  {found.counts}")
    for hit in found.hits:
        console.print(f"[bold]{hit.title}[/bold]  ({hit.kind}, {hit.score})  {hit.url}")
    return 0


def cmd_worker(args) -> int:
    """Run the jobs queued in the database (django-tasks-db's worker) until stopped, or
    until the queue is empty with --batch."""
    setup_django()
    from django.core.management import call_command

    call_command(
        "db_worker", batch=args.batch, interval=args.interval, reload=False,
        verbosity=args.verbosity,
    )  # fmt: skip
    return 0


def add_worker_command(sub) -> None:
    worker = sub.add_parser("worker", help="run background jobs (admin imports) until stopped")
    worker.add_argument("--batch", action="store_true", help="run what is queued, then exit")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    worker.add_argument("-v", "--verbosity", type=int, default=1)
    worker.set_defaults(func=cmd_worker)


def database_ready() -> bool:
    """True when the database exists and is migrated (so there are items to re-annotate)."""
    setup_django()
    from django.db import connection
    from django.db.utils import Error

    try:
        return "news_newsarticle" in connection.introspection.table_names()
    except Error:
        return False


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yingdu", description="英读 Yingdu operator commands")
    sub = parser.add_subparsers(dest="command", required=True)

    migrate = sub.add_parser("migrate", help="create or upgrade the database")
    migrate.add_argument("-v", "--verbosity", type=int, default=1)
    migrate.set_defaults(func=cmd_migrate)

    sub.add_parser("demo", help="load the demo content (idempotent)").set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="serve the site")
    serve.add_argument("--host", default=os.environ.get("HOST", DEFAULT_HOST))
    serve.add_argument("--port", default=os.environ.get("PORT", DEFAULT_PORT))
    serve.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 0)))
    serve.add_argument(
        "--threads", type=int, default=int(os.environ.get("YINGDU_THREADS", DEFAULT_THREADS))
    )
    serve.set_defaults(func=cmd_serve)

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    reading = sub.add_parser("reading", help="reading aids stored on items")
    reading_sub = reading.add_subparsers(dest="reading_command", required=True)
    reading_sub.add_parser("refresh", help="re-annotate every item").set_defaults(
        func=cmd_reading_refresh
    )

    search = sub.add_parser("search", help="search the site, or rebuild the search index")
    search.add_argument("query", nargs="*")
    search.add_argument(
        "--kind", metavar="KIND", help="only this content kind (an unknown kind lists them)"
    )
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--json", action="store_true")
    search.add_argument("--reindex", action="store_true", help="rebuild the whole index")
    search.set_defaults(func=cmd_search)

    lexicon_cli.register(sub)  # lexicon build|show, annotate
    imports_cli.register(sub)  # import SOURCE…
    add_worker_command(sub)  # worker
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code = args.func(args) or 0
    rebuilt = args.command == "lexicon" and getattr(args, "built", False)
    if code == 0 and rebuilt and database_ready():
        code = cmd_reading_refresh(args)  # annotations follow the new lexicon
        if code == 0:  # so do the search index's lemmas
            code = cmd_search(argparse.Namespace(reindex=True, query=[]))
    return code


if __name__ == "__main__":
    sys.exit(main())
