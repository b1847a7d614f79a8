"""URL sources over real HTTP on 127.0.0.1: redirects, loops, content types, size cap,
timeouts, HTTP errors; and feeds (served and on disk) with broken entries."""

import pytest

from tests.conftest import free_port
from yingdu.importparse import SourceError
from yingdu.importparse.fetch import Limits, fetch
from yingdu.importparse.sources import Document, Task, load, plan

LIMITS = Limits(
    timeout=0.5, max_bytes=200 * 1024, max_redirects=3, allow_hosts=frozenset({"127.0.0.1"})
)


def test_fetch_a_page(server):
    got = fetch(f"{server}/news_international.html", LIMITS)
    assert got.url.endswith("/news_international.html")
    assert got.content_type.startswith("text/html")
    assert b"Lake cities" in got.data


def test_redirect_is_followed(server):
    got = fetch(f"{server}/redirect", LIMITS)
    assert got.url == f"{server}/news_international.html"


@pytest.mark.parametrize(
    "path, message",
    [
        ("/loop-a", "redirect loop"),
        ("/chain/1", "more than 3 redirects"),
        ("/no-location", "without a Location"),
        ("/image.png", "content type image/png"),
        ("/report.pdf", "content type application/pdf"),
        ("/missing.html", "HTTP 404"),
        ("/huge-declared.html", "larger than"),
        ("/huge-chunked.html", "larger than"),
        ("/slow.html", "timed out"),
        ("/drip.html", "timed out"),
    ],
)
def test_fetch_errors(server, path, message):
    with pytest.raises(SourceError, match=message):
        fetch(f"{server}{path}", LIMITS)


def test_connection_refused():
    port = free_port()  # free a moment ago: nobody listens
    with pytest.raises(SourceError, match="^connection refused$"):
        fetch(f"http://127.0.0.1:{port}/page.html", LIMITS)


@pytest.mark.parametrize("url", ["ftp://example.org/x", "file:///etc/passwd", "http://"])
def test_only_http_urls(url):
    with pytest.raises(SourceError, match="not an http"):
        fetch(url, LIMITS)


def test_binary_body_with_an_html_type(server):
    with pytest.raises(SourceError, match="binary"):
        load(Task("b", "url", location=f"{server}/binary.html"), LIMITS)


def test_empty_page(server):
    with pytest.raises(SourceError, match="empty"):
        load(Task("e", "url", location=f"{server}/empty.html"), LIMITS)


def test_gbk_page_with_bare_content_type(server):
    document = load(Task("g", "url", location=f"{server}/gbk.html"), LIMITS)
    assert isinstance(document, Document) and document.is_html
    assert "城市图书馆推出夜间自习室" in document.content


def test_served_feed_becomes_entry_urls(server):
    tasks = load(Task("f", "url", location=f"{server}/feed.xml"), LIMITS)
    assert [t.location for t in tasks] == [
        f"{server}/news_international.html",
        f"{server}/bilingual.html",
        f"{server}/daily_term.html",
    ]
    assert all(t.kind == "url" for t in tasks)


def test_feed_file_with_broken_entries(fixtures_dir):
    tasks = load(Task("feed", "file", location=str(fixtures_dir / "feed_broken_entries.xml")))
    assert [t.kind for t in tasks] == ["file", "error", "file"]
    assert tasks[0].location.endswith("news_domestic.html")
    assert "no page link" in tasks[1].error or "no link" in tasks[1].error
    with pytest.raises(SourceError, match="no such file"):
        load(tasks[2])


def test_broken_feeds(tmp_path):
    truncated = tmp_path / "truncated.xml"
    truncated.write_text('<?xml version="1.0"?><rss><channel><item><title>x</titl', "utf-8")
    tasks = load(Task("truncated", "file", location=str(truncated)))
    assert [t.kind for t in tasks] == ["error"]  # the half entry is an error of its own
    garbage = tmp_path / "garbage.rss"
    garbage.write_bytes(b"<rss><<<>>> \x01\x02 not xml at all")
    with pytest.raises(SourceError, match="feed"):
        load(Task("garbage", "file", location=str(garbage)))


def test_plan_expands_folders_and_reports_missing(fixtures_dir, tmp_path):
    tasks = plan([str(fixtures_dir), str(tmp_path / "nope"), "ftp://x/y", str(tmp_path)])
    files = [t for t in tasks if t.kind == "file"]
    assert len(files) == 8 and all(t.location.endswith(".html") for t in files)
    errors = [t.error for t in tasks if t.kind == "error"]
    assert errors == [
        "no such file, folder or URL",
        "only http and https URLs can be imported",
        "no HTML files in this folder",
    ]


def test_plan_reads_stdin_once():
    tasks = plan(["-"], lambda: "pasted")
    assert tasks[0].kind == "text" and tasks[0].text == "pasted"


def test_huge_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"z" * (LIMITS.max_bytes + 10))
    with pytest.raises(SourceError, match="larger than"):
        load(Task(str(big), "file", location=str(big)), LIMITS)
