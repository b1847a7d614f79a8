"""JSON API of the reading aids: look up a word, annotate posted text.

Mounted on the site's NinjaAPI (yingdu/api.py). Bad parameters give 400, a text above the
size limit 413, an unknown word 404, a missing lexicon 503 and a spent allowance 429 — each
with a message. Annotation returns the summary (statistics, difficulty, word bank); the
per-token detail only when asked for with `"tokens": true`.
"""

from typing import Annotated, Literal

from django.conf import settings
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from pydantic import StrictBool

from yingdu.api import charge
from yingdu.lexicon import LEVELS
from yingdu.reading import annotate, to_json

from .service import current_lexicon

router = Router(tags=["reading aids"])


class WordOut(Schema):
    headword: str
    lemma: str
    band: str
    band_label: str
    band_source: str
    ipa_uk: str
    ipa_us: str
    glosses: list[Annotated[list[str], Field(min_length=2, max_length=2)]] = Field(
        description="[part of speech, Chinese gloss] pairs, the likeliest first"
    )
    forms: list[str]


class AnnotateIn(Schema):
    text: str
    level: Literal[LEVELS] = "senior"
    tokens: StrictBool = Field(False, description="also return every token with its band")


class BankEntry(Schema):
    word: str
    lemma: str
    band: str
    ipa: str
    pos: str
    gloss: str


class TokenOut(Schema):
    text: str
    start: int
    end: int
    lemma: str
    band: str | None


class AnnotateOut(Schema):
    level: str
    words: int
    distinct_lemmas: int
    above_level_ratio: float
    grade: str
    reading_minutes: float
    word_bank: list[BankEntry]
    tokens: list[TokenOut] | None = Field(None, description='only with "tokens": true')


class Message(Schema):
    detail: str


def lexicon_or_503():
    lexicon = current_lexicon()
    if lexicon is None:
        raise HttpError(
            503, "词库尚未构建 (the lexicon is not built yet): run `yingdu lexicon build`"
        )
    return lexicon


@router.get("/words/{word}", response={200: WordOut, 404: Message, 429: Message, 503: Message})
def lookup_word(request, word: str):
    """A headword's band, IPA, Chinese glosses by part of speech and word forms."""
    charge(request)
    if not word.strip() or len(word) > 100:
        raise HttpError(400, "请提供一个单词 (give one word of at most 100 characters)")
    entry = lexicon_or_503().lookup(word.strip())
    if entry is None:
        return Status(404, {"detail": f"“{word}” 不在词库中 (not in the lexicon)"})
    data = entry.to_dict()
    return Status(200, {**data, "glosses": [tuple(g) for g in data["glosses"]]})


@router.post(
    "/annotate", response={200: AnnotateOut, 429: Message, 503: Message}, exclude_unset=True
)
def annotate_text(request, payload: AnnotateIn):
    """Annotate English text for a level (primary … kaoyan): statistics, difficulty and word
    bank; every token too with `"tokens": true`. Costs one unit of the caller's allowance
    plus one per API_CHARS_PER_UNIT characters of text (README: JSON API)."""
    charge(request, 1 + len(payload.text) // settings.API_CHARS_PER_UNIT)
    if len(payload.text) > settings.ANNOTATE_MAX_CHARS:
        raise HttpError(
            413, f"文本太长 text too long: at most {settings.ANNOTATE_MAX_CHARS} characters"
        )
    data = to_json(annotate(payload.text, payload.level, lexicon_or_503()))
    if not payload.tokens:
        del data["tokens"]
    return Status(200, data)
