"""A real HTTP server on 127.0.0.1 serving the import fixtures, plus the awkward cases:
redirects and redirect loops, wrong content types, huge and slow bodies, errors."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager, suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"
TYPES = {".html": "text/html; charset=utf-8", ".xml": "application/rss+xml", ".txt": "text/plain"}
HUGE = 300 * 1024  # tests set the import cap below this


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):  # quiet
        pass

    def _send(self, status, body=b"", content_type="text/html; charset=utf-8", headers=None):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    hits: list[str] = []  # paths requested, in order (tests clear it)

    def do_GET(self):  # noqa: C901 - one route per awkward case
        path = self.path.split("?")[0]
        self.hits.append(self.path)
        routes = {
            "/redirect": lambda: self._send(302, headers={"Location": "/news_international.html"}),
            "/loop-a": lambda: self._send(302, headers={"Location": "/loop-b"}),
            "/loop-b": lambda: self._send(301, headers={"Location": "/loop-a"}),
            "/no-location": lambda: self._send(302),
            "/image.png": lambda: self._send(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png"),
            "/report.pdf": lambda: self._send(200, b"%PDF-1.4 ...", "application/pdf"),
            "/binary.html": lambda: self._send(200, b"\x89PNG\r\n\x1a\n\0\0\0" * 20),
            "/empty.html": lambda: self._send(200, b""),
            "/missing.html": lambda: self._send(404, b"<h1>404</h1>"),
            "/huge-declared.html": lambda: self._send(200, b"<p>" + b"x" * HUGE),
            "/huge-chunked.html": self._huge_without_length,
            "/slow.html": self._slow,
            "/drip.html": self._drip,
            "/gbk.html": lambda: self._send(
                200, (FIXTURES / "zh_news_gbk_nocharset.html").read_bytes(), "text/html"
            ),
        }
        if path == "/to":  # /to?url=…: a redirect anywhere (attack tests)
            return self._send(302, headers={"Location": unquote(self.path.split("?url=", 1)[1])})
        if path == "/echo-host":
            return self._send(200, self.headers.get("Host", "").encode(), "text/plain")
        if path == "/slow-feed.xml":  # six entries that each take 1.5 s to answer
            return self._send(200, self._slow_feed(), "application/rss+xml")
        if path == "/feed-to-loopback.xml":
            return self._send(200, self._loopback_feed(), "application/rss+xml")
        if path.startswith("/chain/"):
            n = int(path.rsplit("/", 1)[-1])
            return self._send(302, headers={"Location": f"/chain/{n + 1}"})
        if path in routes:
            return routes[path]()
        file = FIXTURES / path.lstrip("/")
        if file.is_file() and file.parent == FIXTURES:
            return self._send(200, file.read_bytes(), TYPES.get(file.suffix, "text/html"))
        return self._send(404, b"not found")

    def _slow_feed(self) -> bytes:
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        items = "".join(f"<item><link>{base}/slow.html?n={n}</link></item>" for n in range(6))
        return f'<?xml version="1.0"?><rss><channel>{items}</channel></rss>'.encode()

    def _loopback_feed(self) -> bytes:
        """A feed whose entries point at this server by the name localhost (attack tests)."""
        port = self.server.server_address[1]
        items = "".join(
            f"<item><title>{name}</title><link>http://localhost:{port}/{name}</link></item>"
            for name in ("news_international.html", "bilingual.html")
        )
        feed = f'<?xml version="1.0"?><rss><channel><title>t</title>{items}</channel></rss>'
        return feed.encode()

    def _huge_without_length(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(HUGE // 1024 + 10):
                self.wfile.write(b"<p>" + b"y" * 1021)
        except OSError:
            pass
        self.close_connection = True

    def _slow(self):
        time.sleep(1.5)
        with suppress(OSError):
            self._send(200, (FIXTURES / "news_international.html").read_bytes())

    def _drip(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Connection", "close")
        self.end_headers()
        try:
            for _ in range(30):
                self.wfile.write(b"<p>drip</p>")
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass
        self.close_connection = True


@contextmanager
def fixture_server():
    """Yields the base URL, e.g. http://127.0.0.1:54321 ."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
