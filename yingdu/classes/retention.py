"""How long class records live: a class's reading records are kept for its school year
(which ends on 31 August); then, or when its teacher archives it, the class is archived, and
CLASS_RECORDS_DAYS later it is deleted with its members, assignments and progress."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import SchoolClass


def year_ended(school_year: str, today: dt.date) -> bool:
    """'2025-2026' has ended from 1 September 2026 on."""
    try:
        end = int(school_year.split("-")[1])
    except (IndexError, ValueError):
        return False
    return today >= dt.date(end, 9, 1)


def purge(now=None, dry_run: bool = False) -> tuple[int, int]:
    """(classes archived because their year ended, archived classes deleted)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    open_classes = SchoolClass.objects.filter(archived_at__isnull=True)
    ended = [c.pk for c in open_classes.only("school_year") if year_ended(c.school_year, today)]
    expired = SchoolClass.objects.filter(
        archived_at__lt=now - dt.timedelta(days=settings.CLASS_RECORDS_DAYS)
    )
    deleted = expired.count()
    if dry_run:
        return len(ended), deleted
    with transaction.atomic():
        SchoolClass.objects.filter(pk__in=ended).update(archived_at=now)
        expired.delete()
    return len(ended), deleted
