"""App config for bilingual articles: English and Chinese paragraph pairs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilingualConfig(AppConfig):
    name = "yingdu.bilingual"
    verbose_name = _("Bilingual")
