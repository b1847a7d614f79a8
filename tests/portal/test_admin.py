"""Editors manage content in the Chinese admin; a second daily term on a date is refused."""

import pytest
from django.contrib.auth.models import User

from yingdu.daily.models import DailyTerm


@pytest.fixture
def editor_client(client, db):
    User.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    client.login(username="editor", password="a-long-test-password")
    return client


def term_form(date: str, **extra):
    data = {
        "date": date, "term_zh": "全民健身", "term_en": "fitness for all", "title": "",
        "slug": "", "explanation": "", "status": "published", "published_at_0": "2026-11-20",
        "published_at_1": "08:00:00",
        "examples-TOTAL_FORMS": "0", "examples-INITIAL_FORMS": "0",
        "examples-MIN_NUM_FORMS": "0", "examples-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(extra)
    return data


@pytest.mark.django_db
def test_admin_is_in_chinese_with_every_content_kind(editor_client):
    html = editor_client.get("/admin/").content.decode()
    for label in ["每日一词", "新闻", "双语文章", "作文", "标签"]:
        assert label in html


@pytest.mark.django_db
def test_admin_refuses_a_second_term_on_the_same_date(editor_client, term):
    response = editor_client.post("/admin/daily/dailyterm/add/", term_form(term.date.isoformat()))
    assert response.status_code == 200  # form shown again with the error
    assert "这一天已经有每日一词了" in response.content.decode()
    assert DailyTerm.objects.count() == 1


@pytest.mark.django_db
def test_admin_creates_a_term_and_fills_the_title(editor_client):
    response = editor_client.post("/admin/daily/dailyterm/add/", term_form("2026-11-20"))
    assert response.status_code == 302
    term = DailyTerm.objects.get()
    assert term.title == "全民健身 fitness for all"
    assert term.slug == "fitness-for-all"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    ["/admin/news/newsarticle/?q=solar", "/admin/news/newsarticle/?section__exact=domestic",
     "/admin/compositions/composition/?grade__exact=p3", "/admin/bilingual/bilingualarticle/",
     "/admin/daily/dailyterm/?q=绿色"],
)  # fmt: skip
def test_admin_lists_search_and_filter(editor_client, news, term, composition, bilingual, url):
    assert editor_client.get(url).status_code == 200


@pytest.mark.django_db
def test_admin_needs_staff(client, news):
    assert client.get("/admin/news/newsarticle/").status_code == 302
