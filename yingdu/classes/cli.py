"""`yingdu classes purge [--dry-run]`: what the privacy rules of classes ask for, run daily
by the operator (cron or a systemd timer). Classes of a school year that has ended are
archived; archived classes older than CLASS_RECORDS_DAYS (YINGDU_CLASS_RECORDS_DAYS) are
deleted with their members, assignments and every student's reading records."""

import sys


def register(subparsers) -> None:
    classes = subparsers.add_parser("classes", help="classes (班级): delete expired records")
    sub = classes.add_subparsers(dest="classes_command", required=True)
    purge = sub.add_parser(
        "purge", help="archive classes of past school years, delete expired archived classes"
    )
    purge.add_argument("--dry-run", action="store_true", help="count, change nothing")
    purge.set_defaults(func=cmd_purge, needs_django=True)


def cmd_purge(args) -> int:
    from .retention import purge

    archived, deleted = purge(dry_run=args.dry_run)
    verb = "would be" if args.dry_run else "were"
    print(f"{archived} classes of past school years {verb} archived; "
          f"{deleted} expired archived classes {verb} deleted with their records")  # fmt: skip
    sys.stdout.flush()
    return 0
