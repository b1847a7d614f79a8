"""Annotate an item whenever it, or one of its paragraph rows, is saved or deleted."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from yingdu.core.rows import item_of_row

from .service import annotate_item


def _target(sender, instance):
    if hasattr(instance, "reading_texts") and hasattr(instance, "reading"):
        return instance
    return item_of_row(instance)


@receiver(post_save)
@receiver(post_delete)
def content_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    target = _target(sender, instance)
    if target is None or target.pk is None:
        return
    if kwargs.get("signal") is post_delete and target is instance:
        return
    annotate_item(target)  # a parent deleted with its children just updates no row
