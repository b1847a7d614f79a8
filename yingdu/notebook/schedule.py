"""FSRS scheduling of notebook cards through the `fsrs` package.

A card has two directions, each with the fields `fsrs.Card` needs: "word" (the word in its
sentence -> its meaning; fields due, state, …) and "spell" (the Chinese gloss -> the
English spelling; fields spell_due, spell_state, …). `review()` turns a rating into the
direction's next state; the caller saves the card.
"""

import datetime as dt

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

DIRECTIONS = ("word", "spell")
RATINGS = tuple(int(rating) for rating in Rating)  # 1 again, 2 hard, 3 good, 4 easy
FIELDS = ("due", "state", "step", "stability", "difficulty", "last_review")
STATE_NAMES = {State.Learning: "learning", State.Review: "review", State.Relearning: "relearning"}

SCHEDULER = Scheduler()
# A card counts as known once its word direction is in review this stable (days): its
# learner's reader, the pre-teach list and the known-words figures all read it so.
WELL_REVIEWED_DAYS = 21
REVIEW_STATE = int(State.Review)


def well_reviewed(state: int | None, stability: float | None) -> bool:
    return state == REVIEW_STATE and (stability or 0) >= WELL_REVIEWED_DAYS


def prefix(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}")
    return "" if direction == "word" else "spell_"


def field(direction: str, name: str) -> str:
    """The model field of one FSRS value in a direction: field("spell", "due") -> spell_due."""
    return prefix(direction) + name


def start(card, direction: str, now: dt.datetime) -> None:
    """A direction's first state: learning, step 0, due now."""
    values = {"due": now, "state": int(State.Learning), "step": 0, "stability": None,
              "difficulty": None, "last_review": None}  # fmt: skip
    for name, value in values.items():
        setattr(card, field(direction, name), value)


def to_fsrs(card, direction: str) -> FsrsCard:
    values = {name: getattr(card, field(direction, name)) for name in FIELDS}
    if values["state"] is None:
        raise ValueError(f"{card} has no {direction} schedule")
    return FsrsCard(
        card_id=card.pk or 1, state=State(values["state"]), step=values["step"],
        stability=values["stability"], difficulty=values["difficulty"],
        due=_utc(values["due"]), last_review=_utc(values["last_review"]),
    )  # fmt: skip


def review(card, direction: str, rating: int, now: dt.datetime) -> None:
    """Apply a rating (1–4) given at `now` to the card's direction (not saved)."""
    if rating not in RATINGS:
        raise ValueError(f"rating must be one of {RATINGS}")
    updated, _log = SCHEDULER.review_card(to_fsrs(card, direction), Rating(rating), _utc(now))
    for name in FIELDS:
        value = getattr(updated, name)
        setattr(card, field(direction, name), int(value) if name == "state" else value)


def state_name(card, direction: str = "word") -> str:
    """new (never reviewed), learning, review or relearning."""
    state, last_review = (getattr(card, field(direction, n)) for n in ("state", "last_review"))
    return name_of_state(state, last_review)


def name_of_state(state: int, last_review) -> str:
    return "new" if last_review is None else STATE_NAMES[State(state)]


def _utc(moment: dt.datetime | None) -> dt.datetime | None:
    return moment.astimezone(dt.UTC) if moment else None
