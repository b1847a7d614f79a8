"""`yingdu migrate`, `yingdu demo` and `yingdu manage ARGS…`."""

import argparse


def register(subparsers) -> None:
    """`migrate` and `demo` (`manage` comes after `serve` in the help: `register_manage`)."""
    migrate = subparsers.add_parser("migrate", help="create or upgrade the database")
    migrate.add_argument("-v", "--verbosity", type=int, default=1)
    migrate.set_defaults(func=cmd_migrate, needs_django=True)

    demo = subparsers.add_parser("demo", help="load the demo content (idempotent)")
    demo.set_defaults(func=cmd_demo, needs_django=True)


def register_manage(subparsers) -> None:
    manage = subparsers.add_parser("manage", help="run a Django management command")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage, needs_django=True)


def cmd_migrate(args) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=args.verbosity)
    return 0


def cmd_demo(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from yingdu.demo.loader import load_demo

    summary = load_demo()
    table = Table(title="Demo content")
    table.add_column("kind")
    table.add_column("created", justify="right")
    table.add_column("already there", justify="right")
    for kind, (created, existing) in summary.items():
        table.add_row(kind, str(created), str(existing))
    Console().print(table)
    return 0


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["yingdu manage", *args.rest])
    return 0
