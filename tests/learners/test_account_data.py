"""A learner's data: export as JSON (API and settings page), deletion (API and the confirm
page) that leaves no row of the user in any table, and no learner ever reaching another's
data, by session or by token."""

import json

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client

from yingdu.accounts import owned
from yingdu.accounts.models import ApiToken, TeacherRequest
from yingdu.accounts.tokens import create_token
from yingdu.learners.known import add_known

from .conftest import PASSWORD, bearer, signed_in

pytestmark = pytest.mark.django_db


def rows_of(user_pk: int) -> dict[str, int]:
    """Rows of every table that points at the user (foreign keys, one-to-one, the group and
    permission tables), and stored sessions signed in as the user."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.get_fields():
            points_at_user = field.related_model is User and field.concrete
            if points_at_user and (field.many_to_one or field.one_to_one):
                n = model._default_manager.filter(**{field.name: user_pk}).count()
                if n:
                    found[f"{model._meta.label}.{field.name}"] = n
    sessions = [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user_pk)
    ]
    if sessions:
        found["sessions"] = len(sessions)
    return found


@pytest.fixture
def busy_student(student):
    """A student with a row in every section, signed in on two devices."""
    add_known(student, ["lake", "battery"])
    create_token(student, "phone app")
    TeacherRequest.objects.create(user=student, school="实验中学")
    for _ in range(2):
        Client().force_login(student)
    return student


def test_the_export_holds_every_section_and_no_token_secret(busy_student, token):
    data = signed_in(busy_student).get("/api/me/export").json()
    assert set(owned.export_all(busy_student)) <= set(data)
    assert data["account"]["username"] == "xiaohong"
    assert data["account"]["display_name"] == "小红"
    assert [w["lemma"] for w in data["known_words"]] == ["battery", "lake"]
    assert {t["name"] for t in data["api_tokens"]} == {"phone app", "tests"}
    assert token not in json.dumps(data)
    assert ApiToken.objects.get(name="tests").digest not in json.dumps(data)


def test_the_settings_page_downloads_the_same_data(busy_student):
    response = signed_in(busy_student).get("/accounts/settings/export/")
    assert response["Content-Disposition"].startswith("attachment;")
    assert json.loads(response.content)["known_words"][0]["lemma"] == "battery"


def test_delete_me_leaves_no_row_of_the_user(busy_student, other_student):
    pk = busy_student.pk
    add_known(other_student, ["lake"])
    assert rows_of(pk)  # the walk sees the rows before
    client = signed_in(busy_student)
    response = client.delete("/api/me")
    assert response.status_code == 204
    assert rows_of(pk) == {}
    assert not User.objects.filter(pk=pk).exists()
    assert client.get("/api/me/known").status_code == 401
    assert other_student.known_words.count() == 1  # nobody else loses anything


def test_delete_me_by_token(busy_student, token):
    pk = busy_student.pk
    assert Client().delete("/api/me", **bearer(token)).status_code == 204
    assert rows_of(pk) == {}


def test_the_confirm_page_asks_for_the_password(busy_student):
    client = signed_in(busy_student)
    page = client.get("/accounts/settings/delete/")
    assert page.status_code == 200 and 'type="password"' in page.content.decode()
    wrong = client.post("/accounts/settings/delete/", {"password": "not-it"})
    assert wrong.status_code == 400 and User.objects.filter(pk=busy_student.pk).exists()
    done = client.post("/accounts/settings/delete/", {"password": PASSWORD})
    assert done.status_code == 200 and "账户已注销" in done.content.decode()
    assert rows_of(busy_student.pk) == {}


def test_the_confirm_page_needs_csrf(busy_student):
    client = signed_in(busy_student, enforce_csrf_checks=True)
    assert client.post("/accounts/settings/delete/", {"password": PASSWORD}).status_code == 403
    assert User.objects.filter(pk=busy_student.pk).exists()


LEARNER_ENDPOINTS = [
    ("get", "/api/me/known", None),
    ("post", "/api/me/known", {"lemmas": ["river"]}),
    ("delete", "/api/me/known", {"lemmas": ["lake"]}),
    ("get", "/api/me/export", None),
]


@pytest.mark.parametrize("method, url, body", LEARNER_ENDPOINTS)
@pytest.mark.parametrize("by", ["session", "token"])
def test_another_learner_never_reaches_my_data(
    student, other_student, site_lexicon, method, url, body, by
):
    add_known(student, ["lake", "battery"])
    if by == "session":
        client, extra = signed_in(other_student), {}
    else:
        client, extra = Client(), bearer(create_token(other_student)[1])
    options = {"content_type": "application/json", "data": json.dumps(body)} if body else {}
    response = getattr(client, method)(url, **options, **extra)
    assert response.status_code == 200
    text = response.content.decode()
    assert "battery" not in text and "小红" not in text and "xiaohong" not in text
    assert sorted(student.known_words.values_list("lemma", flat=True)) == ["battery", "lake"]


def test_deleting_another_account_is_impossible(student, other_student):
    assert signed_in(other_student).delete("/api/me").status_code == 204
    assert User.objects.filter(pk=student.pk).exists()
    assert not User.objects.filter(pk=other_student.pk).exists()


def test_guessing_the_password_on_the_confirm_page_is_throttled(busy_student):
    from yingdu.accounts import throttle

    client = signed_in(busy_student)
    for n in range(throttle.max_failures()):
        client.post("/accounts/settings/delete/", {"password": f"guess-{n}"})
    refused = client.post("/accounts/settings/delete/", {"password": PASSWORD})
    assert refused.status_code == 400 and "分钟" in refused.content.decode()
    assert User.objects.filter(pk=busy_student.pk).exists()
