"""App config for background jobs: registers the built-in kind, deletes result files with
their jobs, and makes a user's jobs part of their data export and account deletion."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "yingdu.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from django.db.models.signals import post_delete

        from yingdu.accounts import owned

        from . import kinds, probe, service
        from .models import Job

        kinds.register(probe.KIND)
        owned.register("jobs", export=service.export_jobs, delete=service.delete_jobs)
        post_delete.connect(
            lambda instance, **_: service.delete_result_file(instance), sender=Job,
            dispatch_uid="yingdu.jobs.delete_result_file", weak=False,
        )  # fmt: skip
