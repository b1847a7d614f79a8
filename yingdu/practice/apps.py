"""The practice app: worksheets on the site (no models of its own)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "yingdu.practice"
    label = "practice"
    verbose_name = _("Worksheets")
