"""App config for student compositions (作文)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompositionsConfig(AppConfig):
    name = "yingdu.compositions"
    verbose_name = _("Compositions")
