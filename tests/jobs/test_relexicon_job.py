"""`yingdu reading refresh --in-background` queues the re-annotation and search reindex that
follow a new lexicon as one background job; run again, it gives the same result."""

import pytest

from tests.jobs.worker import run_queued
from yingdu.cli import main
from yingdu.jobs import service
from yingdu.jobs.models import Job
from yingdu.news.models import NewsArticle
from yingdu.search.models import SearchEntry


@pytest.mark.django_db
def test_the_follow_up_of_a_lexicon_runs_as_a_job(
    news, site_lexicon, capsys, django_capture_on_commit_callbacks
):
    NewsArticle.objects.update(reading={})
    SearchEntry.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert main(["reading", "refresh", "--in-background"]) == 0
    job = Job.objects.get(kind="relexicon")
    assert f"#{job.pk}" in capsys.readouterr().out and job.started_by is None
    assert not SearchEntry.objects.exists()  # nothing done in the command
    run_queued()
    job.refresh_from_db()
    assert job.state == "done" and job.result["annotated"] >= len(news)
    assert all(item.reading for item in NewsArticle.objects.all())
    entries = SearchEntry.objects.count()
    assert entries >= len(news)

    Job.objects.filter(pk=job.pk).update(state="queued")  # as if its worker had died
    assert service.run_job.call(job.pk) == "done"
    assert SearchEntry.objects.count() == entries  # rebuilt, not added to
