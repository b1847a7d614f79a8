"""App config for 每日一词, the daily Chinese term with its English rendering."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DailyConfig(AppConfig):
    name = "yingdu.daily"
    verbose_name = _("Daily term")

    def ready(self):
        from yingdu.core.kinds import register

        from .content import kinds

        register(*kinds())
