"""Yingdu lexicon: curriculum bands, IPA, Chinese glosses and word forms for English words.

Pure Python (no Django).  Build once with :func:`build_lexicon` (or ``yingdu lexicon
build``), then open read-only with :func:`load_lexicon`.
"""

from .bands import BAND_LABELS, BANDS, LEVELS, band_code, band_rank
from .build import build_lexicon
from .paths import default_lexicon_path
from .store import Entry, Lexicon, LexiconError, clear_cache, load_lexicon

__all__ = [
    "BANDS",
    "BAND_LABELS",
    "Entry",
    "LEVELS",
    "Lexicon",
    "LexiconError",
    "band_code",
    "band_rank",
    "build_lexicon",
    "clear_cache",
    "default_lexicon_path",
    "load_lexicon",
]
