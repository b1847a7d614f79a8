"""App config for site search (SQLite FTS5 by default, PostgreSQL full text at scale)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "yingdu.search"
    verbose_name = _("Search")

    def ready(self):
        from yingdu.aids.service import current_lexicon

        from . import signals  # noqa: F401  (keep the index in sync with content)
        from .analysis import use_lexicon

        use_lexicon(current_lexicon)  # the reading aids' lemmatizer

        from yingdu.jobs.kinds import register

        from .jobs import KIND

        register(KIND)
