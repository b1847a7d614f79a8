"""URLs for tests/portal/test_serve_preload.py: the site's own, plus a probe that reports,
from inside the worker answering it, which process it is, which database session and
lexicon handle it uses, whether it maps the lexicon file and where its heartbeat file is.

Under --preload this module is imported in the gunicorn master (yingdu/wsgi.py's warm-up
resolves the URLs). It opens a database connection there on purpose, as a careless warm-up
step would, and keeps references to it and to the lexicon's connection, so that a worker can
tell whether it still holds either.
"""

import os
import sqlite3

from django.db import connection
from django.http import JsonResponse
from django.urls import path

from tests.procfs import mapped_files, open_files
from yingdu.aids.service import current_lexicon
from yingdu.urls import urlpatterns as site_urlpatterns

MASTER_PID = os.getpid()


def open_master_connection():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return connection.connection


MASTER_DB = open_master_connection()
MASTER_LEXICON = current_lexicon()._con


def database_session() -> str:
    """The server-side session: PostgreSQL's backend pid; for SQLite, whose connections
    live in their process, the process and the connection object."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_backend_pid()")
            return f"pg:{cursor.fetchone()[0]}"
        cursor.execute("SELECT count(*) FROM django_migrations")
    return f"sqlite:{os.getpid()}:{id(connection.connection)}"


def master_db_closed() -> bool:
    """Whether the connection the master opened is closed in this worker."""
    if connection.vendor == "postgresql":
        return bool(MASTER_DB.closed)
    try:
        MASTER_DB.execute("SELECT 1")
    except sqlite3.ProgrammingError:  # Cannot operate on a closed database.
        return True
    return False


def probe(request):
    lexicon = current_lexicon()
    with lexicon._lock:
        lexicon_rows = lexicon._con.execute("SELECT count(*) FROM meta").fetchone()[0]
    return JsonResponse({
        "pid": os.getpid(),
        "master_pid": MASTER_PID,
        "database": database_session(),
        "master_database_closed": master_db_closed(),
        "own_lexicon_handle": lexicon._con is not MASTER_LEXICON,
        "lexicon_reads": lexicon_rows > 0,
        "lexicon_mapped": str(lexicon.path.resolve()) in mapped_files(),
        "heartbeat_files": [f for f in open_files() if "wgunicorn-" in f],
    })  # fmt: skip


urlpatterns = [path("__probe__/", probe), *site_urlpatterns]
