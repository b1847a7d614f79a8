"""The learner's notebook in the JSON API (/api/me/words…), mounted in yingdu/api.py.

Every operation needs a signed-in learner (`learner_auth`: 401 without credentials) and
reaches only that learner's cards: another learner's card id is 404, like a missing one.
"""

import datetime as dt
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from yingdu.accounts.apiauth import learner_auth
from yingdu.api import api, charge
from yingdu.lexicon import BANDS

from . import exports, schedule, service
from .models import Card

router = Router(auth=learner_auth, tags=["notebook (生词本)"])


class SourceIn(Schema):
    kind: str = Field(..., description="a content kind key: news, daily, bilingual, …")
    id: int = Field(..., description="the item's id")


class WordIn(Schema):
    word: str = Field(
        ..., description="the word as read, or its lemma", max_length=100, pattern=r"\S"
    )
    context: str = Field("", description="the sentence it was met in", max_length=5000)
    form: str = Field("", description="the form to mark in the sentence, if not `word`",
                      max_length=100)  # fmt: skip
    source: SourceIn | None = Field(None, description="the item the sentence comes from")


class CardOut(Schema):
    id: int
    lemma: str
    gloss: str
    band: str
    due: dt.datetime


class SentenceOut(Schema):
    text: str
    start: int
    end: int
    source_kind: str
    source_id: int | None
    source_url: str
    source_title: str


class CardDetail(CardOut):
    pos: str
    ipa: str
    added: dt.datetime
    state: str
    sentences: list[SentenceOut]


class CardPage(Schema):
    total: int
    items: list[CardDetail]


class ReviewIn(Schema):
    rating: int = Field(..., ge=1, le=4, description="1 重来 again, 2 困难 hard, 3 良好 good, "
                        "4 简单 easy")  # fmt: skip
    direction: Literal["word", "spell"] = Field(
        "word", description="word (meaning) or spell (spelling cards)"
    )
    key: str = Field("", max_length=64,
                     description="idempotency key: a repeated request reviews once")  # fmt: skip


class ReviewOut(Schema):
    due: dt.datetime
    state: str
    repeated: bool = Field(False, description="true when the key had already been used")


class Message(Schema):
    detail: str


def card_out(card) -> dict:
    return {"id": card.pk, "lemma": card.lemma, "gloss": card.gloss, "band": card.band,
            "due": card.due}  # fmt: skip


def card_detail(row: dict) -> dict:
    """A CardDetail of a card row with its sentences (service.card_rows, with_sentences)."""
    return {"id": row["id"], "lemma": row["lemma"], "gloss": row["gloss"], "band": row["band"],
            "due": row["due"], "pos": row["pos"], "ipa": row["ipa"], "added": row["created_at"],
            "state": schedule.name_of_state(row["state"], row["last_review"]),
            "sentences": row["sentences"]}  # fmt: skip


def own_card(request, card_id: int) -> Card:
    card = Card.objects.filter(user=request.auth, pk=card_id).first()
    if card is None:
        raise HttpError(404, "生词本中没有这张卡片 (no such card in your notebook)")
    return card


@router.post("/me/words", response={200: CardOut, 201: CardOut, 400: Message, 404: Message,
                                    503: Message})  # fmt: skip
def add_word(request, payload: WordIn):
    """Add a word to my notebook with the sentence it was met in: 201 with a new card, 200
    with the existing card of the same lemma (the sentence added to it), 404 for a word
    that is not in the lexicon."""
    charge(request)
    source = (payload.source.kind, payload.source.id) if payload.source else None
    try:
        card, created = service.add_word(
            request.auth, payload.word, payload.context, source, payload.form
        )
    except (service.NotInLexicon, service.SourceMissing) as error:
        return Status(404, {"detail": str(error)})
    except service.NotebookError as error:
        return Status(400, {"detail": str(error)})
    except service.NoLexicon as error:
        return Status(503, {"detail": str(error)})
    return Status(201 if created else 200, card_out(card))


class ListQuery(Schema):
    due: bool = Field(False, description="only cards due today")
    band: Literal["", *BANDS] = Field("", description="only this band (empty: every band)")
    q: str = Field("", description="search the word and its gloss", max_length=100)
    page: int = Field(1, ge=1, le=100_000)


@router.get("/me/words", response=CardPage)
def list_words(request, filters: Query[ListQuery]):
    """My cards, newest first (with `due=1`: due today, soonest first), 50 a page."""
    charge(request)
    cards = service.card_list(request.auth, band=filters.band, q=filters.q, due=filters.due)
    start = (filters.page - 1) * service.PAGE_SIZE
    rows = service.with_sentences(list(cards[start : start + service.PAGE_SIZE]))
    body = {"total": cards.count(), "items": [card_detail(row) for row in rows]}
    # Built here from plain rows in CardPage's shape (tests check it against the schema):
    # validating 50 cards with their sentences through pydantic would double the cost.
    return api.create_response(request, body, status=200)


@router.delete("/me/words/{int:card_id}", response={204: None, 404: Message})
def delete_word(request, card_id: int):
    """Delete one of my cards with its sentences (its reviews stay in my history)."""
    charge(request)
    own_card(request, card_id).delete()
    return Status(204, None)


@router.post("/me/words/{int:card_id}/review", response={200: ReviewOut, 400: Message,
                                                         404: Message, 409: Message})  # fmt: skip
def review_word(request, card_id: int, payload: ReviewIn):
    """Rate a card (FSRS): its next due time and state. Send a `key` to make a repeated
    request harmless."""
    charge(request)
    own_card(request, card_id)
    try:
        log, fresh = service.review(
            request.auth, card_id, payload.rating, payload.direction, payload.key
        )
    except service.DirectionOff as error:
        return Status(409, {"detail": str(error)})
    except service.NotebookError as error:
        return Status(400, {"detail": str(error)})
    state = schedule.STATE_NAMES[schedule.State(log.state)]
    return Status(200, {"due": log.due, "state": state, "repeated": not fresh})


@router.get(
    "/me/words/export",
    response={200: None, 400: Message},
    openapi_extra={"responses": {200: {"description": "an .apkg (Anki) or .csv file"}}},
)
def export_words(request, format: Literal[exports.FORMATS] = "apkg"):  # noqa: A002 - the documented parameter
    """My notebook as an Anki deck (`format=apkg`) or a CSV file (UTF-8 with BOM)."""
    charge(request)
    if format not in exports.FORMATS:
        return Status(400, {"detail": f"未知格式 unknown format; use {', '.join(exports.FORMATS)}"})
    data, content_type, filename = exports.export(request.auth, format)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
