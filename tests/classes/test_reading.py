"""Recording an assigned reading: the item page opens it for a signed-in student of the
class (and costs anonymous readers not one query), the beacon adds time and lookups, 我读完了
marks it done (late after the due time), words added from the item count on the report; an
assigned worksheet done online is graded and saved once."""

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.classes.conftest import client_for, due_in, post_json
from yingdu.classes import dashboard, service
from yingdu.classes.models import AssignmentProgress
from yingdu.core import listing


def test_opening_an_assigned_item_records_it(school_class, students, outsider, article):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    page = client_for(students[0]).get(article.get_absolute_url())
    html = page.content.decode()
    assert "我读完了" in html and 'id="class-reading"' in html
    row = AssignmentProgress.objects.get(assignment=assignment, student=students[0])
    assert row.opened_at is not None and row.done_at is None
    outsider_page = client_for(outsider).get(article.get_absolute_url()).content.decode()
    assert "我读完了" not in outsider_page
    assert not AssignmentProgress.objects.filter(student=outsider).exists()


def anonymous_queries(client, url) -> int:
    cache.clear()  # the page cache would answer without a query
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_anonymous_readers_cost_nothing(school_class, article, client, django_assert_num_queries):
    url = article.get_absolute_url()
    service.assign(school_class, url, "junior", due_in())
    with_hook = anonymous_queries(client, url)
    hooks = list(listing.DETAIL_HOOKS)
    listing.DETAIL_HOOKS.clear()
    try:
        without_hook = anonymous_queries(client, url)
    finally:
        listing.DETAIL_HOOKS.extend(hooks)
    assert with_hook == without_hook
    cache.clear()
    with django_assert_num_queries(without_hook):
        client.get(url)
    assert not AssignmentProgress.objects.exists()
    assert "class-reading" not in client.get(url).content.decode()


def test_beacon_adds_time_and_lookups(school_class, students, outsider, article):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    client = client_for(students[0])
    client.get(article.get_absolute_url())
    for seconds, words in ((40, "flood,embankment"), (25, "flood,reluctant")):
        response = client.post(
            reverse("classes:beacon"),
            {"assignments": str(assignment.pk), "seconds": seconds, "lookups": words},
        )
        assert response.status_code == 204
    row = AssignmentProgress.objects.get(assignment=assignment, student=students[0])
    assert row.seconds == 65
    assert row.lookups == ["flood", "embankment", "reluctant"]
    stranger = client_for(outsider).post(
        reverse("classes:beacon"), {"assignments": str(assignment.pk), "seconds": 30}
    )
    assert stranger.status_code == 204
    assert not AssignmentProgress.objects.filter(student=outsider).exists()


def test_beacon_needs_the_csrf_token(school_class, students, article):
    from django.test import Client

    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    client = Client(enforce_csrf_checks=True)
    client.force_login(students[0])
    response = client.post(
        reverse("classes:beacon"), {"assignments": str(assignment.pk), "seconds": 5}
    )
    assert response.status_code == 403
    assert not AssignmentProgress.objects.exists()


def test_finishing_marks_done_and_late(school_class, students, article):
    on_time = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    client = client_for(students[0])
    response = client.post(
        reverse("classes:done", args=[on_time.pk]), {"next": article.get_absolute_url()}
    )
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    row = AssignmentProgress.objects.get(assignment=on_time, student=students[0])
    assert row.done and not row.late
    items = client.get("/api/me/assignments").json()["items"]
    assert [(a["done"], a["late"]) for a in items] == [(True, False)]
    overdue = service.assign(
        school_class, article.get_absolute_url(), "junior", timezone.now() - dt.timedelta(days=1)
    )
    client.post(reverse("classes:done", args=[overdue.pk]))
    assert AssignmentProgress.objects.get(assignment=overdue, student=students[0]).late


def test_words_added_from_the_item_show_on_the_report(school_class, students, article):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    client = client_for(students[0])
    for word in ("abandoned", "embankment"):
        response = post_json(client, "/api/me/words", {
            "word": word, "context": article.body.split("\n")[0],
            "source": {"kind": "news", "id": article.pk},
        })  # fmt: skip
        assert response.status_code == 201, response.content
    report = dashboard.assignment_report(school_class, assignment)
    added = {row["name"]: row["added"] for row in report["rows"]}
    assert added == {"小明": 2, "小红": 0}


def test_a_worksheet_done_online_is_graded_once(school_class, teacher, students, article):
    assignment = service.assign(
        school_class, article.get_absolute_url(), "junior", due_in(), worksheet_types=["vocab"]
    )
    questions = service.questions(assignment.worksheet)
    assert questions and {kind for kind, _l, _a in questions} == {"vocab"}
    client = client_for(students[0])
    page = client.get(reverse("classes:work", args=[assignment.pk])).content.decode()
    assert 'name="a0"' in page
    assert "data-answer" not in page and "ws-key" not in page  # no answers before handing in
    answers = {f"a{n}": answer for n, (_k, _l, answer) in enumerate(questions)}
    answers["a0"] = "wrong"
    response = client.post(reverse("classes:work", args=[assignment.pk]), answers)
    assert response.status_code == 302
    row = AssignmentProgress.objects.get(assignment=assignment, student=students[0])
    right = len(questions) - 1
    assert row.scores == {"vocab": [right, len(questions)]}
    assert row.done and row.answers[0] == "wrong"
    client.post(reverse("classes:work", args=[assignment.pk]), {"a0": questions[0][2]})
    row.refresh_from_db()
    assert row.answers[0] == "wrong"  # handed in once
    result = client.get(reverse("classes:work", args=[assignment.pk])).content.decode()
    assert f"{round(right / len(questions) * 100)}%" in result
    report = dashboard.assignment_report(school_class, assignment)
    assert report["done"] == 1
    assert report["missed"][0]["label"] == questions[0][1]
    assert report["missed"][0]["wrong"] == 1
    teacher_page = (
        client_for(teacher)
        .get(reverse("classes:report", args=[school_class.pk, assignment.pk]))
        .content.decode()
    )
    assert "错得最多的题" in teacher_page


def test_questions_follow_the_interactive_page(article, site_lexicon):
    """The grader reads the same fields, in the same order, as worksheet.js checks."""
    import re

    from yingdu.classes.service import make_worksheet
    from yingdu.worksheets.render_html import worksheet_html

    worksheet = make_worksheet(article, "junior", ["cloze", "vocab"])
    html = worksheet_html(worksheet, interactive=True)
    answers = re.findall(r'data-answer="([^"]*)"', html)
    assert [a for _k, _l, a in service.questions(worksheet)] == answers


def test_csv_export_has_a_bom_and_every_student(school_class, teacher, students, article):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    service.mark_done(students[1], assignment)
    response = client_for(teacher).get(reverse("classes:export", args=[school_class.pk]))
    data = response.content
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("学生,作业")
    assert len(lines) == 3
    assert any(line.startswith("小红,") and ",是," in line for line in lines)
