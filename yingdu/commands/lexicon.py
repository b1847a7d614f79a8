"""`yingdu lexicon build|show` and `yingdu annotate`: the Django-free lexicon commands
(yingdu/lexicon/cli.py) with the site's follow-up as the last step of a build: the items
re-annotated and the search index rebuilt, queued as a background job ("relexicon", run by
`yingdu worker`), or done in the command with --inline."""

from yingdu.lexicon import cli as lexicon_cli

from .reading import cmd_reading_refresh, queue_relexicon
from .runtime import database_ready
from .search import reindex_all


def register(subparsers) -> None:
    lexicon_cli.register(subparsers, after_build=follow_new_lexicon)


def follow_new_lexicon(inline: bool = False) -> int:
    """After a build: when the site's database is there, queue the re-annotation of every
    item and the search rebuild (its lemmas come from the lexicon), or do both here."""
    if not database_ready():
        return 0
    if not inline:
        return queue_relexicon()
    code = cmd_reading_refresh()
    return reindex_all() if code == 0 else code
