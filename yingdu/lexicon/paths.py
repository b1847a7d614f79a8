"""Where the lexicon lives: ``$YINGDU_DATA_DIR/lexicon.sqlite3`` (data dir defaults to ./var)."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The data directory from ``YINGDU_DATA_DIR`` (default ``./var``)."""
    return Path(os.environ.get("YINGDU_DATA_DIR") or "var")


def default_lexicon_path() -> Path:
    """Default lexicon database path, read from the environment at call time."""
    return data_dir() / "lexicon.sqlite3"


def shared_lexicon_dir() -> Path | None:
    """The source folder from ``YINGDU_LEXICON_DIR`` when it is set and exists."""
    value = os.environ.get("YINGDU_LEXICON_DIR")
    if value and Path(value).is_dir():
        return Path(value)
    return None


def find_ecdict(folder: Path) -> Path | None:
    """The first ``ecdict*.csv`` in ``folder`` (the full dictionary preferred over samples)."""
    candidates = sorted(folder.glob("ecdict*.csv"), key=lambda p: ("mini" in p.name, p.name))
    return candidates[0] if candidates else None
