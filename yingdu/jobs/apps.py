"""App config for background jobs: registers the built-in kind and deletes result files with
their jobs."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "yingdu.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import kinds, probe, service
        from .models import Job

        kinds.register(probe.KIND)
        post_delete.connect(
            lambda instance, **_: service.delete_result_file(instance), sender=Job,
            dispatch_uid="yingdu.jobs.delete_result_file", weak=False,
        )  # fmt: skip
