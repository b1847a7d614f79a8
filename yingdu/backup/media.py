"""Media files (uploads, previews) through Django's storage API, so a backup reads and a
restore writes the local media folder and an S3-compatible bucket alike."""

from collections.abc import Iterator
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage

from yingdu.backup.archive import CHUNK, BackupError


def names(folder: str = "") -> Iterator[str]:
    """Every file name in the media storage, below FOLDER, in a stable order."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # a local media folder that was never created
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from names(f"{folder}/{sub}" if folder else sub)


def copy_out(name: str, destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    with default_storage.open(name, "rb") as source, open(destination, "wb") as target:
        while chunk := source.read(CHUNK):
            target.write(chunk)


def copy_in(source: Path, name: str) -> None:
    """Store SOURCE under exactly NAME (the database refers to files by name)."""
    with open(source, "rb") as handle:
        stored = default_storage.save(name, File(handle))
    if stored != name:
        default_storage.delete(stored)
        raise BackupError(f"the media storage already holds {name}: restore into an empty one")
