"""App config for the placement test: its rows are a section of each account's data; item
profiles follow annotation; a learner's cached reader follows their words, cards, tests."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementConfig(AppConfig):
    name = "yingdu.placement"
    verbose_name = _("Vocabulary test")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from yingdu.accounts import owned
        from yingdu.aids.service import AFTER_ANNOTATE, READER_KNOWS
        from yingdu.learners.known import known_words_changed
        from yingdu.learners.models import KnownWord
        from yingdu.notebook.models import Card

        from .models import PlacementTest
        from .profiles import forget, store
        from .readers import (
            forget_on_bulk_change,
            forget_on_card_save,
            forget_on_save,
            knows_for_request,
        )
        from .service import delete_tests, export_tests

        owned.register("placement_tests", export=export_tests, delete=delete_tests)
        AFTER_ANNOTATE.append(store)
        READER_KNOWS.append(knows_for_request)
        post_delete.connect(forget, dispatch_uid="placement-forget-profile")
        # what a learner's cached reader follows from (readers.version); KnownWord deletes
        # come through known_words_changed (a post_delete receiver would slow bulk deletes)
        for model in (KnownWord, PlacementTest):
            post_save.connect(forget_on_save, sender=model, dispatch_uid=f"reader-{model}")
        post_save.connect(forget_on_card_save, sender=Card, dispatch_uid=f"reader-{Card}")
        for model in (Card, PlacementTest):
            post_delete.connect(forget_on_save, sender=model, dispatch_uid=f"reader-del-{model}")
        known_words_changed.connect(forget_on_bulk_change, dispatch_uid="reader-known")
