"""The admin "Import" page: staff only, CSRF protected, URL and pasted-text forms that save
drafts through the same code as the command and show the per-item result table."""

import pytest
from django.contrib.auth.models import User
from django.test import Client, override_settings

from tests.imports.worker import run_worker
from yingdu.core.models import Status
from yingdu.daily.models import DailyTerm
from yingdu.news.models import NewsArticle

pytestmark = pytest.mark.django_db
URL = "/admin/imports/importrecord/import/"


@pytest.fixture
def staff_client(client):
    User.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    client.login(username="editor", password="a-long-test-password")
    return client


def test_anonymous_and_non_staff_are_sent_to_login(client):
    assert client.get(URL).status_code == 302
    User.objects.create_user("reader", password="a-long-test-password")
    client.login(username="reader", password="a-long-test-password")
    response = client.get(URL)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_staff_without_permission_is_refused(client):
    User.objects.create_user("staff", password="a-long-test-password", is_staff=True)
    client.login(username="staff", password="a-long-test-password")
    assert client.get(URL).status_code == 403


def test_page_and_link_from_the_records_list(staff_client):
    page = staff_client.get(URL).content.decode()
    assert 'name="url-url"' in page and 'name="paste-text"' in page
    assert "csrfmiddlewaretoken" in page
    listing = staff_client.get("/admin/imports/importrecord/").content.decode()
    assert URL in listing


def test_paste_form_saves_a_draft(staff_client, fixtures_dir):
    text = (fixtures_dir / "pasted_news.txt").read_text(encoding="utf-8")
    response = staff_client.post(URL, {"paste-text": text, "paste-kind": "auto"})
    html = response.content.decode()
    item = NewsArticle.objects.get()
    assert item.status == Status.DRAFT
    assert item.title == "Coastal town trains dogs to find lost hikers"
    assert f"/admin/news/newsarticle/{item.pk}/change/" in html
    assert "已创建" in html and "创建时间" not in html  # the result, not the date column
    again = staff_client.post(URL, {"paste-text": text, "paste-kind": "auto"}).content.decode()
    assert f"#{item.pk}" in again and NewsArticle.objects.count() == 1


@override_settings(IMPORT_TIMEOUT_SECONDS=0.5, IMPORT_MAX_REDIRECTS=3)
def test_url_form_with_a_feed_and_an_error(
    staff_client, server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feed = staff_client.post(URL, {"url-url": f"{server}/feed.xml", "url-kind": "auto"})
        loop = staff_client.post(URL, {"url-url": f"{server}/loop-a", "url-kind": "auto"})
    assert feed.status_code == loop.status_code == 302
    run_worker()
    assert NewsArticle.objects.count() == 1 and DailyTerm.objects.count() == 1
    assert "redirect loop" in staff_client.get(loop["Location"]).content.decode()


def test_invalid_forms_show_errors(staff_client):
    html = staff_client.post(URL, {"url-url": "ftp://example.org/x", "url-kind": "auto"})
    assert html.status_code == 200 and not NewsArticle.objects.exists()
    html = staff_client.post(URL, {"paste-text": "", "paste-kind": "news"})
    assert html.status_code == 200


def test_csrf_is_checked(fixtures_dir):
    client = Client(enforce_csrf_checks=True)
    User.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    client.login(username="editor", password="a-long-test-password")
    text = (fixtures_dir / "pasted_news.txt").read_text(encoding="utf-8")
    response = client.post(URL, {"paste-text": text, "paste-kind": "auto"})
    assert response.status_code == 403 and not NewsArticle.objects.exists()
