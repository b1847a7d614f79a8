"""A placement test taken by a learner (user) or a visitor (session key): the engine's state
(items asked, answers given) and, once finished, its result."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingdu.lexicon import BANDS, LEVELS


class PlacementTest(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
        related_name="placement_tests",
    )  # fmt: skip
    session_key = models.CharField(max_length=40, blank=True, db_index=True)
    state = models.JSONField(default=dict)
    result = models.JSONField(null=True, blank=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("vocabulary test")
        verbose_name_plural = _("vocabulary tests")
        indexes = [models.Index(fields=["user", "-finished_at"], name="placement_user_finished")]

    def __str__(self):
        return str(self.id)

    @property
    def done(self) -> bool:
        return self.finished_at is not None


BAND_FIELDS = tuple(f"band{rank}" for rank in range(len(BANDS)))
LEVEL_FIELDS = tuple(f"covers{rank}" for rank in range(len(LEVELS)))  # coverage per level


class ItemProfile(models.Model):
    """One English item of any kind, for recommendations: its words per band (from the
    profile stored when it is annotated) and the coverage of a reader of each level, title,
    URL and publication. Kept by
    `profiles.store` after each annotation; a learner's words changing touches no row."""

    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=500, db_index=True)
    published = models.BooleanField(default=False)
    published_at = models.DateTimeField()  # no index: the coverage columns' must be chosen
    words = models.PositiveIntegerField(default=0)
    # one {lemma: count} per band rank (coverage.by_band): a learner's exact coverage on
    # list rows, one query a page
    lemmas = models.JSONField(default=list)
    locals().update({name: models.PositiveIntegerField(default=0) for name in BAND_FIELDS})
    # the coverage of a reader of each level: recommendations look only near 95–98% of it
    locals().update({name: models.FloatField(default=0, db_index=True) for name in LEVEL_FIELDS})

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="item_profile_once")
        ]

    def __str__(self):
        return self.title

    @property
    def band_tokens(self) -> list[int]:
        return [getattr(self, name) for name in BAND_FIELDS]

    @property
    def level_coverages(self) -> list[float]:
        return [getattr(self, name) for name in LEVEL_FIELDS]
