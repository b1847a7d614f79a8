"""Django choices and labels for the one grade scheme of yingdu.grades."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from yingdu.grades import GRADES

Grade = models.TextChoices("Grade", [(g.code.upper(), (g.code, _(g.label))) for g in GRADES])
GRADE_LABELS = dict(Grade.choices)


def grade_label(code: str):
    """The translated label of a code (一年级 … 大学), the code itself when unknown."""
    return GRADE_LABELS.get(code, code)
