"""Downloads: UTF-8 Chinese file names, counted, published only (uploader and editors may
fetch their pending ones), never served from the page cache."""

from urllib.parse import quote

import pytest

from yingdu.resources.models import Resource

from . import samples
from .conftest import upload_data

pytestmark = pytest.mark.django_db


def download_url(resource):
    return f"/resources/{resource.slug}/files/{resource.files.get().pk}/download/"


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_download_has_the_chinese_name_and_is_counted(client, published_pdf):
    url = download_url(published_pdf)
    for expected in (1, 2):
        response = client.get(url)
        assert response.status_code == 200
        assert body(response) == samples.pdf()
        published_pdf.refresh_from_db()
        assert published_pdf.download_count == expected
    disposition = response["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''" + quote("五年级上册 Unit 1 课件.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_pending_files_only_for_uploader_and_editors(client, teacher, editor, visitor, renjiao):
    client.force_login(teacher)
    client.post("/resources/upload/", upload_data(renjiao, [("a.pdf", samples.pdf())]))
    resource = Resource.objects.get()
    url = download_url(resource)
    assert client.get(url).status_code == 200  # the uploader
    client.force_login(editor)
    assert client.get(url).status_code == 200
    assert client.get(resource.get_absolute_url()).status_code == 200
    client.force_login(visitor)
    assert client.get(url).status_code == 404
    assert client.get(resource.get_absolute_url()).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(resource.get_absolute_url()).status_code == 404
    resource.refresh_from_db()
    assert resource.download_count == 0  # fetching for review is not a download


def test_rejected_files_are_not_public(client, published_pdf, editor):
    published_pdf.reject(editor, "版权不明")
    assert client.get(download_url(published_pdf)).status_code == 404


def test_file_must_belong_to_the_resource(client, published_pdf, renjiao):
    from .conftest import make_resource

    other = make_resource(renjiao, 3, title="Another")
    url = f"/resources/{other.slug}/files/{published_pdf.files.get().pk}/download/"
    assert client.get(url).status_code == 404


def test_downloads_can_require_sign_in(client, published_pdf, settings, visitor):
    settings.RESOURCE_DOWNLOAD_NEEDS_LOGIN = True
    response = client.get(download_url(published_pdf))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(visitor)
    assert client.get(download_url(published_pdf)).status_code == 200


def test_preview_image(client, published_pdf):
    stored = published_pdf.files.get()
    response = client.get(f"/resources/{published_pdf.slug}/files/{stored.pk}/preview.png")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert body(response).startswith(b"\x89PNG")


def test_deleting_a_resource_removes_its_stored_files(
    published_pdf, media, django_capture_on_commit_callbacks
):
    from .conftest import stored_files

    assert len(stored_files(media)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        published_pdf.delete()
    assert stored_files(media) == []
