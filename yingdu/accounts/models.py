"""A visitor's request to become a teacher (upload rights), decided by an editor."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TeacherRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("Pending review")
        GRANTED = "granted", _("Granted")
        DECLINED = "declined", _("Declined")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="teacher_request",
    )  # fmt: skip
    school = models.CharField(_("school"), max_length=100, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING, db_index=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("teacher request")
        verbose_name_plural = _("teacher requests")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.user} ({self.get_state_display()})"


class RateCounter(models.Model):
    """A hit counter of yingdu.accounts.ratelimit (log-in failures, API calls) when no Redis
    is configured: one row per key, counting until `expires_at`; expired rows are deleted."""

    key = models.CharField(max_length=100, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("rate counter")
        verbose_name_plural = _("rate counters")

    def __str__(self):
        return f"{self.key}: {self.count}"
