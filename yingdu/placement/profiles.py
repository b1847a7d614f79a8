"""Per-item rows for recommendations (ItemProfile), kept after each annotation and removed
with their item, and the query that ranks them for a reader."""

from django.conf import settings
from django.db import connection
from django.utils import timezone, translation

from yingdu.core import kinds
from yingdu.core.models import Status
from yingdu.lexicon import LEVELS

from . import coverage
from .models import BAND_FIELDS, LEVEL_FIELDS, ItemProfile


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
    levels = dict(zip(LEVEL_FIELDS, coverage.by_level(bands), strict=True))
    values = {**levels, "title": str(item.title)[:300], "url": url[:500],
              "published": item.status == Status.PUBLISHED, "published_at": item.published_at,
              "words": profile["words"], "lemmas": coverage.by_band(profile["lemmas"]),
              **dict(zip(BAND_FIELDS, bands, strict=False))}  # fmt: skip
    ItemProfile.objects.update_or_create(kind=kind.key, object_id=item.pk, defaults=values)


def forget(sender, instance, **kwargs) -> None:
    """post_delete: the deleted item's profile row goes too."""
    keys = [kind.key for kind in kinds.of_model(sender)]
    if keys:
        ItemProfile.objects.filter(kind__in=keys, object_id=instance.pk).delete()


WIDENING = (0.0, 0.02, 0.05, 0.1, 0.2)  # distances from the comfortable band looked at


def ranked(reader: coverage.Reader, kind: str | None = None, limit: int = 10):
    """Published items, those whose estimated coverage is nearest the comfortable band first
    (then nearest its middle, then newest), each with `.coverage`. The work per item is a sum
    over the bands, whatever the item's length, and only for the items whose coverage at the
    reader's mastered level (an indexed column) puts them near the band: the window widens
    until the last item kept is nearer than anything outside it."""
    mastered = reader.mastered
    if not 0 <= mastered < len(LEVELS):
        return _scored(reader, kind, limit, None)
    column = LEVEL_FIELDS[mastered]
    extra = max(reader.shares[mastered + 1 :], default=0.0)  # most of a band known above
    low, high = coverage.COMFORT
    for far in WIDENING:
        # outside [least, most] the coverage is surely more than `far` from the band
        least, most = (low - far - extra) / (1 - extra) if extra < 1 else 0.0, high + far
        rows = _scored(reader, kind, limit, (column, least, most))
        if len(rows) == limit and coverage.distance(rows[-1].coverage) <= far:
            return rows
    # Nothing near enough: the hardest of the too-easy and the easiest of the too-hard items
    # (in the order of the indexed column), scored with the rest.
    nearest = [r.pk for r in rows] + [
        *_published(kind)
        .filter(**{f"{column}__lt": least})
        .order_by(f"-{column}")
        .values_list("pk", flat=True)[:limit],
        *_published(kind)
        .filter(**{f"{column}__gt": most})
        .order_by(column)
        .values_list("pk", flat=True)[:limit],
    ]
    return _scored(reader, kind, limit, None, ids=nearest)


def _published(kind):
    rows = ItemProfile.objects.filter(published=True, published_at__lte=timezone.now(), words__gt=0)
    return rows.filter(kind=kind) if kind else rows


def _scored(reader, kind, limit, window, ids=None):
    low, high = coverage.COMFORT
    weights = " + ".join(f"{name} * %s" for name in BAND_FIELDS)
    where = ["published = %s", "published_at <= %s", "words > 0"]
    params = [float(share) for share in reader.shares] + [True, timezone.now()]
    if kind:
        where.append("kind = %s")
        params.append(kind)
    if ids is not None:
        where.append(f"id IN ({', '.join(str(int(pk)) for pk in ids) or 'NULL'})")
    if window:
        column, least, most = window
        where.append(f"{column} BETWEEN %s AND %s")
        params += [least, most]
    sql = (
        f"SELECT id, cov FROM (SELECT id, published_at,"
        f" CAST({weights} AS DOUBLE PRECISION) / words AS cov"
        f" FROM {ItemProfile._meta.db_table} WHERE {' AND '.join(where)}) AS scored"
        " ORDER BY CASE WHEN cov < %s THEN %s - cov WHEN cov > %s THEN cov - %s ELSE 0 END,"
        " ABS(cov - %s), published_at DESC LIMIT %s"
    )
    params += [low, low, high, high, (low + high) / 2, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        scores = [(pk, float(share)) for pk, share in cursor.fetchall()]
    rows = ItemProfile.objects.defer("lemmas").in_bulk([pk for pk, _ in scores])
    for pk, share in scores:
        rows[pk].coverage = share
    return [rows[pk] for pk, _ in scores]


def site_path(url: str) -> str:
    """The path of a page in the site's default language (how ItemProfile.url is kept),
    from a path, a full URL or the path in another language (/en/…)."""
    from urllib.parse import urlsplit

    path = urlsplit(url).path or "/"
    for code, _ in settings.LANGUAGES:
        prefix = f"/{code}/"
        if code != settings.LANGUAGE_CODE and path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


def rows_at(urls, with_lemmas: bool = False) -> dict:
    """The published ItemProfile rows at these page URLs, by site_path; one query (none for
    no URLs). Their word counts (`lemmas`, the largest column) only when asked for."""
    paths = {site_path(url) for url in urls}
    if not paths:
        return {}
    rows = ItemProfile.objects.filter(url__in=paths, published=True)
    return {row.url: row for row in (rows if with_lemmas else rows.defer("lemmas"))}


def item_at(url: str):
    """The published English item whose page is at `url` (a path, a full URL or its /en/
    path), with its stored reading aids; None when there is none."""
    row = ItemProfile.objects.filter(url=site_path(url), published=True).first()
    kind = kinds.get(row.kind) if row else None
    if kind is None:
        return None
    return kind.published().filter(pk=row.object_id).first()
