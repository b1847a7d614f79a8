"""What goes into the search index for each content kind, and keeping it in sync.

A kind registers a function that turns a published item into an entry's fields (title,
text, facets). `index_item` writes or removes the item's entry; `reindex` rebuilds all.
"""

from collections.abc import Callable
from html import unescape

import nh3
from django.db import transaction

from yingdu.core.models import Status

from .analysis import facet_tokens, index_terms
from .models import SearchEntry

FACET_COLUMNS = ("resource_type", "grade", "volume", "edition")

MAX_TEXT = 200_000  # characters of one document kept for snippets and indexing

Describe = Callable[[object], dict]
KINDS: dict[type, tuple[str, Describe]] = {}


def register(model, kind: str):
    """Decorator: `describe(item) -> {"title", "text", optional facets}` for a model."""

    def wrap(describe: Describe) -> Describe:
        KINDS[model] = (kind, describe)
        return describe

    return wrap


def plain(html: str) -> str:
    return unescape(nh3.clean(html or "", tags=set()))


def is_live(item) -> bool:
    return getattr(item, "status", None) in (Status.PUBLISHED, "published")


def entry_fields(item) -> dict | None:
    kind, describe = KINDS[type(item)]
    fields = describe(item)
    text = " ".join(fields["text"].split())[:MAX_TEXT]
    facets = {k: fields.get(k, "") for k in FACET_COLUMNS}
    facets["kind"] = fields.get("kind", kind)
    terms = index_terms(fields["title"] + " " + text)
    return {
        "title": fields["title"][:300],
        "url": item.get_absolute_url(),
        "published_at": item.published_at,
        "text": text,
        "terms": f"{terms} {facet_tokens(facets)}",
        **facets,
    }


def index_item(item) -> None:
    """Create, update or delete the item's entry according to its status. An update keeps
    the entry's id, so that editing an old item does not make it look newly indexed."""
    model = type(item)
    if model not in KINDS:
        return
    with transaction.atomic():
        entries = SearchEntry.objects.filter(kind__in=kinds_of(model), object_id=item.pk)
        if item.pk is None or not is_live(item):
            if entries.exists():  # drafts (most saves while editing) have nothing to delete
                entries.delete()
            return
        fields = entry_fields(item)
        if not entries.filter(kind=fields["kind"]).update(**fields):
            entries.delete()
            SearchEntry.objects.create(object_id=item.pk, **fields)


def kinds_of(model) -> list[str]:
    """Every kind a model's items may be indexed under (news has two: news, zh_news)."""
    kind = KINDS[model][0]
    return EXTRA_KINDS.get(kind, [kind])


EXTRA_KINDS = {"news": ["news", "zh_news"]}


def remove_item(item) -> None:
    model = type(item)
    if model in KINDS:
        SearchEntry.objects.filter(kind__in=kinds_of(model), object_id=item.pk).delete()


def count_items() -> int:
    return sum(model.objects.count() for model in KINDS)


def reindex(progress=None) -> int:
    """Rebuild every entry, oldest publication first (so entry ids follow publication
    order, which the ranking window relies on); `progress(n)` after each item."""
    SearchEntry.objects.all().delete()
    order = sorted(
        (published_at, n, pk)
        for n, model in enumerate(KINDS)
        for pk, published_at in model.objects.values_list("pk", "published_at")
    )
    models = list(KINDS)
    done = 0
    for _, n, pk in order:
        item = models[n].objects.filter(pk=pk).first()
        if item is not None:
            index_item(item)
        done += 1
        if progress:
            progress(done)
    return done
