"""App config for the reading aids on the site: stored annotations, level picker, API."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AidsConfig(AppConfig):
    name = "yingdu.aids"
    verbose_name = _("Reading aids")

    def ready(self):
        from yingdu.jobs.kinds import register

        from . import lexiconjob, signals  # noqa: F401  (signals: annotate items when saved)

        register(lexiconjob.KIND)
