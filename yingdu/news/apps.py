"""App config for English news (国际/国内英语资讯) and Chinese news (中文资讯)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "yingdu.news"
    verbose_name = _("News")

    def ready(self):
        from yingdu.core.kinds import register

        from .content import kinds

        register(*kinds())
