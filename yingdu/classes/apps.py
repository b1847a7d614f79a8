"""App config for classes: students' class records are a section of each account's data,
and item pages record the reading of an assigned item (core.listing.DETAIL_HOOKS)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClassesConfig(AppConfig):
    name = "yingdu.classes"
    verbose_name = _("Classes")

    def ready(self):
        from yingdu.accounts import owned
        from yingdu.core.listing import DETAIL_HOOKS

        from .ownership import delete_rows, export_rows
        from .reading import reading_context

        owned.register("classes", export=export_rows, delete=delete_rows)
        DETAIL_HOOKS.append(reading_context)
