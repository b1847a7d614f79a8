"""`yingdu lexicon build|show` and `yingdu annotate`: the Django-free lexicon commands
(yingdu/lexicon/cli.py) with the site's follow-up as the last step of a build."""

from yingdu.lexicon import cli as lexicon_cli

from .reading import cmd_reading_refresh
from .runtime import database_ready
from .search import reindex_all


def register(subparsers) -> None:
    lexicon_cli.register(subparsers, after_build=follow_new_lexicon)


def follow_new_lexicon() -> int:
    """After a build: when the site's database is there, re-annotate every item and
    rebuild the search index (its lemmas come from the lexicon)."""
    if not database_ready():
        return 0
    code = cmd_reading_refresh()
    return reindex_all() if code == 0 else code
