"""A media store whose volume fills up: Django's FileSystemStorage writing real files into
a folder, which accepts `free_bytes` in all and then refuses the rest of a file with
OSError(ENOSPC), as a full disk does half-way through a write (the part that fitted stays
on disk). Used as the default storage in a test's settings."""

import errno
import os

from django.core.files import File
from django.core.files.storage import FileSystemStorage


class FullVolumeStorage(FileSystemStorage):
    def __init__(self, free_bytes: int = 0, error: int = errno.ENOSPC, **options):
        super().__init__(**options)
        self.free_bytes = free_bytes
        self.error = error

    def _save(self, name, content):
        return super()._save(name, FillingVolume(content, self))


class FillingVolume(File):
    """CONTENT as the storage writes it: chunk by chunk until the volume is full."""

    def __init__(self, content, volume: FullVolumeStorage):
        super().__init__(content, getattr(content, "name", None))
        self.volume = volume

    def chunks(self, chunk_size=None):
        self.file.seek(0)
        for chunk in self.file.chunks(chunk_size):
            room = self.volume.free_bytes
            if len(chunk) > room:
                self.volume.free_bytes = 0
                if room:
                    yield chunk[:room]
                raise OSError(self.volume.error, os.strerror(self.volume.error))
            self.volume.free_bytes -= len(chunk)
            yield chunk
