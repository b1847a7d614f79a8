"""App config for the teaching-resource library (教案 / 课件 / 试题)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "yingdu.resources"
    verbose_name = _("Teaching resources")

    def ready(self):
        from yingdu.core.kinds import register

        from .content import kinds

        register(*kinds())
