"""Teaching resources (教案 / 课件 / 试题 …): metadata, files, review status, downloads.

A `Resource` is a content `Item` (slug, tags, publish time, view count) whose status is
pending → published or rejected (with a reason). Its files are `ResourceFile` rows whose
stored names are generated; the uploader's file name is kept only as display text.
"""

import uuid

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingdu.core.grades import Grade, grade_label
from yingdu.core.models import Item
from yingdu.core.slugs import readable_slug, unique_slug


class ResourceType(models.TextChoices):
    LESSON_PLAN = "lesson_plan", _("Lesson plan")
    COURSEWARE = "courseware", _("Courseware")
    TEST_PAPER = "test_paper", _("Test paper")
    STUDY_GUIDE = "study_guide", _("Study guide")
    MATERIAL = "material", _("Material")


class Volume(models.TextChoices):
    FIRST = "first", _("First volume")
    SECOND = "second", _("Second volume")
    FULL = "full", _("Full volume")


class ResourceStatus(models.TextChoices):
    PENDING = "pending", _("Pending review")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")


class TextState(models.TextChoices):
    """Where the background job (yingdu/resources/jobs.py) is with a resource's text and
    previews; the review status above is separate from it."""

    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Processing failed")


TYPE_LABELS = dict(ResourceType.choices)
VOLUME_LABELS = dict(Volume.choices)


class Edition(models.Model):
    """Textbook edition (人教版, 外研版 …): an editable list, ordered by position."""

    name = models.CharField(_("name"), max_length=30, unique=True)
    slug = models.SlugField(_("slug"), max_length=40, unique=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("textbook edition")
        verbose_name_plural = _("textbook editions")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = readable_slug(self.name).replace("-", "")[:40]
        super().save(*args, **kwargs)


# Path segments under /resources/ that are pages, never resource slugs.
RESERVED_SLUGS = {"upload", "review", "mine"}


class Resource(Item):
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ResourceStatus.choices,
        default=ResourceStatus.PENDING,
        db_index=True,
    )
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=20, choices=ResourceType.choices)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices)
    volume = models.CharField(_("volume"), max_length=10, choices=Volume.choices)
    edition = models.ForeignKey(
        Edition, verbose_name=_("textbook edition"), on_delete=models.PROTECT, related_name="+"
    )
    unit = models.CharField(_("unit or chapter"), max_length=100, blank=True)
    uploader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploader"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resources",
    )
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    download_count = models.PositiveIntegerField(_("downloads"), default=0, editable=False)
    size = models.PositiveBigIntegerField(_("size"), default=0, editable=False)
    text = models.TextField(_("extracted text"), blank=True, editable=False)
    text_state = models.CharField(
        _("text and preview"), max_length=10, choices=TextState.choices,
        default=TextState.READY, editable=False,
    )  # fmt: skip
    text_error = models.TextField(_("processing error"), blank=True, editable=False)
    text_job = models.ForeignKey(
        "jobs.Job", verbose_name=_("processing job"), on_delete=models.SET_NULL, null=True,
        blank=True, related_name="+", editable=False,
    )  # fmt: skip

    detail_url_name = "resources:detail"
    list_prefix = ""

    class Meta(Item.Meta):
        verbose_name = _("teaching resource")
        verbose_name_plural = _("teaching resources")
        indexes = [
            # Listing: newest or most downloaded among published ones, optionally narrowed.
            models.Index(fields=["status", "published_at"], name="res_status_pub"),
            models.Index(fields=["status", "download_count", "published_at"], name="res_status_dl"),
            # Facet counts (one GROUP BY) and the ids of a narrowed page in either order,
            # answered from this index alone.
            models.Index(
                fields=[
                    "status",
                    "type",
                    "grade",
                    "volume",
                    "edition",
                    "published_at",
                    "download_count",
                ],
                name="res_facets",
            ),  # fmt: skip
            models.Index(fields=["status", "grade", "published_at"], name="res_grade_pub"),
            # Most downloaded within one type or one grade, without sorting the whole set.
            models.Index(
                fields=["status", "type", "download_count", "published_at"], name="res_type_dl"
            ),
            models.Index(
                fields=["status", "grade", "download_count", "published_at"], name="res_grade_dl"
            ),
        ]

    def save(self, *args, **kwargs):
        if not self.slug:
            slug = unique_slug(Resource, self.title, exclude_pk=self.pk)
            if slug in RESERVED_SLUGS:
                slug = unique_slug(Resource, f"{self.title} ziyuan", exclude_pk=self.pk)
            self.slug = slug
        super().save(*args, **kwargs)

    # Labels without Model.get_FOO_display(), which rebuilds a dict of the lazy choices on
    # every call: the list shows three of them per row.
    @property
    def type_label(self):
        return TYPE_LABELS.get(self.type, self.type)

    @property
    def grade_label(self):
        return grade_label(self.grade)

    @property
    def volume_label(self):
        return VOLUME_LABELS.get(self.volume, self.volume)

    @property
    def is_pending(self) -> bool:
        return self.status == ResourceStatus.PENDING

    @property
    def is_rejected(self) -> bool:
        return self.status == ResourceStatus.REJECTED

    @property
    def processing(self) -> bool:
        return self.text_state == TextState.PROCESSING and not self.processing_error

    @property
    def processing_error(self) -> str:
        """Why the text and previews could not be made ('' while processing or ready): the
        resource's own record, or its job's error when the job gave up on its own (a worker
        that kept dying, an unexpected error after every retry)."""
        if self.text_state == TextState.FAILED:
            return self.text_error
        job = self.text_job if self.text_job_id else None
        if self.text_state == TextState.PROCESSING and job and job.state == job.State.FAILED:
            return job.error or str(_("Processing failed"))
        return ""

    def publish(self, editor) -> None:
        self.status = ResourceStatus.PUBLISHED
        self.published_at = timezone.now()
        self.reject_reason = ""
        self.reviewed_by, self.reviewed_at = editor, timezone.now()
        self.save()

    def reject(self, editor, reason: str) -> None:
        self.status = ResourceStatus.REJECTED
        self.reject_reason = reason
        self.reviewed_by, self.reviewed_at = editor, timezone.now()
        self.save()

    def same_section(self):
        return Resource.objects.published()

    def preview_file(self):
        return next((f for f in self.files.all() if f.preview), None)


def stored_name(kind: str) -> str:
    """A generated storage name: nothing of the uploader's file name reaches the disk."""
    return f"resources/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{kind}"


def preview_name(stored: str) -> str:
    """The preview of the stored file STORED: derived from its generated name, so making it
    again (a job run twice) writes the same name instead of a second file."""
    stem = stored.rpartition("/")[2].rpartition(".")[0]
    return f"resources/previews/{stem}.png"


class ResourceFile(models.Model):
    resource = models.ForeignKey(
        Resource, verbose_name=_("teaching resource"), on_delete=models.CASCADE,
        related_name="files",
    )  # fmt: skip
    file = models.FileField(_("file"), max_length=200)
    original_name = models.CharField(_("file name"), max_length=150)
    kind = models.CharField(_("file type"), max_length=5)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    preview = models.FileField(_("preview"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["position", "id"]

    def __str__(self):
        return self.original_name


@receiver(post_delete, sender=ResourceFile)
def delete_stored_files(sender, instance, **kwargs):
    """Remove the stored file and preview once the deletion is committed."""
    names = [f.name for f in (instance.file, instance.preview) if f]
    storage = instance.file.storage

    def remove():
        for name in names:
            storage.delete(name)

    transaction.on_commit(remove)
