"""Admin URL imports run as background jobs (issue 10, defect 7): the form queues a job and
redirects at once to its page; a worker imports the sources; the page shows state, progress
and results to the editor who started it (and superusers) only; a re-run after a crash
saves nothing twice."""

import datetime as dt
import signal
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Permission, User
from django.test import override_settings

from tests.importparse.httpserver import Handler
from tests.imports.worker import run_worker
from yingdu.cli import main
from yingdu.daily.models import DailyTerm
from yingdu.imports.models import ImportJob
from yingdu.jobs.models import Job
from yingdu.news.models import NewsArticle

URL = "/admin/imports/importrecord/import/"
PASSWORD = "a-long-test-password"


def login(client, username, **flags):
    if flags.pop("superuser", False):
        User.objects.create_superuser(username, f"{username}@example.com", PASSWORD)
    else:
        user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.user_permissions.add(Permission.objects.get(codename="add_importrecord"))
    client.login(username=username, password=PASSWORD)
    return client


def start(client, url, capture):
    with capture(execute=True):  # the job is queued once its record is committed
        response = client.post(URL, {"url-url": url, "url-kind": "auto"})
    assert response.status_code == 302
    job = ImportJob.objects.latest("pk")
    assert response["Location"] == f"{URL}jobs/{job.pk}/"
    return job


@pytest.mark.django_db
@override_settings(IMPORT_TIMEOUT_SECONDS=0.5, IMPORT_MAX_REDIRECTS=3)
def test_feed_import_runs_in_the_worker(client, server, django_capture_on_commit_callbacks):
    login(client, "editor", superuser=True)
    job = start(client, f"{server}/feed.xml", django_capture_on_commit_callbacks)
    assert job.state == "queued" and job.task_id and not NewsArticle.objects.exists()
    page = client.get(f"{URL}jobs/{job.pk}/").content.decode()
    assert "import-state-queued" in page and 'http-equiv="refresh"' in page
    assert f"#{job.pk}" in client.get(URL).content.decode()  # listed on the import page

    run_worker()
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("done", 3, 3)
    assert NewsArticle.objects.count() == 1 and DailyTerm.objects.count() == 1
    assert [row["status"] for row in job.results] == ["created"] * 3
    page = client.get(f"{URL}jobs/{job.pk}/").content.decode()
    assert "import-state-done" in page and 'http-equiv="refresh"' not in page
    news = NewsArticle.objects.get()
    assert f"/admin/news/newsarticle/{news.pk}/change/" in page
    assert Job.objects.get(pk=job.task_id).state == "done"  # the background job it ran in


@pytest.mark.django_db
@override_settings(IMPORT_TIMEOUT_SECONDS=0.5)
def test_a_slow_feed_does_not_hold_the_request(client, server, django_capture_on_commit_callbacks):
    login(client, "editor", superuser=True)
    Handler.hits.clear()
    job = start(client, f"{server}/slow-feed.xml", django_capture_on_commit_callbacks)
    assert Handler.hits == []  # nothing was fetched inside the request
    queued = Job.objects.get(pk=job.task_id)
    assert job.state == queued.state == "queued" and queued.task_id  # on the queue


@pytest.mark.django_db
def test_job_page_is_for_its_editor_and_superusers(
    client, server, django_capture_on_commit_callbacks
):
    login(client, "editor")
    job = start(client, f"{server}/feed.xml", django_capture_on_commit_callbacks)
    page = f"{URL}jobs/{job.pk}/"
    assert client.get(page).status_code == 200
    client.logout()
    assert client.get(page).status_code == 302  # anonymous: to the log-in page
    login(client, "other-editor")
    assert client.get(page).status_code == 404
    assert client.get(f"{URL}jobs/{job.pk + 1}/").status_code == 404
    login(client, "boss", superuser=True)
    assert client.get(page).status_code == 200
    User.objects.create_user("reader", password=PASSWORD)
    client.login(username="reader", password=PASSWORD)
    assert "/admin/login/" in client.get(page)["Location"]


@pytest.mark.django_db
@pytest.mark.attack
@override_settings(IMPORT_ALLOW_HOSTS=[], IMPORT_TIMEOUT_SECONDS=0.5)
def test_admin_import_of_loopback_is_blocked(client, server, django_capture_on_commit_callbacks):
    login(client, "editor", superuser=True)
    port = urlsplit(server).port
    job = start(client, f"http://localhost:{port}/admin/login/", django_capture_on_commit_callbacks)
    run_worker()
    job.refresh_from_db()
    assert job.state == "done" and not NewsArticle.objects.exists()
    assert [row["error"] for row in job.results] == ["blocked: private address"]


@pytest.mark.django_db
@override_settings(IMPORT_TIMEOUT_SECONDS=0.5, IMPORT_MAX_REDIRECTS=3)
def test_a_stalled_job_runs_again_without_duplicates(
    client, server, django_capture_on_commit_callbacks
):
    login(client, "editor", superuser=True)
    job = start(client, f"{server}/feed.xml", django_capture_on_commit_callbacks)
    run_worker()
    # As if the worker had been killed half-way: "running", no progress for an hour.
    stalled = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
    ImportJob.objects.filter(pk=job.pk).update(state="running", updated_at=stalled)
    page = f"{URL}jobs/{job.pk}/"
    assert 'name="run-again"' in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(page, {"run-again": "1"}).status_code == 302
    run_worker()
    job.refresh_from_db()
    assert job.state == "done" and NewsArticle.objects.count() == 1
    assert [row["status"] for row in job.results] == ["created"] * 3
    assert 'name="run-again"' not in client.get(page).content.decode()


@pytest.mark.django_db(transaction=True)
@override_settings(IMPORT_TIMEOUT_SECONDS=0.5, IMPORT_MAX_REDIRECTS=3)
def test_yingdu_worker_command_runs_queued_jobs(server):
    from yingdu.imports import jobs

    job = jobs.start(None, [f"{server}/news_international.html"], "auto")  # autocommit: queued
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        assert main(["worker", "--batch", "--interval", "0", "-v", "0"]) == 0
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    job.refresh_from_db()
    assert job.state == "done" and NewsArticle.objects.count() == 1
