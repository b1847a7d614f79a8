"""A 保存到资源库 job run again after its worker was killed while writing the resource's files.
What such a kill leaves is made here as the killed attempt would have left it: the names
recorded on the job, a whole file at the first that no resource holds and, on local disk, a
half-written temporary file of the last. The run again deletes them and ends with exactly
the resource's files in the media store, on local disk and on an S3-compatible store
(moto's server on loopback, where an upload is whole and leaves no temporary file).
tests/practice/test_save_job_workers.py kills a real worker there (PostgreSQL pass)."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from tests.scale.test_two_servers import BUCKET, object_store  # noqa: F401
from tests.worksheets.conftest import POOL, TEXTS, lexicon, pip_build  # noqa: F401
from yingdu.jobs import service
from yingdu.jobs.models import Job
from yingdu.practice import jobs
from yingdu.practice import service as practice
from yingdu.resources.models import Resource, ResourceFile, stored_name
from yingdu.worksheets.generate import generate

pytestmark = pytest.mark.django_db


@pytest.fixture
def worksheet(lexicon):  # noqa: F811
    return generate(TEXTS["bikes"], "junior", seed=0, title="Old bikes", pool=[POOL],
                    lexicon=lexicon)  # fmt: skip


@pytest.fixture(params=["local disk", "S3"])
def store(request, settings, media):
    """The media storage the job writes to."""
    if request.param == "S3":
        endpoint = request.getfixturevalue("object_store")
        options = {
            "bucket_name": BUCKET, "endpoint_url": endpoint, "region_name": "us-east-1",
            "access_key": "testing", "secret_key": "testing", "file_overwrite": False,
        }  # fmt: skip
        s3 = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
        settings.STORAGES = {**settings.STORAGES, "default": s3}
    return request.param


def everything_stored(folder: str = "") -> set[str]:
    """Every name in the media storage, temporary files included."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:  # local disk: nothing written yet
        return set()
    found = {f"{folder}{name}" for name in files}
    for name in folders:
        found |= everything_stored(f"{folder}{name}/")
    return found


def test_a_run_again_removes_what_a_killed_attempt_left(store, teacher, renjiao, worksheet):
    edition = {"grade": "j2", "volume": "first", "unit": "Unit 3", "edition": renjiao}
    job = jobs.start_save(worksheet, jobs.facet_values(edition), teacher)  # not run yet
    files = practice.library_files(worksheet)
    names = [stored_name(file.name.rpartition(".")[2]) for file in files]
    default_storage.save(names[0], ContentFile(files[0].read()))  # renamed into place
    left = {names[0]}
    if store == "local disk":  # the last one was being written when the worker was killed
        partial = service.partial_path(service.local_path(names[-1]))
        partial.write_bytes(b"PK\x03\x04" + bytes(60))  # the start of a zip (docx)
        left.add(str(partial.relative_to(default_storage.location)))
    Job.objects.filter(pk=job.pk).update(checkpoint={"names": names}, attempts=1)
    assert everything_stored() == left

    assert service.run_job.call(job.pk) == "done"
    resource = Resource.objects.get()
    kept = set(ResourceFile.objects.filter(resource=resource).values_list("file", flat=True))
    assert len(kept) == len(files) and not kept & set(names)  # written anew, at new names
    assert everything_stored() == kept  # nothing left of the killed attempt
    for stored in resource.files.all():
        with default_storage.open(stored.file.name, "rb") as handle:
            assert hashlib.sha256(handle.read()).hexdigest() == stored.sha256  # whole
