"""gunicorn server hooks of `yingdu serve` (loaded with `-c python:yingdu.gunicorn_hooks`).

With --preload the master imports the site (yingdu/wsgi.py) and forks the workers, which
share its memory copy-on-write. Three things need care:

- Nothing that talks to a server may cross the fork: `pre_fork` closes the master's
  database and cache connections, and its PostgreSQL connection pool (whose threads would
  not exist in the child), before every fork (a worker gets its own on first use; the
  lexicon reopens its SQLite file in the child, yingdu/lexicon/store.py).
- A process that exits normally runs the interpreter's finalization, which releases every
  object one by one. In a worker that writes to every page of the shared heap, so each
  worker copies the master's whole heap on the way out: under load that took seconds per
  worker and, on a loaded or memory-short machine, past gunicorn's graceful timeout, when
  the master kills it (the slow stop of docs/operators.md: stopping). So a worker and the
  master finish their own clean-up (pending view counts written, connections closed, logs
  flushed) and then leave with os._exit, keeping their exit status.
- gunicorn's threaded worker answers SIGINT and SIGQUIT (a quick stop) by shutting its
  thread pool down inside the signal handler, which takes the pool's lock. The handler
  runs in the main thread, between two steps of whatever it was doing, and under load
  that is often the pool's `submit` (every request on a kept-alive connection goes
  through it), which holds that same lock: the worker then waits for itself until the
  master kills it after the graceful timeout. `ThreadWorker` leaves the pool alone in the
  handler; the process exits right after (above), pool threads and all.
"""

import logging
import os
import sys

from gunicorn.workers.base import Worker
from gunicorn.workers.gthread import ThreadWorker as GunicornThreadWorker


class ThreadWorker(GunicornThreadWorker):
    """gunicorn's gthread worker whose quick stop takes no lock in the signal handler."""

    handle_quit = Worker.handle_quit  # stop flag, worker_int hook, then SystemExit


def close_connections() -> None:
    """Close the calling thread's database and cache connections and the process's
    database pool, if the site is loaded in this process (a master without --preload never
    loads it)."""
    if "django.db" not in sys.modules:
        return
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    for connection in connections.all(initialized_only=True):
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()
    caches.close_all()


def pre_fork(server, worker) -> None:
    close_connections()


def exit_status() -> int:
    """The status the process is leaving with. gunicorn calls the exit hooks while handling
    what ends the process: a worker's SystemExit, the master's StopIteration (a signal to
    stop: status 0) or HaltServer (which carries the status)."""
    error = sys.exc_info()[1]
    if error is None or isinstance(error, StopIteration | KeyboardInterrupt):
        return 0
    if isinstance(error, SystemExit):
        code = error.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    status = getattr(error, "exit_status", 1)  # gunicorn's HaltServer
    return status if isinstance(status, int) else 1


def leave_now(status: int) -> None:
    """Finish this process's own work, then exit without the interpreter's finalization."""
    try:
        if "yingdu.core.viewcount" in sys.modules:
            sys.modules["yingdu.core.viewcount"].flush_views()
    except Exception:  # the database may be gone; the counts are only statistics
        logging.getLogger(__name__).warning("view counts not written at exit", exc_info=True)
    try:
        close_connections()
    finally:
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        os._exit(status & 0xFF)


def worker_exit(server, worker) -> None:
    """In the worker (gunicorn also calls it in the master for a worker already gone)."""
    if os.getpid() == worker.pid:
        leave_now(exit_status())


def on_exit(server) -> None:
    leave_now(exit_status())
