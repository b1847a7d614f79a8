"""A fingerprint per item: what makes deduplication fast and re-runs idempotent.

Every imported item gets one in the same transaction as the item itself. Items written by
hand get one lazily, the next time an import starts (and again after they are edited), so
that imports are compared against everything on the site, not only other imports."""

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
