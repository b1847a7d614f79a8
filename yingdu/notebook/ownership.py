"""The notebook's part of a learner's data export and account deletion
(yingdu.accounts.owned): cards with their sentences and schedules, reviews, the goal."""

from .models import Card, Day, Goal, ReviewLog, Sentence
from .schedule import DIRECTIONS, FIELDS, field

CARD_FIELDS = (
    "id", "lemma", "pos", "gloss", "band", "ipa", "created_at",
    *(field(d, name) for d in DIRECTIONS for name in FIELDS),
)  # fmt: skip
SENTENCE_FIELDS = ("card_id", "text", "start", "end", "source_kind", "source_id",
                   "source_url", "source_title", "created_at")  # fmt: skip
REVIEW_FIELDS = ("card_id", "lemma", "direction", "rating", "reviewed_at", "state", "due", "key")
GOAL_FIELDS = ("reviews_per_day", "new_words_per_day", "spelling")
DAY_FIELDS = ("day", "reviews", "new_words")


def _plain(row: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


def export_rows(user) -> dict:
    cards = Card.objects.filter(user=user).order_by("id")
    sentences = Sentence.objects.filter(card__user=user).order_by("card_id", "id")
    reviews = ReviewLog.objects.filter(user=user).order_by("reviewed_at", "id")
    days = Day.objects.filter(user=user).order_by("day")
    goal = Goal.objects.filter(user=user).values(*GOAL_FIELDS).first()
    return {
        "cards": [_plain(row) for row in cards.values(*CARD_FIELDS)],
        "sentences": [_plain(row) for row in sentences.values(*SENTENCE_FIELDS)],
        "reviews": [_plain(row) for row in reviews.values(*REVIEW_FIELDS)],
        "goal": goal,
        "days": [_plain(row) for row in days.values(*DAY_FIELDS)],
    }


def delete_rows(user) -> int:
    """Every notebook row of the user; the number of rows removed."""
    removed = ReviewLog.objects.filter(user=user).delete()[0]
    removed += Card.objects.filter(user=user).delete()[0]  # with their sentences
    removed += Goal.objects.filter(user=user).delete()[0]
    removed += Day.objects.filter(user=user).delete()[0]
    return removed
