"""A fingerprint per item: what makes deduplication fast and re-runs idempotent; and the
import jobs that background workers run for the admin.

Every imported item gets one in the same transaction as the item itself. Items written by
hand get one lazily, the next time an import starts (and again after they are edited), so
that imports are compared against everything on the site, not only other imports."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    source = models.CharField(
        _("source"), max_length=1000, blank=True, help_text=_("Empty for items written here.")
    )
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    signature = models.BinaryField(_("MinHash signature"), blank=True, default=b"")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import record")
        verbose_name_plural = _("import records")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="one_record_per_item"
            )
        ]

    def __str__(self):
        return self.source or f"{self.content_type.model} #{self.object_id}"

    @property
    def imported(self) -> bool:
        return bool(self.source)


class ImportJob(models.Model):
    """An import started from the admin and run by a background worker: its sources, its
    progress and the outcome of every source item, for the editor who started it."""

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sources = models.JSONField(_("sources"), default=list)
    kind = models.CharField(_("kind"), max_length=20, default="auto")
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    total = models.PositiveIntegerField(_("sources to import"), default=0)
    done = models.PositiveIntegerField(_("sources imported"), default=0)
    results = models.JSONField(_("results"), default=list)  # one row per source item
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"#{self.pk} {', '.join(self.sources)[:80]}"

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)
