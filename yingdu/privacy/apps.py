"""App config for privacy: takedown requests, the take-down admin action and its log."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "yingdu.privacy"
    verbose_name = _("Privacy and takedown")

    def ready(self):
        from .admin import offer_take_down

        offer_take_down()
