"""Server-side request forgery (issue 10, defect 4): loopback, private and oddly written
addresses are refused before any connection, on the first request, on every redirect hop
and for every feed entry; the allow-list lets named hosts through; a closed port is
reported as refused, not as a timeout."""

import socket
from urllib.parse import quote, urlsplit

import pytest

from tests.conftest import free_port
from yingdu.importparse import SourceError
from yingdu.importparse.fetch import BLOCKED, Limits, allow_list, fetch, is_public
from yingdu.importparse.sources import Task, load

pytestmark = pytest.mark.attack
OPEN = Limits(timeout=0.5, max_bytes=200 * 1024, max_redirects=3)  # nothing allowed
LOOPBACK_SERVER = Limits(timeout=0.5, max_redirects=3, allow_hosts=allow_list(["127.0.0.1"]))


def port_of(server: str) -> int:
    return urlsplit(server).port


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1", "[::1]", "localhost", "LocalHost", "2130706433", "0x7f000001",
        "017700000001", "127.1", "0", "0.0.0.0", "[::]", "[::ffff:127.0.0.1]",
        "[::ffff:7f00:1]", "[2002:7f00:1::1]", "[64:ff9b::7f00:1]",
    ],
)  # fmt: skip
def test_loopback_in_every_spelling_is_refused(server, host):
    """The test server listens on 127.0.0.1: each spelling would reach it if fetched."""
    url = f"http://{host}:{port_of(server)}/news_international.html"
    with pytest.raises(SourceError, match=f"^{BLOCKED}$"):
        fetch(url, OPEN)


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "224.0.0.1", "240.0.0.1", "255.255.255.255", "fe80::1", "fc00::1", "ff02::1",
        "::ffff:10.0.0.1", "2002:c0a8:101::1", "2001:db8::1",
    ],
)  # fmt: skip
def test_private_and_special_addresses_are_not_public(address):
    import ipaddress

    assert not is_public(ipaddress.ip_address(address))


def test_public_addresses_are_public():
    import ipaddress

    for address in ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "8.8.8.8"):
        assert is_public(ipaddress.ip_address(address))


def test_private_address_literal_is_refused_without_connecting():
    with pytest.raises(SourceError, match=f"^{BLOCKED}$"):  # nobody listens there: no timeout
        fetch("http://10.255.255.1:8080/admin/", OPEN)


def test_redirect_to_loopback_is_refused(server):
    """An allowed server redirects to the site's own admin page by another name."""
    target = quote(f"http://localhost:{port_of(server)}/admin/login/", safe="")
    with pytest.raises(SourceError, match=f"^{BLOCKED}$"):
        fetch(f"{server}/to?url={target}", LOOPBACK_SERVER)
    target = quote(f"http://[::1]:{port_of(server)}/", safe="")
    with pytest.raises(SourceError, match=f"^{BLOCKED}$"):
        fetch(f"{server}/to?url={target}", LOOPBACK_SERVER)


def test_redirect_to_another_scheme_is_refused(server):
    target = quote("file:///etc/passwd", safe="")
    with pytest.raises(SourceError, match="not an http"):
        fetch(f"{server}/to?url={target}", LOOPBACK_SERVER)


def test_feed_entries_pointing_at_loopback_are_refused(server):
    entries = load(Task("feed", "url", location=f"{server}/feed-to-loopback.xml"), LOOPBACK_SERVER)
    assert len(entries) == 2
    for entry in entries:
        assert entry.location.startswith("http://localhost:")
        with pytest.raises(SourceError, match=f"^{BLOCKED}$"):
            load(entry, LOOPBACK_SERVER)


def test_a_name_resolving_to_loopback_is_refused(server):
    assert socket.gethostbyname("localhost") == "127.0.0.1"  # /etc/hosts
    with pytest.raises(SourceError, match=f"^{BLOCKED}$"):
        fetch(f"http://localhost:{port_of(server)}/news_international.html", OPEN)


def test_allow_list_lets_named_hosts_through(server):
    url = f"http://localhost:{port_of(server)}/news_international.html"
    got = fetch(url, Limits(timeout=0.5, allow_hosts=allow_list(["localhost"])))
    assert b"Lake cities" in got.data
    got = fetch(f"{server}/news_international.html", LOOPBACK_SERVER)
    assert b"Lake cities" in got.data


def test_a_closed_port_is_refused_not_timed_out():
    port = free_port()  # free a moment ago: nobody listens
    with pytest.raises(SourceError, match="^connection refused$"):
        fetch(f"http://127.0.0.1:{port}/", LOOPBACK_SERVER)


def test_host_header_is_the_urls(server):
    """The connection goes to the checked address; the server still sees the URL's host."""
    got = fetch(f"{server}/echo-host", LOOPBACK_SERVER)
    assert got.data.decode() == urlsplit(server).netloc


@pytest.fixture
def tls_server(tmp_path):
    """An https server on 127.0.0.1 with a self-signed certificate for localhost, recording
    the TLS server names (SNI) clients send."""
    import http.server
    import shutil
    import ssl
    import subprocess
    import threading

    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a certificate")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", key, "-out", cert, "-subj", "/CN=localhost"],
        check=True, capture_output=True,
    )  # fmt: skip
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], names
    server.shutdown()
    server.server_close()


def test_tls_uses_the_host_name_and_verifies_the_certificate(tls_server):
    """Connected to the checked address, TLS still names the URL's host (SNI) and checks
    the certificate: a self-signed one is refused."""
    port, names = tls_server
    allowed = Limits(timeout=2, allow_hosts=allow_list(["localhost"]))
    with pytest.raises(SourceError, match="certificate verify failed"):
        fetch(f"https://localhost:{port}/", allowed)
    assert names == ["localhost"]
