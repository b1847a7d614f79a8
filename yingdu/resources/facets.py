"""The facet bar: one row per facet (类型, 年级, 册别, 版本), each value with the number of
published resources it would show given the other facets' current choices.

All counts come from one grouped query — published resources counted per (type, grade,
volume, edition) combination, at most a few thousand rows whatever the library's size —
cached until the content changes. Every row's counts and the total for the current choice
are then sums over those combinations (`facet_counts`, plain Python).
"""

import time
from collections import Counter
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from yingdu.core.pagecache import content_generation
from yingdu.grades import current_code

from .models import Edition, Grade, Resource, ResourceType, Volume

FACETS = ("type", "grade", "volume", "edition")
SORTS = {"newest": ("-published_at", "-id"), "downloads": ("-download_count", "-published_at")}
DEFAULT_SORT = "newest"
LIST_FIELDS = [
    "title", "slug", "status", "type", "grade", "volume", "unit", "size", "download_count",
    "published_at", "edition__name",
]  # fmt: skip


def facet_counts(combinations, selection: dict) -> tuple[dict[str, Counter], int]:
    """Per facet, the count of each value when that facet's own choice is left out; and
    the number of items matching the whole selection.

    `combinations` are (type, grade, volume, edition, n) tuples; `selection` maps facet
    names to chosen values (facets left out are "any").
    """
    counts = {facet: Counter() for facet in FACETS}
    total = 0
    for *values, n in combinations:
        missed = [
            i for i, facet in enumerate(FACETS)
            if facet in selection and values[i] != selection[facet]
        ]  # fmt: skip
        if not missed:
            total += n
            for i, facet in enumerate(FACETS):
                counts[facet][values[i]] += n
        elif len(missed) == 1:  # only this facet's own choice excludes it
            i = missed[0]
            counts[FACETS[i]][values[i]] += n
    return counts, total


_memo: dict = {}  # this process's copy: (key, expiry) -> rows


def combinations() -> list[tuple]:
    """(type, grade, volume, edition_id, n) of published resources, computed once per
    content generation and kept in the shared cache and in this process."""
    key = f"resources:facets:{content_generation()}"
    ttl = settings.PAGE_CACHE_SECONDS
    memo = _memo.get("rows")
    if memo and memo[0] == key and memo[1] > time.monotonic():
        return memo[2]
    rows = cache.get(key)
    if rows is None:
        rows = list(
            Resource.objects.published()
            .values_list("type", "grade", "volume", "edition_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        cache.set(key, rows, ttl)
    _memo["rows"] = (key, time.monotonic() + ttl, rows)
    return rows


def editions() -> list[Edition]:
    return list(Edition.objects.all())


def read_selection(query, edition_list) -> tuple[dict, str]:
    """Valid choices from the query string; unknown values are ignored, not errors."""
    choices = {
        "type": set(ResourceType.values),
        "grade": set(Grade.values),
        "volume": set(Volume.values),
    }
    selection = {}
    for facet, allowed in choices.items():
        value = current_code(query.get(facet)) if facet == "grade" else query.get(facet)
        if value in allowed:
            selection[facet] = value
    by_slug = {e.slug: e.pk for e in edition_list}
    if query.get("edition") in by_slug:
        selection["edition"] = by_slug[query["edition"]]
    sort = query.get("sort")
    return selection, sort if sort in SORTS else DEFAULT_SORT


def query_string(params: dict, sort: str) -> str:
    """`?type=…&grade=…&volume=…&edition=…` in facet order, sort only when not default;
    '' for no choice at all (the bare list address)."""
    ordered = [(facet, params[facet]) for facet in FACETS if params.get(facet)]
    if sort != DEFAULT_SORT:
        ordered.append(("sort", sort))
    return "?" + urlencode(ordered) if ordered else ""


def current_params(selection: dict, edition_list) -> dict:
    slug_of = {e.pk: e.slug for e in edition_list}
    return {f: (slug_of[v] if f == "edition" else v) for f, v in selection.items()}


def sort_links(selection: dict, edition_list) -> list[tuple[str, str, object]]:
    labels = {"newest": _("Newest"), "downloads": _("Most downloaded")}
    current = current_params(selection, edition_list)
    return [(key, query_string(current, key), labels[key]) for key in SORTS]


def facet_rows(selection: dict, sort: str, counts, edition_list) -> list[dict]:
    slug_of = {e.pk: e.slug for e in edition_list}
    current = current_params(selection, edition_list)
    values = {
        "type": ResourceType.choices,
        "grade": Grade.choices,
        "volume": Volume.choices,
        "edition": [(e.pk, e.name) for e in edition_list],
    }
    names = {"type": _("Type"), "grade": _("Grade"), "volume": _("Volume"), "edition": _("Edition")}
    rows = []
    for facet in FACETS:
        others = {f: v for f, v in current.items() if f != facet}
        options = []
        for value, label in values[facet]:
            param = slug_of[value] if facet == "edition" else value
            options.append({
                "label": label, "count": counts[facet][value],
                "url": query_string({**others, facet: param}, sort),
                "current": selection.get(facet) == value,
            })  # fmt: skip
        rows.append({
            "facet": facet, "name": names[facet], "options": options,
            "any_url": query_string(others, sort), "any_current": facet not in selection,
            "any_count": sum(counts[facet].values()),
        })  # fmt: skip
    return rows


def listing(selection: dict, sort: str):
    """Ids of the published resources chosen, in order. With the facet index holding every
    filter and sort column, a page of ids comes from the index alone, however many rows
    match and whichever order is asked for; `rows` then fetches just those rows."""
    filters = {("edition_id" if f == "edition" else f): v for f, v in selection.items()}
    return (
        Resource.objects.published()
        .filter(**filters)
        .order_by(*SORTS[sort])
        .values_list("pk", flat=True)
    )


def rows(ids) -> list[Resource]:
    """The resources of one page, in the order of `ids`, without their extracted text."""
    ids = list(ids)
    found = Resource.objects.select_related("edition").only(*LIST_FIELDS).in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
