"""SOURCE arguments -> import tasks: HTML files, folders of them, http(s) URLs, RSS/Atom
feeds (a URL or a file: each entry's page becomes a task) and ``-`` for standard input.

A task is loaded into a `Document` (decoded text, HTML or plain) or, for a feed, into the
tasks of its entries. Everything that goes wrong is a `SourceError` for that task alone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .decode import decode_bytes
from .document import SourceError
from .fetch import (
    FEED_TYPES,
    TEXT_TYPES,
    Limits,
    check_url,
    fetch,
    media_type,
)

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
TEXT_SUFFIXES = {".txt", ".text"}
FEED_HEAD = re.compile(rb"<(rss|feed|rdf:RDF)\b", re.I)


@dataclass
class Task:
    source: str  # as shown to the editor: a path, a URL, "-" or "feed … entry n"
    kind: str  # "file", "url", "text" or "error"
    location: str = ""  # the path or URL
    text: str = ""  # the text read from standard input
    error: str = ""  # why a task (a broken feed entry, a missing file) cannot be imported


@dataclass
class Document:
    source: str
    content: str
    is_html: bool
    url: str | None = None


def plan(sources: list[str], read_stdin=None) -> list[Task]:
    """Tasks for the SOURCE arguments, folders expanded (sorted, recursively)."""
    tasks: list[Task] = []
    for source in sources:
        if source == "-":
            text = read_stdin() if read_stdin else ""
            tasks.append(Task("-", "text", text=text))
        elif source.startswith(("http://", "https://")):
            tasks.append(Task(source, "url", location=source))
        elif "://" in source:
            tasks.append(Task(source, "error", error="only http and https URLs can be imported"))
        else:
            tasks.extend(_path_tasks(source))
    return tasks


def _path_tasks(source: str) -> list[Task]:
    path = Path(source)
    if path.is_dir():
        files = sorted(
            p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in HTML_SUFFIXES
        )
        if not files:
            return [Task(source, "error", error="no HTML files in this folder")]
        return [Task(str(p), "file", location=str(p)) for p in files]
    if path.is_file():
        return [Task(source, "file", location=source)]
    return [Task(source, "error", error="no such file, folder or URL")]


def read_file(path: str, limits: Limits) -> bytes:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > limits.max_bytes:
            raise SourceError(f"larger than the {limits.max_bytes / 2**20:g} MB limit")
        return file.read_bytes()
    except FileNotFoundError as exc:
        raise SourceError("no such file") from exc
    except IsADirectoryError as exc:
        raise SourceError("a folder, not a file") from exc
    except OSError as exc:
        raise SourceError(f"cannot read the file: {exc.strerror or exc}") from exc


def looks_like_feed(data: bytes, content_type: str = "", path: str = "") -> bool:
    kind = media_type(content_type)
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"<html" in head.lower():
        return False
    if kind in FEED_TYPES or Path(path).suffix.lower() in FEED_SUFFIXES:
        return True
    return bool(FEED_HEAD.search(head))


def load(task: Task, limits: Limits | None = None) -> Document | list[Task]:
    """The document of a task, or the tasks of a feed's entries."""
    limits = limits or Limits()
    if task.kind == "error":
        raise SourceError(task.error)
    if task.kind == "text":
        return Document(task.source, task.text, is_html=False)
    if task.kind == "url":
        fetched = fetch(task.location, limits)
        data, content_type, base = fetched.data, fetched.content_type, fetched.url
        path = urlsplit(base).path
    else:
        data, content_type, base = read_file(task.location, limits), "", task.location
        path = task.location
    if not data.strip():
        raise SourceError("empty page")
    if looks_like_feed(data, content_type, path):
        return feed_tasks(data, base, task.source, remote=task.kind == "url")
    text = decode_bytes(data, content_type)
    is_text = media_type(content_type) in TEXT_TYPES or Path(path).suffix.lower() in TEXT_SUFFIXES
    url = base if task.kind == "url" else None
    return Document(task.source, text, is_html=not is_text, url=url)


def feed_tasks(data: bytes, base: str, source: str, remote: bool) -> list[Task]:
    """One task per entry of an RSS/Atom feed; entries without a usable link become error
    tasks, so the rest of the feed still imports."""
    import feedparser

    feed = feedparser.parse(data)
    entries = feed.get("entries") or []
    if not entries:
        if feed.get("bozo"):
            reason = str(feed.get("bozo_exception", "")).strip()[:120]
            raise SourceError(f"not a valid RSS/Atom feed ({reason or 'cannot be parsed'})")
        raise SourceError("the feed has no entries")
    tasks = []
    for n, entry in enumerate(entries, start=1):
        title = (entry.get("title") or "").strip()
        label = f"{source} entry {n}" + (f" ({title[:40]})" if title else "")
        link = (entry.get("link") or "").strip()
        if not link:
            tasks.append(Task(label, "error", error="the feed entry has no link"))
            continue
        tasks.append(_entry_task(label, link, base, remote))
    return tasks


def _entry_task(label: str, link: str, base: str, remote: bool) -> Task:
    scheme = urlsplit(link).scheme.lower()
    if scheme and scheme not in ("http", "https"):
        return Task(label, "error", error=f"the feed entry has no page link ({link[:80]})")
    if remote or scheme:
        url = urljoin(base, link) if remote else link
        try:
            check_url(url)
        except SourceError as exc:
            return Task(label, "error", error=str(exc))
        return Task(url, "url", location=url)
    path = Path(base).parent / link
    return Task(str(path), "file", location=str(path))
