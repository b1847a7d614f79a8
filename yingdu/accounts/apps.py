"""App config for accounts: sign-up, log-in with throttling, and the teacher/editor roles."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "yingdu.accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from yingdu.jobs.kinds import register

        from .exportjob import KIND
        from .mydata import register_sections
        from .roles import ensure_groups

        post_migrate.connect(ensure_groups, sender=self)
        register_sections()
        register(KIND)
