"""Reading aids: annotate English texts with bands, lemmas and a Word Bank; Chinese pinyin.

Pure Python (no Django).  Typical use::

    from yingdu.lexicon import load_lexicon
    from yingdu.reading import annotate, to_json

    data = to_json(annotate(text, "junior", load_lexicon()))

The modules, in the order a text goes through them: tokenize (regex, contractions), tokens
(the token and memo types), classification (what one string becomes), fastpath (every token
with lemma and band), expressions (multi-word expressions), difficulty (counts, grade, reading
time, per-level figures), wordbank (glosses in context), annotator (``Annotator``,
``annotate``), jsonform (the stored JSON).  chinese and stream stand apart.
"""

from .annotator import Annotator, Result, annotate, annotate_chunks
from .chinese import pinyin_ruby, segment_zh
from .difficulty import grade_for, per_level, reading_minutes
from .jsonform import to_json, token_json
from .tokens import Token

__all__ = [
    "Annotator",
    "Result",
    "Token",
    "annotate",
    "annotate_chunks",
    "grade_for",
    "per_level",
    "pinyin_ruby",
    "reading_minutes",
    "segment_zh",
    "to_json",
    "token_json",
]
