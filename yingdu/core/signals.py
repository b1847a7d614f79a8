"""Bump the page-cache generation whenever content of a Yingdu app changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .pagecache import bump_generation

CONTENT_APPS = {"core", "news", "daily", "bilingual", "compositions", "resources"}


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in CONTENT_APPS


@receiver(post_save)
@receiver(post_delete)
@receiver(m2m_changed)
def content_changed(sender, **kwargs):
    if _is_content(sender):  # for m2m_changed, sender is the app's own through model
        bump_generation()
