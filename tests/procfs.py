"""What this process has open and maps into memory, read from Linux's /proc/self: for the
tests that check which files a worker holds (the lexicon mapped, no stray descriptor)."""

import os
from pathlib import Path

MAPS = Path("/proc/self/maps")


def open_files() -> list[str]:
    """What this process's file descriptors point to. Other threads open and close sockets
    meanwhile: a descriptor gone between the listing and its reading is left out."""
    folder, found = "/proc/self/fd", []
    for fd in os.listdir(folder):
        try:
            found.append(os.readlink(f"{folder}/{fd}"))
        except OSError:  # closed meanwhile
            continue
    return found


def mapped_files() -> set[str]:
    """The files this process maps into memory."""
    with MAPS.open() as maps:
        return {parts[5].strip() for line in maps if len(parts := line.split(maxsplit=5)) == 6}
