"""`yingdu search QUERY…` from the shell, or `yingdu search --reindex`."""

import json
import sys


def register(subparsers) -> None:
    search = subparsers.add_parser("search", help="search the site, or rebuild the search index")
    search.add_argument("query", nargs="*")
    search.add_argument(
        "--kind", metavar="KIND", help="only this content kind (an unknown kind lists them)"
    )
    search.add_argument("--page", type=int, default=1)
    search.add_argument("--json", action="store_true")
    search.add_argument("--reindex", action="store_true", help="rebuild the whole index")
    search.set_defaults(func=cmd_search, needs_django=True)


def cmd_search(args) -> int:
    """Ranked hits for a query, or `--reindex` to rebuild the whole index."""
    from rich.console import Console

    console = Console()
    if args.reindex:
        return reindex_all(console)
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


def reindex_all(console=None) -> int:
    """Rebuild the whole search index with a progress bar, then say how many entries."""
    from rich.console import Console
    from rich.progress import Progress

    from yingdu.search.indexing import count_items, reindex
    from yingdu.search.models import SearchEntry

    console = console or Console()
    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("indexing", total=count_items())
        done = reindex(progress=lambda n: bar.update(task, completed=n))
    console.print(f"Indexed {done} items: {SearchEntry.objects.count()} published entries.")
    return 0
