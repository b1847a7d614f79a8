"""The media store refuses writes during an upload, as a full volume does: the teacher gets
a clear error in Chinese, and nothing of the upload is kept (no row, no file, not even the
part of a file that was written before the disk filled up)."""

import errno

import pytest

from tests.resources import samples
from tests.resources.conftest import process_uploads, stored_files, upload_data
from yingdu.core.models import Tag
from yingdu.jobs.models import Job
from yingdu.resources.models import Resource, ResourceFile

pytestmark = pytest.mark.django_db

URL = "/resources/upload/"
FILES = [("听力 Unit 2.mp3", samples.mp3_id3()), ("五年级 Unit1.pdf", samples.pdf())]


@pytest.fixture
def volume(settings, media):
    """The default storage on MEDIA_ROOT with room for the first file and 10 bytes more."""

    def with_room(free_bytes: int, error: int = errno.ENOSPC):
        settings.STORAGES = {**settings.STORAGES, "default": {
            "BACKEND": "tests.faults.fullvolume.FullVolumeStorage",
            "OPTIONS": {"location": str(media), "free_bytes": free_bytes, "error": error},
        }}  # fmt: skip

    with_room(len(FILES[0][1]) + 10)
    return with_room


def assert_nothing_kept(media):
    assert not Resource.objects.exists() and not ResourceFile.objects.exists()
    assert not Tag.objects.filter(name="问候").exists()
    assert not Job.objects.exists()  # no job left to read files that are not there
    assert stored_files(media) == []


def test_a_full_volume_keeps_nothing_and_says_so(teacher_client, renjiao, media, volume):
    response = teacher_client.post(URL, upload_data(renjiao, FILES))
    assert response.status_code == 507
    page = response.content.decode()
    assert "服务器存储空间已满，本次上传没有保存" in page and "请通知网站管理员" in page
    assert_nothing_kept(media)  # the first file (complete) and the second's first bytes

    volume(10**9)  # space freed: the same upload goes through
    response = teacher_client.post(URL, upload_data(renjiao, FILES))
    assert response.status_code == 302
    assert Resource.objects.get().files.count() == 2
    assert len(stored_files(media)) == 2  # the two files; the PDF's preview is the job's
    assert process_uploads() == ["done"]
    assert len(stored_files(media)) == 3


def test_a_store_that_refuses_writes_keeps_nothing(teacher_client, renjiao, media, volume):
    volume(0, errno.EROFS)  # a volume remounted read-only
    response = teacher_client.post(URL, upload_data(renjiao, FILES))
    assert response.status_code == 503
    assert "服务器暂时无法保存文件" in response.content.decode()
    assert_nothing_kept(media)
