"""The classes API: every operation as the teacher of the class, and as every other role
(another teacher, a student of the class, a student outside it, nobody): only the teacher
gets the class's data; the others get 403 or 404 and never a byte of it."""

import pytest

from tests.classes.conftest import client_for, due_in, post_json
from tests.learners.conftest import bearer
from yingdu.accounts.tokens import create_token
from yingdu.classes import service
from yingdu.classes.models import Assignment, Membership, SchoolClass


def test_teacher_creates_lists_and_a_student_joins(teacher, students, outsider):
    client = client_for(teacher)
    response = post_json(client, "/api/classes", {"name": "高一（2）班", "grade": "s1"})
    assert response.status_code == 201, response.content
    created = response.json()
    assert len(created["join_code"]) == 8
    assert set(created["join_code"]) <= set(service.CODE_ALPHABET)
    listed = client.get("/api/classes").json()["items"]
    assert [(c["id"], c["name"], c["grade"], c["join_code"], c["students"]) for c in listed] == [
        (created["id"], "高一（2）班", "s1", created["join_code"], 0)
    ]
    code = created["join_code"].lower()[:4] + " " + created["join_code"][4:]  # as typed
    joined = post_json(client_for(outsider), "/api/classes/join", {"code": code})
    assert joined.status_code == 200
    assert joined.json() == {"id": created["id"], "name": "高一（2）班"}
    assert client.get("/api/classes").json()["items"][0]["students"] == 1
    mine = client_for(outsider).get("/api/classes").json()["items"]
    assert [(c["id"], c["join_code"], c["students"]) for c in mine] == [(created["id"], None, None)]


def test_a_student_cannot_create_a_class(students):
    response = post_json(client_for(students[0]), "/api/classes", {"name": "假班级"})
    assert response.status_code == 403
    assert not SchoolClass.objects.exists()


def test_a_wrong_or_archived_code_is_404(school_class, outsider):
    client = client_for(outsider)
    assert post_json(client, "/api/classes/join", {"code": "ZZZZZZZZ"}).status_code == 404
    service.archive(school_class)
    reply = post_json(client, "/api/classes/join", {"code": school_class.join_code})
    assert reply.status_code == 404
    assert not Membership.objects.filter(student=outsider).exists()


def test_joining_twice_keeps_one_membership(school_class, students):
    client = client_for(students[0])
    assert (
        post_json(client, "/api/classes/join", {"code": school_class.join_code}).status_code == 200
    )
    assert Membership.objects.filter(student=students[0]).count() == 1


def test_students_by_display_name_only(school_class, teacher, students):
    response = client_for(teacher).get(f"/api/classes/{school_class.pk}/students")
    assert response.status_code == 200
    items = response.json()["items"]
    assert sorted(row["display_name"] for row in items) == ["小明", "小红"]
    assert "stu_a" not in response.content.decode()  # never the user name


def test_assign_and_students_see_it(school_class, teacher, students, outsider, article):
    due = due_in(3)
    url = article.get_absolute_url()
    payload = {"url": url, "level": "junior", "due": due.isoformat(), "note": "读两遍"}
    response = post_json(
        client_for(teacher), f"/api/classes/{school_class.pk}/assignments", payload
    )
    assert response.status_code == 201, response.content
    assignment = Assignment.objects.get(pk=response.json()["id"])
    assert (assignment.item_kind, assignment.item_id, assignment.kind) == (
        "news",
        article.pk,
        "reading",
    )
    mine = client_for(students[0]).get("/api/me/assignments").json()["items"]
    assert [(a["id"], a["url"], a["done"], a["title"]) for a in mine] == [
        (assignment.pk, url, False, article.title)
    ]
    assert client_for(outsider).get("/api/me/assignments").json() == {"items": []}


