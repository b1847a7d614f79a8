"""Run an import: load each task, parse it, check it against the site's items and save it
with its fingerprint in one transaction. Shared by `yingdu import` and the admin forms.

A failing source becomes an "error" outcome and the run goes on; a killed run leaves no
half-saved item, and a re-run reports what it already imported as "duplicate"."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from yingdu.core import kinds
from yingdu.importparse import Parsed, SourceError, fingerprint
from yingdu.importparse.fetch import Limits, allow_list
from yingdu.importparse.pipeline import parse_document, parse_many
from yingdu.importparse.sources import Document, Task, plan

from .dedup import DuplicateIndex, Match
from .models import ImportRecord

log = logging.getLogger(__name__)

CREATED, DUPLICATE, ERROR, NEW = "created", "duplicate", "error", "new"
DRY_RUN = 0  # the content type id of the keys of a dry run's unsaved items
AUTO = "auto"  # the kind of an import that detects it from the page


@dataclass
class Outcome:
    """What happened to one source item."""

    source: str
    status: str  # created, duplicate, error; "new" in a dry run
    error: str = ""
    id: int | None = None
    parsed: Parsed | None = None
    match: str = ""  # exact or near, for duplicates
    model: str = ""  # model name of the created or matched item
    kind: str = ""  # kind key (yingdu.core.kinds) of the created or matched item
    of_source: str = ""  # a dry run's duplicate of an earlier source of the same run

    def to_json(self) -> dict:
        fields = (self.parsed or Parsed(source="", kind="", title="", paragraphs=[])).to_json()
        if self.parsed is None:
            fields = dict.fromkeys(fields)
        if self.status == DUPLICATE:
            fields["match"] = self.match
            fields["duplicate_of_kind"] = self.kind or None
            fields["duplicate_of_source"] = self.of_source or None
        return {"source": self.source, "status": self.status, "error": self.error or None,
                "id": self.id, **fields}  # fmt: skip

    @property
    def admin_url(self) -> str:
        kind = kinds.get(self.kind)
        if not self.id or kind is None:
            return ""
        from django.urls import NoReverseMatch, reverse

        meta = kind.model._meta
        try:
            return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[self.id])
        except NoReverseMatch:
            return ""


def default_limits() -> Limits:
    return Limits(
        timeout=settings.IMPORT_TIMEOUT_SECONDS,
        max_bytes=settings.IMPORT_MAX_BYTES,
        max_redirects=settings.IMPORT_MAX_REDIRECTS,
        allow_hosts=allow_list(settings.IMPORT_ALLOW_HOSTS),
    )


class Importer:
    """One import run: `run(tasks)` yields an `Outcome` per source item."""

    def __init__(
        self,
        kind: str = AUTO,
        publish: bool = False,
        dry_run: bool = False,
        limits: Limits | None = None,
    ):
        self.kind = kind if kind == AUTO else kinds.choose(kind, kinds.importable()).key
        self.publish, self.dry_run = publish, dry_run
        self.limits = limits or default_limits()
        self.index = DuplicateIndex(persist=not dry_run).load()
        self.unsaved: dict[tuple[int, int], str] = {}  # dry run: what would have been saved

    def run(
        self, tasks: list[Task], more: Callable[[int], None] | None = None, jobs: int = 1
    ) -> Iterator[Outcome]:
        """Outcomes in order; `more(n)` is called when a feed adds n entries to the queue.
        With jobs > 1, pages are loaded and parsed in that many worker processes."""
        for task, status, value in parse_many(tasks, self.kind, self.limits, jobs, more):
            if status == "error":
                yield Outcome(task.source, ERROR, value)
                continue
            yield self._guarded(value.source, lambda parsed=value: self.save(parsed))

    def import_document(self, document: Document) -> Outcome:
        return self._guarded(
            document.source, lambda: self.save(parse_document(document, self.kind))
        )

    def _guarded(self, source: str, step: Callable[[], Outcome]) -> Outcome:
        """Run one source's step; any failure becomes an error outcome for that source."""
        try:
            return step()
        except SourceError as exc:
            return Outcome(source, ERROR, str(exc))
        except Exception as exc:
            log.exception("import of %s failed", source)
            return Outcome(source, ERROR, f"unexpected error: {exc!r}"[:300])

    def save(self, parsed: Parsed) -> Outcome:
        parts = fingerprint.parsed_parts(parsed)
        digest = fingerprint.content_hash(parts)
        signature = fingerprint.minhash(parts)
        match = self._live_match(digest, signature)
        if match is not None and match.content_type_id == DRY_RUN:
            of = self.unsaved[(DRY_RUN, match.object_id)]
            return Outcome(parsed.source, DUPLICATE, parsed=parsed, match=match.how, of_source=of)
        if match is not None:
            return duplicate(parsed, match)
        if self.dry_run:  # later sources of this run are compared with this one too
            key = (DRY_RUN, len(self.unsaved))
            self.unsaved[key] = parsed.source
            self.index.remember(digest, signature, key)
            return Outcome(parsed.source, NEW, parsed=parsed)
        try:
            with transaction.atomic():
                item = build_item(parsed, self.publish)
                record = ImportRecord.objects.create(
                    source=parsed.source[:1000],
                    content_hash=digest,
                    signature=fingerprint.to_bytes(signature),
                    content_type=ContentType.objects.get_for_model(item),
                    object_id=item.pk,
                )
        except IntegrityError as exc:  # another run saved the same text in the meantime
            record = ImportRecord.objects.filter(content_hash=digest).first()
            if record is None:
                raise SourceError(f"cannot be saved: {exc}") from exc
            return duplicate(parsed, Match("exact", record.content_type_id, record.object_id))
        self.index.remember(digest, signature, (record.content_type_id, item.pk))
        return Outcome(
            parsed.source, CREATED, id=item.pk, parsed=parsed, model=model_name(item),
            kind=kinds.kind_of(item).key,
        )  # fmt: skip

    def _live_match(self, digest: str, signature) -> Match | None:
        """A match whose item still exists (records of deleted items are dropped)."""
        while (match := self.index.find(digest, signature)) is not None:
            key = (match.content_type_id, match.object_id)
            if key[0] == DRY_RUN:
                return match
            if match.model is not None and match.model.objects.filter(pk=match.object_id).exists():
                return match
            self.index.forget(key)
            if not self.dry_run:
                ImportRecord.objects.filter(content_type_id=key[0], object_id=key[1]).delete()
        return None


