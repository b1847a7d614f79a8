"""Chinese helpers: word segmentation (jieba) and pinyin for <ruby> rendering (pypinyin)."""

from __future__ import annotations

import logging
from functools import lru_cache

from yingdu.text import HAN


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def segment_zh(text: str) -> list[str]:
    """Split Chinese text into words with jieba; concatenating the result gives ``text``."""
    if not text:
        return []
    return [w for w in _jieba().cut(str(text), HMM=True) if w]


def pinyin_ruby(text: str) -> list[tuple[str, str]]:
    """``[(word, "pīn yīn"), …]`` per segmented word; pinyin is '' for non-Chinese runs.

    One tone-marked syllable per Han character, space-separated, so a template can emit
    ``<ruby>word<rt>pinyin</rt></ruby>`` (or split per character).
    """
    from pypinyin import Style, pinyin

    out: list[tuple[str, str]] = []
    for word in segment_zh(text):
        if HAN.search(word):
            syllables = [s[0] for s in pinyin(word, style=Style.TONE, errors=lambda x: list(x))]
            out.append((word, " ".join(syllables)))
        else:
            out.append((word, ""))
    return out
