"""App config for the reading aids on the site: stored annotations, level picker, API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidsConfig(AppConfig):
    name = "yingdu.aids"
    verbose_name = _("Reading aids")

    def ready(self):
        from . import signals  # noqa: F401  (annotate items when they are saved)
