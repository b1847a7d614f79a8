"""Requests run the site in turns (yingdu/core/turns.py): their bodies are read first, at
the client's pace and without a turn, then at most ACTIVE_REQUESTS run at once. Real
threads and real pipes standing in for client sockets."""

import io
import os
import threading
import time

from django.conf import settings

from yingdu.core.turns import in_turns


def recording_app(log: list, running: list, pause: float = 0.0):
    """A WSGI app that notes the body it read and how many requests ran at once."""
    lock = threading.Lock()

    def app(environ, start_response):
        with lock:
            running[0] += 1
            running[1] = max(running[1], running[0])
        time.sleep(pause)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        log.append(environ["wsgi.input"].read(length))
        with lock:
            running[0] -= 1
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    return app


def call(app, body: bytes = b"", stream=None) -> list:
    environ = {"REQUEST_METHOD": "POST", "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": stream or io.BytesIO(body)}  # fmt: skip
    return app(environ, lambda status, headers: None)


def test_no_more_than_the_allowed_requests_run_at_once():
    log, running = [], [0, 0]
    app = in_turns(recording_app(log, running, pause=0.05), active=1)
    threads = [threading.Thread(target=call, args=(app, b"x" * n)) for n in range(1, 5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert running[1] == 1
    assert sorted(log) == [b"x" * n for n in range(1, 5)]


def test_a_slow_body_does_not_hold_a_turn():
    log, running = [], [0, 0]
    app = in_turns(recording_app(log, running), active=1)
    read_end, write_end = os.pipe()
    slow = os.fdopen(read_end, "rb", buffering=0)
    body = b'{"text": "' + b"a" * 5000 + b'"}'
    waiting = threading.Thread(target=call, args=(app, body, slow))
    waiting.start()
    os.write(write_end, body[:10])  # the slow client has sent ten bytes so far
    time.sleep(0.2)
    quick = threading.Thread(target=call, args=(app, b"quick"))
    quick.start()
    quick.join(timeout=5)
    served_meanwhile = list(log)  # while the slow body was still arriving
    os.write(write_end, body[10:])  # (also frees a wrongly held turn, so nothing hangs)
    waiting.join(timeout=10)
    quick.join(timeout=10)
    os.close(write_end)
    slow.close()
    assert served_meanwhile == [b"quick"]
    assert log == [b"quick", body]


def test_a_body_too_large_to_keep_is_left_for_the_view():
    seen = []

    def app(environ, start_response):
        seen.append(environ["wsgi.input"])
        return [b""]

    stream = io.BytesIO(b"x" * 10)
    environ = {"CONTENT_LENGTH": str(settings.API_MAX_BODY_BYTES + 1), "wsgi.input": stream}
    in_turns(app, active=1)(environ, lambda status, headers: None)
    chunked = {"HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input": stream}
    in_turns(app, active=1)(chunked, lambda status, headers: None)
    assert seen == [stream, stream] and stream.tell() == 0  # not read, not replaced


def test_zero_means_no_limit():
    app = recording_app([], [0, 0])
    assert in_turns(app, active=0) is app
