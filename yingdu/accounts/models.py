"""Accounts' own rows: a learner's profile (display name), API tokens (stored hashed), a
visitor's request to become a teacher (decided by an editor), and rate counters."""

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


DISPLAY_NAME_MAX = 30


class Profile(models.Model):
    """What the site shows of an account: a display name chosen at sign-up (a nickname; no
    real name is asked for). The user name stays private to the account and the operators."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="profile",
    )  # fmt: skip
    display_name = models.CharField(_("display name"), max_length=DISPLAY_NAME_MAX)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self):
        return self.display_name


class ApiToken(models.Model):
    """A learner's API token: only the SHA-256 of the secret is kept, and a short visible
    prefix so the learner can tell their tokens apart (yingdu/accounts/tokens.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="api_tokens",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=50, blank=True)
    prefix = models.CharField(_("token starts with"), max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.prefix}… ({self.name})" if self.name else f"{self.prefix}…"
