"""What goes into the search index for each content kind, and keeping it in sync.

Every searchable kind of the registry (yingdu.core.kinds) has a `describe(item)` giving an
entry's fields (title, text, facets). `index_item` writes or removes the item's entry;
`reindex` rebuilds all.
"""

from django.db import transaction

from yingdu.core import kinds
from yingdu.core.models import Status

from .analysis import facet_tokens, index_terms
from .models import SearchEntry

FACET_COLUMNS = ("resource_type", "grade", "volume", "edition")

MAX_TEXT = 200_000  # characters of one document kept for snippets and indexing


def searched_models() -> list[type]:
    return kinds.models_of(kinds.searchable())


def is_live(item) -> bool:
    return getattr(item, "status", None) in (Status.PUBLISHED, "published")


def entry_fields(item, kind) -> dict:
    fields = kind.describe(item)
    text = " ".join(fields["text"].split())[:MAX_TEXT]
    facets = {k: fields.get(k, "") for k in FACET_COLUMNS}
    facets["kind"] = kind.key
    terms = index_terms(fields["title"] + " " + text)
    return {
        "title": fields["title"][:300],
        "url": item.get_absolute_url(),
        "published_at": item.published_at,
        "text": text,
        "terms": f"{terms} {facet_tokens(facets)}",
        **facets,
    }


def keys_of(model) -> list[str]:
    """Every searchable kind a model's items may be indexed under (news: news, zh_news)."""
    return [kind.key for kind in kinds.of_model(model) if kind.describe is not None]


def index_item(item) -> None:
    """Create, update or delete the item's entry according to its status and kind. An
    update keeps the entry's id, so that editing an old item does not make it look newly
    indexed."""
    keys = keys_of(type(item))
    if not keys:
        return
    with transaction.atomic():
        entries = SearchEntry.objects.filter(kind__in=keys, object_id=item.pk)
        kind = kinds.kind_of(item)
        if item.pk is None or not is_live(item) or kind is None or kind.describe is None:
            if entries.exists():  # drafts (most saves while editing) have nothing to delete
                entries.delete()
            return
        fields = entry_fields(item, kind)
        if not entries.filter(kind=kind.key).update(**fields):
            entries.delete()
            SearchEntry.objects.create(object_id=item.pk, **fields)


def remove_item(item) -> None:
    keys = keys_of(type(item))
    if keys:
        SearchEntry.objects.filter(kind__in=keys, object_id=item.pk).delete()


def count_items() -> int:
    return sum(model.objects.count() for model in searched_models())


def reindex(progress=None, resume: bool = False, each=None) -> int:
    """Rebuild every entry, oldest publication first (so entry ids follow publication
    order, which the ranking window relies on); `progress(n)` after each item.

    RESUME goes on with a rebuild that was stopped half-way: the index is not emptied
    again and the items that already have their entry are skipped (counted as done).
    `each()` runs inside the transaction that empties the index and inside each item's
    (a job's checkpoint commits with them). Returns the number of items gone through."""
    if not resume:
        with transaction.atomic():
            SearchEntry.objects.all().delete()
            if each:
                each()
    models = searched_models()
    order = sorted(
        (published_at, n, pk)
        for n, model in enumerate(models)
        for pk, published_at in model.objects.values_list("pk", "published_at")
    )
    indexed = indexed_ids(models) if resume else [set() for _ in models]
    done = 0
    for _, n, pk in order:
        item = None if pk in indexed[n] else models[n].objects.filter(pk=pk).first()
        if item is not None:
            with transaction.atomic():
                index_item(item)
                if each:
                    each()
        done += 1
        if progress:
            progress(done)
    return done


def indexed_ids(models) -> list[set[int]]:
    """Per model, the ids of its items that have an entry."""
    entries = SearchEntry.objects.values_list
    return [set(entries("object_id", flat=True).filter(kind__in=keys_of(m))) for m in models]
