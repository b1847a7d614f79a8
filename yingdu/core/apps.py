"""App config for the shared building blocks of every content section."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yingdu.core"
    verbose_name = _("Site")

    def ready(self):
        from . import signals  # noqa: F401  (connects cache invalidation)
