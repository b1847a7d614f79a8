"""What every content item has: slug, section, tags, status, publish time, view count.

Each content kind (news, daily term, bilingual article, composition) is a concrete model
that inherits `Item` and names its own section.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .slugs import unique_slug


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishedQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Item(models.Model):
    """Abstract base of every content item."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True, allow_unicode=False)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(_("publish time"), default=timezone.now, db_index=True)
    view_count = models.PositiveIntegerField(_("views"), default=0, editable=False)
    # Reading aids, computed when the item is saved (yingdu.aids), never per request.
    reading = models.JSONField(_("reading aids"), default=dict, blank=True, editable=False)
    difficulty = models.JSONField(_("difficulty"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PublishedQuerySet.as_manager()

    # Overridden by each kind: the URL name of its detail page and its list label.
    detail_url_name = ""
    list_prefix = ""

    class Meta:
        abstract = True
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.slug_source(), exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.detail_url_name, kwargs={"slug": self.slug})

    def slug_source(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()

    def reading_texts(self) -> dict[str, str]:
        """English texts to annotate: key -> nh3-cleaned HTML (overridden per kind)."""
        return {}

    def pinyin_texts(self) -> dict[str, str]:
        """Chinese texts that get pinyin ruby: key -> plain text (overridden per kind)."""
        return {}

    def aided(self, key: str, fallback: str) -> str:
        """The annotated HTML of one text, or its plain cleaned HTML when not annotated."""
        html = self.reading.get("html", {}).get(key)
        return mark_safe(html) if html else conditional_escape(fallback)  # noqa: S308

    def same_section(self):
        """Published items of the same section (overridden where a model holds several)."""
        return type(self).objects.published()
