"""我的账户: the display name, API tokens made (shown once, stored hashed) and revoked,
for every signed-in role; anonymous visitors go to the log-in page; CSRF everywhere."""

import hashlib

import pytest
from django.test import Client

from yingdu.accounts.models import ApiToken
from yingdu.accounts.tokens import create_token

from .conftest import bearer, signed_in

pytestmark = pytest.mark.django_db
PAGES = ["/accounts/settings/", "/accounts/settings/export/", "/accounts/settings/delete/",
         "/me/vocabulary/"]  # fmt: skip


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("role", ["student", "teacher", "editor"])
def test_every_signed_in_role_sees_its_own_pages(request, url, role):
    user = request.getfixturevalue(role)
    response = signed_in(user).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")


def test_the_header_shows_the_display_name_not_the_user_name(student_client):
    page = student_client.get("/accounts/settings/").content.decode()
    assert "小红" in page and "xiaohong" not in page


def test_a_token_is_shown_once_and_stored_hashed(student, student_client):
    response = student_client.post(
        "/accounts/settings/", {"action": "create_token", "name": "Anki 同步"}
    )
    secret = response.context["new_token"]
    assert secret.startswith("yd_") and secret in response.content.decode()
    row = ApiToken.objects.get(user=student)
    assert row.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {row.prefix, row.name, row.digest} and secret.startswith(row.prefix)
    again = student_client.get("/accounts/settings/").content.decode()
    assert secret not in again and row.prefix in again and "Anki 同步" in again
    assert Client().get("/api/me/known", **bearer(secret)).status_code == 200


def test_revoking_a_token_turns_it_off(student, student_client):
    row, secret = create_token(student, "old")
    student_client.post("/accounts/settings/", {"action": "revoke_token", "token": row.pk})
    assert not ApiToken.objects.exists()
    assert Client().get("/api/me/known", **bearer(secret)).status_code == 401


def test_a_learner_cannot_revoke_another_learners_token(student, other_student):
    row, secret = create_token(student)
    signed_in(other_student).post(
        "/accounts/settings/", {"action": "revoke_token", "token": row.pk}
    )
    assert Client().get("/api/me/known", **bearer(secret)).status_code == 200


def test_an_inactive_users_token_is_refused(student, token):
    student.is_active = False
    student.save()
    assert Client().get("/api/me/known", **bearer(token)).status_code == 401


def test_the_display_name_can_change_and_is_checked(student, student_client):
    student_client.post(
        "/accounts/settings/", {"action": "display_name", "display_name": " 小 红 "}
    )
    student.profile.refresh_from_db()
    assert student.profile.display_name == "小 红"
    bad = student_client.post("/accounts/settings/", {"action": "display_name", "display_name": ""})
    assert bad.status_code == 400


def test_settings_forms_need_csrf(student):
    client = signed_in(student, enforce_csrf_checks=True)
    response = client.post("/accounts/settings/", {"action": "create_token", "name": "x"})
    assert response.status_code == 403 and not ApiToken.objects.exists()


def test_operators_list_tokens_in_the_admin_without_their_digest(student, token):
    from django.contrib.auth.models import User

    admin_user = User.objects.create_superuser("root", password="a-long-test-password")
    row = ApiToken.objects.get()
    page = signed_in(admin_user).get(f"/admin/accounts/apitoken/{row.pk}/change/")
    assert page.status_code == 200 and row.prefix in page.content.decode()
    assert row.digest not in page.content.decode() and token not in page.content.decode()
