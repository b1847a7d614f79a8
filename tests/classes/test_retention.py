"""Privacy of class records: classes of an ended school year are archived, archived classes
are deleted with every record after YINGDU_CLASS_RECORDS_DAYS; a student's data export holds
their class records; deleting a student takes them out of every class."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from tests.classes.conftest import client_for, due_in
from tests.conftest import run_yingdu
from yingdu.accounts.mydata import delete_account
from yingdu.classes import retention, service
from yingdu.classes.models import Assignment, AssignmentProgress, Membership, SchoolClass
from yingdu.cli import main


def test_year_end(db):
    assert not retention.year_ended("2025-2026", dt.date(2026, 8, 31))
    assert retention.year_ended("2025-2026", dt.date(2026, 9, 1))
    assert service.school_year(timezone.make_aware(dt.datetime(2026, 12, 1))) == "2026-2027"
    assert service.school_year(timezone.make_aware(dt.datetime(2027, 3, 1))) == "2026-2027"


def test_purge_archives_then_deletes(school_class, students, article, settings, capsys):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    service.mark_done(students[0], assignment)
    settings.CLASS_RECORDS_DAYS = 30
    school_class.school_year = "2024-2025"
    school_class.save()
    assert main(["classes", "purge", "--dry-run"]) == 0
    assert "1 classes of past school years would be archived" in capsys.readouterr().out
    assert not SchoolClass.objects.get().archived
    assert main(["classes", "purge"]) == 0
    archived_at = SchoolClass.objects.get().archived_at
    assert archived_at is not None
    assert retention.purge(now=archived_at + dt.timedelta(days=29)) == (0, 0)
    assert AssignmentProgress.objects.exists()
    assert retention.purge(now=archived_at + dt.timedelta(days=31)) == (0, 1)
    for model in (SchoolClass, Membership, Assignment, AssignmentProgress):
        assert not model.objects.exists(), model


@pytest.mark.backend_free
def test_purge_runs_as_a_real_process(fresh_env):
    run_yingdu(fresh_env, "migrate", "-v", "0")
    result = run_yingdu(fresh_env, "classes", "purge")
    assert "0 classes of past school years were archived" in result.stdout


def test_export_holds_the_class_records(school_class, students, article):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    service.record_reading(students[0], assignment, 90, ["flood"])
    data = client_for(students[0]).get("/api/me/export").json()
    classes = data["classes"]
    assert [row["school_class__name"] for row in classes["member_of"]] == ["初二（3）班"]
    assert classes["assignments"][0]["seconds"] == 90
    assert classes["assignments"][0]["lookups"] == ["flood"]
    json.dumps(data)


def test_deleting_a_student_removes_them_from_every_class(school_class, teacher, students, article):
    other = service.create_class(teacher, "初二（4）班", "j2")
    service.join(students[0], other.join_code)
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    service.mark_done(students[0], assignment)
    delete_account(students[0])
    assert not Membership.objects.filter(student_id=students[0].pk).exists()
    assert not AssignmentProgress.objects.filter(student_id=students[0].pk).exists()
    assert Membership.objects.filter(student=students[1]).exists()


def test_the_retention_period_is_configured():
    from yingdu import config

    assert config.load({"YINGDU_CLASS_RECORDS_DAYS": "7"}).class_records_days == 7
    assert config.load({}).class_records_days == 180
