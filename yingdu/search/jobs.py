"""What follows a new lexicon, as a background job (the "relexicon" kind of yingdu/jobs):
re-annotate every item with the current lexicon, then rebuild the search index, whose
lemmas come from it. `yingdu lexicon build` (unless --inline), the lexicon build job and
`yingdu reading refresh --in-background` queue it.

It resumes: each item is annotated (or indexed) in one transaction with the job's
checkpoint, so a run again after a killed worker goes on after the last item committed,
neither redoing finished items nor adding a second search entry."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingdu.aids import service as aids
from yingdu.jobs import service as jobs
from yingdu.jobs.kinds import JobFailed, JobKind

from . import indexing

KEY = "relexicon"
PROGRESS_STRIDE = 50  # items between two progress updates of the job page


def queue(user=None):
    """Queue the follow-up of a new lexicon for USER (None: an operator's command)."""
    return jobs.start(KEY, user)


def relexicon(context) -> dict:
    if aids.current_lexicon() is None:
        raise JobFailed(_("The lexicon is not built yet; ask the site operator."))
    annotate_total = aids.count_items()
    total = annotate_total + indexing.count_items()
    if context.checkpoint.get("indexing"):  # an earlier attempt finished annotating
        annotated = context.checkpoint.get("annotated", 0)
    else:
        annotated = annotate(context, total)
    indexed = reindex(context, annotate_total, total)
    return {"annotated": annotated, "indexed": indexed}


def annotate(context, total: int) -> int:
    """Re-annotate the items the checkpoint does not count as done; the number in all."""
    step = _("Re-annotating items")
    earlier = context.checkpoint.get("annotated", 0)
    context.progress(earlier, total, step)

    def each(position) -> None:
        context.save_checkpoint(after=position, annotated=context.checkpoint["annotated"] + 1)

    context.checkpoint.setdefault("annotated", earlier)
    aids.refresh_all(
        progress=lambda n: every(context, earlier + n, total, step),
        after=context.checkpoint.get("after"), each=each,
    )  # fmt: skip
    return context.checkpoint["annotated"]


def reindex(context, offset: int, total: int) -> int:
    step = _("Rebuilding the search index")
    context.progress(offset, total, step)
    return indexing.reindex(
        progress=lambda n: every(context, offset + n, total, step),
        resume=bool(context.checkpoint.get("indexing")),
        each=lambda: context.save_checkpoint(indexing=True),
    )


def every(context, done: int, total: int, step: str) -> None:
    """Progress every PROGRESS_STRIDE items (one UPDATE each), and at the end."""
    if done % PROGRESS_STRIDE == 0 or done == total:
        context.progress(done, total, step)


KIND = JobKind(KEY, gettext_lazy("re-annotation and search index"), run=relexicon)
