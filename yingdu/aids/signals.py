"""Annotate an item whenever it, or one of its paragraph rows, is saved or deleted."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .service import annotate_item

CHILD_PARENTS = {"ParagraphPair": "article", "Example": "term"}


def _target(sender, instance):
    if sender.__name__ in CHILD_PARENTS:
        return getattr(instance, CHILD_PARENTS[sender.__name__], None)
    if hasattr(instance, "reading_texts") and hasattr(instance, "reading"):
        return instance
    return None


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
