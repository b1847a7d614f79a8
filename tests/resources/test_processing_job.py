"""The background job that reads an upload's documents (yingdu/resources/jobs.py): the
upload request only stores; the uploader and the editors see the resource processing, then
ready or failed with a Chinese error; search finds the text once the job is done; a run
again leaves one text and one preview; a hostile file fails the job and loses nothing;
only the uploader follows the job, and only they or an editor run it again."""

import pytest

from yingdu.jobs import service
from yingdu.jobs.models import Job
from yingdu.resources.models import Resource
from yingdu.search.models import SearchEntry

from . import samples
from .conftest import TEACHER, client_for, make_user, process_uploads, stored_files, upload_data

pytestmark = pytest.mark.django_db

URL = "/resources/upload/"
PROCESSING = "正在生成"
UNREADABLE = "无法读取此文件中的文字"


def upload(client, renjiao, files) -> Resource:
    response = client.post(URL, upload_data(renjiao, files))
    assert response.status_code == 302, response.content.decode()[:500]
    return Resource.objects.get()


def page(client, resource) -> str:
    response = client.get(resource.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_the_uploader_follows_the_job_and_sees_the_result(client, teacher, editor, renjiao):
    resource = upload(client_for(client, teacher), renjiao, [("课件.pdf", samples.pdf())])
    job = resource.text_job
    assert job.kind == "resource_text" and job.started_by == teacher and job.state == "queued"
    html = page(client, resource)
    assert PROCESSING in html and f"/jobs/{job.pk}/" in html
    assert 'http-equiv="refresh"' in html  # the page refreshes itself while processing
    assert "处理中" in client.get("/resources/mine/").content.decode()
    job_page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert resource.get_absolute_url() in job_page and resource.title in job_page

    assert process_uploads() == ["done"]
    html = page(client, resource)
    assert PROCESSING not in html and 'http-equiv="refresh"' not in html
    assert "/preview.png" in html
    assert "已完成" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_editors_see_the_state_but_not_the_uploaders_job(client, teacher, editor, renjiao):
    resource = upload(client_for(client, teacher), renjiao, [("课件.pdf", samples.pdf())])
    job_id = resource.text_job_id
    client_for(client, editor)
    html = page(client, resource)
    assert PROCESSING in html and f"/jobs/{job_id}/" not in html
    assert client.get(f"/jobs/{job_id}/").status_code == 404


@pytest.mark.parametrize("role", [None, TEACHER])
def test_other_people_see_neither_the_job_nor_the_pending_resource(client, teacher, renjiao, role):
    resource = upload(client_for(client, teacher), renjiao, [("课件.pdf", samples.pdf())])
    other = make_user("someone_else", role)
    client_for(client, other)
    assert client.get(f"/jobs/{resource.text_job_id}/").status_code == 404
    assert client.get(resource.get_absolute_url()).status_code == 404
    assert client.post(f"/resources/{resource.slug}/delete/").status_code in (403, 404)
    assert client.post(f"/resources/{resource.slug}/process/").status_code in (403, 404)
    assert Resource.objects.filter(pk=resource.pk).exists()


def test_visitors_of_a_published_upload_see_no_processing_state(client, editor, renjiao):
    resource = upload(client_for(client, editor), renjiao, [("plan.docx", samples.docx())])
    assert resource.is_published and resource.processing
    client.logout()
    html = page(client, resource)
    assert resource.title in html and PROCESSING not in html
    assert client.get(f"/jobs/{resource.text_job_id}/").status_code == 302  # sign in first


def test_search_finds_the_text_once_the_job_is_done(client, editor, renjiao):
    resource = upload(client_for(client, editor), renjiao, [("plan.docx", samples.docx())])
    entry = SearchEntry.objects.get(kind="resources", object_id=resource.pk)
    assert resource.title in entry.title and "My family" not in entry.text  # title at once
    process_uploads()
    entry = SearchEntry.objects.get(kind="resources", object_id=resource.pk)
    assert "My family" in entry.text
    client.logout()
    results = client.get("/search/", {"q": "My family"}).content.decode()
    assert resource.get_absolute_url() in results


def test_files_that_need_no_reading_are_ready_at_once(client, teacher, renjiao):
    resource = upload(client_for(client, teacher), renjiao, [("song.mp3", samples.mp3_id3())])
    assert resource.text_state == "ready" and resource.text_job is None
    assert not Job.objects.exists()


def test_a_run_again_leaves_one_text_and_one_preview(client, teacher, renjiao, media):
    files = [("a.pdf", samples.pdf()), ("b.docx", samples.docx())]
    resource = upload(client_for(client, teacher), renjiao, files)
    assert process_uploads() == ["done"]
    first = Resource.objects.get()
    preview = first.files.get(kind="pdf").preview.name
    # Delivered again after the worker that had finished the work died before recording it.
    Job.objects.filter(pk=resource.text_job_id).update(state=Job.State.QUEUED)
    assert process_uploads() == ["done"]
    again = Resource.objects.get()
    assert again.text == first.text and again.text.count("My family") == 1
    assert again.files.get(kind="pdf").preview.name == preview
    assert len(stored_files(media)) == 3  # two files and one preview
    assert not [p for p in media.rglob("*.part")]


def test_a_hostile_file_fails_the_job_and_loses_nothing(
    client, teacher, renjiao, media, django_capture_on_commit_callbacks
):
    files = [("坏.pdf", b"%PDF-1.4 broken"), ("plan.docx", samples.docx())]
    resource = upload(client_for(client, teacher), renjiao, files)
    assert process_uploads() == ["failed"]
    resource.refresh_from_db()
    job = Job.objects.get(pk=resource.text_job_id)
    assert resource.text_state == "failed" and UNREADABLE in resource.text_error
    assert job.state == "failed" and job.error == resource.text_error
    assert "坏.pdf：" in job.error
    assert "My family" in resource.text  # what could be read is kept
    html = page(client, resource)
    assert "坏.pdf：" in html and UNREADABLE in html and "重新处理" in html
    broken = resource.files.get(kind="pdf")
    download = client.get(f"/resources/{resource.slug}/files/{broken.pk}/download/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 broken"

    assert client.post(f"/resources/{resource.slug}/process/").status_code == 302
    assert Job.objects.get(pk=job.pk).state == "queued"  # the same job, queued again
    assert process_uploads() == ["failed"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/resources/{resource.slug}/delete/")
    assert response.status_code == 302
    assert not Resource.objects.exists() and not Job.objects.exists()
    assert stored_files(media) == []


def test_an_editor_runs_a_failed_job_again(client, teacher, editor, renjiao):
    resource = upload(client_for(client, teacher), renjiao, [("坏.pdf", b"%PDF-1.4 broken")])
    process_uploads()
    client_for(client, editor)
    assert UNREADABLE in page(client, resource)
    client.post(f"/resources/{resource.slug}/process/")
    job = Job.objects.get(pk=resource.text_job_id)
    assert job.state == "queued" and job.started_by == teacher  # still the uploader's
    assert Resource.objects.get().text_state == "processing"


def test_a_job_that_gave_up_shows_as_failed(client, teacher, renjiao, settings):
    """A worker that kept dying (requeue_abandoned fails the job): the resource says so."""
    resource = upload(client_for(client, teacher), renjiao, [("a.pdf", samples.pdf())])
    Job.objects.filter(pk=resource.text_job_id).update(
        state="failed", error="工作进程在任务中途停止了 3 次。"
    )
    resource = Resource.objects.get()
    assert not resource.processing and resource.processing_error.startswith("工作进程")
    assert "重新处理" in page(client, resource)


def test_the_review_queue_shows_the_processing_state(client, teacher, editor, renjiao):
    upload(client_for(client, teacher), renjiao, [("坏.pdf", b"%PDF-1.4 broken")])
    client_for(client, editor)
    assert "处理中" in client.get("/resources/review/").content.decode()
    process_uploads()
    assert "处理失败" in client.get("/resources/review/").content.decode()


def test_a_resource_deleted_while_its_job_waits_leaves_nothing(
    client, teacher, renjiao, media, django_capture_on_commit_callbacks
):
    resource = upload(client_for(client, teacher), renjiao, [("a.pdf", samples.pdf())])
    job_id = resource.text_job_id
    with django_capture_on_commit_callbacks(execute=True):
        Resource.objects.get().delete()
    assert service.run_job.call(job_id) == "done"
    assert stored_files(media) == []  # no preview made for a resource that is gone


def test_the_demo_loader_leaves_resources_with_their_text(renjiao, media):
    from yingdu.demo.resources import load_demo_resources

    created, _ = load_demo_resources()
    resources = list(Resource.objects.prefetch_related("files"))
    assert created == len(resources) > 0
    assert {r.text_state for r in resources} == {"ready"}
    files = [f for r in resources for f in r.files.all()]
    office = [f.resource for f in files if f.kind in ("docx", "pptx")]
    assert office and all(r.text for r in office)  # the demo pdf is a picture: no text layer
    assert all(f.preview for f in files if f.kind == "pdf")
