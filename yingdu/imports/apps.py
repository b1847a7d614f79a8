"""App config for imports: fingerprints of items, the `yingdu import` command, admin forms."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "yingdu.imports"
    verbose_name = _("Imports")

    def ready(self):
        from yingdu.jobs.kinds import register

        from .jobs import KIND

        register(KIND)
