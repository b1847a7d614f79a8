"""The registry of job kinds: what each kind of background job does when a worker runs it.

A feature app registers its kinds from its AppConfig.ready():

    jobs.kinds.register(JobKind("worksheet", _("worksheet file"), run=render_worksheet_job))

`run(context)` does the work, reporting progress through `context.progress()` and writing
its file through `context.result_file()`; it returns a small JSON-able dict (or None) kept
as `Job.result`. It must be safe to run again from the start after a worker died half-way
(idempotent steps, files written under a temporary name and renamed when complete).
Raise `JobFailed` for a failure that another attempt would not fix (bad input): it is
shown to the person who started the job as written. Any other exception is retried with
backoff when the kind says `retry=True`, up to settings.JOB_ATTEMPTS attempts.
The job's page is the same for every kind; a kind puts its own links on it through two
optional functions of the job: `link(job)`, the (text, URL) of what the job works on (or
None), shown from the moment it is queued, and `links(job)`, the (text, URL) pairs of what
the job made or started, shown once the job is done (docs/contributing.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


class JobFailed(Exception):
    """A failure to show as it is (translated text), never retried."""


@dataclass(frozen=True)
class JobKind:
    key: str
    label: Any  # gettext_lazy text: 任务类型 shown on the job page
    run: Callable[[Any], dict | None]
    retry: bool = True  # retry with backoff after an unexpected error
    # (text, URL) of what the job works on, linked from its page; None when there is none
    link: Callable[[Any], tuple[str, str] | None] | None = None
    links: Callable[[Any], list[tuple[str, str]]] | None = None  # what it made, when done


_KINDS: dict[str, JobKind] = {}


def register(*kinds: JobKind) -> None:
    for kind in kinds:
        if _KINDS.get(kind.key, kind) != kind:
            raise ValueError(f"job kind {kind.key!r} is registered twice")
        _KINDS[kind.key] = kind


def get(key: str) -> JobKind:
    return _KINDS[key]


def all_kinds() -> list[JobKind]:
    return list(_KINDS.values())
