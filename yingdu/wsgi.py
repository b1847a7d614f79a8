"""WSGI entry point (gunicorn yingdu.wsgi).

Importing it loads what every request needs and never changes (the app, the URL conf and
views, the lexicon's tables, the annotator's data), so the first requests are not slow, and
freezes those objects out of the garbage collector's reach. `yingdu serve` runs gunicorn
with --preload (YINGDU_PRELOAD, on by default): the master imports this module, so the
warm-up runs once there, and the forked workers share those pages (docs/operators.md:
memory). No database or cache connection is left open across the fork (here and in
yingdu/gunicorn_hooks.py's pre_fork); the lexicon reopens its file in each worker.
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
    connections.close_all()  # gunicorn_hooks.pre_fork closes them again before each fork
    gc.collect()
    gc.freeze()


warm_up()
