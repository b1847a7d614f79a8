"""Reading an upload's documents, as a background job (the "resource_text" kind of
yingdu/jobs): the text for search and the first-page previews of a resource's docx, pptx
and pdf files, each worked out by the sandbox (a child process with hard memory and time
limits, sandbox.py) from the stored file.

The upload request stores the files and leaves the resource processing (TextState); the
job then writes each preview whole under a name derived from its file (a run again after
a killed worker overwrites it, never adds a second one), and records the text, the
previews and the outcome in one transaction, whose save re-indexes the resource for
search. A file that is too large or complex to read, or cannot be read at all, fails the
job with a message naming it; what could be read is kept, the files stay, and the
uploader (or an editor) can run it again or delete the resource."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from yingdu.jobs import service
from yingdu.jobs.kinds import JobFailed, JobKind

from . import extract, sandbox
from .models import Resource, ResourceFile, TextState, preview_name

KIND_KEY = "resource_text"
FAILURE_MESSAGES = {
    sandbox.LIMIT: gettext_noop(
        "%(files)s: too large or too complex to read within the server's limits, so the "
        "resource has no preview and its content cannot be found by search. The files are "
        "kept and can be downloaded."
    ),
    sandbox.UNREADABLE: gettext_noop(
        "%(files)s: its text could not be read (the file may be damaged), so the resource "
        "has no preview and its content cannot be found by search. The files are kept and "
        "can be downloaded."
    ),
}


def sandbox_limits() -> sandbox.Limits:
    return sandbox.Limits(
        memory=settings.RESOURCE_EXTRACT_MAX_MEMORY_BYTES,
        seconds=settings.RESOURCE_EXTRACT_SECONDS,
        xml_part=settings.RESOURCE_XML_PART_MAX_BYTES,
    )


def start_processing(resource: Resource, user):
    """Queue (once the transaction commits) the job that reads RESOURCE's documents, started
    by USER, the uploader: it is theirs to follow on the job pages."""
    job = service.start(KIND_KEY, user, {"resource": resource.pk}, key=f"resource-{resource.pk}")
    Resource.objects.filter(pk=resource.pk).update(
        text_job=job, text_state=TextState.PROCESSING, text_error=""
    )
    resource.text_job, resource.text_state, resource.text_error = job, TextState.PROCESSING, ""
    return job


def process_again(resource: Resource) -> None:
    """Read a resource's documents again after a failure (its uploader or an editor asked):
    the same job when it is still there, else a new one in the uploader's name."""
    job = resource.text_job if resource.text_job_id else None
    if job is not None and service.run_again(job):
        Resource.objects.filter(pk=resource.pk).update(
            text_state=TextState.PROCESSING, text_error=""
        )
        return
    if job is None or not job.active:
        start_processing(resource, resource.uploader)


def process_now(resource: Resource) -> None:
    """Run the resource's queued job in this process (management commands such as the demo
    loader, which must leave resources with their text); a worker that receives the task
    later finds it done and skips it."""
    if resource.text_job_id:
        service.run_job.call(resource.text_job_id)
        resource.refresh_from_db()


# --- in the worker -----------------------------------------------------------------------


def read_documents(context) -> dict:
    """The "resource_text" job kind."""
    resource = Resource.objects.filter(pk=context.params["resource"]).first()
    if resource is None:  # deleted while waiting: nothing to do
        return {"resource": None}
    files = [f for f in resource.files.all() if sandbox.needs_sandbox(f.kind)]
    workdir = scratch_folder(context.job.pk)
    outcomes, texts, previews = {}, {}, {}
    try:
        for done, stored in enumerate(files):
            step = _("Reading %(file)s") % {"file": stored.original_name}
            context.progress(done, len(files), step)
            analysis = analyse_stored(stored, workdir)
            outcomes[stored.pk] = analysis.outcome
            texts[stored.pk] = analysis.text
            if analysis.preview:
                previews[stored.pk] = store_preview(stored, analysis.preview)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    error = failure_message(files, outcomes)
    text = save_results(resource, files, texts, previews, error)
    if text is None:  # deleted while its documents were read
        for name in previews.values():
            default_storage.delete(name)
        return {"resource": None}
    if error:
        raise JobFailed(error)
    return {"resource": resource.pk, "files": len(files), "characters": len(text)}


def scratch_folder(job_id: int) -> Path:
    """An empty folder of this job's own for the sandbox's copies, emptied first of what an
    attempt killed half-way left in it."""
    folder = settings.DATA_DIR / "tmp" / f"resource-text-{job_id}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, mode=0o700)
    return folder


def analyse_stored(stored: ResourceFile, workdir: Path) -> sandbox.Analysis:
    """The sandbox's reading of a stored file: from its path on this machine's disk, or a
    copy downloaded from object storage."""
    path = service.local_path(stored.file.name)
    if path is not None:
        return sandbox.analyse_file(path, stored.kind, sandbox_limits(), workdir)
    with default_storage.open(stored.file.name, "rb") as handle:
        return sandbox.analyse_file(handle, stored.kind, sandbox_limits(), workdir)


def store_preview(stored: ResourceFile, png: bytes) -> str:
    """Write the preview of STORED whole, in one step (a rename, or one upload to object
    storage), at its own name; returns that name."""
    name = preview_name(stored.file.name)
    with service.partial_file(name) as (handle, complete):
        handle.write(png)
        complete()
    return name


def failure_message(files: list[ResourceFile], outcomes: dict) -> str:
    messages = []
    for outcome, message in FAILURE_MESSAGES.items():
        names = [f.original_name for f in files if outcomes.get(f.pk) == outcome]
        if names:
            messages.append(_(message) % {"files": "、".join(names)})
    return " ".join(messages)


def save_results(resource, files, texts: dict, previews: dict, error: str) -> str | None:
    """Record the text, previews and outcome in one step; the resource's save refreshes its
    search entry and cached pages. Returns the text (None: the resource is gone)."""
    with transaction.atomic():
        resource = Resource.objects.select_for_update().filter(pk=resource.pk).first()
        if resource is None:
            return None
        for stored in files:
            preview = previews.get(stored.pk, "")
            if stored.preview.name != preview:
                drop_old_preview(stored.preview.name, preview)
                ResourceFile.objects.filter(pk=stored.pk).update(preview=preview)
        parts = [texts[f.pk] for f in files if texts.get(f.pk)]
        resource.text = "\n\n".join(parts)[: extract.MAX_TEXT]
        resource.text_state = TextState.FAILED if error else TextState.READY
        resource.text_error = error
        resource.save(update_fields=["text", "text_state", "text_error", "updated_at"])
    return resource.text


def drop_old_preview(old: str, new: str) -> None:
    """A preview that a run again no longer makes is deleted once the change is committed."""
    if old and old != new:
        transaction.on_commit(lambda: default_storage.delete(old))


def resource_link(job) -> tuple[str, str] | None:
    """(text, URL) of the job's resource for its job page."""
    resource = Resource.objects.filter(pk=job.params.get("resource")).first()
    if resource is None:
        return None
    return resource.title, reverse("resources:detail", kwargs={"slug": resource.slug})


KIND = JobKind(
    KIND_KEY, gettext_lazy("text and previews of an upload"), run=read_documents,
    link=resource_link,
)  # fmt: skip
