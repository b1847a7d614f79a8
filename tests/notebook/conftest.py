"""Notebook fixtures: two learners (a student and another), an English news item whose
text holds the words the tests add, and JSON helpers for the learner API."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from yingdu.accounts.roles import STUDENT, grant
from yingdu.core.models import Status
from yingdu.news.models import NewsArticle, Section

SENTENCE = "Farmers abandoned the village after the flood destroyed their crops."


def make_learner(name: str):
    user = get_user_model().objects.create_user(name, password="pw-" + name * 2)
    grant(user, STUDENT)
    return user


@pytest.fixture
def learner(db):
    return make_learner("xiaoming")


@pytest.fixture
def other(db):
    return make_learner("xiaohong")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def learner_client(learner):
    return client_for(learner)


@pytest.fixture
def other_client(other):
    return client_for(other)


@pytest.fixture
def article(db, site_lexicon):
    return NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Floods in the valley",
        body=f"{SENTENCE}\n\nRescue teams arrived within hours.",
        status=Status.PUBLISHED, published_at=timezone.now(),
    )  # fmt: skip


def post_json(client, path, payload, **extra):
    return client.post(path, data=json.dumps(payload), content_type="application/json", **extra)
