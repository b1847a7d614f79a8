"""Reading aids: annotate English texts with bands, lemmas and a Word Bank; Chinese pinyin.

Pure Python (no Django).  Typical use::

    from yingdu.lexicon import load_lexicon
    from yingdu.reading import annotate, to_json

    data = to_json(annotate(text, "junior", load_lexicon()))
"""

from .annotate import (
    Annotator,
    Result,
    Token,
    annotate,
    annotate_chunks,
    grade_for,
    reading_minutes,
    to_json,
    token_json,
)
from .chinese import pinyin_ruby, segment_zh

__all__ = [
    "Annotator",
    "Result",
    "Token",
    "annotate",
    "annotate_chunks",
    "grade_for",
    "pinyin_ruby",
    "reading_minutes",
    "segment_zh",
    "to_json",
    "token_json",
]
