"""View counting without a database write on every page view.

Views are added up in the process and written as one `UPDATE … SET view_count =
view_count + n` per item once enough have accumulated or a few seconds have passed (and at
exit), in one transaction that does not wait for the disk (core/quickcommit.py). On SQLite
this keeps page views from queueing behind each other's write locks.
"""

import atexit
import contextlib
import threading
import time
from collections import Counter

from django.conf import settings
from django.db.models import F

from yingdu.core.quickcommit import quick_commit

_pending: Counter = Counter()
_lock = threading.Lock()
_last_flush = time.monotonic()


def record_view(model, pk: int) -> None:
    with _lock:
        _pending[(model, pk)] += 1
        due = sum(_pending.values()) >= settings.VIEW_COUNT_FLUSH_EVERY or (
            time.monotonic() - _last_flush > settings.VIEW_COUNT_FLUSH_SECONDS
        )
    if due:
        flush_views()


def flush_views() -> None:
    global _last_flush
    with _lock:
        batch = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not batch:  # nothing to write: no connection (this runs at every process's exit)
        return
    in_lock_order = sorted(batch.items(), key=lambda item: (item[0][0]._meta.label, item[0][1]))
    with quick_commit():  # rows locked in one order: two flushes never deadlock
        for (model, pk), n in in_lock_order:
            model.objects.filter(pk=pk).update(view_count=F("view_count") + n)


def _flush_at_exit():
    with contextlib.suppress(Exception):  # the database may already be gone at exit
        flush_views()


atexit.register(_flush_at_exit)
