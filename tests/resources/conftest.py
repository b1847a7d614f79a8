"""Users of every role, a private media folder per test, and an upload helper."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from yingdu.accounts.roles import EDITOR, TEACHER, grant
from yingdu.resources.models import Edition

from . import samples

PASSWORD = "a-long-test-password"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def make_user(username: str, role: str | None = None) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    if role:
        grant(user, role)
    return user


@pytest.fixture
def teacher(db):
    return make_user("teacher_li", TEACHER)


@pytest.fixture
def editor(db):
    return make_user("editor_wang", EDITOR)


@pytest.fixture
def visitor(db):
    return make_user("visitor_zhang")


def client_for(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def teacher_client(client, teacher):
    return client_for(client, teacher)


@pytest.fixture
def editor_client(client, editor):
    return client_for(client, editor)


def ensure_editions() -> None:
    """The editions the data migration adds (a transactional test's flush removes them)."""
    migration = importlib.import_module("yingdu.resources.migrations.0002_editions")
    migration.add_editions(django_apps, None)


@pytest.fixture
def renjiao(db):
    ensure_editions()
    return Edition.objects.get(slug="renjiao")


def upload_data(edition, files, **extra):
    data = {
        "title": "五年级上册 Unit 1 课件", "type": "courseware", "grade": "p5",
        "volume": "first", "edition": edition.pk, "unit": "Unit 1",
        "description": "Hello!", "tags_text": "问候, Unit 1",
        "files": [SimpleUploadedFile(name, content) for name, content in files],
    }  # fmt: skip
    data.update(extra)
    return data


def process_uploads() -> list[str]:
    """Run the queued jobs that read uploaded documents, here, as a worker would; the
    states they end in."""
    from yingdu.jobs import service
    from yingdu.jobs.models import Job
    from yingdu.resources.jobs import KIND_KEY

    queued = Job.objects.filter(kind=KIND_KEY, state=Job.State.QUEUED).order_by("pk")
    return [service.run_job.call(pk) for pk in list(queued.values_list("pk", flat=True))]


@pytest.fixture
def pdf_bytes():
    return samples.pdf()


def make_resource(edition, n=0, status="published", **fields) -> "Resource":  # noqa: F821
    from yingdu.resources.models import Resource

    defaults = {
        "title": f"Resource {n}", "type": "courseware", "grade": "p5", "volume": "first",
        "edition": edition, "status": status, "size": 1024 * (n + 1),
    }  # fmt: skip
    defaults.update(fields)
    return Resource.objects.create(**defaults)


@pytest.fixture
def published_pdf(teacher, editor, renjiao, client):
    """A teacher's PDF courseware with a Chinese file name, published by an editor."""
    from yingdu.resources.models import Resource

    client.force_login(teacher)
    name = "五年级上册 Unit 1 课件.pdf"
    client.post("/resources/upload/", upload_data(renjiao, [(name, samples.pdf())]))
    client.logout()
    process_uploads()
    resource = Resource.objects.get()
    resource.publish(editor)
    return resource
