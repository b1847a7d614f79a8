"""`yingdu worker`: run background jobs (imports started in the admin) until stopped."""


def register(subparsers) -> None:
    worker = subparsers.add_parser(
        "worker", help="run background jobs (admin imports) until stopped"
    )
    worker.add_argument("--batch", action="store_true", help="run what is queued, then exit")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls")
    worker.add_argument("-v", "--verbosity", type=int, default=1)
    worker.set_defaults(func=cmd_worker, needs_django=True)


def cmd_worker(args) -> int:
    """Run the jobs queued in the database (django-tasks-db's worker) until stopped, or
    until the queue is empty with --batch."""
    from django.core.management import call_command

    call_command(
        "db_worker", batch=args.batch, interval=args.interval, reload=False,
        verbosity=args.verbosity,
    )  # fmt: skip
    return 0
