"""What a teacher sees of a class: per assignment, each student's reading (opened, time,
lookups, words added to the notebook from the item), done / late, worksheet scores per
exercise type, the most missed questions and the class's average coverage of the text; per
student, assignments done, notebook size and reviews in the last 30 days; a CSV of it all."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.db.models import Count
from django.utils import timezone

from yingdu.core import kinds
from yingdu.placement.coverage import percent
from yingdu.worksheets.generate import TYPE_LABELS

from . import preteach, service
from .models import Assignment, AssignmentProgress

MISSED_SHOWN = 10
REVIEW_DAYS = 30


def words_added(student_ids, assignment: Assignment) -> dict[int, int]:
    """{student: notebook cards with a sentence from the assigned item}."""
    from yingdu.notebook.models import Sentence

    rows = (
        Sentence.objects.filter(
            card__user_id__in=student_ids,
            source_kind=assignment.item_kind,
            source_id=assignment.item_id,
        )
        .values("card__user_id")
        .annotate(n=Count("card_id", distinct=True))
    )
    return {row["card__user_id"]: row["n"] for row in rows}


def assignment_item(assignment: Assignment):
    kind = kinds.get(assignment.item_kind)
    return kind.queryset().filter(pk=assignment.item_id).first() if kind else None


def assignment_report(school_class, assignment: Assignment) -> dict:
    students = service.members(school_class)
    ids = [s.pk for s in students]
    progress = {
        row.student_id: row
        for row in AssignmentProgress.objects.filter(assignment=assignment, student_id__in=ids)
    }
    added = words_added(ids, assignment)
    item = assignment_item(assignment)
    shares = preteach.coverages(school_class, item) if item is not None else {}
    questions = service.questions(assignment.worksheet) if assignment.worksheet else []
    types = list(dict.fromkeys(kind for kind, _label, _answer in questions))
    missed = [0] * len(questions)
    rows = []
    for student in students:
        row = progress.get(student.pk)
        if row is not None and row.answers is not None:
            marks = service.grade(assignment.worksheet, row.answers, questions)[2]
            for n, right in enumerate(marks):
                missed[n] += not right
        rows.append(
            {
                "student": student,
                "name": student.shown_name,
                "progress": row,
                "opened": bool(row and row.opened_at),
                "done": bool(row and row.done_at),
                "late": bool(row and row.done_at and row.done_at > assignment.due),
                "minutes": round((row.seconds if row else 0) / 60, 1),
                "lookups": len(row.lookups) if row else 0,
                "added": added.get(student.pk, 0),
                "score": percent(row.score) if row and row.score is not None else None,
                "by_type": [_type_percent(row, t) for t in types],
                "coverage": percent(shares.get(student.pk)),
            }
        )
    known = [shares[s] for s in ids if s in shares]
    answered = sum(1 for r in rows if r["progress"] and r["progress"].answers is not None)
    return {
        "rows": rows,
        "types": [TYPE_LABELS.get(t, t) for t in types],
        "opened": sum(r["opened"] for r in rows),
        "done": sum(r["done"] for r in rows),
        "late": sum(r["late"] for r in rows),
        "average_coverage": percent(sum(known) / len(known)) if known else None,
        "average_score": _average([r["score"] for r in rows if r["score"] is not None]),
        "missed": _most_missed(questions, missed, answered),
    }


def _type_percent(row, kind: str):
    if row is None or not row.scores or kind not in row.scores:
        return None
    right, asked = row.scores[kind]
    return percent(right / asked) if asked else None


def _average(values):
    return round(sum(values) / len(values)) if values else None


def _most_missed(questions, missed, answered: int) -> list[dict]:
    ranked = sorted(range(len(questions)), key=lambda n: (-missed[n], n))
    return [
        {
            "type": TYPE_LABELS.get(questions[n][0], questions[n][0]),
            "label": questions[n][1],
            "answer": questions[n][2],
            "wrong": missed[n],
            "answered": answered,
        }
        for n in ranked[:MISSED_SHOWN]
        if missed[n]
    ]


def student_report(school_class, now=None) -> list[dict]:
    """Per student: assignments done (and late) of the class, notebook size, reviews in
    the last 30 days. Three queries whatever the class's size."""
    from yingdu.notebook.models import Card, ReviewLog

    now = now or timezone.now()
    students = service.members(school_class)
    ids = [s.pk for s in students]
    total = Assignment.objects.filter(school_class=school_class).count()
    done = dict(
        AssignmentProgress.objects.filter(
            assignment__school_class=school_class, student_id__in=ids, done_at__isnull=False
        )
        .values("student_id")
        .annotate(n=Count("id"))
        .values_list("student_id", "n")
    )
    cards = dict(
        Card.objects.filter(user_id__in=ids)
        .values("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    since = now - dt.timedelta(days=REVIEW_DAYS)
    reviews = dict(
        ReviewLog.objects.filter(user_id__in=ids, reviewed_at__gte=since)
        .values("user_id")
        .annotate(n=Count("id"))
        .values_list("user_id", "n")
    )
    return [
        {
            "student": s,
            "name": s.shown_name,
            "done": done.get(s.pk, 0),
            "assigned": total,
            "cards": cards.get(s.pk, 0),
            "reviews": reviews.get(s.pk, 0),
        }
        for s in students
    ]


SHOWN_ASSIGNMENTS = 30  # on the class page; ?all=1 and the CSV have every one


def class_summary(school_class, limit: int | None = SHOWN_ASSIGNMENTS) -> list:
    """The class's assignments, latest due first, each with `.done_count`. Two queries, the
    second counting the progress of the shown assignments only (not of every assignment
    the class ever had, grouped and then cut to `limit`)."""
    rows = service.class_assignments(school_class).defer("worksheet", "note")
    assignments = list(rows[:limit] if limit else rows)
    done = dict(
        AssignmentProgress.objects.filter(
            assignment_id__in=[a.pk for a in assignments], done_at__isnull=False
        )
        .values("assignment_id")
        .annotate(n=Count("id"))
        .values_list("assignment_id", "n")
    )
    for assignment in assignments:
        assignment.done_count = done.get(assignment.pk, 0)
    return assignments


CSV_COLUMNS = (
    "学生",
    "作业",
    "类型",
    "截止",
    "打开",
    "阅读分钟",
    "查词数",
    "加入生词本",
    "完成",
    "迟交",
    "得分%",
)


def class_csv(school_class) -> bytes:
    """Every student × assignment of the class, UTF-8 with a BOM so Excel reads Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for assignment in service.class_assignments(school_class).order_by("due", "id"):
        report = assignment_report(school_class, assignment)
        for row in report["rows"]:
            writer.writerow(
                [
                    row["name"],
                    assignment.title,
                    assignment.get_kind_display(),
                    timezone.localtime(assignment.due).strftime("%Y-%m-%d %H:%M"),
                    "是" if row["opened"] else "否",
                    row["minutes"],
                    row["lookups"],
                    row["added"],
                    "是" if row["done"] else "否",
                    "是" if row["late"] else "否",
                    "" if row["score"] is None else row["score"],
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def classes_with_sizes(classes):
    return classes.annotate(
        student_count=Count("memberships", distinct=True),
        assignment_count=Count("assignments", distinct=True),
    )
