"""Rate-limit counters (log-in failures, API calls) that every worker process sees and that
page caching cannot evict.

With RATELIMIT_REDIS_URL (by default REDIS_URL) the counters are plain Redis keys (INCRBY
with a time to live, apart from Django's cache); otherwise they are rows of RateCounter in
the database, expired rows deleted as new counters start (committed without waiting for the
disk: core/quickcommit.py). A counter counts hits until its
window ends; `extend` pushes the end further (a lock that runs from the last failure).

While Redis is unreachable the counters are kept in the database (core/redisguard.py):
log-in throttling keeps counting across processes instead of failing every log-in, and the
API stays limited. Counts made during the outage are not carried back into Redis, so a
client may get up to one extra allowance around an outage.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from yingdu.core import redisguard
from yingdu.core.quickcommit import quick_commit


@dataclass(frozen=True)
class Count:
    count: int
    retry_after: int  # seconds until the window ends; 0 when nothing is counted


NOTHING = Count(0, 0)


def client_ip(request) -> str:
    """The caller's address: REMOTE_ADDR, or the last X-Forwarded-For address when the
    request comes through a trusted proxy (FORWARDED_ALLOW_IPS, as gunicorn trusts it)."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    trusted = settings.FORWARDED_ALLOW_IPS
    if forwarded and (remote in trusted or "*" in trusted):
        return forwarded.split(",")[-1].strip() or remote
    return remote


def _full_key(key: str) -> str:
    return settings.RATELIMIT_KEY_PREFIX + key


def _use_redis() -> bool:
    return bool(settings.RATELIMIT_REDIS_URL)


@cache
def _redis(url: str):
    import redis

    return redis.Redis.from_url(url, **redisguard.CLIENT_OPTIONS)


def _client():
    return _redis(settings.RATELIMIT_REDIS_URL)


def _with_redis(operation, fallback):
    """`operation(client)` on the counters' Redis, or `fallback()` while it is unreachable."""
    url = settings.RATELIMIT_REDIS_URL
    return redisguard.call(url, lambda: operation(_client()), fallback)


def hit(key: str, window_seconds: int, amount: int = 1) -> Count:
    """Add `amount` to the counter (started now for `window_seconds` if there is none)."""
    full_key = _full_key(key)
    if _use_redis():
        return _with_redis(
            lambda client: _redis_hit(client, full_key, window_seconds, amount),
            lambda: _db_hit(full_key, window_seconds, amount),
        )
    return _db_hit(full_key, window_seconds, amount)


def _redis_hit(client, full_key: str, window_seconds: int, amount: int) -> Count:
    pipe = client.pipeline()  # MULTI … EXEC: atomic
    pipe.set(full_key, 0, ex=window_seconds, nx=True)
    pipe.incrby(full_key, amount)
    pipe.ttl(full_key)
    _, count, ttl = pipe.execute()
    return Count(int(count), max(int(ttl), 0))


def _db_hit(full_key: str, window_seconds: int, amount: int) -> Count:
    with quick_commit():
        return _db_count(full_key, window_seconds, amount)


def _db_count(full_key: str, window_seconds: int, amount: int) -> Count:
    from .models import RateCounter

    now = timezone.now()
    counted = _db_add_returning(full_key, amount, now)
    if counted is not None:  # a live counter, counted in one statement
        return counted
    live = RateCounter.objects.filter(key=full_key, expires_at__gt=now)
    if not live.update(count=F("count") + amount):
        try:
            with transaction.atomic():
                RateCounter.objects.filter(key=full_key, expires_at__lte=now).delete()
                RateCounter.objects.create(
                    key=full_key, count=amount, expires_at=now + timedelta(seconds=window_seconds)
                )
        except IntegrityError:  # another process started it first
            live.update(count=F("count") + amount)
        RateCounter.objects.filter(expires_at__lte=now).delete()
    return _db_peek(full_key)


def _db_add_returning(full_key: str, amount: int, now) -> Count | None:
    """Add to a live counter and read it back in one statement (UPDATE … RETURNING, on
    PostgreSQL and SQLite ≥ 3.35), since every API call is counted: None when there is no
    live counter or the database cannot return rows from an UPDATE."""
    from .models import RateCounter

    if not connection.features.can_return_columns_from_insert:  # the same SQLite versions
        return None
    quote, meta = connection.ops.quote_name, RateCounter._meta
    table, count, key, expires = (quote(name) for name in
                                  (meta.db_table, "count", "key", "expires_at"))  # fmt: skip
    sql = (f"UPDATE {table} SET {count} = {count} + %s WHERE {key} = %s AND {expires} > %s "
           f"RETURNING {count}, {expires}")  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, [amount, full_key, connection.ops.adapt_datetimefield_value(now)])
        row = cursor.fetchone()
    if row is None:
        return None
    expires_at = row[1] if isinstance(row[1], datetime) else parse_datetime(row[1])
    if timezone.is_naive(expires_at):  # SQLite keeps UTC without an offset
        expires_at = timezone.make_aware(expires_at, UTC)
    return Count(row[0], max(1, round((expires_at - now).total_seconds())))


def peek(key: str) -> Count:
    full_key = _full_key(key)
    if _use_redis():
        return _with_redis(lambda client: _redis_peek(client, full_key), lambda: _db_peek(full_key))
    return _db_peek(full_key)


def _redis_peek(client, full_key: str) -> Count:
    pipe = client.pipeline()
    pipe.get(full_key)
    pipe.ttl(full_key)
    count, ttl = pipe.execute()
    return Count(int(count), max(int(ttl), 0)) if count is not None else NOTHING


def _db_peek(full_key: str) -> Count:
    from .models import RateCounter

    now = timezone.now()
    row = (
        RateCounter.objects.filter(key=full_key, expires_at__gt=now)
        .values_list("count", "expires_at")
        .first()
    )
    if row is None:
        return NOTHING
    count, expires_at = row
    return Count(count, max(1, round((expires_at - now).total_seconds())))


def extend(key: str, seconds: int) -> None:
    """The counter's window now ends `seconds` from now."""
    full_key = _full_key(key)
    if _use_redis():
        _with_redis(
            lambda client: client.expire(full_key, seconds),
            lambda: _db_extend(full_key, seconds),
        )
        return
    _db_extend(full_key, seconds)


def _db_extend(full_key: str, seconds: int) -> None:
    from .models import RateCounter

    until = timezone.now() + timedelta(seconds=seconds)
    with quick_commit():
        RateCounter.objects.filter(key=full_key).update(expires_at=until)


def clear(key: str) -> None:
    full_key = _full_key(key)
    _db_clear(full_key)  # also any counter kept there while Redis was unreachable
    if _use_redis():
        _with_redis(lambda client: client.delete(full_key), lambda: None)


def _db_clear(full_key: str) -> None:
    from .models import RateCounter

    RateCounter.objects.filter(key=full_key).delete()


def clear_all() -> None:
    """Forget every counter under RATELIMIT_KEY_PREFIX (tests, or an operator's reset)."""
    if _use_redis():
        client = _client()
        for name in client.scan_iter(match=_full_key("*"), count=500):
            client.delete(name)
        return
    from .models import RateCounter

    RateCounter.objects.filter(key__startswith=_full_key("")).delete()
