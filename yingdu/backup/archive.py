"""The backup archive: a tar file (gzip-compressed when its name ends in .gz or .tgz) with
manifest.json first, then the members the manifest lists. Reading checks every member
against the manifest, so a truncated or altered archive is refused before a restore writes."""

import contextlib
import hashlib
import io
import json
import os
import tarfile
import zlib
from collections.abc import Iterator
from pathlib import Path

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore cannot go on; the message says why, for the operator."""


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def open_for_writing(path: Path) -> Iterator[tarfile.TarFile]:
    """A new archive at PATH, readable by its owner only (it holds the site's data and key),
    flushed to disk when the block ends."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        mode = "w:gz" if path.name.removesuffix(".part").endswith((".gz", ".tgz")) else "w"
        options = {"compresslevel": 1} if mode == "w:gz" else {}
        with tarfile.open(fileobj=handle, mode=mode, **options) as tar:
            yield tar
        handle.flush()
        os.fsync(handle.fileno())


def add_json(tar: tarfile.TarFile, name: str, value) -> None:
    data = json.dumps(value, ensure_ascii=False, indent=1).encode()
    info = tarfile.TarInfo(name)
    info.size, info.mode = len(data), 0o600
    tar.addfile(info, io.BytesIO(data))


def extract_checked(path: Path, into: Path) -> dict:
    """Extract the archive at PATH into the empty folder INTO; return its manifest once every
    file it lists is there with the size and SHA-256 the manifest gives."""
    try:
        with tarfile.open(path) as tar:
            tar.extractall(into, filter="data")  # no absolute paths, links out or devices
    except (OSError, tarfile.TarError, EOFError, zlib.error) as error:
        raise BackupError(f"{path} is not a readable Yingdu backup archive: {error}") from error
    manifest = read_manifest(into / MANIFEST)
    for name, expected in manifest["files"].items():
        member = into / name
        if not member.is_file():
            raise BackupError(f"{path} lacks {name}, which its manifest lists")
        if member.stat().st_size != expected["size"] or sha256_of(member) != expected["sha256"]:
            raise BackupError(f"{name} in {path} differs from its manifest (damaged archive)")
    return manifest


def read_manifest(path: Path) -> dict:
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"the archive has no readable {MANIFEST}: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"unknown backup format {manifest.get('format')!r} (expected {FORMAT})")
    return manifest
