"""Where the lexicon lives and where its sources are, as yingdu/config.py resolves them.

The built lexicon is ``$YINGDU_LEXICON_PATH`` (default ``$YINGDU_DATA_DIR/lexicon.sqlite3``):
the same file for ``yingdu lexicon build`` and for the site. The word lists and ECDICT come
from ``$YINGDU_LEXICON_DIR``. Both are read from the environment at call time.
"""

from __future__ import annotations

from pathlib import Path

from yingdu import config


def default_lexicon_path() -> Path:
    """The lexicon database path: ``YINGDU_LEXICON_PATH``, else in the data folder."""
    return config.load().lexicon_path


def data_dir() -> Path:
    """The data folder (``YINGDU_DATA_DIR``), where fetch-ecdict puts ECDICT by default."""
    return config.load().data_dir


def shared_lexicon_dir() -> Path | None:
    """The source folder from ``YINGDU_LEXICON_DIR`` when it is set and exists."""
    return config.existing_dir(config.load().lexicon_source_dir)


def find_ecdict(folder: Path) -> Path | None:
    """The first ``ecdict*.csv`` in ``folder`` (the full dictionary preferred over samples)."""
    candidates = sorted(folder.glob("ecdict*.csv"), key=lambda p: ("mini" in p.name, p.name))
    return candidates[0] if candidates else None


def default_sources() -> tuple[Path | None, Path | None]:
    """The (word-list folder, ECDICT file) a build uses when given none: the shared source
    folder and its ECDICT, else the ECDICT that fetch-ecdict put in the data folder."""
    folder = shared_lexicon_dir()
    ecdict = folder and find_ecdict(folder)
    return folder, ecdict or find_ecdict(data_dir())
