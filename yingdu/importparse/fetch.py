"""Real HTTP for URL sources: timeouts (per read and for the whole source), a size cap, a
content-type check and a redirect limit with loop detection. Every failure is a
`SourceError` whose message says what went wrong with that source."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from yingdu import config

from .document import SourceError

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml",
}  # fmt: skip
TEXT_TYPES = {"text/plain"}
ACCEPTED_TYPES = HTML_TYPES | FEED_TYPES | TEXT_TYPES
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """How far an import goes for one source (YINGDU_IMPORT_* in yingdu/config.py)."""

    timeout: float  # seconds: connect, each read, and the whole download
    max_bytes: int
    max_redirects: int
    user_agent: str = "Yingdu-importer/1.0"


def configured_limits() -> Limits:
    """The limits the environment sets (see yingdu/config.py)."""
    settings = config.load()
    return Limits(
        timeout=settings.import_timeout_seconds,
        max_bytes=settings.import_max_bytes,
        max_redirects=settings.import_max_redirects,
    )


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # "text/html; charset=gbk" as sent


def media_type(content_type: str) -> str:
    return (content_type or "").split(";")[0].strip().lower()


_pool = None


def _pool_manager():
    global _pool
    if _pool is None:
        import urllib3

        _pool = urllib3.PoolManager(num_pools=20, maxsize=4)
    return _pool


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SourceError(f"not an http(s) URL: {url}")


def fetch(url: str, limits: Limits | None = None) -> Fetched:
    """GET a page or feed, following at most `max_redirects` redirects."""
    import urllib3

    limits = limits or configured_limits()
    deadline = time.monotonic() + limits.timeout
    timeout = urllib3.Timeout(connect=limits.timeout, read=limits.timeout)
    headers = {"User-Agent": limits.user_agent, "Accept": "text/html,application/xhtml+xml,*/*"}
    visited: set[str] = set()
    current = url
    for _hop in range(limits.max_redirects + 1):
        check_url(current)
        visited.add(current)
        try:
            response = _pool_manager().request(
                "GET", current, headers=headers, timeout=timeout, retries=False,
                redirect=False, preload_content=False,
            )  # fmt: skip
        except urllib3.exceptions.TimeoutError as exc:
            raise SourceError(f"timed out after {limits.timeout:g} s") from exc
        except urllib3.exceptions.HTTPError as exc:
            raise SourceError(f"cannot connect: {_reason(exc)}") from exc
        try:
            if response.status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise SourceError(f"HTTP {response.status} redirect without a Location")
                target = urljoin(current, location)
                if target in visited:
                    raise SourceError(f"redirect loop ({target} again)")
                current = target
                continue
            if response.status >= 400:
                raise SourceError(f"HTTP {response.status} {response.reason or ''}".strip())
            content_type = response.headers.get("Content-Type", "")
            kind = media_type(content_type)
            if kind and kind not in ACCEPTED_TYPES:
                raise SourceError(f"not a web page or feed (content type {kind})")
            data = _read_capped(response, limits, deadline)
            return Fetched(current, data, content_type)
        finally:
            response.release_conn()
    raise SourceError(f"more than {limits.max_redirects} redirects")


def _read_capped(response, limits: Limits, deadline: float) -> bytes:
    import urllib3

    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise SourceError(f"larger than the {_mb(limits.max_bytes)} limit")
    chunks, size = [], 0
    try:
        while True:
            chunk = response.read(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise SourceError(f"larger than the {_mb(limits.max_bytes)} limit")
            if time.monotonic() > deadline:
                raise SourceError(f"timed out after {limits.timeout:g} s (download too slow)")
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError as exc:
        raise SourceError(f"timed out after {limits.timeout:g} s") from exc
    except urllib3.exceptions.HTTPError as exc:
        raise SourceError(f"the download broke off: {_reason(exc)}") from exc
    return b"".join(chunks)


def _mb(size: int) -> str:
    return f"{size / 2**20:g} MB"


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason).split(": ", 1)[-1][:200]
