"""Keep the search index in sync: items saved, published, unpublished or deleted, and the
paragraph rows (bilingual pairs, daily-term examples) that belong to them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import kinds  # noqa: F401  (registers the content kinds)
from .indexing import KINDS, index_item, remove_item

CHILD_PARENTS = {"ParagraphPair": "article", "Example": "term"}


@receiver(post_save)
def item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if sender in KINDS:
        index_item(instance)
    elif sender.__name__ in CHILD_PARENTS:
        parent = getattr(instance, CHILD_PARENTS[sender.__name__], None)
        if parent is not None:
            index_item(parent)


@receiver(post_delete)
def item_deleted(sender, instance, **kwargs):
    if sender in KINDS:
        remove_item(instance)
    elif sender.__name__ in CHILD_PARENTS:
        parent = getattr(instance, CHILD_PARENTS[sender.__name__], None)
        if parent is not None and type(parent).objects.filter(pk=parent.pk).exists():
            index_item(parent)
