"""Read the shipped curriculum band table (``data/curriculum_bands.tsv``).

The table (headword or phrase -> lowest band, nothing else) is generated from the syllabus
lists by :mod:`yingdu.lexicon.make_band_table`; a build without the lists uses it.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .bands import band_rank

TABLE_NAME = "curriculum_bands.tsv"


def table_key(head: str) -> str:
    """The lowercase lookup key of a headword or phrase."""
    return " ".join(head.replace("’", "'").lower().split())


def packaged_table_path() -> Path:
    """Path of the committed table inside the installed package."""
    return Path(str(resources.files("yingdu.lexicon") / "data" / TABLE_NAME))


def read_band_table(path: Path | None = None) -> dict[str, tuple[str, int]]:
    """Parse a table file (default: the packaged one): key -> (headword, band rank)."""
    path = path or packaged_table_path()
    table: dict[str, tuple[str, int]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        head, band = line.split("\t")
        table[table_key(head)] = (head, band_rank(band))
    return table
