"""Writes of counters a crash may forget: they commit without waiting for the disk.

Rate-limit counters and batched view counts are written often and matter little: after a
database server crash, losing the last fraction of a second of them is harmless (Redis, which
keeps the rate counters when it is configured, does not keep them on disk at all). On
PostgreSQL such a write commits with `synchronous_commit` off, so it does not wait for the
write-ahead log to reach the disk. That flush costs 0.2 ms on a good disk and 100 ms or more
on a busy virtual one, and every API call counts one. The database stays consistent: a crash
can only lose these most recent commits, never corrupt anything. SQLite already commits this
way (WAL with synchronous=NORMAL, yingdu/settings.py).

Inside a transaction that is already open nothing changes: its other writes keep their
durability.
"""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def without_waiting_for_disk():
    """Run the block's writes as one transaction that commits without flushing the log to
    disk first (PostgreSQL); elsewhere, or inside an open transaction, just run the block."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
