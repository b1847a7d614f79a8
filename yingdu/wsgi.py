"""WSGI entry point (gunicorn yingdu.wsgi): Django, run in turns (yingdu.core.turns)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingdu.settings")

from yingdu.core.turns import in_turns  # noqa: E402 (needs the settings module above)

application = in_turns(get_wsgi_application())
