"""A class (班级) of one teacher, its students (Membership), what it is assigned (Assignment:
an item of the site at a level, or a worksheet made from one) and each student's progress on
each assignment (AssignmentProgress: opened, time on page, words looked up, done, late, and a
worksheet's answers and score per exercise type)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingdu.core.grades import Grade
from yingdu.lexicon import BAND_LABELS, LEVELS

NAME_MAX = 60
NOTE_MAX = 500
CODE_LENGTH = 8


class SchoolClass(models.Model):
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("teacher"),
        on_delete=models.CASCADE,
        related_name="classes_taught",
    )
    name = models.CharField(_("class name"), max_length=NAME_MAX)
    grade = models.CharField(_("grade"), max_length=10, choices=Grade.choices, blank=True)
    school_year = models.CharField(_("school year"), max_length=9)  # "2026-2027"
    join_code = models.CharField(_("join code"), max_length=CODE_LENGTH, unique=True)
    archived_at = models.DateTimeField(_("archived"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["teacher", "-created_at"], name="classes_by_teacher")]

    def __str__(self):
        return self.name

    @property
    def archived(self) -> bool:
        return self.archived_at is not None


class Membership(models.Model):
    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="memberships", db_index=False
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_memberships"
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)

    class Meta:
        verbose_name = _("class member")
        verbose_name_plural = _("class members")
        constraints = [
            models.UniqueConstraint(fields=["school_class", "student"], name="classes_member_once")
        ]

    def __str__(self):
        return f"{self.student_id} in {self.school_class_id}"


class Assignment(models.Model):
    class Kind(models.TextChoices):
        READING = "reading", _("Reading")
        WORKSHEET = "worksheet", _("Worksheet")

    school_class = models.ForeignKey(
        SchoolClass, on_delete=models.CASCADE, related_name="assignments", db_index=False
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.READING)
    item_kind = models.CharField(max_length=30)  # a key of yingdu.core.kinds
    item_id = models.PositiveBigIntegerField()
    item_url = models.CharField(max_length=300)
    title = models.CharField(_("title"), max_length=300)
    level = models.CharField(
        _("level"), max_length=10, choices=[(c, BAND_LABELS[c]) for c in LEVELS]
    )
    worksheet = models.JSONField(null=True, blank=True)  # the generated worksheet, fixed
    due = models.DateTimeField(_("due"))
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)
    created_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due", "id"]
        indexes = [
            models.Index(fields=["school_class", "due"], name="classes_assignment_due"),
            models.Index(fields=["item_kind", "item_id"], name="classes_assignment_item"),
        ]

    def __str__(self):
        return self.title


class AssignmentProgress(models.Model):
    assignment = models.ForeignKey(
        Assignment, on_delete=models.CASCADE, related_name="progress", db_index=False
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="class_progress"
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    seconds = models.PositiveIntegerField(_("seconds on page"), default=0)
    lookups = models.JSONField(default=list)  # lemmas looked up while reading, once each
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    answers = models.JSONField(null=True, blank=True)  # a worksheet's answers, in order
    scores = models.JSONField(null=True, blank=True)  # {type: [right, asked]}
    score = models.FloatField(null=True, blank=True)  # share right, 0..1

    class Meta:
        verbose_name = _("assignment progress")
        verbose_name_plural = _("assignment progress")
        constraints = [
            models.UniqueConstraint(fields=["assignment", "student"], name="classes_progress_once")
        ]

    def __str__(self):
        return f"{self.student_id} on {self.assignment_id}"

    @property
    def done(self) -> bool:
        return self.done_at is not None

    @property
    def late(self) -> bool:
        return self.done_at is not None and self.done_at > self.assignment.due
