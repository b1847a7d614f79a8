"""Classes' part of an account's data export and deletion (yingdu.accounts.owned): the
classes a student is in with their progress on each assignment, and the classes a teacher
keeps. Deleting a student takes them out of every class; deleting a teacher deletes their
classes with everything in them."""

from .models import AssignmentProgress, Membership, SchoolClass

PROGRESS_FIELDS = (
    "assignment_id",
    "assignment__title",
    "assignment__item_url",
    "assignment__due",
    "opened_at",
    "seconds",
    "lookups",
    "done_at",
    "answers",
    "scores",
    "score",
)


def _plain(row: dict) -> dict:
    return {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}


def export_rows(user) -> dict:
    memberships = Membership.objects.filter(student=user).order_by("joined_at", "id")
    progress = AssignmentProgress.objects.filter(student=user).order_by("assignment_id")
    taught = SchoolClass.objects.filter(teacher=user).order_by("created_at", "id")
    return {
        "member_of": [
            _plain(row)
            for row in memberships.values(
                "school_class_id", "school_class__name", "school_class__school_year", "joined_at"
            )
        ],
        "assignments": [_plain(row) for row in progress.values(*PROGRESS_FIELDS)],
        "teaching": [
            _plain(row)
            for row in taught.values(
                "id", "name", "grade", "school_year", "created_at", "archived_at"
            )
        ],
    }


def delete_rows(user) -> int:
    removed = AssignmentProgress.objects.filter(student=user).delete()[0]
    removed += Membership.objects.filter(student=user).delete()[0]
    removed += SchoolClass.objects.filter(teacher=user).delete()[0]
    return removed
