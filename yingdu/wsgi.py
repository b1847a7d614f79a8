"""WSGI entry point (gunicorn yingdu.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yingdu.settings")
application = get_wsgi_application()
