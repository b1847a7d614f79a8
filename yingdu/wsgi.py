"""WSGI entry point (gunicorn yingdu.wsgi).

Importing it loads what every request needs and never changes (the app, the URL conf and
views, the lexicon's tables, the annotator's data), so the first requests are not slow, and
freezes those objects out of the garbage collector's reach. Run with gunicorn's --preload,
the master does this once before forking and the workers share those pages
(docs/operators.md: memory); no database connection is left open across the fork.
"""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingdu.settings")
application = get_wsgi_application()


def warm_up() -> None:
    from django.db import connections
    from django.urls import get_resolver

    from yingdu.aids.service import current_lexicon

    get_resolver().url_patterns  # imports every view module  # noqa: B018
    lexicon = current_lexicon()  # None before the first build: workers load it then
    if lexicon is not None:  # the lemmatizer's and tagger's data, loaded on first use
        from yingdu.reading import annotate

        annotate("Students were reading the stories quickly.", "senior", lexicon)
    connections.close_all()
    gc.collect()
    gc.freeze()


warm_up()
