"""Lexicon builds as background jobs (the "lexicon" kind of yingdu/jobs), started by a site
operator (a superuser) from the staff page 词库 (views.lexicon_page).

The build writes a temporary file beside the lexicon and renames it over the old one when
complete (yingdu/lexicon/build.py), so the site reads the old lexicon until that moment,
and a worker killed half-way leaves it in use; the job run again builds anew (the next
build removes the killed one's temporary file). Once the new lexicon is in place the job
queues the re-annotation and search rebuild ("relexicon", yingdu/search/jobs.py) for the
same person, exactly once: that job is started in one transaction with the checkpoint
that records it, and the finished build's page links to it (follow_up_links)."""

from __future__ import annotations

import time

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingdu.jobs import service as jobs
from yingdu.jobs.kinds import JobKind
from yingdu.jobs.models import Job
from yingdu.lexicon.build import build_lexicon
from yingdu.lexicon.paths import default_sources
from yingdu.search import jobs as search_jobs

from .service import lexicon_stamp

KEY = "lexicon"
PROGRESS_SECONDS = 0.5  # at most two progress updates a second from a build's stages


def may_rebuild(user) -> bool:
    """Only site operators (superusers) rebuild the lexicon: it changes every page."""
    return user.is_authenticated and user.is_superuser


def active_build() -> Job | None:
    """A lexicon build that is waiting or running, whoever started it."""
    return Job.objects.filter(kind=KEY, state__in=(Job.State.QUEUED, Job.State.RUNNING)).first()


def start(user) -> tuple[Job | None, bool]:
    """(the job, True) for a new build by USER; (the build under way, False) when one is
    waiting or running already, so that a second click does not queue a second build."""
    with transaction.atomic():
        under_way = active_build()
        if under_way is not None:
            return under_way, False
        return jobs.start(KEY, user), True


def build(context) -> dict:
    """The "lexicon" job kind: build (unless an earlier attempt already put its lexicon in
    place), then queue the follow-up once."""
    if context.checkpoint.get("built") != lexicon_stamp():
        summary = build_lexicon(
            settings.LEXICON_PATH, *default_sources(), progress=stage_progress(context)
        )
        context.save_checkpoint(built=lexicon_stamp(), entries=summary["entries"])
    if "follow_up" not in context.checkpoint:
        context.progress(0, None, _("Queuing the re-annotation of every item"))
        with transaction.atomic():
            follow_up = search_jobs.queue(context.job.started_by)
            context.save_checkpoint(follow_up=follow_up.pk)
    return {key: context.checkpoint[key] for key in ("entries", "follow_up")}


def stage_progress(context):
    """A build's progress(stage, done, total) as the job's progress, a few times a second."""
    last = {"stage": None, "at": 0.0}

    def progress(stage: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if stage == last["stage"] and now - last["at"] < PROGRESS_SECONDS and done != total:
            return
        last.update(stage=stage, at=now)
        context.progress(done, total or 0, _("Building the lexicon: %(stage)s") % {"stage": stage})

    return progress


def follow_up_links(job: Job) -> list[tuple[str, str]]:
    """The finished build's page links to the re-annotation and search rebuild it queued."""
    follow_up = (job.result or {}).get("follow_up")
    if follow_up is None:
        return []
    text = _("Next: re-annotating the items and rebuilding the search index")
    return [(f"{text} #{follow_up}", reverse("jobs:job", args=[follow_up]))]


KIND = JobKind(KEY, gettext_lazy("lexicon build"), run=build, retry=False, links=follow_up_links)
