"""A learner's data export made outside the web request (the "data_export" job kind of
yingdu/jobs): 下载我的数据 on the settings page queues it, and the job page offers the JSON
file (the same data as GET /api/me/export) to that learner only, once it is written."""

from __future__ import annotations

import json

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yingdu.jobs.kinds import JobFailed, JobKind

from .mydata import export_everything


def file_name() -> str:
    return f"yingdu-my-data-{timezone.localdate().isoformat()}.json"


def write_export(context) -> dict:
    user = context.job.started_by
    if user is None:
        raise JobFailed(_("The account no longer exists."))
    context.progress(0, 2, _("Collecting your data"))
    data = export_everything(user)
    context.progress(1, 2, _("Saving the file"))
    with context.result_file(file_name(), ".json") as out:
        out.write(json.dumps(data, ensure_ascii=False, indent=1).encode())
    return {"sections": sorted(data)}


KIND = JobKind("data_export", gettext_lazy("my data export"), run=write_export)
