"""Sign-up makes a student with a display name; the form says no real name is needed; the
display name, not the user name, is what pages show."""

import pytest
from django.contrib.auth.models import User

from yingdu.accounts.roles import role_name

pytestmark = pytest.mark.django_db
FORM = {"username": "stu2026", "display_name": "爱读书的猫", "password1": "green-tea-2026!",
        "password2": "green-tea-2026!"}  # fmt: skip


def test_the_form_asks_for_a_display_name_and_no_real_name(client):
    page = client.get("/accounts/signup/").content.decode()
    assert 'name="display_name"' in page
    assert "无需真实姓名" in page or "不需要填写真实姓名" in page


def test_sign_up_makes_a_student_shown_by_display_name(client, news):
    assert client.post("/accounts/signup/", FORM).status_code == 302
    user = User.objects.get(username="stu2026")
    assert role_name(user) == "student" and user.profile.display_name == "爱读书的猫"
    page = client.get(news[0].get_absolute_url()).content.decode()
    assert "爱读书的猫" in page and "stu2026" not in page


def test_a_display_name_is_required(client):
    response = client.post("/accounts/signup/", {**FORM, "display_name": "  "})
    assert response.status_code == 200 and not User.objects.exists()


def test_the_review_queue_names_requesters_by_display_name(client, editor):
    from .conftest import signed_in

    client.post("/accounts/signup/", {**FORM, "teacher": "on", "school": "实验中学"})
    page = signed_in(editor).get("/resources/review/").content.decode()
    assert "爱读书的猫" in page and "stu2026" not in page
