"""Cut a large text stream into chunks at whitespace, for bounded-memory annotation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TextIO

BLOCK = 1 << 16
MAX_CHUNK = 1 << 20
_BREAKS = (re.compile(r"\n[ \t\r]*\n"), re.compile(r"\n"), re.compile(r"\s"))


def iter_chunks(stream: TextIO, block: int = BLOCK, max_chunk: int = MAX_CHUNK) -> Iterator[str]:
    """Yield consecutive pieces of ``stream`` that join back to its full text.

    Pieces end after a blank line when possible, else after a newline or any whitespace, so
    no token is ever cut; a run of more than ``max_chunk`` characters without whitespace is
    cut anyway.
    """
    buffer = ""
    while True:
        data = stream.read(block)
        if not data:
            break
        buffer += data
        cut = _cut_point(buffer, max_chunk)
        if cut:
            yield buffer[:cut]
            buffer = buffer[cut:]
    if buffer:
        yield buffer


def _cut_point(buffer: str, max_chunk: int) -> int:
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(buffer, max(0, len(buffer) - max_chunk))]
        if ends and ends[-1] < len(buffer):
            return ends[-1]
    return len(buffer) if len(buffer) >= max_chunk else 0
