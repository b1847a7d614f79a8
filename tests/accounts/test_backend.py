"""The sign-in backend (yingdu/accounts/backends.py): the user comes with their profile and
notebook goal in one query, and sessions made with Django's ModelBackend stay signed in."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from yingdu.accounts.backends import ACCOUNT_BACKEND, OLD_BACKEND
from yingdu.accounts.roles import EDITOR, STUDENT, TEACHER, grant, group_names, role_name
from yingdu.accounts.users import create_account
from yingdu.notebook import service


@pytest.fixture
def student(db):
    user = create_account("backend1", role=STUDENT, display_name="小红", password=None)
    service.save_goal(user, 30, 5, spelling=True)
    return user


def client_with_session(user, backend: str) -> tuple[Client, str]:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = backend
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    client = Client()
    client.cookies["sessionid"] = store.session_key
    return client, store.session_key


def tables_read(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [main_table(q["sql"]) for q in queries if q["sql"].startswith("SELECT")]


def main_table(sql: str) -> str:
    """The table after the query's own FROM (not a subquery's)."""
    depth = 0
    for position, char in enumerate(sql):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and sql.startswith(" FROM ", position):
            return sql[position + 6 :].split()[0]
    raise AssertionError(sql)


def test_profile_and_goal_come_with_the_user(student):
    client, _key = client_with_session(student, ACCOUNT_BACKEND)
    read = tables_read(client, "/notebook/review/")
    assert read.count('"auth_user"') == 1
    assert '"accounts_profile"' not in read and '"notebook_goal"' not in read
    html = client.get("/notebook/review/").content.decode()
    assert ">小红</a>" in html and "/30" in html  # the display name and the goal, as loaded


def test_a_session_of_the_old_backend_stays_signed_in_without_a_write(student):
    client, key = client_with_session(student, OLD_BACKEND)
    with CaptureQueriesContext(connection) as queries:
        assert ">小红</a>" in client.get("/notebook/").content.decode()
    assert not [q for q in queries if "django_session" in q["sql"] and "SELECT" not in q["sql"]]
    assert SessionStore(key).load()[BACKEND_SESSION_KEY] == OLD_BACKEND


def test_a_learner_without_profile_or_goal_is_served(db):
    bare = get_user_model().objects.create_user("bare", password="x" * 12)
    client, _key = client_with_session(bare, ACCOUNT_BACKEND)
    html = client.get("/notebook/review/").content.decode()
    assert ">bare</a>" in html and "/20" in html  # the user name; the default goal


@pytest.mark.parametrize("role", [STUDENT, TEACHER, EDITOR])
def test_roles_come_with_the_user(db, role):
    user = create_account(f"backend-{role}", role=role, display_name="小明", password=None)
    client, _key = client_with_session(user, ACCOUNT_BACKEND)
    with CaptureQueriesContext(connection) as queries:
        client.get("/notebook/")
    reading_groups = [q["sql"] for q in queries if '"auth_group"' in q["sql"]]
    assert len(reading_groups) == 1 and '"accounts_profile"' in reading_groups[0]
    assert role_name(client.get("/notebook/").wsgi_request.user) == role


def test_a_user_in_several_groups_has_every_role(db):
    user = create_account("backend-two", role=TEACHER, display_name="老师", password=None)
    grant(user, EDITOR)
    client, _key = client_with_session(user, ACCOUNT_BACKEND)
    loaded = client.get("/notebook/").wsgi_request.user
    assert group_names(loaded) == {TEACHER, EDITOR}
