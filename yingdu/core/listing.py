"""Shared list and detail page logic for every content kind: pagination, previous/next,
related items (shared tags first, then the newest of the same section)."""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import render

from .pagination import paginate

RELATED_COUNT = 5
# Functions (request, item) -> extra context for an item page, registered by feature apps
# (classes records an assigned reading). Each must cost nothing for anonymous readers.
DETAIL_HOOKS: list = []


def render_list(request, queryset, template: str, **context):
    page = paginate(request, queryset.defer("reading").prefetch_related("tags"))
    return render(request, template, {"page": page, "items": page.object_list, **context})


def get_published(queryset, slug: str):
    item = queryset.published().filter(slug=slug).first()
    if item is None:
        raise Http404("No such item")
    return item


def neighbours(item):
    """(previous, next) in publication order within the item's section."""
    section = item.same_section().defer("reading")
    older = (
        section.filter(published_at__lt=item.published_at).order_by("-published_at", "-id").first()
    )
    newer = (
        section.filter(published_at__gt=item.published_at).order_by("published_at", "id").first()
    )
    return older, newer


def related_items(item, count: int = RELATED_COUNT):
    section = item.same_section().exclude(pk=item.pk).defer("reading")
    tag_ids = [t.pk for t in item.tags.all()]
    related = list(
        section.filter(tags__in=tag_ids)
        .annotate(shared=Count("tags"))
        .order_by("-shared", "-published_at")[:count]
    )
    if len(related) < count:
        seen = {r.pk for r in related}
        related += [r for r in section[: count + len(seen)] if r.pk not in seen][
            : count - len(related)
        ]
    return related


def render_detail(request, item, template: str, **context):
    from .viewcount import record_view

    older, newer = neighbours(item)
    for hook in DETAIL_HOOKS:
        context.update(hook(request, item))
    response = render(
        request,
        template,
        {
            "item": item,
            "previous": older,
            "next": newer,
            "related": related_items(item),
            **context,
        },
    )
    record_view(type(item), item.pk)
    response.viewed = (type(item), item.pk)
    return response
