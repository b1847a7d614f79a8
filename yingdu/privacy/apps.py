"""App config for privacy: takedown requests, the take-down admin action and its log."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "yingdu.privacy"
    verbose_name = _("Privacy and takedown")

    def ready(self):
        from yingdu.accounts.roles import ensure_groups

        from .admin import offer_take_down

        offer_take_down()
        # Once this app's permissions exist, the editor group gets them (accounts.roles).
        post_migrate.connect(ensure_groups, sender=self)
