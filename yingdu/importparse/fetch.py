"""Real HTTP for URL sources: timeouts (per read and for the whole source), a size cap, a
content-type check and a redirect limit with loop detection. Every failure is a
`SourceError` whose message says what went wrong with that source.

Server-side request forgery is refused: each host is resolved once, every address it
resolves to must be public (not loopback, private, link-local, multicast, reserved,
unspecified, nor a private IPv4 address embedded in IPv6), and the connection goes to the
address that was checked, with the Host header and TLS name (SNI and certificate check) of
the URL. Redirects are followed here, hop by hop, each hop checked the same way. Hosts
named in `Limits.allow_hosts` (YINGDU_IMPORT_ALLOW_HOSTS) skip the address check."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from yingdu import config

from .document import SourceError

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
    "text/xml",
}  # fmt: skip
TEXT_TYPES = {"text/plain"}
ACCEPTED_TYPES = HTML_TYPES | FEED_TYPES | TEXT_TYPES
REDIRECTS = {301, 302, 303, 307, 308}
SCHEMES = {"http": 80, "https": 443}  # the only schemes fetched, with their default ports
CHUNK = 64 * 1024
NAT64 = ipaddress.ip_network("64:ff9b::/96")
BLOCKED = "blocked: private address"


def _configured(name: str):
    """A field whose default is read from the environment by yingdu/config.py."""
    return field(default_factory=lambda: getattr(config.load(), name))


@dataclass(frozen=True)
class Limits:
    """How far an import goes for one source; unset limits come from YINGDU_IMPORT_* (see
    yingdu/config.py). Only the hosts given here skip the address check."""

    timeout: float = _configured("import_timeout_seconds")  # connect, each read, whole download
    max_bytes: int = _configured("import_max_bytes")
    max_redirects: int = _configured("import_max_redirects")
    user_agent: str = "Yingdu-importer/1.0"
    allow_hosts: frozenset[str] = frozenset()  # host names fetched whatever their address


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # "text/html; charset=gbk" as sent


def media_type(content_type: str) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def allow_list(names) -> frozenset[str]:
    """The host names of YINGDU_IMPORT_ALLOW_HOSTS as `urlsplit` spells them."""
    return frozenset(name.strip().strip("[]").lower().rstrip(".") for name in names if name.strip())


def check_url(url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme not in SCHEMES or not parts.hostname:
        raise SourceError(f"not an http(s) URL: {url}")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise SourceError(f"not a valid port in {url}") from exc


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """A globally routable unicast address, also for IPv4 addresses carried in IPv6
    (IPv4-mapped, 6to4, Teredo, NAT64)."""
    if address.version == 6:
        embedded = [address.ipv4_mapped, address.sixtofour, *(address.teredo or ())]
        if address in NAT64:
            embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        if any(inner is not None and not is_public(inner) for inner in embedded):
            return False
    return address.is_global and not address.is_multicast


def resolve(host: str, port: int, limits: Limits) -> list[str]:
    """The addresses to connect to for a host: all of them public, or the host allowed."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise SourceError(f"cannot resolve the host name {host}") from exc
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise SourceError(f"cannot resolve the host name {host}")
    if host.rstrip(".") in limits.allow_hosts:
        return addresses
    if not all(is_public(ipaddress.ip_address(a.split("%")[0])) for a in addresses):
        raise SourceError(BLOCKED)
    return addresses


def fetch(url: str, limits: Limits | None = None) -> Fetched:
    """GET a page or feed, following at most `max_redirects` redirects, each hop checked."""
    limits = limits or Limits()
    deadline = time.monotonic() + limits.timeout
    visited: set[str] = set()
    current = url
    for _hop in range(limits.max_redirects + 1):
        check_url(current)
        visited.add(current)
        response, pool = _open(current, limits)
        try:
            if response.status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise SourceError(f"HTTP {response.status} redirect without a Location")
                target = urljoin(current, location)
                if target in visited:
                    raise SourceError(f"redirect loop ({target} again)")
                current = target
                continue
            if response.status >= 400:
                raise SourceError(f"HTTP {response.status} {response.reason or ''}".strip())
            content_type = response.headers.get("Content-Type", "")
            kind = media_type(content_type)
            if kind and kind not in ACCEPTED_TYPES:
                raise SourceError(f"not a web page or feed (content type {kind})")
            data = _read_capped(response, limits, deadline)
            return Fetched(current, data, content_type)
        finally:
            response.release_conn()
            pool.close()
    raise SourceError(f"more than {limits.max_redirects} redirects")


