"""What the `yingdu` sub-commands share: Django set-up and whether the database is there."""

import os

from yingdu import config


def setup_django() -> None:
    """Write the secret key file on first use (unless SECRET_KEY is set), then set Django up.
    Calling it again does nothing more."""
    import django
    from django.apps import apps

    if apps.ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingdu.settings")
    settings = config.load()
    if not settings.secret_key:
        config.ensure_secret_key_file(settings.secret_key_file)
    django.setup()


def database_ready() -> bool:
    """True when the database exists and is migrated (so there are items to work on)."""
    setup_django()
    from django.db import connection
    from django.db.utils import Error

    try:
        return "news_newsarticle" in connection.introspection.table_names()
    except Error:
        return False
