"""Bump the page-cache generation whenever content changes: any model of an app that
registered a content kind (yingdu.core.kinds), and the shared tags of core."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import kinds
from .pagecache import bump_generation

SHARED_APPS = {"core"}  # tags belong to every kind


def content_apps() -> set[str]:
    return SHARED_APPS | kinds.app_labels()


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in content_apps()


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def content_changed(sender, **kwargs):
    if _is_content(sender):  # for m2m_changed, sender is the app's own through model
        bump_generation()
