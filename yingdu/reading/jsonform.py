"""The compact JSON form of an annotation: what the site stores, the API returns and
``yingdu annotate --format json`` prints."""

from __future__ import annotations

from .annotator import Result
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
        "tokens": [  # token_json, written out: this runs once per token
            {"text": t[TEXT], "start": t[START], "end": t[END], "lemma": t[LEMMA], "band": t[BAND]}
            for t in result.raw_tokens
        ],
    }
