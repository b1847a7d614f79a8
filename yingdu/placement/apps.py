"""App config for the placement test: its rows are a section of each account's data."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "yingdu.placement"
    verbose_name = _("Vocabulary test")

    def ready(self):
        from django.db.models.signals import post_delete

        from yingdu.accounts import owned
        from yingdu.aids.service import AFTER_ANNOTATE, READER_KNOWS

        from .profiles import forget, store
        from .readers import knows_for_request
        from .service import delete_tests, export_tests

        owned.register("placement_tests", export=export_tests, delete=delete_tests)
        AFTER_ANNOTATE.append(store)
        READER_KNOWS.append(knows_for_request)
        post_delete.connect(forget, dispatch_uid="placement-forget-profile")
