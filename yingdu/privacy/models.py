"""Takedown requests (a parent, teacher or author asks for an item's removal) and the log of
items editors took down."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Relation(models.TextChoices):
    GUARDIAN = "guardian", _("Parent or guardian")
    TEACHER = "teacher", _("Teacher")
    AUTHOR = "author", _("The author")
    OTHER = "other", _("Other")


class RequestStatus(models.TextChoices):
    NEW = "new", _("New")
    DONE = "done", _("Taken down")
    DECLINED = "declined", _("Declined")


class TakedownRequest(models.Model):
    relation = models.CharField(_("you are"), max_length=10, choices=Relation.choices)
    name = models.CharField(_("your name"), max_length=50, blank=True)
    contact = models.CharField(
        _("how to reach you"), max_length=100, help_text=_("E-mail address or phone number.")
    )
    page_url = models.CharField(
        _("page address"), max_length=500, help_text=_("The address of the page to remove.")
    )
    reason = models.TextField(_("reason"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.NEW
    )
    editor_note = models.TextField(_("editor's note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("takedown request")
        verbose_name_plural = _("takedown requests")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_relation_display()} · {self.page_url[:60]}"


class TakedownLog(models.Model):
    """One item taken down: what it was, where it came from, who removed it and why."""

    created_at = models.DateTimeField(_("taken down at"), auto_now_add=True)
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editor"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    editor_username = models.CharField(_("editor's user name"), max_length=150)
    kind = models.CharField(_("content kind"), max_length=100)
    object_id = models.PositiveBigIntegerField(_("item id"))
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(_("page address"), max_length=500)
    sources = models.TextField(_("import sources"), blank=True)
    files_removed = models.PositiveIntegerField(_("files removed"), default=0)
    reason = models.TextField(_("reason"))
    request = models.ForeignKey(
        TakedownRequest,
        verbose_name=_("takedown request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logs",
    )

    class Meta:
        verbose_name = _("takedown log entry")
        verbose_name_plural = _("takedown log")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.kind} #{self.object_id} {self.title[:60]}"
