"""The lexicon build job and its follow-up, in the test process: only site operators
(superusers) start a build or see its job; the re-annotation and search rebuild resume
after the last item an earlier attempt committed, and an attempt that lost its job stops
without writing."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.resources.conftest import client_for, make_user
from yingdu.aids import lexiconjob
from yingdu.aids.service import annotated_models, lexicon_stamp
from yingdu.jobs import service
from yingdu.jobs.models import Job
from yingdu.news.models import NewsArticle
from yingdu.search import indexing
from yingdu.search import jobs as search_jobs
from yingdu.search.models import SearchEntry

PAGE = reverse("aids:lexicon")


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator_zhao", password="x-unused-9")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["anonymous", "student", "teacher", "editor"])
def test_only_operators_start_a_build_or_see_its_job(client, operator, role):
    operator_job, started = lexiconjob.start(operator)
    assert started
    if role != "anonymous":
        client_for(client, make_user(f"someone_{role}", role))
    for response in (client.get(PAGE), client.post(PAGE)):
        if role == "anonymous":
            assert response.status_code == 302 and "/login" in response["Location"]
        else:
            assert response.status_code == 403
    assert Job.objects.count() == 1  # nothing started
    job_page = client.get(reverse("jobs:job", args=[operator_job.pk]))
    assert job_page.status_code == (302 if role == "anonymous" else 404)
    if role != "anonymous":
        assert f"#{operator_job.pk}" not in client.get(reverse("jobs:list")).content.decode()


@pytest.mark.django_db
def test_an_operator_starts_one_build_at_a_time(client, operator):
    client_for(client, operator)
    page = client.get(PAGE)
    assert page.status_code == 200 and "csrfmiddlewaretoken" in page.content.decode()
    response = client.post(PAGE)
    job = Job.objects.get(kind=lexiconjob.KEY)
    assert response.status_code == 302 and response["Location"] == reverse(
        "jobs:job", args=[job.pk]
    )
    assert job.started_by == operator and job.state == "queued"
    assert client.post(PAGE)["Location"] == response["Location"]  # the same job again
    assert client.get(job_page := response["Location"]).status_code == 200
    other = User.objects.create_superuser("operator_qian", password="x-unused-9")
    busy = client_for(client, other).post(PAGE)
    assert busy.status_code == 409 and Job.objects.count() == 1
    assert client.get(job_page).status_code == 404  # the first operator's job stays theirs


def news_position() -> int:
    return annotated_models().index(NewsArticle)


@pytest.mark.django_db
def test_the_follow_up_resumes_after_the_last_item_committed(news, site_lexicon):
    first, *rest = NewsArticle.objects.order_by("pk")
    NewsArticle.objects.update(reading={"left": "as it was"})
    job = search_jobs.queue()
    checkpoint = {"after": [news_position(), first.pk], "annotated": 1}
    Job.objects.filter(pk=job.pk).update(checkpoint=checkpoint)  # as a killed attempt left it
    assert service.run_job.call(job.pk) == "done"
    job.refresh_from_db()
    assert job.result == {"annotated": len(news), "indexed": indexing.count_items()}
    first.refresh_from_db()
    assert first.reading == {"left": "as it was"}  # finished before: not done again
    assert all(
        item.reading.get("bank") for item in NewsArticle.objects.filter(pk__in=[r.pk for r in rest])
    )


@pytest.mark.django_db
def test_the_index_rebuild_resumes_without_a_second_entry(news, site_lexicon):
    SearchEntry.objects.all().delete()
    first = NewsArticle.objects.order_by("published_at").first()
    indexing.index_item(first)
    kept = SearchEntry.objects.get()
    job = search_jobs.queue()
    Job.objects.filter(pk=job.pk).update(checkpoint={"indexing": True, "annotated": len(news)})
    assert service.run_job.call(job.pk) == "done"
    assert SearchEntry.objects.count() == len(news)
    assert SearchEntry.objects.filter(pk=kept.pk, object_id=first.pk).exists()  # not rebuilt
    assert Job.objects.get(pk=job.pk).result["annotated"] == len(news)


@pytest.mark.django_db
def test_an_attempt_that_lost_its_job_stops_without_writing(news, site_lexicon):
    NewsArticle.objects.update(reading={})
    job = search_jobs.queue()
    claimed = service.claim(job.pk)
    Job.objects.filter(pk=job.pk).update(attempts=claimed.attempts + 1)  # taken over
    with pytest.raises(service.JobLost):
        search_jobs.relexicon(service.Context(claimed))
    assert not any(item.reading for item in NewsArticle.objects.all())


NEXT = "下一步：重新标注内容并重建搜索索引"  # "Next: re-annotating the items and …"


@pytest.mark.django_db
def test_a_finished_build_links_its_follow_up_and_other_jobs_do_not(client, operator):
    job, _ = lexiconjob.start(operator)
    Job.objects.filter(pk=job.pk).update(checkpoint={"built": lexicon_stamp(), "entries": 7})
    client_for(client, operator)
    page = reverse("jobs:job", args=[job.pk])
    assert NEXT not in client.get(page).content.decode()  # not before it is done
    assert service.run_job.call(job.pk) == "done"  # the build was done: it queues the follow-up
    follow_up = Job.objects.get(kind=search_jobs.KEY)
    assert Job.objects.get(pk=job.pk).result == {"entries": 7, "follow_up": follow_up.pk}
    link = f'<a href="{reverse("jobs:job", args=[follow_up.pk])}">{NEXT} #{follow_up.pk}</a>'
    assert link in client.get(page).content.decode()
    Job.objects.filter(pk=follow_up.pk).update(state="done", result={"follow_up": job.pk})
    assert NEXT not in client.get(reverse("jobs:job", args=[follow_up.pk])).content.decode()
