"""The `yingdu` command: every operator task in one place.

yingdu migrate            create or upgrade the database (and the data folder)
yingdu demo               load the demo content once (idempotent)
yingdu serve              gunicorn when DEBUG is off, Django's runserver when on
yingdu manage ARGS...     any Django management command
yingdu lexicon build|show|fetch-ecdict, yingdu annotate   (reading aids)
yingdu reading refresh    re-annotate every item (done after each lexicon build)
yingdu search QUERY|--reindex   search from the shell, or rebuild the search index
yingdu import SOURCE...    web pages, feeds, pasted text -> draft items
yingdu worker             run background jobs (imports started in the admin) until stopped
yingdu users create|import|token   accounts for a school, API tokens
yingdu worksheet FILE|-   a printable worksheet (cloze, grammar fill, 七选五, vocabulary)
yingdu backup FILE, yingdu restore FILE   the whole site in one archive, and back

This module only assembles the parser from the leaf modules that register the commands
(yingdu/commands/, the lexicon's and the importer's cli.py), checks the configuration, sets
Django up for the commands that declare `needs_django`, and dispatches.
"""

import argparse
import sys

from yingdu import config
from yingdu.classes import cli as classes_cli
from yingdu.commands import (
    backup,
    lexicon,
    reading,
    search,
    serve,
    site,
    users,
    worker,
    worksheet,
)
from yingdu.commands.runtime import setup_django
from yingdu.imports import cli as imports_cli

# In the order `yingdu --help` lists them.
REGISTER_COMMANDS = (
    site.register,  # migrate, demo
    serve.register,
    site.register_manage,
    reading.register,
    search.register,
    lexicon.register,  # lexicon build|show, annotate
    imports_cli.register,  # import SOURCE…
    worker.register,
    users.register,  # users create|import|token
    worksheet.register,  # worksheet FILE|-
    backup.register,  # backup FILE, restore FILE
    classes_cli.register,  # classes purge
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yingdu", description="英读 Yingdu operator commands")
    sub = parser.add_subparsers(dest="command", required=True)
    for register in REGISTER_COMMANDS:
        register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        config.load()
    except config.ConfigError as error:
        print(f"yingdu: configuration error: {error}", file=sys.stderr)
        return 2
    args = build_parser().parse_args(argv)
    if getattr(args, "needs_django", False):
        setup_django()
    return args.func(args) or 0


if __name__ == "__main__":
    sys.exit(main())
