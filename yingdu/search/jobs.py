"""What follows a new lexicon, as a background job (the "relexicon" kind of yingdu/jobs):
re-annotate every item with the current lexicon, then rebuild the search index, whose
lemmas come from it. Both steps rewrite what they touch, so a run again after a killed
worker starts over safely. `yingdu reading refresh --in-background` queues it (after a
`yingdu lexicon build`, which itself still does both steps in the command)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingdu.aids import service as aids
from yingdu.jobs.kinds import JobFailed, JobKind

from . import indexing


def relexicon(context) -> dict:
    if aids.current_lexicon() is None:
        raise JobFailed(_("The lexicon is not built yet; ask the site operator."))
    annotate_total = aids.count_items()
    total = annotate_total + indexing.count_items()
    step = _("Re-annotating items")
    context.progress(0, total, step)
    annotated = aids.refresh_all(progress=lambda n: every(context, n, total, step))
    step = _("Rebuilding the search index")
    indexed = indexing.reindex(progress=lambda n: every(context, annotate_total + n, total, step))
    return {"annotated": annotated, "indexed": indexed}


def every(context, done: int, total: int, step: str, stride: int = 50) -> None:
    """Progress every STRIDE items (one UPDATE each), and at the end."""
    if done % stride == 0 or done == total:
        context.progress(done, total, step)


KIND = JobKind("relexicon", gettext_lazy("re-annotation and search index"), run=relexicon)
