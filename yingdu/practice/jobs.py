"""Worksheet files made outside the web request (the jobs API, yingdu/jobs): the page makes
the worksheet (fast) and queues the PDF or DOCX rendering as a "worksheet" job; the teacher
waits on the job's page, which offers the file when it is ready. The same worksheet and
format asked for again by the same teacher finds the same job (and file)."""

from __future__ import annotations

import hashlib
import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingdu.jobs import service
from yingdu.jobs.kinds import JobFailed, JobKind
from yingdu.worksheets import layout
from yingdu.worksheets.render import RenderError, render

FORMATS = ("pdf", "docx")  # rendered by a job; the HTML page is made in the request


def digest(worksheet: dict, fmt: str) -> str:
    data = json.dumps([worksheet, fmt], sort_keys=True, ensure_ascii=False)
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


KIND = JobKind("worksheet", gettext_lazy("worksheet file"), run=render_file)
