"""`yingdu backup` and `yingdu restore` step by step: the database copy, the media files,
the lexicon and the key, with the manifest that lets the restore check every file and then
compare every table's row count with the copy it came from."""

import dataclasses
import datetime as dt
import hashlib
import os
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from yingdu import config
from yingdu.backup import archive
from yingdu.backup.archive import MANIFEST, BackupError

Progress = Callable[[str, int, int], None]  # (stage, done, total)
LEXICON, SECRET_KEY = "lexicon.sqlite3", "secret_key"


class HashingReader:
    """A file object that hashes what tarfile reads from it."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def recorded_settings(settings: config.Config) -> dict[str, str]:
    """The configuration that shaped the site, without secrets (fields hidden from repr)."""
    return {f.name: str(getattr(settings, f.name))
            for f in dataclasses.fields(settings) if f.repr}  # fmt: skip


def add_file(tar: tarfile.TarFile, path: Path, name: str, files: dict) -> None:
    info = tar.gettarinfo(path, name)
    info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
    with open(path, "rb") as handle:
        reader = HashingReader(handle)
        tar.addfile(info, reader)
    files[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}


def add_media(tar: tarfile.TarFile, names: list[str], files: dict, progress: Progress) -> None:
    from django.core.files.storage import default_storage

    for done, name in enumerate(names, 1):
        info = tarfile.TarInfo(f"media/{name}")
        info.size, info.mode = default_storage.size(name), 0o600
        with default_storage.open(name, "rb") as handle:
            reader = HashingReader(handle)
            tar.addfile(info, reader)
        files[info.name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
        progress("media", done, len(names))


def applied_migrations() -> dict[str, str]:
    from django.db.migrations.recorder import MigrationRecorder

    latest = {}
    for app, name in MigrationRecorder.Migration.objects.values_list("app", "name"):
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup(target: Path, progress: Progress) -> dict:
    """Write the archive TARGET (it must not exist) while the site may be serving; return
    the manifest. The database copy comes first: media files are only ever added, so every
    file the copied rows refer to is then in the store."""
    from yingdu.backup import database, media

    settings = config.load()
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name")
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".yingdu-backup-", dir=target.parent))
    try:
        dump = work / database.DUMP_NAMES[database.vendor()]
        progress("database", 0, 1)
        tables = database.dump(dump)
        progress("database", 1, 1)
        names = list(media.names())
        files: dict[str, dict] = {}
        with archive.open_for_writing(partial) as tar:
            add_file(tar, dump, dump.name, files)
            dump.unlink()
            if settings.lexicon_path.exists():
                database.copy_sqlite(settings.lexicon_path, work / LEXICON)
                add_file(tar, work / LEXICON, LEXICON, files)
            if not settings.secret_key and settings.secret_key_file.exists():
                add_file(tar, settings.secret_key_file, SECRET_KEY, files)
            add_media(tar, names, files, progress)
            manifest = {
                "format": archive.FORMAT,
                "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "yingdu": metadata.version("yingdu"),
                "database": {
                    "vendor": database.vendor(),
                    "file": dump.name,
                    "tables": tables,
                    "migrations": applied_migrations(),
                },  # fmt: skip
                "media": len(names),
                "settings": recorded_settings(settings),
                "files": files,
            }
            archive.add_json(tar, MANIFEST, manifest)
        partial.rename(target)
        return manifest
    finally:
        shutil.rmtree(work, ignore_errors=True)
        partial.unlink(missing_ok=True)


def check_target_is_new(settings: config.Config) -> None:
    """Refuse a data folder that holds a site already (before anything is written)."""
    media_folder = settings.data_dir / "media"
    if settings.database_url.startswith("sqlite:///"):
        database_file = Path(settings.database_url.removeprefix("sqlite:///"))
        if database_file.exists() and database_file.stat().st_size > 0:
            raise BackupError(f"{database_file} holds a database: restore into a new data folder")
    if media_folder.exists() and any(media_folder.iterdir()):
        raise BackupError(f"{media_folder} holds files: restore into a new data folder")


def install_secret_key(source: Path, settings: config.Config) -> None:
    """The backed-up key, so sessions and signed links stay valid (none when SECRET_KEY is
    set in the environment, which then stays the key)."""
    if settings.secret_key or not source.exists():
        return
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    temporary = settings.secret_key_file.with_name(".secret_key.restore")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(source.read_text())
    temporary.replace(settings.secret_key_file)


def unpack(source: Path, settings: config.Config) -> tuple[Path, dict]:
    """Extract and check the archive in a private folder inside the data folder."""
    check_target_is_new(settings)
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=settings.data_dir))
    try:
        manifest = archive.extract_checked(source, work)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    install_secret_key(work / SECRET_KEY, settings)
    return work, manifest


def restore(work: Path, manifest: dict, progress: Progress) -> dict:
    """Load the unpacked archive WORK into the (empty) site; return the tables whose row
    counts differ from the manifest's (none when all is well)."""
    from yingdu.backup import database, media

    settings = config.load()
    kind = manifest["database"]["vendor"]
    if kind != database.vendor():
        raise BackupError(f"this backup holds a {kind} database; the site uses {database.vendor()}")
    if any(True for _ in media.names()):
        raise BackupError("the media storage holds files: restore into an empty one")
    progress("database", 0, 1)
    database.restore(work / manifest["database"]["file"])
    progress("database", 1, 1)
    stored = sorted(name for name in manifest["files"] if name.startswith("media/"))
    for done, name in enumerate(stored, 1):
        media.copy_in(work / name, name.removeprefix("media/"))
        progress("media", done, len(stored))
    if (work / LEXICON).exists() and not settings.lexicon_path.exists():
        shutil.copyfile(work / LEXICON, settings.lexicon_path)
        settings.lexicon_path.chmod(0o600)
    restored = database.live_counts()
    return {table: (count, restored.get(table))
            for table, count in manifest["database"]["tables"].items()
            if restored.get(table) != count}  # fmt: skip
