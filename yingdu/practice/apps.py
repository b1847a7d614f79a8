"""The practice app: worksheets on the site (no models of its own); registers the
"worksheet" job kind that renders PDF and DOCX files and the "worksheet-save" job kind
that saves a worksheet to the resource library."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticeConfig(AppConfig):
    name = "yingdu.practice"
    label = "practice"
    verbose_name = _("Worksheets")

    def ready(self):
        from yingdu.jobs.kinds import register

        from .jobs import KIND, SAVE_KIND

        register(KIND, SAVE_KIND)
