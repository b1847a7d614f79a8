"""One task from source to `Parsed` item, as a plain function that worker processes can run:
bulk imports parse pages in a pool while the main process saves (see `parse_many`)."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator

from .document import Parsed, SourceError
from .extract import parse_html, parse_text
from .fetch import Limits
from .sources import Document, Task, load


def parse_document(document: Document, kind: str) -> Parsed:
    if document.is_html:
        return parse_html(document.content, document.source, kind=kind, url=document.url)
    return parse_text(document.content, document.source, kind=kind)


def process(task: Task, kind: str, limits: Limits) -> tuple[str, object]:
    """("parsed", Parsed), ("tasks", [Task]) for a feed, or ("error", message)."""
    try:
        loaded = load(task, limits)
        if isinstance(loaded, list):
            return "tasks", loaded
        return "parsed", parse_document(loaded, kind)
    except SourceError as exc:
        return "error", str(exc)
    except Exception as exc:  # never abort a batch for one source
        return "error", f"unexpected error: {exc!r}"[:300]


def parse_many(
    tasks: list[Task], kind: str, limits: Limits, jobs: int = 1, more=None
) -> Iterator[tuple[Task, str, object]]:
    """(task, status, value) for every task and feed entry, in order; with jobs > 1 the
    loading and parsing run in that many worker processes (spawned: no Django, no
    database connection in them), a window of tasks ahead of the consumer."""
    queue = deque(tasks)
    if jobs <= 1:
        while queue:
            task = queue.popleft()
            status, value = process(task, kind, limits)
            if status == "tasks":
                queue.extendleft(reversed(value))
                if more:
                    more(len(value) - 1)
                continue
            yield task, status, value
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs) as pool:
        window: deque = deque()
        while queue or window:
            while queue and len(window) < jobs * 4:
                task = queue.popleft()
                window.append((task, pool.apply_async(process, (task, kind, limits))))
            task, pending = window.popleft()
            status, value = pending.get()
            if status == "tasks":  # a feed: its entries go first among what is not sent yet
                queue.extendleft(reversed(value))
                if more:
                    more(len(value) - 1)
                continue
            yield task, status, value
