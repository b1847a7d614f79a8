"""App config for bilingual articles: English and Chinese paragraph pairs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BilingualConfig(AppConfig):
    name = "yingdu.bilingual"
    verbose_name = _("Bilingual")

    def ready(self):
        from yingdu.core.kinds import register

        from .content import kinds

        register(*kinds())
