"""Log-in throttling for every log-in form (site and admin): after too many failures for
one IP address and user name, lock.

Counters live in yingdu.accounts.ratelimit (the database, or Redis when configured), so
every worker process sees them and page caching cannot evict them. They are keyed by a
hash of IP + lower-cased user name, so a guesser is slowed without locking the real user
out from another address. Defaults: 5 failures → 15 minutes locked (`LOGIN_MAX_FAILURES`,
`LOGIN_LOCK_SECONDS`), counted from the last failure.
"""

import hashlib

from django.conf import settings

from . import ratelimit
from .ratelimit import client_ip  # noqa: F401 - the log-in forms' way to name the caller


def max_failures() -> int:
    return settings.LOGIN_MAX_FAILURES


def lock_seconds() -> int:
    return settings.LOGIN_LOCK_SECONDS


def _key(ip: str, username: str) -> str:
    raw = f"{ip}|{(username or '').strip().lower()}".encode()
    return "login:" + hashlib.sha256(raw).hexdigest()[:40]


def failures(ip: str, username: str) -> int:
    return ratelimit.peek(_key(ip, username)).count


def is_locked(ip: str, username: str) -> bool:
    return failures(ip, username) >= max_failures()


def record_failure(ip: str, username: str) -> int:
    """Count one failure; the window (and, once reached, the lock) lasts lock_seconds."""
    key = _key(ip, username)
    count = ratelimit.hit(key, lock_seconds()).count
    if count >= max_failures():
        ratelimit.extend(key, lock_seconds())  # the lock runs from the last failure
    return count


def reset(ip: str, username: str) -> None:
    ratelimit.clear(_key(ip, username))
