"""Difficulty bands of the Chinese English curriculum, from 小学 to 超纲."""

from __future__ import annotations

BANDS: tuple[str, ...] = ("primary", "junior", "senior", "cet4", "cet6", "kaoyan", "beyond")

# The levels a reader picks (小学 → 中考 → 高考 → 四级 → 六级 → 考研): every band but 超纲.
LEVELS: tuple[str, ...] = BANDS[:-1]

BAND_LABELS: dict[str, str] = {
    "primary": "小学",
    "junior": "中考",
    "senior": "高考",
    "cet4": "四级",
    "cet6": "六级",
    "kaoyan": "考研",
    "beyond": "超纲",
}

BEYOND = len(BANDS) - 1
_RANK = {code: i for i, code in enumerate(BANDS)}


def band_rank(code: str) -> int:
    """Return the position of ``code`` in :data:`BANDS` (0 = primary); ValueError if unknown."""
    try:
        return _RANK[code]
    except KeyError:
        raise ValueError(f"unknown band {code!r}; expected one of {', '.join(BANDS)}") from None


def band_code(rank: int | None) -> str | None:
    """Inverse of :func:`band_rank`; ``None`` stays ``None``."""
    return None if rank is None else BANDS[rank]
