"""A real HTTP server on 127.0.0.1 that serves files with HTTP Range support, for the
``lexicon fetch-ecdict`` tests: whole files, resumed ranges, a connection cut halfway
through, a server that ignores Range, redirects and server errors."""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_RANGE = re.compile(r"bytes=(\d+)-$")


class RangeHandler(BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}  # path -> body
    cut_first: set[str] = set()  # paths whose first whole-file answer stops halfway
    no_range: set[str] = set()  # paths served whole even when a range is asked for
    redirects: dict[str, str] = {}  # path -> where a 302 sends the client
    requests: list[tuple[str, str | None]] = []  # (path, Range header) in order

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):
        path = self.path.split("?")[0]
        wanted = self.headers.get("Range")
        self.requests.append((path, wanted))
        if path == "/error":
            return self._answer(500, b"internal error")
        if path in self.redirects:
            return self._answer(302, b"", {"Location": self.redirects[path]})
        body = self.files.get(path)
        if body is None:
            return self._answer(404, b"not found")
        match = _RANGE.match(wanted or "")
        if match and path not in self.no_range:
            return self._partial(body, int(match.group(1)))
        if path in self.cut_first:
            self.cut_first.discard(path)
            return self._cut(body)
        return self._answer(200, body)

    def _answer(self, status: int, body: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def _partial(self, body: bytes, start: int) -> None:
        if start >= len(body):
            return self._answer(416, b"", {"Content-Range": f"bytes */{len(body)}"})
        end = len(body) - 1
        headers = {"Content-Range": f"bytes {start}-{end}/{len(body)}"}
        return self._answer(206, body[start:], headers)

    def _cut(self, body: bytes) -> None:
        """Promise the whole body, send half of it, close the connection."""
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True


@contextmanager
def range_server(files: dict[str, bytes], cut_first=(), no_range=(), redirects=None):
    """Serve ``files``; yields (base URL, list of (path, Range header) requests)."""
    handler = type(
        "Handler",
        (RangeHandler,),
        {
            "files": files,
            "cut_first": set(cut_first),
            "no_range": set(no_range),
            "redirects": redirects or {},
            "requests": [],
        },
    )
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.requests
    finally:
        server.shutdown()
        server.server_close()
