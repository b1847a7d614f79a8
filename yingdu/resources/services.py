"""Creating a resource from a checked upload: all or nothing, and quick.

The request only stores what the form has checked (size, type by content, archive limits,
duplicates): inside one transaction the files are written to storage under generated names,
the rows created, and the job that reads the documents' text and draws their previews
(yingdu/resources/jobs.py) recorded; it is queued once the transaction commits. If anything
fails on the way (an error, a full store, a lost connection), the transaction rolls back
and every stored name written so far is deleted, so an interrupted upload leaves neither a
file nor a row nor a job behind.

Each file reaches its name whole or not at all (jobs.service.save_whole: on local disk it
is saved through the storage under a temporary name beside it and renamed; object storage
takes one upload, which is whole). A process killed with SIGKILL runs no clean-up, so a job
that creates a resource (practice/jobs.py) chooses the names first and records them on the
job (`names=`); its run again deletes, with remove_unclaimed(), what the killed attempt
left at those names: a temporary file, or a whole file that no row holds.
"""

import contextlib
import logging

from django.core.files.storage import default_storage
from django.db import transaction

from yingdu.accounts.roles import is_editor
from yingdu.core.models import Tag
from yingdu.jobs import service as job_service

from . import jobs, sandbox
from .models import Resource, ResourceFile, ResourceStatus, TextState, stored_name

log = logging.getLogger(__name__)


def set_tags(resource: Resource, names: list[str]) -> None:
    resource.tags.set([Tag.objects.get_or_create(name=name)[0] for name in names])


def create_resource(form, uploader, names: list[str] | None = None) -> Resource:
    """Save an UploadForm that is valid: the resource, its files and its tags; a resource
    with documents to read is left processing, with its job queued on commit. NAMES, when
    given, are the storage names of the checked files in order (from stored_name)."""
    if names is not None:
        check_names(names, form.checked)
    written: list[str] = []
    storage = default_storage
    try:
        with transaction.atomic():
            resource = form.save(commit=False)
            resource.uploader = uploader
            if is_editor(uploader):
                resource.status = ResourceStatus.PUBLISHED
                resource.reviewed_by = uploader
            else:
                resource.status = ResourceStatus.PENDING
            readable = any(sandbox.needs_sandbox(item.kind) for item in form.checked)
            resource.text_state = TextState.PROCESSING if readable else TextState.READY
            resource.size = sum(item.upload.size for item in form.checked)
            resource.save()
            set_tags(resource, form.cleaned_data["tags_text"])
            for position, item in enumerate(form.checked):
                name = names[position] if names is not None else stored_name(item.kind)
                written.append(name)
                item.upload.seek(0)
                name = job_service.save_whole(name, item.upload)
                written.append(name)
                ResourceFile.objects.create(
                    resource=resource, file=name, original_name=item.name, kind=item.kind,
                    size=item.upload.size, sha256=item.sha256, position=position,
                )  # fmt: skip
            if readable:
                jobs.start_processing(resource, uploader)
    except BaseException:
        for name in dict.fromkeys(written):
            with contextlib.suppress(Exception):
                storage.delete(name)
        raise
    return resource


def check_names(names: list[str], checked) -> None:
    kinds = [name.rpartition(".")[2] for name in names]
    if kinds != [item.kind for item in checked]:
        raise ValueError(f"storage names {names} do not fit the files {checked}")


def remove_unclaimed(names: list[str]) -> None:
    """Delete what is stored at NAMES (and any temporary file of a write of them) unless a
    resource's file holds it: what an attempt killed while creating a resource left."""
    held = set(ResourceFile.objects.filter(file__in=names).values_list("file", flat=True))
    for name in names:
        if name not in held:
            job_service.remove_stored(name)
