"""Redis as a helper the site can do without for a while.

Yingdu uses Redis (REDIS_URL) for the page cache and for rate-limit counters. Neither is the
only copy of anything: when Redis stops answering, the cache behaves as an empty cache
(`FailOpenRedisCache`) and the counters fall back to the database (accounts/ratelimit.py),
so readers keep getting pages, more slowly, and log-in throttling keeps counting. Sessions
live in the database and are never affected.

After a failure a process does not ask that Redis again for `RETRY_SECONDS`: a server that
is down is not asked on every request (on a network, where an unanswered connection
waits for the connect timeout, that would make every page slow). The first success after
an outage is logged, as is the outage itself, once each.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache

log = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
# Seconds to wait for a connection and for an answer: Redis answers in a millisecond, so a
# longer wait means it is gone or overloaded, and the page is better served without it.
CONNECT_TIMEOUT_SECONDS = 0.5
ANSWER_TIMEOUT_SECONDS = 1.0
CLIENT_OPTIONS = {
    "socket_connect_timeout": CONNECT_TIMEOUT_SECONDS,
    "socket_timeout": ANSWER_TIMEOUT_SECONDS,
}

_lock = threading.Lock()
_down_until: dict[str, float] = {}  # Redis URL -> time.monotonic() of the next attempt


def errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "Redis is not usable now"."""
    import redis

    return (redis.exceptions.RedisError, OSError)


def available(url: str) -> bool:
    """False while `url` failed less than RETRY_SECONDS ago."""
    until = _down_until.get(url)
    return until is None or time.monotonic() >= until


def failed(url: str, error: BaseException) -> None:
    with _lock:
        first = url not in _down_until
        _down_until[url] = time.monotonic() + RETRY_SECONDS
    if first:
        log.warning("Redis unreachable (%s): serving without it until it answers", error)


def succeeded(url: str) -> None:
    if url in _down_until:
        with _lock:
            if _down_until.pop(url, None) is not None:
                log.warning("Redis answers again")


def call(url: str, operation, fallback):
    """`operation()`, or `fallback()` when Redis is down or fails on the way."""
    if not available(url):
        return fallback()
    try:
        result = operation()
    except errors() as error:
        failed(url, error)
        return fallback()
    succeeded(url)
    return result


def _fails_open(method: str, fallback):
    """A RedisCache method that answers `fallback(*args)` when Redis is not usable."""
    parent = getattr(RedisCache, method)

    def method_with_fallback(self, *args, **kwargs):
        return call(
            self._yingdu_url,
            lambda: parent(self, *args, **kwargs),
            lambda: fallback(*args, **kwargs),
        )

    method_with_fallback.__name__ = method
    return method_with_fallback


def _no_such_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (Redis unreachable)")


def _default(key, default=None, *args, **kwargs):
    return default


class FailOpenRedisCache(RedisCache):
    """Django's Redis cache that degrades to a miss instead of raising when Redis is
    unreachable: reads find nothing, writes are dropped, `incr` reports a missing key (as
    for any expired key). Configured as the default cache when REDIS_URL is set."""

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**CLIENT_OPTIONS, **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        self._yingdu_url = self._servers[0]

    get = _fails_open("get", _default)
    get_many = _fails_open("get_many", lambda *args, **kwargs: {})
    has_key = _fails_open("has_key", lambda *args, **kwargs: False)
    add = _fails_open("add", lambda *args, **kwargs: False)
    set = _fails_open("set", lambda *args, **kwargs: None)
    set_many = _fails_open("set_many", lambda *args, **kwargs: [])
    touch = _fails_open("touch", lambda *args, **kwargs: False)
    delete = _fails_open("delete", lambda *args, **kwargs: False)
    delete_many = _fails_open("delete_many", lambda *args, **kwargs: None)
    incr = _fails_open("incr", _no_such_key)
    clear = _fails_open("clear", lambda *args, **kwargs: None)
