"""One record per background job, whatever it does (yingdu/jobs/kinds.py): who started it,
its state, progress and error, which worker holds it and when that worker last said it was
alive, and the file it made. The queue (database or Redis) only carries the job's id."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    kind = models.CharField(_("kind"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict)
    # The same work asked for again by the same person (same kind and key) finds this job.
    key = models.CharField(_("key"), max_length=64, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="jobs", verbose_name=_("started by"),
    )  # fmt: skip
    state = models.CharField(_("state"), max_length=10, choices=State, default=State.QUEUED)
    done = models.PositiveIntegerField(_("steps done"), default=0)
    total = models.PositiveIntegerField(_("steps"), default=0)
    step = models.CharField(_("current step"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    result = models.JSONField(_("result"), default=dict, blank=True)
    # How far a resumable kind got (Context.save_checkpoint): a run again goes on from here.
    checkpoint = models.JSONField(_("checkpoint"), default=dict, blank=True)
    result_file = models.CharField(_("result file"), max_length=500, blank=True)
    result_name = models.CharField(_("download name"), max_length=200, blank=True)
    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    worker = models.CharField(_("worker"), max_length=200, blank=True)  # host:pid
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    run_after = models.DateTimeField(_("retry after"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "heartbeat_at"], name="job_state_heartbeat"),
            models.Index(fields=["started_by", "kind", "key"], name="job_owner_kind_key"),
        ]

    def __str__(self):
        return f"#{self.pk} {self.kind} ({self.state})"

    @property
    def active(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def percent(self) -> int:
        if self.state == self.State.DONE:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else 0
