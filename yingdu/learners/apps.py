"""App config for learners: known words, registered as a section of each account's data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "yingdu.learners"
    verbose_name = _("Learners")

    def ready(self):
        from yingdu.accounts import owned

        from .known import delete_known, export_known

        owned.register("known_words", export=export_known, delete=delete_known)