def test_assign_a_worksheet(school_class, teacher, article):
    payload = {
        "url": article.get_absolute_url(),
        "level": "junior",
        "due": due_in().isoformat(),
        "worksheet": ["vocab"],
    }
    response = post_json(
        client_for(teacher), f"/api/classes/{school_class.pk}/assignments", payload
    )
    assert response.status_code == 201, response.content
    assignment = Assignment.objects.get(pk=response.json()["id"])
    assert assignment.kind == "worksheet"
    assert [s["type"] for s in assignment.worksheet["sections"]] == ["vocab"]


def test_assign_an_unknown_path_is_404(school_class, teacher, article):
    payload = {
        "url": "/news/international/no-such-story/",
        "level": "junior",
        "due": due_in().isoformat(),
    }
    response = post_json(
        client_for(teacher), f"/api/classes/{school_class.pk}/assignments", payload
    )
    assert response.status_code == 404
    assert not Assignment.objects.exists()


def test_pre_teach_words(school_class, teacher, students, article):
    response = client_for(teacher).get(
        f"/api/classes/{school_class.pk}/words", {"url": article.get_absolute_url()}
    )
    assert response.status_code == 200
    items = response.json()["items"]
    assert items, "a 初二 class does not know every word of this text"
    assert [row["students"] for row in items] == sorted(
        (r["students"] for r in items), reverse=True
    )
    assert all(set(row) == {"lemma", "students", "band", "gloss"} for row in items)
    assert items[0]["students"] == 2


def teacher_only_requests(school_class, article):
    """(method, path, body) of every operation answered only to the class's teacher."""
    base = f"/api/classes/{school_class.pk}"
    return [
        ("get", f"{base}/students", None),
        ("get", f"{base}/words?url={article.get_absolute_url()}", None),
        (
            "post",
            f"{base}/assignments",
            {"url": article.get_absolute_url(), "level": "junior", "due": due_in().isoformat()},
        ),
    ]


@pytest.mark.parametrize("who", ["other_teacher", "member", "outsider"])
def test_nobody_else_reaches_a_class(who, school_class, other_teacher, students, outsider, article):
    caller = {"other_teacher": other_teacher, "member": students[0], "outsider": outsider}[who]
    client = client_for(caller)
    for method, path, body in teacher_only_requests(school_class, article):
        response = client.get(path) if method == "get" else post_json(client, path, body)
        assert response.status_code in (403, 404), (path, response.status_code)
        assert "小明" not in response.content.decode()
    assert not Assignment.objects.exists()
    listed = client.get("/api/classes").json()["items"]
    assert all(row["join_code"] is None for row in listed)  # nobody else sees the code


def test_nobody_else_reaches_a_class_with_a_token(school_class, other_teacher, article):
    token = create_token(other_teacher, "tests")[1]
    from django.test import Client

    for method, path, body in teacher_only_requests(school_class, article):
        client = Client()
        if method == "get":
            response = client.get(path, **bearer(token))
        else:
            response = post_json(client, path, body, **bearer(token))
        assert response.status_code == 404, path


def test_anonymous_callers_get_401(school_class, article):
    from django.test import Client

    client = Client()
    for method, path, body in [
        *teacher_only_requests(school_class, article),
        ("get", "/api/classes", None),
        ("get", "/api/me/assignments", None),
        ("post", "/api/classes", {"name": "x"}),
        ("post", "/api/classes/join", {"code": school_class.join_code}),
    ]:
        response = client.get(path) if method == "get" else post_json(client, path, body)
        assert response.status_code == 401, path


def test_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in (
        "/api/classes",
        "/api/classes/join",
        "/api/classes/{class_id}/students",
        "/api/classes/{class_id}/assignments",
        "/api/me/assignments",
        "/api/classes/{class_id}/words",
    ):
        assert path in paths, path
    assert "404" in paths["/api/classes/{class_id}/students"]["get"]["responses"]
    assert "403" in paths["/api/classes"]["post"]["responses"]


def test_class_schemas_do_not_take_other_operations_names(client):
    """ninja names components after the schema class: a second WordOut once replaced the
    word lookup's answer in the document."""
    components = client.get("/api/openapi.json").json()["components"]["schemas"]
    assert "headword" in components["WordOut"]["properties"]
    assert "students" in components["PreTeachWord"]["properties"]
