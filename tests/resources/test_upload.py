"""Uploading: roles, content checks, size limits (413), duplicates, atomicity; the text and
previews come from the upload's background job (tests/resources/test_processing_job.py)."""

import re

import pytest
from django.core.files.storage import default_storage
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

from yingdu.jobs.models import Job
from yingdu.resources import services
from yingdu.resources.models import Resource, ResourceFile

from . import samples
from .conftest import process_uploads, stored_files, upload_data

pytestmark = pytest.mark.django_db

URL = "/resources/upload/"


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/resources/upload/")


def test_visitors_without_the_teacher_role_may_not_upload(client, visitor, renjiao, media):
    client.force_login(visitor)
    assert client.get(URL).status_code == 403
    response = client.post(URL, upload_data(renjiao, [("a.pdf", samples.pdf())]))
    assert response.status_code == 403
    assert not Resource.objects.exists() and not stored_files(media)


def test_teacher_upload_waits_for_review(teacher_client, teacher, renjiao, media):
    response = teacher_client.post(URL, upload_data(renjiao, [("五年级 Unit1.pdf", samples.pdf())]))
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == resource.get_absolute_url()
    assert resource.status == "pending" and resource.uploader == teacher
    assert (resource.type, resource.grade, resource.volume) == ("courseware", "p5", "first")
    assert sorted(t.name for t in resource.tags.all()) == ["Unit 1", "问候"]
    stored = resource.files.get()
    assert stored.original_name == "五年级 Unit1.pdf" and stored.kind == "pdf"
    assert stored.size == resource.size == len(samples.pdf())
    # The stored name is generated; nothing of the uploader's name reaches the disk.
    assert re.fullmatch(r"resources/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", stored.file.name)
    # The request only stored the file: the text and preview are the job's.
    assert resource.text_state == "processing" and resource.text == "" and not stored.preview
    assert len(stored_files(media)) == 1
    assert process_uploads() == ["done"]
    resource.refresh_from_db()
    stored.refresh_from_db()
    assert resource.text_state == "ready"
    stem = stored.file.name.rpartition("/")[2].removesuffix(".pdf")
    assert stored.preview.name == f"resources/previews/{stem}.png"
    assert len(stored_files(media)) == 2
    assert "Unit 1 Hello everyone" in resource.text
    # Not public yet.
    assert resource.get_absolute_url() not in teacher_client.get("/resources/").content.decode()


def test_editor_upload_publishes_directly(editor_client, renjiao):
    editor_client.post(URL, upload_data(renjiao, [("plan.docx", samples.docx())]))
    process_uploads()
    resource = Resource.objects.get()
    assert resource.status == "published" and resource.is_published
    assert "My family" in resource.text


def test_several_files_in_one_upload(teacher_client, renjiao):
    files = [("plan.docx", samples.docx()), ("slides.pptx", samples.pptx()),
             ("song.mp3", samples.mp3_id3())]  # fmt: skip
    teacher_client.post(URL, upload_data(renjiao, files))
    assert process_uploads() == ["done"]  # one job for the resource's documents
    resource = Resource.objects.get()
    assert [f.kind for f in resource.files.all()] == ["docx", "pptx", "mp3"]
    assert "My family" in resource.text and "Colours and shapes" in resource.text


def test_forged_file_is_refused_with_a_clear_message(teacher_client, renjiao, media):
    response = teacher_client.post(URL, upload_data(renjiao, [("试题.pdf", samples.exe())]))
    assert response.status_code == 200
    assert response.context["form"].errors["files"][0].startswith("试题.pdf: ")
    assert ".pdf" in response.context["form"].errors["files"][0]
    assert not Resource.objects.exists() and not stored_files(media)


def test_hostile_archives_are_refused(teacher_client, renjiao, settings, media):
    settings.RESOURCE_ZIP_MAX_EXPANDED_BYTES = 1024 * 1024
    for name, data in [("bomb.zip", samples.zip_bomb(4 * 1024 * 1024)),
                       ("paths.zip", samples.zip_of({"../../evil.txt": b"x"}))]:  # fmt: skip
        response = teacher_client.post(URL, upload_data(renjiao, [(name, data)]))
        assert response.status_code == 200 and response.context["form"].errors["files"]
    assert not Resource.objects.exists() and not stored_files(media)


def test_too_many_files(teacher_client, renjiao, settings):
    settings.RESOURCE_UPLOAD_MAX_FILES = 2
    files = [(f"{i}.png", samples.image("png")[:-1] + bytes([i])) for i in range(3)]
    response = teacher_client.post(URL, upload_data(renjiao, files))
    assert response.context["form"].errors["files"]
    assert not Resource.objects.exists()


