"""Log-in throttling: after too many failures for one IP address and user name, lock.

Counters live in the default cache (shared through Redis when REDIS_URL is set), keyed by
a hash of IP + lower-cased user name, so a guesser is slowed without locking the real
user out from another address. Defaults: 5 failures → 15 minutes locked
(`LOGIN_MAX_FAILURES`, `LOGIN_LOCK_SECONDS`).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def max_failures() -> int:
    return settings.LOGIN_MAX_FAILURES


def lock_seconds() -> int:
    return settings.LOGIN_LOCK_SECONDS


def _key(ip: str, username: str) -> str:
    raw = f"{ip}|{(username or '').strip().lower()}".encode()
    return "login-failures:" + hashlib.sha256(raw).hexdigest()


def failures(ip: str, username: str) -> int:
    return cache.get(_key(ip, username), 0)


def is_locked(ip: str, username: str) -> bool:
    return failures(ip, username) >= max_failures()


def record_failure(ip: str, username: str) -> int:
    """Count one failure; the window (and, once reached, the lock) lasts lock_seconds."""
    key = _key(ip, username)
    cache.add(key, 0, lock_seconds())
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, lock_seconds())
        count = 1
    if count >= max_failures():
        cache.touch(key, lock_seconds())  # the lock runs from the last failure
    return count


def reset(ip: str, username: str) -> None:
    cache.delete(_key(ip, username))


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"
