"""The staff page 词库 (/staff/lexicon/), for site operators (superusers) only: the lexicon
in use, a button that rebuilds it as a background job (yingdu/aids/lexiconjob.py), and the
operator's own lexicon jobs, each linking to its job page (progress and errors, shown to
the person who started it and nobody else)."""

import json
from datetime import UTC, datetime

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from yingdu.accounts.roles import role_required
from yingdu.jobs.models import Job
from yingdu.jobs.views import label
from yingdu.search.jobs import KEY as FOLLOW_UP

from . import lexiconjob
from .service import current_lexicon

RECENT_JOBS = 10


def lexicon_facts() -> dict | None:
    """When the lexicon in use was built, its size and entries; None when there is none."""
    lexicon = current_lexicon()
    if lexicon is None:
        return None
    stat = settings.LEXICON_PATH.stat()
    summary = json.loads(lexicon.meta.get("summary") or "{}")
    return {
        "built_at": datetime.fromtimestamp(stat.st_mtime, tz=UTC),
        "megabytes": round(stat.st_size / 2**20, 1),
        "entries": summary.get("entries"),
        "glossed": summary.get("glossed"),
    }


@role_required(lexiconjob.may_rebuild)
@require_http_methods(["GET", "POST"])
def lexicon_page(request):
    if request.method == "POST":
        job, started = lexiconjob.start(request.user)
        if started or job.started_by_id == request.user.pk:
            return redirect("jobs:job", pk=job.pk)
        return render(request, "aids/lexicon.html", page_context(request, busy=True), status=409)
    return render(request, "aids/lexicon.html", page_context(request))


def page_context(request, busy: bool = False) -> dict:
    mine = Job.objects.filter(started_by=request.user, kind__in=(lexiconjob.KEY, FOLLOW_UP))
    return {
        "lexicon": lexicon_facts(),
        "jobs": [(job, label(job)) for job in mine[:RECENT_JOBS]],
        "busy": busy or lexiconjob.active_build() is not None,
    }