def test_declared_oversize_is_refused_before_reading(teacher_client, renjiao, settings, media):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 1024 * 1024
    response = teacher_client.post(
        URL, upload_data(renjiao, [("a.pdf", samples.pdf())]), CONTENT_LENGTH=str(10 * 2**20)
    )
    assert response.status_code == 413
    assert "1 MB" in response.content.decode()
    assert not Resource.objects.exists() and not stored_files(media)


def big_pdf(size: int) -> bytes:
    return samples.pdf() + b"%" + b"0" * size  # still a pdf by its first bytes


def test_real_oversize_is_refused_while_reading(teacher_client, renjiao, settings, media):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 1024 * 1024
    files = [("a.pdf", big_pdf(550 * 1024)), ("b.pdf", big_pdf(550 * 1024))]
    body = encode_multipart(BOUNDARY, upload_data(renjiao, files))
    assert len(body) < 1024 * 1024 + 256 * 1024  # passes the early Content-Length check
    response = teacher_client.generic("POST", URL, body, content_type=MULTIPART_CONTENT)
    assert response.status_code == 413
    assert not Resource.objects.exists() and not stored_files(media)


def test_big_files_stream_to_temporary_files(teacher_client, renjiao, settings):
    settings.RESOURCE_UPLOAD_MAX_BYTES = 8 * 1024 * 1024
    teacher_client.post(URL, upload_data(renjiao, [("big.pdf", big_pdf(3 * 1024 * 1024))]))
    process_uploads()
    stored = ResourceFile.objects.get()
    assert stored.size > 3 * 1024 * 1024
    assert stored.preview  # rendered from the stored file's path


def test_duplicate_points_to_the_existing_resource(teacher_client, editor, renjiao, media):
    teacher_client.post(URL, upload_data(renjiao, [("a.pdf", samples.pdf())]))
    first = Resource.objects.get()
    response = teacher_client.post(
        URL, upload_data(renjiao, [("copy.pdf", samples.pdf())], title="Another title")
    )
    assert response.status_code == 200
    assert response.context["duplicates"] == [first]
    assert first.get_absolute_url() in response.content.decode()
    assert Resource.objects.count() == 1 and len(stored_files(media)) == 1
    # A rejected resource's file may be uploaded again.
    first.reject(editor, "元数据错误")
    teacher_client.post(URL, upload_data(renjiao, [("copy.pdf", samples.pdf())], title="Fixed"))
    assert Resource.objects.count() == 2


def test_interrupted_upload_leaves_no_file_and_no_row(teacher_client, renjiao, media, monkeypatch):
    real_save = default_storage.save
    calls = []

    def save_then_fail(name, content, *args, **kwargs):
        calls.append(name)
        if len(calls) == 2:  # first file written; fail on the second file
            real_save(name, content, *args, **kwargs)
            raise ConnectionResetError("storage went away half-way")
        return real_save(name, content, *args, **kwargs)

    monkeypatch.setattr(services.default_storage, "save", save_then_fail)
    files = [("a.pdf", samples.pdf()), ("b.docx", samples.docx())]
    response = teacher_client.post(URL, upload_data(renjiao, files))
    assert response.status_code == 503  # the teacher is told (tests/faults/test_media_full.py)
    assert len(calls) == 2
    assert not Resource.objects.exists() and not ResourceFile.objects.exists()
    assert not Job.objects.exists()  # nor a job left to read what is gone
    assert stored_files(media) == []


def test_failure_while_creating_rows_removes_written_files(
    teacher_client, renjiao, media, monkeypatch
):
    def boom(*args, **kwargs):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(ResourceFile.objects, "create", boom)
    with pytest.raises(RuntimeError):
        teacher_client.post(URL, upload_data(renjiao, [("a.pdf", samples.pdf())]))
    assert not Resource.objects.exists() and stored_files(media) == []


def test_body_cut_off_mid_file_stores_nothing(teacher_client, renjiao, media):
    body = encode_multipart(BOUNDARY, upload_data(renjiao, [("a.pdf", big_pdf(200 * 1024))]))
    cut = body[: len(body) // 2]
    response = teacher_client.generic("POST", URL, cut, content_type=MULTIPART_CONTENT)
    assert response.status_code == 400
    assert not Resource.objects.exists() and stored_files(media) == []


def test_upload_form_needs_csrf(client, teacher, renjiao):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(teacher)
    response = strict.post(URL, upload_data(renjiao, [("a.pdf", samples.pdf())]))
    assert response.status_code == 403
    assert not Resource.objects.exists()


def test_upload_page_lists_the_rules(teacher_client):
    html = teacher_client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html and "50 MB" in html
    assert 'accept=".doc,.docx' in html
