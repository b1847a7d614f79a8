"""Keep the search index in sync: items saved, published, unpublished or deleted, and the
paragraph rows (bilingual pairs, daily-term examples) that belong to them."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from yingdu.core.rows import item_of_row

from .indexing import index_item, remove_item, searched_models


@receiver(post_save)
def item_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    if sender in searched_models():
        index_item(instance)
    elif (item := item_of_row(instance)) is not None:
        index_item(item)


@receiver(post_delete)
def item_deleted(sender, instance, **kwargs):
    if sender in searched_models():
        remove_item(instance)
    elif (item := item_of_row(instance)) is not None and item_still_exists(item):
        index_item(item)


def item_still_exists(item) -> bool:
    """False while an item is being deleted together with its rows."""
    return type(item).objects.filter(pk=item.pk).exists()
