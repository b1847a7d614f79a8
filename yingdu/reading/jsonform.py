"""The compact JSON form of an annotation: what the site stores, the API returns and
``yingdu annotate --format json`` prints."""

from __future__ import annotations

from .annotator import Result
from .fastpath import Labelled
from .tokens import BAND, END, LEMMA, START, TEXT, RawToken, Token


def token_json(token: Token | RawToken) -> dict:
    """The stored form of one token."""
    return {
        "text": token[TEXT],
        "start": token[START],
        "end": token[END],
        "lemma": token[LEMMA],
        "band": token[BAND],
    }


def to_json(result: Result) -> dict:
    """The JSON-serializable form of a :class:`Result`."""
    return {
        "level": result.level,
        "words": result.words,
        "distinct_lemmas": result.distinct_lemmas,
        "above_level_ratio": result.above_level_ratio,
        "grade": result.grade,
        "reading_minutes": result.reading_minutes,
        "word_bank": [dict(item) for item in result.word_bank],
        "tokens": _tokens_json(result.labelled),
    }


def _tokens_json(labelled: Labelled) -> list[dict]:
    """:func:`token_json` of every token, read off the parallel lists (no tuples made)."""
    fields = (labelled.words, labelled.starts, labelled.ends, labelled.lemmas, labelled.bands)
    return [
        {"text": text, "start": start, "end": end, "lemma": lemma, "band": band}
        for text, start, end, lemma, band in zip(*fields, strict=True)
    ]
