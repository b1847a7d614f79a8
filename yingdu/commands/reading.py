"""`yingdu reading refresh`: re-annotate every item with the current lexicon (here, or with
--in-background as a background job that also rebuilds the search index)."""


def register(subparsers) -> None:
    reading = subparsers.add_parser("reading", help="reading aids stored on items")
    reading_sub = reading.add_subparsers(dest="reading_command", required=True)
    refresh = reading_sub.add_parser("refresh", help="re-annotate every item")
    refresh.add_argument(
        "--in-background", action="store_true",
        help="queue it, and the search reindex, as a background job (`yingdu worker` runs it)",
    )  # fmt: skip
    refresh.set_defaults(func=cmd_reading_refresh, needs_django=True)


def queue_relexicon() -> int:
    """Queue the re-annotation and reindex as a job; print its id."""
    from yingdu.search.jobs import queue

    job = queue()
    print(
        f"Queued background job #{job.pk}: re-annotate items, rebuild the search index "
        "(`yingdu worker` runs it; `yingdu jobs list` shows how it went)."
    )
    return 0


def cmd_reading_refresh(args=None) -> int:
    """Re-annotate every item with the current lexicon, with a progress bar."""
    if args is not None and args.in_background:
        return queue_relexicon()
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
