"""Worksheet work done outside the web request (the jobs API, yingdu/jobs): the page makes
the worksheet (fast) and checks the form, then queues

- a "worksheet" job that renders the PDF or DOCX file, which the job's page offers when it
  is ready;
- a "worksheet-save" job (保存到资源库) that renders both files and files them in the resource
  library as an 英语试题 of the teacher's, by the library's rules (service.save_to_library);
  the job's page then links to the resource (links_of).

The same worksheet (and format, or facets) asked for again by the same teacher finds the same
job. Saving is idempotent: the resource is created and its id recorded on the job in one
transaction that holds every job of that teacher, kind and key, so a run again after a worker
was killed, or a second job of the same key (two requests at once), finds the resource
instead of making another; the files are rendered in memory and reach the library only in
that transaction (resources/services.create_resource), each whole, at names recorded on the
job beforehand, so that a run again after a worker was killed while writing them deletes
what it left there (a temporary file, or a file of no resource)."""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingdu.accounts.roles import is_teacher
from yingdu.jobs import service
from yingdu.jobs.kinds import JobFailed, JobKind
from yingdu.jobs.models import Job
from yingdu.resources.models import Resource, ResourceStatus, stored_name
from yingdu.resources.services import remove_unclaimed
from yingdu.worksheets import layout
from yingdu.worksheets.render import RenderError, render

from . import service as practice

FORMATS = ("pdf", "docx")  # rendered by a job; the HTML page is made in the request


SAVE = "worksheet-save"
FACETS = ("grade", "volume", "edition", "unit")  # LibraryForm's fields, kept as form values


def digest(worksheet: dict, what) -> str:
    data = json.dumps([worksheet, what], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def start_render(worksheet: dict, fmt: str, user):
    """The job that renders WORKSHEET as FMT for USER (queued now, or an earlier one)."""
    params = {"worksheet": worksheet, "format": fmt}
    return service.start("worksheet", user, params, key=digest(worksheet, fmt))


def render_file(context) -> dict:
    """The "worksheet" job kind: render the file, then make it the job's file in one step."""
    worksheet, fmt = context.params["worksheet"], context.params["format"]
    context.progress(0, 2, _("Rendering the %(format)s file") % {"format": fmt.upper()})
    try:
        data = render(worksheet, fmt)
    except RenderError as error:  # no Chinese font: another attempt would not help
        raise JobFailed(str(error)) from None
    context.progress(1, 2, _("Saving the file"))
    with context.result_file(f"{layout.file_stem(worksheet)}.{fmt}", f".{fmt}") as out:
        out.write(data)
    return {"bytes": len(data)}


def facet_values(cleaned: dict) -> dict:
    """LibraryForm's cleaned data as plain form values (the edition by id) for the job."""
    values = {name: cleaned.get(name) for name in FACETS}
    edition = values["edition"]
    values["edition"] = getattr(edition, "pk", edition)
    return {name: "" if value is None else value for name, value in values.items()}


def start_save(worksheet: dict, facets: dict, user):
    """The job that saves WORKSHEET to the library under FACETS (facet_values) for USER:
    queued now, or the teacher's earlier one of the same worksheet and facets (run again when
    the resource it saved was deleted since). The teacher's row is locked meanwhile, so two
    requests at once (a double click) find one job."""
    params = {"worksheet": worksheet, "facets": facets}
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        job = service.start(SAVE, user, params, key=digest(worksheet, facets))
        if job.state == Job.State.DONE and saved_resource([job]) is None:
            # its resource was deleted since: saving again makes it anew, on the same job
            Job.objects.filter(pk=job.pk).update(state=Job.State.FAILED, result={})
            service.run_again(job)
        return job


def save_worksheet(context) -> dict:
    """The "worksheet-save" job kind: render the PDF and DOCX, then create the resource
    (or find the one an earlier run of the same key created) and record it on the job."""
    job = context.job
    user = job.started_by
    if user is None or not is_teacher(user):
        raise JobFailed(_("Only teachers and editors may save worksheets to the library."))
    total = len(practice.LIBRARY_FORMATS) + 1
    remove_unclaimed(context.checkpoint.get("names", []))  # an earlier attempt was killed
    resource = saved_resource(same_key(job))
    if resource is None:
        context.progress(0, total, _("Rendering the PDF and DOCX files"))
        files = practice.library_files(context.params["worksheet"])
        context.progress(total - 1, total, _("Saving to the resource library"))
        resource = create_once(context, files, reserve_names(context, files))
    return {"resource": resource.pk}


def reserve_names(context, files: list) -> list[str]:
    """Storage names for FILES, recorded on the job (committed) before anything is written
    at them, so that a run again after a kill finds and removes what was left there."""
    names = [stored_name(file.name.rpartition(".")[2]) for file in files]
    context.save_checkpoint(names=names)
    return names


def same_key(job: Job):
    """The jobs of this job's teacher, kind and key (this one included), in a fixed order."""
    return Job.objects.filter(started_by=job.started_by_id, kind=job.kind, key=job.key).order_by(
        "pk"
    )


def saved_resource(jobs) -> Resource | None:
    """The resource that one of JOBS already created (and that still exists), or None."""
    ids = [job.result.get("resource") for job in jobs if isinstance(job.result, dict)]
    return Resource.objects.filter(pk__in=[pk for pk in ids if pk]).order_by("pk").first()


def create_once(context, files: list, names: list[str]) -> Resource:
    """Create the resource (its files at NAMES) unless a job of the same key did meanwhile,
    and record it on this job, in one transaction holding every job of the key; an attempt
    that no longer holds its job (JobLost) writes nothing."""
    job = context.job
    worksheet, facets = job.params["worksheet"], job.params["facets"]
    with transaction.atomic():
        resource = saved_resource(same_key(job).select_for_update())
        context.save_checkpoint()  # still this attempt's job: raises JobLost otherwise
        if resource is None:
            resource, errors = practice.save_to_library(
                worksheet, files, facets, job.started_by, names=names
            )
            if resource is None:
                raise JobFailed(" ".join(errors))
        Job.objects.filter(pk=job.pk).update(result={"resource": resource.pk})
    return resource


def save_links(job: Job) -> list[tuple[str, str]]:
    """(text, URL) links of a finished save job: the resource, and where its review stands."""
    resource = saved_resource([job])
    if resource is None:
        return []
    links = [(_("Open the saved resource: %(title)s") % {"title": resource.title},
              resource.get_absolute_url())]  # fmt: skip
    if resource.status == ResourceStatus.PENDING:
        links.append((_("It awaits an editor's review: see My uploads"),
                      reverse("resources:mine")))  # fmt: skip
    return links


KIND = JobKind("worksheet", gettext_lazy("worksheet file"), run=render_file)
SAVE_KIND = JobKind(
    SAVE, gettext_lazy("worksheet saved to the resource library"), run=save_worksheet,
    links=save_links,
)  # fmt: skip
