"""`yingdu backup FILE` and `yingdu restore FILE`: the whole site in one archive, made while
it serves, and restored into a new data folder (docs/operators.md)."""

from pathlib import Path


def register(subparsers) -> None:
    backup = subparsers.add_parser(
        "backup", help="copy the database, media files, lexicon and key into one archive"
    )
    backup.add_argument("file", type=Path, help="the new archive (.tar, or .tar.gz compressed)")
    backup.set_defaults(func=cmd_backup, needs_django=True)

    restore = subparsers.add_parser(
        "restore", help="restore an archive from `yingdu backup` into a new, empty site"
    )
    restore.add_argument("file", type=Path)
    restore.set_defaults(func=cmd_restore)


def progress_bar():
    """A rich progress bar per stage and the callback that drives it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    tasks = {}

    def advance(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, advance


def cmd_backup(args) -> int:
    import time

    from rich.console import Console

    from yingdu.backup.archive import BackupError
    from yingdu.backup.service import backup

    console, started = Console(stderr=True, soft_wrap=True), time.monotonic()
    bar, advance = progress_bar()
    try:
        with bar:
            manifest = backup(args.file.resolve(), advance)
    except BackupError as error:
        console.print(f"[red]yingdu backup: {error}[/red]")
        return 1
    rows = sum(manifest["database"]["tables"].values())
    size = args.file.stat().st_size
    console.print(
        f"Backed up {rows:,} rows in {len(manifest['database']['tables'])} tables "
        f"({manifest['database']['vendor']}), {manifest['media']:,} media files to "
        f"{args.file} ({size / 2**20:,.1f} MB) in {time.monotonic() - started:.1f} s."
    )
    return 0


def cmd_restore(args) -> int:
    import shutil
    import time

    from rich.console import Console

    from yingdu import config
    from yingdu.backup.archive import BackupError
    from yingdu.backup.service import restore, unpack
    from yingdu.commands.runtime import setup_django

    console, started = Console(stderr=True, soft_wrap=True), time.monotonic()
    try:
        work, manifest = unpack(args.file.resolve(), config.load())
    except BackupError as error:
        console.print(f"[red]yingdu restore: {error}[/red]")
        return 1
    try:
        setup_django()
        bar, advance = progress_bar()
        with bar:
            differences = restore(work, manifest, advance)
    except BackupError as error:
        console.print(f"[red]yingdu restore: {error}[/red]")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for table, (expected, found) in differences.items():
        console.print(f"[red]{table}: {found} rows, the backup had {expected}[/red]")
    if differences:
        return 1
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)  # a backup from an older version
    console.print(
        f"Restored {sum(manifest['database']['tables'].values()):,} rows (every table's count "
        f"checked) and {manifest['media']:,} media files (each checksum checked) from "
        f"{args.file}, made {manifest['created']}, in {time.monotonic() - started:.1f} s."
    )
    return 0