def _open(url: str, limits: Limits):
    """(response, pool) of a GET to a checked address of the URL's host, without redirects;
    the addresses are tried in turn when a connection is refused."""
    import urllib3

    parts = urlsplit(url)
    host, port = parts.hostname, parts.port or SCHEMES[parts.scheme]
    addresses = resolve(host, port, limits)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = {
        "Host": parts.netloc.rsplit("@", 1)[-1],
        "User-Agent": limits.user_agent,
        "Accept": "text/html,application/xhtml+xml,*/*",
    }
    timeout = urllib3.Timeout(connect=limits.timeout, read=limits.timeout)
    refused = None
    for address in addresses:
        pool = _pool(parts.scheme, address, port, host, timeout)
        try:
            response = pool.urlopen(
                "GET", path, headers=headers, retries=False, redirect=False,
                preload_content=False, assert_same_host=False,
            )  # fmt: skip
            return response, pool
        except urllib3.exceptions.NewConnectionError as exc:  # before TimeoutError: a subclass
            pool.close()
            if not isinstance(exc.__cause__, ConnectionRefusedError):
                raise SourceError(f"cannot connect: {_reason(exc.__cause__ or exc)}") from exc
            refused = exc
        except urllib3.exceptions.TimeoutError as exc:
            pool.close()
            raise SourceError(f"timed out after {limits.timeout:g} s") from exc
        except urllib3.exceptions.SSLError as exc:
            pool.close()
            raise SourceError(f"TLS error: {_tls_reason(exc)}") from exc
        except urllib3.exceptions.HTTPError as exc:
            pool.close()
            raise SourceError(f"cannot connect: {_reason(exc)}") from exc
    raise SourceError("connection refused") from refused


def _pool(scheme: str, address: str, port: int, host: str, timeout):
    """A one-use connection pool to `address`; for https the certificate is checked
    against `host` and `host` is sent as the TLS server name."""
    import urllib3

    if scheme == "https":
        return urllib3.HTTPSConnectionPool(
            address, port, timeout=timeout, maxsize=1, retries=False,
            cert_reqs="CERT_REQUIRED", server_hostname=host, assert_hostname=host,
        )  # fmt: skip
    return urllib3.HTTPConnectionPool(address, port, timeout=timeout, maxsize=1, retries=False)


def _read_capped(response, limits: Limits, deadline: float) -> bytes:
    import urllib3

    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise SourceError(f"larger than the {_mb(limits.max_bytes)} limit")
    chunks, size = [], 0
    try:
        while True:
            chunk = response.read(CHUNK)
            if not chunk:
                break
            size += len(chunk)
            if size > limits.max_bytes:
                raise SourceError(f"larger than the {_mb(limits.max_bytes)} limit")
            if time.monotonic() > deadline:
                raise SourceError(f"timed out after {limits.timeout:g} s (download too slow)")
            chunks.append(chunk)
    except urllib3.exceptions.TimeoutError as exc:
        raise SourceError(f"timed out after {limits.timeout:g} s") from exc
    except urllib3.exceptions.HTTPError as exc:
        raise SourceError(f"the download broke off: {_reason(exc)}") from exc
    return b"".join(chunks)


def _tls_reason(exc: Exception) -> str:
    """'certificate verify failed: self-signed certificate' rather than OpenSSL's text."""
    inner = exc
    while inner is not None and not isinstance(inner, ssl.SSLError):
        inner = inner.__cause__ or inner.__context__
    if isinstance(inner, ssl.SSLCertVerificationError):
        return f"certificate verify failed: {inner.verify_message}"
    return (getattr(inner, "reason", None) or _reason(exc)).lower().replace("_", " ")


def _mb(size: int) -> str:
    return f"{size / 2**20:g} MB"


def _reason(exc: Exception) -> str:
    reason = getattr(exc, "reason", None) or exc
    return str(reason).split(": ", 1)[-1][:200]
