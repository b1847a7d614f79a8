"""The `yingdu` command: every operator task in one place.

yingdu migrate            create or upgrade the database (and the data folder)
yingdu demo               load the demo content once (idempotent)
yingdu serve              gunicorn when DEBUG is off, Django's runserver when on
yingdu manage ARGS...     any Django management command
yingdu lexicon build|show, yingdu annotate   (reading aids)
"""

import argparse
import os
import secrets
import sys
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = "8000"


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


def gunicorn_argv(host: str, port: str, workers: int) -> list[str]:
    return [
        sys.executable, "-m", "gunicorn", "yingdu.wsgi",
        "--bind", f"{host}:{port}",
        "--workers", str(workers),
        "--access-logfile", "-",
        "--forwarded-allow-ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"),
    ]  # fmt: skip


def cmd_serve(args) -> int:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    host, port = args.host, args.port
    if settings.DEBUG:
        call_command("runserver", f"{host}:{port}", use_reloader=False)
        return 0
    call_command("collectstatic", interactive=False, verbosity=0)
    workers = args.workers or (os.cpu_count() or 1) * 2 + 1
    print(f"Yingdu serving on http://{host}:{port}/ with {workers} gunicorn workers", flush=True)
    argv = gunicorn_argv(host, port, workers)
    os.execv(argv[0], argv)
    return 0  # not reached


def cmd_manage(args) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yingdu manage", *args.rest])
    return 0


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
    serve.set_defaults(func=cmd_serve)

    manage = sub.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)

    register_feature_commands(sub)
    return parser


def register_feature_commands(sub) -> None:
    """Feature packages add their own subcommands (lexicon, annotate, …)."""
    try:
        from yingdu.lexicon import cli as lexicon_cli
    except ImportError:
        return
    lexicon_cli.register(sub)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
