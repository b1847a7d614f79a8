"""`yingdu import SOURCE... [--kind K] [--publish] [--dry-run] [--json] [--jobs N]`.

A progress bar on standard error while it runs and a summary table at the end (created,
duplicate, error, with reasons). With --json, one JSON object per source item on standard
output, one per line. Exit code 0, or 1 when any source failed; 130 when interrupted."""

from __future__ import annotations

import argparse
import json
import os
import sys


def register(subparsers) -> None:
    """Add the ``import`` command to the ``yingdu`` sub-parsers."""
    cmd = subparsers.add_parser(
        "import", help="import web pages, feeds or pasted text as draft items"
    )
    cmd.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="HTML file, folder, http(s) URL, RSS/Atom feed (URL or file), or - for stdin",
    )
    cmd.add_argument(
        "--kind",
        default="auto",
        metavar="KIND",
        help="auto (detect from the page, the default) or an importable content kind; "
        "an unknown kind is refused with the list",
    )
    cmd.add_argument("--publish", action="store_true", help="publish instead of saving drafts")
    cmd.add_argument("--dry-run", action="store_true", help="parse and print, save nothing")
    cmd.add_argument("--json", action="store_true", help="one JSON object per item")
    cmd.add_argument(
        "--jobs",
        type=int,
        default=0,
        help="worker processes that load and parse pages while this one saves "
        f"(default: one per core for more than {PARALLEL_FROM} sources, else 1)",
    )
    cmd.set_defaults(func=cmd_import, needs_django=True)


PARALLEL_FROM = 20  # fewer sources are not worth starting worker processes


def jobs_for(args, tasks) -> int:
    if args.jobs:
        return max(1, args.jobs)
    return (os.cpu_count() or 1) if len(tasks) > PARALLEL_FROM else 1


def _read_stdin() -> str:
    data = sys.stdin.buffer.read()
    from yingdu.importparse.decode import decode_bytes

    return decode_bytes(data) if data else ""


def cmd_import(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from yingdu.core import kinds
    from yingdu.importparse.sources import plan

    from .service import AUTO, ERROR, Importer, batched_page_cache

    err = Console(stderr=True)
    out = Console(stderr=args.json)  # the summary never mixes with JSON lines
    try:
        kind = args.kind if args.kind == AUTO else kinds.choose(args.kind, kinds.importable()).key
    except kinds.UnknownKind as exc:
        err.print(f"[red]{exc}[/red]", highlight=False)
        return 2
    try:
        tasks = plan(args.sources, _read_stdin)
    except Exception as exc:  # reading standard input (binary data, …)
        err.print(f"[red]cannot read the sources: {exc}[/red]")
        return 2
    importer = Importer(kind=kind, publish=args.publish, dry_run=args.dry_run)
    outcomes = []
    columns = (
        TextColumn("importing"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.description}"),
    )
    interrupted = False
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        job = bar.add_task("", total=len(tasks))

        def more(n: int) -> None:
            bar.update(job, total=bar.tasks[0].total + n)

        try:
            with batched_page_cache() as one_saved:
                for outcome in importer.run(tasks, more=more, jobs=jobs_for(args, tasks)):
                    outcomes.append(outcome)
                    if outcome.status == "created":
                        one_saved()
                    bar.update(job, advance=1, description=_short(outcome.source))
                    if args.json:
                        _write_line(outcome.to_json())
                    elif args.dry_run:
                        _print_item(out, outcome)
        except KeyboardInterrupt:
            interrupted = True
    print_summary(out, outcomes, dry_run=args.dry_run, interrupted=interrupted)
    if interrupted:
        return 130
    return 1 if any(o.status == ERROR for o in outcomes) else 0


def _short(source: str, width: int = 50) -> str:
    return source if len(source) <= width else "…" + source[-width + 1 :]


def _write_line(data: dict) -> None:
    sys.stdout.buffer.write(json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n")
    sys.stdout.buffer.flush()


def _print_item(console, outcome) -> None:
    parsed = outcome.parsed
    if parsed is None:
        console.print(f"{outcome.source}: {outcome.error}", style="red", markup=False)
        return
    from rich.markup import escape

    console.rule(escape(f"{outcome.source} [{outcome.status}]"))
    fields = {k: v for k, v in parsed.to_json().items() if v not in (None, [], "")}
    paragraphs = fields.pop("paragraphs", [])
    pairs = fields.pop("pairs", [])
    for key, value in fields.items():
        console.print(f"{key}: {value}", highlight=False, markup=False)
    for paragraph in paragraphs:
        console.print(f"  {paragraph}", highlight=False, markup=False)
    for en, zh in pairs:
        console.print(f"  EN {en}\n  ZH {zh}", highlight=False, markup=False)


def print_summary(console, outcomes, dry_run=False, interrupted=False) -> None:
    from rich.table import Table
    from rich.text import Text

    from .service import summarize

    counts = summarize(outcomes)
    title = "Import (dry run)" if dry_run else "Import"
    if interrupted:
        title += " — interrupted: run again to import the rest"
    table = Table(title=title)
    table.add_column("status")
    table.add_column("count", justify="right")
    for status in ("created", "new", "duplicate", "error"):
        if counts[status] or status in ("created", "duplicate", "error"):
            if status == "created" and dry_run:
                continue
            table.add_row(status, str(counts[status]))
    console.print(table)
    problems = [o for o in outcomes if o.status in ("duplicate", "error")]
    if problems:
        details = Table(title="Not imported")
        details.add_column("source", overflow="fold")
        details.add_column("status")
        details.add_column("reason", overflow="fold")
        for outcome in problems:
            if outcome.status == "duplicate" and outcome.of_source:
                reason = f"{outcome.match} duplicate of {outcome.of_source}"
            elif outcome.status == "duplicate":
                reason = f"{outcome.match} duplicate of {outcome.model} #{outcome.id}"
            else:
                reason = outcome.error
            details.add_row(Text(outcome.source), outcome.status, Text(reason))
        console.print(details)
