"""The class pages: a teacher creates a class, sees its join code and QR code, prints it,
assigns, removes a student, archives; a student joins and sees 我的作业 on its page and on
the home page; another teacher or a student gets 404 or 403 on every teacher page."""

import pytest
from django.urls import reverse

from tests.classes.conftest import client_for, due_in
from yingdu.classes import service
from yingdu.classes.models import Assignment, AssignmentProgress, Membership, SchoolClass


def test_teacher_creates_a_class_and_sees_its_code_and_qr(teacher):
    client = client_for(teacher)
    page = client.get(reverse("classes:mine"))
    assert page.status_code == 200
    assert "我的班级" in page.content.decode()
    response = client.post(reverse("classes:mine"), {"name": "初一（1）班", "grade": "j1"})
    made = SchoolClass.objects.get(teacher=teacher)
    assert response.status_code == 302
    assert response["Location"] == reverse("classes:detail", args=[made.pk])
    html = client.get(response["Location"]).content.decode()
    assert made.join_code in html
    assert "<svg" in html and "班级二维码" in html
    assert f"?code={made.join_code}" in html
    poster = client.get(reverse("classes:poster", args=[made.pk])).content.decode()
    assert made.join_code in poster and "<svg" in poster


def test_a_class_needs_a_name(teacher):
    response = client_for(teacher).post(reverse("classes:mine"), {"name": "  ", "grade": ""})
    assert response.status_code == 200
    assert not SchoolClass.objects.exists()


def test_the_grade_list_is_the_shared_scheme(teacher):
    from yingdu.grades import GRADES

    html = client_for(teacher).get(reverse("classes:mine")).content.decode()
    for grade in GRADES:
        assert f'value="{grade.code}"' in html


def test_a_student_joins_with_the_code_from_the_qr_link(school_class, outsider):
    client = client_for(outsider)
    link = reverse("classes:join") + f"?code={school_class.join_code}"
    assert school_class.join_code in client.get(link).content.decode()
    response = client.post(reverse("classes:join"), {"code": school_class.join_code.lower()})
    assert response.status_code == 302
    assert Membership.objects.filter(school_class=school_class, student=outsider).exists()


def test_a_wrong_code_says_so_in_chinese(outsider):
    response = client_for(outsider).post(reverse("classes:join"), {"code": "WRONG123"})
    assert response.status_code == 200
    assert "班级码不正确" in response.content.decode()


def test_anonymous_join_asks_to_sign_in(client):
    response = client.get(reverse("classes:join"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_remove_a_student_and_archive(school_class, teacher, students):
    client = client_for(teacher)
    client.post(reverse("classes:remove", args=[school_class.pk]), {"student": students[0].pk})
    assert not Membership.objects.filter(student=students[0]).exists()
    assert Membership.objects.filter(student=students[1]).exists()
    client.post(reverse("classes:archive", args=[school_class.pk]))
    school_class.refresh_from_db()
    assert school_class.archived
    assert (
        school_class.name
        not in client_for(students[1]).get(reverse("classes:join")).content.decode()
    )


def test_assign_from_the_class_page(school_class, teacher, students, article):
    client = client_for(teacher)
    response = client.post(
        reverse("classes:assign", args=[school_class.pk]),
        {"url": "http://testserver" + article.get_absolute_url(), "level": "junior",
         "due": due_in().strftime("%Y-%m-%dT%H:%M"), "note": "注意生词"},
    )  # fmt: skip
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert assignment.item_id == article.pk and assignment.note == "注意生词"
    home = client_for(students[0]).get("/").content.decode()
    assert "我的作业" in home and article.title in home
    mine = client_for(students[0]).get(reverse("classes:my_assignments")).content.decode()
    assert article.title in mine and "待完成" in mine


def test_assign_a_missing_article_shows_the_error(school_class, teacher, article):
    response = client_for(teacher).post(
        reverse("classes:assign", args=[school_class.pk]),
        {"url": "/news/international/nothing-here/", "level": "junior",
         "due": due_in().strftime("%Y-%m-%dT%H:%M")},
    )  # fmt: skip
    assert response.status_code == 400
    assert "站内没有这篇英语文章" in response.content.decode()
    assert not Assignment.objects.exists()


def teacher_pages(school_class, assignment):
    """(method, URL, data) of every teacher-only page of a class."""
    pk = school_class.pk
    url = assignment.item_url
    return [
        ("get", reverse("classes:detail", args=[pk]), None),
        ("get", reverse("classes:poster", args=[pk]), None),
        ("get", reverse("classes:report", args=[pk, assignment.pk]), None),
        ("get", reverse("classes:export", args=[pk]), None),
        ("get", reverse("classes:words", args=[pk]) + f"?url={url}", None),
        ("get", reverse("classes:words_deck", args=[pk]) + f"?url={url}", None),
        ("post", reverse("classes:words", args=[pk]), {"url": url, "action": "assign"}),
        ("post", reverse("classes:remove", args=[pk]), {"student": "0"}),
        ("post", reverse("classes:archive", args=[pk]), {}),
        ("post", reverse("classes:assign", args=[pk]),
         {"url": url, "level": "junior", "due": "2030-01-01T08:00"}),
    ]  # fmt: skip


@pytest.mark.parametrize("who", ["other_teacher", "member", "outsider"])
def test_every_teacher_page_is_closed_to_everyone_else(
    who, school_class, other_teacher, students, outsider, article
):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    caller = {"other_teacher": other_teacher, "member": students[0], "outsider": outsider}[who]
    client = client_for(caller)
    for method, url, data in teacher_pages(school_class, assignment):
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert school_class.join_code not in response.content.decode()
    school_class.refresh_from_db()
    assert not school_class.archived
    assert Assignment.objects.count() == 1
    assert Membership.objects.filter(school_class=school_class).count() == 2


def test_teacher_pages_ask_anonymous_visitors_to_sign_in(school_class, article, client):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    for method, url, data in teacher_pages(school_class, assignment):
        response = client.get(url) if method == "get" else client.post(url, data)
        assert response.status_code == 302 and "login" in response["Location"], url


def test_every_teacher_page_opens_for_the_teacher(school_class, teacher, article):
    assignment = service.assign(school_class, article.get_absolute_url(), "junior", due_in())
    client = client_for(teacher)
    for method, url, _data in teacher_pages(school_class, assignment):
        if method == "get":
            assert client.get(url).status_code == 200, url


def test_students_see_only_their_own_assignment_pages(school_class, outsider, article):
    assignment = service.assign(
        school_class, article.get_absolute_url(), "junior", due_in(), worksheet_types=["vocab"]
    )
    client = client_for(outsider)
    assert client.get(reverse("classes:work", args=[assignment.pk])).status_code == 404
    response = client.post(reverse("classes:done", args=[assignment.pk]))
    assert response.status_code == 404
    assert not AssignmentProgress.objects.exists()
