"""Class fixtures: a teacher with a class, two students in it, another teacher, a student
outside it, an English article long enough for a worksheet, and JSON helpers."""

import datetime as dt
import json

import pytest
from django.test import Client
from django.utils import timezone

from tests.learners.conftest import make_learner
from yingdu.accounts.roles import TEACHER
from yingdu.classes import service
from yingdu.core.models import Status
from yingdu.news.models import NewsArticle, Section

ARTICLE = (
    "Farmers abandoned the village after the flood destroyed their crops. The government "
    "promised compensation, but many families were reluctant to return before the river "
    "receded. Engineers examined the damaged embankment and warned that heavy rain could "
    "cause another disaster within weeks.\n\n"
    "Volunteers distributed food, blankets and medicine to the elderly residents who had "
    "refused to leave their homes. A local teacher organized lessons in a temporary tent so "
    "that the children would not fall behind. Scientists believe that the climate is "
    "changing the pattern of storms in the region, and they urge officials to invest in "
    "better forecasts, stronger barriers and careful planning of new houses on higher ground."
)


@pytest.fixture
def teacher(db):
    return make_learner("teacher_zhang", TEACHER, "张老师")


@pytest.fixture
def other_teacher(db):
    return make_learner("teacher_chen", TEACHER, "陈老师")


@pytest.fixture
def students(db):
    return [make_learner("stu_a", display_name="小明"), make_learner("stu_b", display_name="小红")]


@pytest.fixture
def outsider(db):
    return make_learner("stu_out", display_name="小刚")


@pytest.fixture
def school_class(teacher, students):
    made = service.create_class(teacher, "初二（3）班", "j2")
    for student in students:
        service.join(student, made.join_code)
    return made


@pytest.fixture
def article(db, site_lexicon):
    return NewsArticle.objects.create(
        section=Section.INTERNATIONAL,
        title="Village rebuilds after the flood",
        body=ARTICLE,
        status=Status.PUBLISHED,
        published_at=timezone.now(),
    )


def due_in(days: int = 7):
    return timezone.now() + dt.timedelta(days=days)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_json(client, path, payload, **extra):
    return client.post(path, data=json.dumps(payload), content_type="application/json", **extra)
