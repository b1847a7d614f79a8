"""App config for student compositions (作文)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompositionsConfig(AppConfig):
    name = "yingdu.compositions"
    verbose_name = _("Compositions")

    def ready(self):
        from yingdu.core.kinds import register

        from .content import kinds

        register(*kinds())
