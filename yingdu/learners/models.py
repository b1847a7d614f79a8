"""Words a learner knows: one row per (learner, lemma). Known words are not highlighted for
that learner and leave their Word Bank (applied in the browser, see known.js)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

LEMMA_MAX = 100


class KnownWord(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="known_words",
    )  # fmt: skip
    lemma = models.CharField(_("word"), max_length=LEMMA_MAX)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("known word")
        verbose_name_plural = _("known words")
        constraints = [
            models.UniqueConstraint(fields=["user", "lemma"], name="known_word_once_per_user")
        ]

    def __str__(self):
        return self.lemma
