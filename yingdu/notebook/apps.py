"""App config for the vocabulary notebook (生词本): cards, FSRS review, goals, exports."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotebookConfig(AppConfig):
    name = "yingdu.notebook"
    verbose_name = _("Vocabulary notebook")

    def ready(self):
        from yingdu.accounts import owned

        from .ownership import delete_rows, export_rows

        owned.register("notebook", export=export_rows, delete=delete_rows)
