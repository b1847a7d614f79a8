"""The vocabulary notebook (生词本): one card per learner and lemma, the sentences it was
met in, its FSRS schedule in two directions, the review log and the learner's daily goal.

A card's word data (gloss, band, IPA) is copied from the lexicon when it is added, so the
notebook pages never open the lexicon. The schedule of each direction (`schedule.py`) is
the state the `fsrs` package needs: state, step, stability, difficulty, due, last review;
the spelling direction's fields stay empty until the learner turns that card type on.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingdu.lexicon import BAND_LABELS
from yingdu.lexicon.bands import BEYOND, band_rank

from . import sentences

SENTENCE_MAX_CHARS = 500  # a longer context is cut around the word


class Card(models.Model):
    user = models.ForeignKey(  # indexed by the (user, …) indexes below
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notebook_cards",
        db_index=False,
    )  # fmt: skip
    lemma = models.CharField(_("headword"), max_length=100)
    pos = models.CharField(_("part of speech"), max_length=20, blank=True)
    gloss = models.CharField(_("gloss"), max_length=300, blank=True)
    band = models.CharField(_("band"), max_length=10)
    ipa = models.CharField(_("IPA"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("date added"), default=timezone.now)
    # FSRS, "word" direction: the word in its sentence -> its meaning
    due = models.DateTimeField(_("next review"), default=timezone.now)
    state = models.PositiveSmallIntegerField(default=1)  # fsrs.State: 1 learning, 2, 3
    step = models.PositiveSmallIntegerField(null=True, blank=True, default=0)
    stability = models.FloatField(null=True, blank=True)
    difficulty = models.FloatField(null=True, blank=True)
    last_review = models.DateTimeField(null=True, blank=True)
    # FSRS, "spell" direction: the Chinese gloss -> the English spelling (when turned on)
    spell_due = models.DateTimeField(null=True, blank=True)
    spell_state = models.PositiveSmallIntegerField(null=True, blank=True)
    spell_step = models.PositiveSmallIntegerField(null=True, blank=True)
    spell_stability = models.FloatField(null=True, blank=True)
    spell_difficulty = models.FloatField(null=True, blank=True)
    spell_last_review = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("notebook card")
        verbose_name_plural = _("notebook cards")
        constraints = [
            models.UniqueConstraint(fields=["user", "lemma"], name="notebook_card_user_lemma")
        ]
        indexes = [
            # each in the exact order of its query (id breaks ties), so no sort is needed
            models.Index(fields=["user", "due", "id"], name="notebook_card_due"),
            models.Index(fields=["user", "spell_due", "id"], name="notebook_card_spell_due"),
            models.Index(fields=["user", "-created_at", "-id"], name="notebook_card_added"),
            models.Index(fields=["user", "band", "-created_at", "-id"], name="notebook_card_band"),
        ]

    def __str__(self):
        return self.lemma

    @property
    def band_rank(self) -> int:
        return band_rank(self.band) if self.band in BAND_LABELS else BEYOND

    @property
    def band_label(self) -> str:
        return BAND_LABELS.get(self.band, self.band)


class Sentence(models.Model):
    """A sentence the word was added from, with the word's position and its source item
    (a kind key of yingdu.core.kinds, the item's id, URL and title at the time)."""

    card = models.ForeignKey(  # indexed by the (card, text) constraint
        Card, on_delete=models.CASCADE, related_name="sentences", db_index=False
    )
    text = models.CharField(_("sentence"), max_length=SENTENCE_MAX_CHARS)
    start = models.PositiveIntegerField(default=0)  # the word is text[start:end]
    end = models.PositiveIntegerField(default=0)
    source_kind = models.CharField(_("source kind"), max_length=30, blank=True)
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_url = models.CharField(_("source URL"), max_length=300, blank=True)
    source_title = models.CharField(_("source"), max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("sentence")
        verbose_name_plural = _("sentences")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["card", "text"], name="notebook_sentence_once")
        ]
        indexes = [models.Index(fields=["source_kind", "card"], name="notebook_sentence_kind")]

    def __str__(self):
        return self.text

    @property
    def parts(self) -> tuple[str, str, str]:
        """(before, the word, after): the template marks the middle one."""
        return sentences.parts(self.text, self.start, self.end)


class ReviewLog(models.Model):
    """One review. `key` is the form's (or API caller's) idempotency key: a repeated
    request with the same key is answered from this row instead of reviewing again. The
    log outlives a deleted card (card set to NULL, lemma kept) so the history stays."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notebook_reviews"
    )
    card = models.ForeignKey(Card, on_delete=models.SET_NULL, null=True, related_name="reviews")
    lemma = models.CharField(max_length=100)
    direction = models.CharField(max_length=5, default="word")
    rating = models.PositiveSmallIntegerField()
    reviewed_at = models.DateTimeField(default=timezone.now)
    state = models.PositiveSmallIntegerField()  # after the review
    due = models.DateTimeField()  # after the review
    key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notebook_review_once"
            )
        ]
        indexes = [models.Index(fields=["user", "reviewed_at"], name="notebook_review_day")]

    def __str__(self):
        return f"{self.lemma} {self.rating}"


class Goal(models.Model):
    """A learner's daily goal (打卡) and the card types they study."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notebook_goal"
    )
    reviews_per_day = models.PositiveSmallIntegerField(_("reviews a day"), default=20)
    new_words_per_day = models.PositiveSmallIntegerField(_("new words a day"), default=5)
    spelling = models.BooleanField(_("spelling cards (Chinese → English)"), default=False)

    class Meta:
        verbose_name = _("daily goal")
        verbose_name_plural = _("daily goals")

    def __str__(self):
        return f"{self.user}: {self.reviews_per_day}/{self.new_words_per_day}"


class Day(models.Model):
    """A learner's study day (打卡): reviews done and words added on one local date. Written
    as they happen, so the streak, today's goal and the charts read a few small rows."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notebook_days",
        db_index=False,  # the (user, day) constraint indexes it
    )  # fmt: skip
    day = models.DateField()
    reviews = models.PositiveIntegerField(default=0)
    new_words = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("study day")
        verbose_name_plural = _("study days")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="notebook_day_once")]

    def __str__(self):
        return f"{self.user} {self.day}: {self.reviews}/{self.new_words}"
