"""`yingdu backup` while the site serves, then `yingdu restore` into a new data folder gives
the same site: every table's row count, every media file's checksum, the same pages. A
restore refuses a site that exists, a damaged archive and an altered one, writing nothing."""

import hashlib
import io
import os
import signal
import sqlite3
import subprocess
import tarfile
import threading
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.conftest import (
    YINGDU,
    free_port,
    run_yingdu,
    start_python,
    subprocess_env,
    wait_until_served,
)

MEDIA = {"resources/2026/三年级 上册.docx": b"PK\x03\x04" + b"lesson " * 400,
         "previews/cover.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8}  # fmt: skip
SAVE_MEDIA = """
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
for name, data in {media!r}.items():
    assert default_storage.save(name, ContentFile(data)) == name
"""
PAGES = ("/", "/news/international/", "/compositions/")


def site_env(data_dir: Path, **extra) -> dict:
    return subprocess_env(data_dir, DEBUG="0", SECURE_SSL_REDIRECT="0", SECURE_COOKIES="0",
                          **extra)  # fmt: skip


def make_site(env) -> None:
    run_yingdu(env, "migrate", "-v", "0")
    run_yingdu(env, "demo")
    run_yingdu(env, "manage", "shell", "-c", SAVE_MEDIA.format(media=MEDIA))


def serve(env):
    port = free_port()
    server = start_python(env, *YINGDU, "serve", "--port", str(port), "--workers", "2",
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_until_served(base + "/", server, seconds=300)
    return base, server


def stop(server) -> None:
    server.send_signal(signal.SIGINT)
    server.wait(timeout=30)


def pages(base: str) -> dict[str, str]:
    return {path: urllib.request.urlopen(base + path, timeout=30).read().decode()
            for path in PAGES}  # fmt: skip


def titles(html: str) -> list[str]:
    """What a reader sees of a list: the item links' text, without per-request tokens."""
    import re

    return re.findall(r"<h[1-3][^>]*>(.*?)</h[1-3]>", html, re.S)


def table_counts(database: Path) -> dict[str, int]:
    with sqlite3.connect(database) as db:
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}


def media_checksums(data_dir: Path) -> dict[str, str]:
    root = data_dir / "media"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file()}  # fmt: skip


@pytest.fixture(scope="module")
def backed_up(tmp_path_factory):
    """A site with demo content and media, backed up while it answers readers."""
    root = tmp_path_factory.mktemp("backup")
    env = site_env(root / "site")
    make_site(env)
    base, server = serve(env)
    stop_reading, failures = threading.Event(), []

    def read_pages():  # readers during the backup (and view counts written meanwhile)
        while not stop_reading.is_set():
            try:
                pages(base)
            except OSError as error:
                failures.append(error)

    reader = threading.Thread(target=read_pages)
    reader.start()
    try:
        result = run_yingdu(env, "backup", str(root / "site.tar.gz"))
    finally:
        stop_reading.set()
        reader.join()
        original_pages = pages(base)
        stop(server)
    assert not failures
    return {"root": root, "env": env, "archive": root / "site.tar.gz", "pages": original_pages,
            "output": result.stderr + result.stdout}  # fmt: skip


def test_a_restored_copy_is_the_same_site(backed_up):
    root, archive = backed_up["root"], backed_up["archive"]
    assert "media files" in backed_up["output"]
    assert archive.stat().st_mode & 0o777 == 0o600  # it holds the site's data and key
    env = site_env(root / "restored")
    result = run_yingdu(env, "restore", str(archive))
    assert "every table's count checked" in result.stderr + result.stdout
    assert table_counts(root / "restored/yingdu.sqlite3") == table_counts(
        root / "site/yingdu.sqlite3"
    )
    assert media_checksums(root / "restored") == media_checksums(root / "site")
    assert set(MEDIA) <= set(media_checksums(root / "restored"))
    assert (root / "restored/secret_key").read_text() == (root / "site/secret_key").read_text()
    base, server = serve(env)
    try:
        restored_pages = pages(base)
    finally:
        stop(server)
    for path in PAGES:
        assert titles(restored_pages[path]) == titles(backed_up["pages"][path])
        assert titles(restored_pages[path])


def test_a_restore_refuses_a_site_that_exists(backed_up):
    before = table_counts(backed_up["root"] / "site/yingdu.sqlite3")
    result = run_yingdu(backed_up["env"], "restore", str(backed_up["archive"]), code=1)
    assert "holds a database" in result.stderr
    assert table_counts(backed_up["root"] / "site/yingdu.sqlite3") == before


def test_a_backup_never_overwrites_a_file(backed_up):
    archive = backed_up["archive"]
    size = archive.stat().st_size
    result = run_yingdu(backed_up["env"], "backup", str(archive), code=1)
    assert "exists already" in result.stderr and archive.stat().st_size == size


def assert_nothing_restored(data_dir: Path) -> None:
    database = data_dir / "yingdu.sqlite3"
    assert not database.exists() or database.stat().st_size == 0
    assert not (data_dir / "media").exists() or not any((data_dir / "media").iterdir())
    assert not (data_dir / "secret_key").exists()


def test_a_truncated_archive_is_refused_and_nothing_is_written(backed_up, tmp_path):
    data = backed_up["archive"].read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    result = run_yingdu(site_env(tmp_path / "new"), "restore", str(truncated), code=1)
    assert "not a readable Yingdu backup" in result.stderr and "Traceback" not in result.stderr
    assert_nothing_restored(tmp_path / "new")


def test_an_altered_media_file_is_refused_and_nothing_is_written(backed_up, tmp_path):
    altered = tmp_path / "altered.tar"
    with tarfile.open(backed_up["archive"]) as source, tarfile.open(altered, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "media/previews/cover.png":
                data = data[:-1] + b"!"  # same size, one byte changed
            target.addfile(member, io.BytesIO(data))
    result = run_yingdu(site_env(tmp_path / "new"), "restore", str(altered), code=1)
    assert "differs from its manifest" in result.stderr
    assert_nothing_restored(tmp_path / "new")


POSTGRES = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(not POSTGRES.startswith("postgres"), reason="runs in the PostgreSQL pass")
def test_postgresql_backup_restores_into_an_empty_database(tmp_path):
    import psycopg

    server_url, _, _ = POSTGRES.rpartition("/")
    names = [f"yingdu_backup_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("source", "copy")]
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    try:
        source, copy = (site_env(tmp_path / name, DATABASE_URL=f"{server_url}/{name}")
                        for name in names)  # fmt: skip
        make_site(source)
        run_yingdu(source, "backup", str(tmp_path / "site.tar"))
        result = run_yingdu(copy, "restore", str(tmp_path / "site.tar"))
        assert "every table's count checked" in result.stderr + result.stdout
        counts = []
        for name in names:
            with psycopg.connect(f"{server_url}/{name}") as db:
                tables = [r[0] for r in db.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]  # fmt: skip
                counts.append({t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
                               for t in tables})  # fmt: skip
        assert counts[0] == counts[1] and counts[0]["news_newsarticle"] > 0
        assert media_checksums(tmp_path / names[1]) == media_checksums(tmp_path / names[0])
        other_folder = {**copy, "YINGDU_DATA_DIR": str(tmp_path / "other")}  # same database
        again = run_yingdu(other_folder, "restore", str(tmp_path / "site.tar"), code=1)
        assert "already has tables" in again.stderr
    finally:
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
