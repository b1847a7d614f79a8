"""Per-item rows for recommendations (ItemProfile), kept after each annotation and removed
with their item, and the query that ranks them for a reader."""

from django.conf import settings
from django.db.models import F, FloatField, Value
from django.db.models.functions import Abs, Cast, Greatest
from django.utils import timezone, translation

from yingdu.core import kinds
from yingdu.core.models import Status

from . import coverage
from .models import BAND_FIELDS, ItemProfile


def store(item) -> None:
    """Write (or remove) the profile row of an annotated item (aids AFTER_ANNOTATE)."""
    kind = kinds.kind_of(item)
    if kind is None:
        return
    profile = (item.reading or {}).get("profile")
    if not kind.english or not profile or not profile.get("words"):
        ItemProfile.objects.filter(kind=kind.key, object_id=item.pk).delete()
        return
    with translation.override(settings.LANGUAGE_CODE):
        url = item.get_absolute_url()
    bands = profile["bands"]
    values = {"title": str(item.title)[:300], "url": url[:500],
              "published": item.status == Status.PUBLISHED, "published_at": item.published_at,
              "words": profile["words"], **dict(zip(BAND_FIELDS, bands, strict=False))}  # fmt: skip
    ItemProfile.objects.update_or_create(kind=kind.key, object_id=item.pk, defaults=values)


def forget(sender, instance, **kwargs) -> None:
    """post_delete: the deleted item's profile row goes too."""
    keys = [kind.key for kind in kinds.of_model(sender)]
    if keys:
        ItemProfile.objects.filter(kind__in=keys, object_id=instance.pk).delete()


def ranked(reader: coverage.Reader, kind: str | None = None, limit: int = 10):
    """Published items, those whose estimated coverage is nearest the comfortable band first
    (newest first among equals), each with `.coverage`. One query; the work per item is a
    sum over the bands, whatever the item's length."""
    weighted = sum(
        F(name) * Value(float(share))
        for name, share in zip(BAND_FIELDS, reader.shares, strict=False)
    )
    share = Cast(weighted, FloatField()) / Cast(F("words"), FloatField())
    low, high = coverage.COMFORT
    rows = ItemProfile.objects.filter(published=True, published_at__lte=timezone.now(), words__gt=0)
    if kind:
        rows = rows.filter(kind=kind)
    rows = rows.annotate(coverage=share).annotate(
        off=Greatest(Value(low) - F("coverage"), F("coverage") - Value(high), Value(0.0))
    )
    return list(
        rows.order_by("off", Abs(F("coverage") - Value((low + high) / 2)), "-published_at")[:limit]
    )


def item_at(url: str):
    """The published English item whose page is at `url` (a path, a full URL or its /en/
    path), with its stored reading aids; None when there is none."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path or "/"
    for code, _ in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            path = path[len(prefix) - 1 :]
    row = ItemProfile.objects.filter(url=path, published=True).first()
    kind = kinds.get(row.kind) if row else None
    if kind is None:
        return None
    return kind.published().filter(pk=row.object_id).first()
