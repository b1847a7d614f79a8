"""Sign-up makes a student (optionally asking for the teacher role), log-in is throttled,
and the real settings hash passwords with Argon2."""

import importlib
import time

import pytest
from django.contrib.auth import hashers
from django.contrib.auth.models import User
from django.core.cache import cache

from yingdu.accounts import throttle
from yingdu.accounts.models import TeacherRequest
from yingdu.accounts.roles import is_editor, is_teacher, role_name

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def clean_cache():
    cache.clear()
    yield
    cache.clear()


def test_sign_up_creates_a_student_and_signs_in(client):
    response = client.post("/accounts/signup/", {
        "username": "xiaoming", "display_name": "晨读的小明", "password1": "green-tea-2026!",
        "password2": "green-tea-2026!",
    })  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/resources/"
    user = User.objects.get(username="xiaoming")
    assert role_name(user) == "student" and not TeacherRequest.objects.exists()
    page = client.get("/resources/").content.decode()
    assert "晨读的小明" in page and "xiaoming" not in page  # the display name only


def test_sign_up_may_ask_for_the_teacher_role(client):
    client.post("/accounts/signup/", {
        "username": "ms_chen", "display_name": "陈老师", "password1": "green-tea-2026!",
        "password2": "green-tea-2026!", "teacher": "on", "school": "实验小学",
    })  # fmt: skip
    request = TeacherRequest.objects.get()
    assert request.user.username == "ms_chen" and request.state == "pending"
    assert not is_teacher(request.user)  # until an editor grants it


def test_sign_up_refuses_weak_passwords(client):
    response = client.post(
        "/accounts/signup/", {"username": "a", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200 and not User.objects.exists()


def test_next_must_stay_on_this_site(client):
    make_user("li")
    response = client.post("/accounts/login/?next=https://evil.example/", {
        "username": "li", "password": PASSWORD,
    })  # fmt: skip
    assert response["Location"] == "/resources/"


def login(client, password, username="li"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_five_failures_lock_even_the_right_password(client):
    make_user("li")
    for _ in range(4):
        assert login(client, "wrong").status_code == 200
    locked = login(client, "wrong")
    assert locked.status_code == 429
    assert locked.context["form"].is_locked
    assert login(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    # Another user name from the same address is not locked.
    make_user("wang")
    assert login(client, PASSWORD, "wang").status_code == 302


def test_lock_is_per_address(client):
    make_user("li")
    for _ in range(5):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 429
    assert client.post("/accounts/login/", {"username": "li", "password": PASSWORD},
                       REMOTE_ADDR="10.1.2.3").status_code == 302  # fmt: skip


def test_success_resets_the_count(client):
    make_user("li")
    for _ in range(4):
        login(client, "wrong")
    assert login(client, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, "wrong").status_code == 200


def test_throttle_counter_expires(settings):
    settings.LOGIN_LOCK_SECONDS = 1
    for _ in range(5):
        throttle.record_failure("1.2.3.4", "Li")
    assert throttle.is_locked("1.2.3.4", "li")  # user names compare case-insensitively
    assert not throttle.is_locked("1.2.3.5", "li")
    time.sleep(2.1)
    assert not throttle.is_locked("1.2.3.4", "li")


def test_log_out_needs_post(client):
    client.force_login(make_user("li"))
    assert client.get("/accounts/logout/").status_code == 200
    assert "_auth_user_id" in client.session
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_header_links(client):
    assert "/accounts/login/?next=/resources/" in client.get("/resources/").content.decode()
    client.force_login(make_user("li"))
    html = client.get("/resources/").content.decode()
    assert "/accounts/logout/" in html and ">li<" in html


def test_roles():
    from yingdu.accounts.roles import EDITOR, TEACHER

    visitor, teacher, editor = make_user("v"), make_user("t", TEACHER), make_user("e", EDITOR)
    boss = User.objects.create_superuser("boss", "b@example.com", PASSWORD)
    assert [role_name(u) for u in (visitor, teacher, editor, boss)] == [
        "visitor",
        "teacher",
        "editor",
        "editor",
    ]
    assert is_teacher(editor) and not is_editor(teacher)


def test_real_settings_hash_passwords_with_argon2(settings):
    real = importlib.import_module("yingdu.settings")
    assert real.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    settings.PASSWORD_HASHERS = real.PASSWORD_HASHERS
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()
    try:
        user = make_user("argon")
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password(PASSWORD)
    finally:
        hashers.get_hashers.cache_clear()
        hashers.get_hashers_by_algorithm.cache_clear()
