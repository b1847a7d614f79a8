"""Transactions a crash may forget: they commit without waiting for the disk.

Some writes are frequent and each matters little: rate-limit counters, batched view counts,
and a learner's notebook activity (adding a word, rating a card). After a crash of the
database machine, losing the last fraction of a second of them is harmless: a counter
restarts a little low, a learner adds the word again or sees the card once more. Redis,
which keeps the rate counters when it is configured, does not keep them on disk at all, and
the embedded SQLite mode already commits everything this way (WAL with synchronous=NORMAL,
yingdu/settings.py).

On PostgreSQL such a transaction commits with `synchronous_commit` off: it does not wait for
the write-ahead log to reach the disk. That flush costs 0.2 ms on a good disk and, on a busy
virtual one, 100–500 ms now and then, which every such request would wait for. The database
stays consistent: a crash can lose only these most recent commits (at most three times
`wal_writer_delay`, 0.6 s by default), never corrupt anything. Accounts, content, uploads and
everything else keep full durability.

Inside a transaction that is already open, the block becomes part of it and nothing changes:
its other writes keep their durability.
"""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def quick_commit():
    """`transaction.atomic()` whose commit does not wait for the disk (PostgreSQL, when this
    is the outermost transaction)."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield
