"""App config for the teaching-resource library (教案 / 课件 / 试题): its content kind, and
the background job that reads uploaded documents (jobs.py)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "yingdu.resources"
    verbose_name = _("Teaching resources")

    def ready(self):
        from yingdu.core.kinds import register
        from yingdu.jobs import kinds as job_kinds

        from . import jobs
        from .content import kinds

        register(*kinds())
        job_kinds.register(jobs.KIND)