def duplicate(parsed: Parsed, match: Match) -> Outcome:
    model = ContentType.objects.get_for_id(match.content_type_id).model_class()
    item = model._default_manager.filter(pk=match.object_id).first() if model else None
    kind = kinds.kind_of(item) if item is not None else None
    return Outcome(
        parsed.source, DUPLICATE, id=match.object_id, parsed=parsed, match=match.how,
        model=model._meta.model_name if model else "", kind=kind.key if kind else "",
    )  # fmt: skip


def model_name(item) -> str:
    return type(item)._meta.model_name


def published_at(parsed: Parsed):
    if parsed.date is None:
        return timezone.now()
    moment = timezone.make_aware(datetime.combine(parsed.date, time.min))
    return min(moment, timezone.now())


def build_item(parsed: Parsed, publish: bool):
    """Create the item of a parsed source with its kind's builder (yingdu.core.kinds),
    through the models' own save() (slugs, reading aids, page cache and whatever else
    listens to post_save). Call inside a transaction."""
    from yingdu.core.models import Status

    kind = kinds.get(parsed.kind)
    if kind is None or kind.build is None:
        raise SourceError(f"unknown kind {parsed.kind!r}")
    common = {
        "status": Status.PUBLISHED if publish else Status.DRAFT,
        "published_at": published_at(parsed),
    }
    return kind.build(parsed, common)


@contextmanager
def batched_page_cache(every: int = 100):
    """For bulk imports in their own process (the command): bump the page-cache generation
    once per `every` saved items and once at the end, instead of once per saved row. Every
    other post_save receiver (reading aids, search, …) still runs per item.

    Yields a function to call after each saved item."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from yingdu.core import signals as core_signals
    from yingdu.core.pagecache import bump_generation

    receiver = core_signals.content_changed
    signals = (post_save, post_delete, m2m_changed)
    disconnected = [signal for signal in signals if signal.disconnect(receiver)]
    saved = {"n": 0}

    def one_saved() -> None:
        saved["n"] += 1
        if saved["n"] % every == 0:
            bump_generation()

    try:
        yield one_saved
    finally:
        for signal in disconnected:
            signal.connect(receiver)
        if saved["n"]:
            bump_generation()


def run_import(sources: list[str], read_stdin=None, **options) -> list[Outcome]:
    """Plain function form: every outcome of importing SOURCE arguments."""
    importer = Importer(**options)
    return list(importer.run(plan(sources, read_stdin)))


def summarize(outcomes: list[Outcome]) -> dict[str, int]:
    counts = {CREATED: 0, DUPLICATE: 0, ERROR: 0, NEW: 0}
    for outcome in outcomes:
        counts[outcome.status] += 1
    return counts
