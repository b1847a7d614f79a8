"""WSGI wrapper: many threads wait for clients, few run Django at a time.

gunicorn's threaded workers give each connection a thread, so a client that sends its
request slowly holds one thread and not a whole worker. But threads of one process that
run Python at once share one interpreter lock: each may wait up to its switch interval
(5 ms) to get it back after a database call or socket write, so the more requests run
together in a worker, the longer the slowest wait (docs/operators.md, threads and turns).
Here a request first has its body read into memory by its own thread,
at the client's pace, and only then takes a turn to run the site: at most
`ACTIVE_REQUESTS` at once in each worker (settings; 0: no limit). A body too large to keep
in memory (above API_MAX_BODY_BYTES: uploads, or one the site refuses unread) or of
unknown length (chunked) is left for the view to read, and that request runs without
waiting for a turn, as before.
"""

import io
import threading

from django.conf import settings

BLOCK = 64 * 1024


def body_length(environ) -> int | None:
    """The body's declared length; None when it is chunked or the length is unreadable."""
    if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
        return None
    try:
        return max(int(environ.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return None


def read_body(stream, length: int) -> io.BytesIO:
    """Up to `length` bytes of the body (fewer if the client stops), as a new stream."""
    body = io.BytesIO()
    remaining = length
    while remaining > 0:
        block = stream.read(min(BLOCK, remaining))
        if not block:
            break
        body.write(block)
        remaining -= len(block)
    body.seek(0)
    return body


def in_turns(app, active: int | None = None):
    """`app`, run by at most `active` threads at once once their request has arrived."""
    active = settings.ACTIVE_REQUESTS if active is None else active
    if active <= 0:
        return app
    turns = threading.BoundedSemaphore(active)
    most = settings.API_MAX_BODY_BYTES

    def wrapper(environ, start_response):
        length = body_length(environ)
        if length is None or length > most:
            return app(environ, start_response)
        if length:
            environ["wsgi.input"] = read_body(environ["wsgi.input"], length)
        with turns:
            return app(environ, start_response)

    return wrapper
