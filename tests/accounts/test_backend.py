"""The sign-in backend (yingdu/accounts/backends.py): the user comes with their profile and
notebook goal in one query, and sessions made with Django's ModelBackend stay signed in."""

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from yingdu.accounts.backends import ACCOUNT_BACKEND, OLD_BACKEND
from yingdu.accounts.roles import STUDENT
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
    return [
        q["sql"].split(" FROM ")[1].split()[0] for q in queries if q["sql"].startswith("SELECT")
    ]


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
