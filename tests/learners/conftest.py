"""Learners of every role with a display name, a signed-in client for each, and tokens."""

import pytest
from django.test import Client

from yingdu.accounts.roles import EDITOR, STUDENT, TEACHER
from yingdu.accounts.tokens import create_token
from yingdu.accounts.users import create_account

PASSWORD = "a-long-test-password"


def make_learner(username: str, role: str = STUDENT, display_name: str | None = None):
    return create_account(
        username, role=role, display_name=display_name or f"{username} 同学", password=PASSWORD
    )


def signed_in(user, **options) -> Client:
    client = Client(**options)
    client.force_login(user)
    return client


@pytest.fixture
def student(db):
    return make_learner("xiaohong", display_name="小红")


@pytest.fixture
def other_student(db):
    return make_learner("xiaogang", display_name="小刚")


@pytest.fixture
def teacher(db):
    return make_learner("teacher_li", TEACHER, "李老师")


@pytest.fixture
def editor(db):
    return make_learner("editor_wang", EDITOR, "王编辑")


@pytest.fixture
def student_client(student):
    return signed_in(student)


@pytest.fixture
def token(student):
    return create_token(student, "tests")[1]


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
