"""Job pages for the person who started a job, and nobody else (404 for everyone else):
我的任务 (their jobs), a job's page (state, progress, error; it refreshes itself while the
job waits or runs), its file or its kind's links once ready, and 重试 for a failed job."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import kinds, service
from .models import Job

REFRESH_SECONDS = 2


def own_job(request, pk: int) -> Job:
    return get_object_or_404(service.visible_to(request.user), pk=pk)


def subject(job: Job) -> tuple[str, str] | None:
    """(text, URL) of what the job works on, when its kind links one."""
    try:
        kind = kinds.get(job.kind)
    except KeyError:
        return None
    return kind.link(job) if kind.link else None


def label(job: Job):
    try:
        return kinds.get(job.kind).label
    except KeyError:
        return job.kind


def links(job: Job) -> list[tuple[str, str]]:
    """What a finished job of a kind that has links made (its kind's `links`)."""
    try:
        kind = kinds.get(job.kind)
    except KeyError:
        return []
    return kind.links(job) if kind.links and job.state == Job.State.DONE else []


@login_required
def job_list(request):
    jobs = list(service.visible_to(request.user)[:50])
    rows = [(job, label(job)) for job in jobs]
    return render(request, "jobs/list.html", {"rows": rows})


@login_required
def job_page(request, pk: int):
    job = own_job(request, pk)
    context = {
        "job": job, "label": label(job), "subject": subject(job), "links": links(job),
        "refresh_seconds": REFRESH_SECONDS,
    }  # fmt: skip
    return render(request, "jobs/job.html", context)


@login_required
def download(request, pk: int):
    job = own_job(request, pk)
    if job.state != Job.State.DONE or not job.result_file:
        raise Http404
    stored = service.default_storage.open(job.result_file, "rb")
    response = FileResponse(stored, as_attachment=True, filename=job.result_name)
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def retry(request, pk: int):
    service.run_again(own_job(request, pk))
    return redirect("jobs:job", pk=pk)
