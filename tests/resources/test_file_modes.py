"""The database and uploaded files are readable by their owner only (issue 10, defect 9)."""

import sqlite3
import stat
from pathlib import Path

import pytest

from tests.conftest import run_yingdu

from . import samples
from .conftest import process_uploads, upload_data

pytestmark = pytest.mark.attack  # issue 10: run alone by `make audit`


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.django_db
def test_uploaded_files_and_their_folders_are_private(teacher_client, renjiao, media):
    teacher_client.post("/resources/upload/", upload_data(renjiao, [("a.pdf", samples.pdf())]))
    assert process_uploads() == ["done"]  # the preview, written by the job
    files = [p for p in media.rglob("*") if p.is_file()]
    folders = [media, *(p for p in media.rglob("*") if p.is_dir())]
    assert len(files) == 2  # the file and its preview
    assert {mode(p) for p in files} == {0o600}
    assert {mode(p) for p in folders} == {0o700}


@pytest.mark.backend_free
def test_sqlite_database_and_its_wal_files_are_private(fresh_env, tmp_path):
    run_yingdu(fresh_env, "migrate")
    database = tmp_path / "data" / "yingdu.sqlite3"
    connection = sqlite3.connect(database)  # the same library Django uses
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE probe (x)")
        connection.commit()
        paths = [database, Path(f"{database}-wal"), Path(f"{database}-shm")]
        assert {path.name: mode(path) for path in paths} == {path.name: 0o600 for path in paths}
    finally:
        connection.close()
