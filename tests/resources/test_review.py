"""Editors publish, reject with a reason and edit; every view checks the role."""

import pytest

from yingdu.accounts.models import TeacherRequest
from yingdu.resources.models import Resource

from .conftest import make_resource, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(renjiao, teacher):
    return make_resource(renjiao, 0, status="pending", title="待审课件", uploader=teacher)


EDITOR_ONLY = [
    ("get", "/resources/review/"),
    ("post", "/resources/{slug}/publish/"),
    ("post", "/resources/{slug}/reject/"),
    ("get", "/resources/{slug}/edit/"),
]


@pytest.mark.parametrize("method,url", EDITOR_ONLY)
def test_editor_pages_refuse_other_roles(client, pending, teacher, visitor, method, url):
    url = url.format(slug=pending.slug)
    response = getattr(client, method)(url, {"reason": "x"} if method == "post" else None)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (visitor, teacher):
        client.force_login(user)
        response = getattr(client, method)(url, {"reason": "x"} if method == "post" else None)
        assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "pending"


def test_teacher_pages_refuse_visitors(client, visitor):
    client.force_login(visitor)
    assert client.get("/resources/mine/").status_code == 403
    assert client.get("/resources/upload/").status_code == 403


def test_review_queue_publish(editor_client, pending, editor, client):
    html = editor_client.get("/resources/review/").content.decode()
    assert "待审课件" in html and "teacher_li" in html
    response = editor_client.post(f"/resources/{pending.slug}/publish/")
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == "published" and pending.reviewed_by == editor
    assert list(editor_client.get("/resources/review/").context["pending"]) == []


def test_publish_needs_post(editor_client, pending):
    assert editor_client.get(f"/resources/{pending.slug}/publish/").status_code == 405


def test_reject_needs_a_reason_and_the_uploader_sees_it(editor_client, pending, client, teacher):
    editor_client.post(f"/resources/{pending.slug}/reject/", {"reason": "  "})
    pending.refresh_from_db()
    assert pending.status == "pending"
    editor_client.post(f"/resources/{pending.slug}/reject/", {"reason": "文件与标题不符"})
    pending.refresh_from_db()
    assert pending.status == "rejected" and pending.reject_reason == "文件与标题不符"
    client.force_login(teacher)
    html = client.get("/resources/mine/").content.decode()
    assert "待审课件" in html and "文件与标题不符" in html


def test_editor_edits_details_and_tags(editor_client, pending, renjiao):
    data = {
        "title": "改过的标题", "type": "test_paper", "grade": "p6", "volume": "second",
        "edition": renjiao.pk, "unit": "Unit 4", "description": "", "tags_text": "期末、复习",
    }  # fmt: skip
    response = editor_client.post(f"/resources/{pending.slug}/edit/", data)
    assert response.status_code == 302
    pending.refresh_from_db()
    assert (pending.title, pending.type, pending.grade, pending.volume) == (
        "改过的标题",
        "test_paper",
        "p6",
        "second",
    )
    assert sorted(t.name for t in pending.tags.all()) == ["复习", "期末"]


def test_teacher_request_granted_from_the_review_page(editor_client, client):
    applicant = make_user("new_teacher")
    request = TeacherRequest.objects.create(user=applicant, school="实验小学")
    assert "实验小学" in editor_client.get("/resources/review/").content.decode()
    editor_client.post(f"/resources/review/teachers/{request.pk}/", {"decision": "grant"})
    request.refresh_from_db()
    assert request.state == "granted"
    client.force_login(applicant)
    assert client.get("/resources/upload/").status_code == 200


def test_reserved_words_never_become_slugs(renjiao):
    for title in ("upload", "review", "mine"):
        assert make_resource(renjiao, 0, title=title).slug not in {"upload", "review", "mine"}


def test_admin_manages_resources_and_editions(client, pending, db):
    from django.contrib.auth.models import User

    User.objects.create_superuser("boss", "boss@example.com", "a-long-test-password")
    client.login(username="boss", password="a-long-test-password")
    for url in ["/admin/resources/resource/", "/admin/resources/resource/?status__exact=pending",
                f"/admin/resources/resource/{pending.pk}/change/", "/admin/resources/edition/",
                "/admin/resources/edition/add/", "/admin/accounts/teacherrequest/"]:  # fmt: skip
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/resources/resource/add/").status_code == 403
    response = client.post(
        "/admin/resources/edition/add/", {"name": "冀教版", "slug": "", "position": 9}
    )
    assert response.status_code == 302
    assert (
        Resource._meta.get_field("edition").related_model.objects.filter(slug="jijiaoban").exists()
    )


def test_editor_group_may_use_the_admin_for_resources(client, editor, pending):
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    assert client.get("/admin/resources/resource/").status_code == 200
    assert client.get("/admin/news/newsarticle/").status_code == 403
