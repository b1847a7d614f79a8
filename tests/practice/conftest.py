"""Fixtures for 生成练习: users of every role (from the resource tests), an English news item
long enough for a worksheet and a second one for the 七选五 distractors."""

import pytest
from django.utils import timezone

from tests.resources.conftest import (  # noqa: F401
    client_for,
    editor,
    make_user,
    media,
    renjiao,
    teacher,
    visitor,
)
from tests.worksheets.conftest import POOL, TEXTS
from yingdu.accounts.roles import STUDENT
from yingdu.news.models import NewsArticle, Section


@pytest.fixture
def student(db):
    return make_user("student_chen", STUDENT)


@pytest.fixture
def article(db, site_lexicon):
    NewsArticle.objects.create(
        section=Section.DOMESTIC, title="Clean water for every town", body=POOL,
        status="published", published_at=timezone.now(),
    )  # fmt: skip
    return NewsArticle.objects.create(
        section=Section.DOMESTIC, title="Old bikes find new riders", body=TEXTS["bikes"],
        status="published", published_at=timezone.now(),
    )  # fmt: skip
