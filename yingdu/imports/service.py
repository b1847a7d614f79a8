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

from yingdu.importparse import Parsed, SourceError, fingerprint
from yingdu.importparse.fetch import Limits, allow_list
from yingdu.importparse.pipeline import parse_document, parse_many
from yingdu.importparse.sources import Document, Task, plan

from .dedup import DuplicateIndex, Match
from .models import ImportRecord

log = logging.getLogger(__name__)

CREATED, DUPLICATE, ERROR, NEW = "created", "duplicate", "error", "new"
DRY_RUN = 0  # the content type id of the keys of a dry run's unsaved items
MODEL_KINDS = {
    "newsarticle": "news",
    "bilingualarticle": "bilingual",
    "dailyterm": "daily_term",
    "composition": "composition",
}


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
    of_source: str = ""  # a dry run's duplicate of an earlier source of the same run

    def to_json(self) -> dict:
        fields = (self.parsed or Parsed(source="", kind="", title="", paragraphs=[])).to_json()
        if self.parsed is None:
            fields = dict.fromkeys(fields)
        if self.status == DUPLICATE:
            fields["match"] = self.match
            fields["duplicate_of_kind"] = MODEL_KINDS.get(self.model, self.model) or None
            fields["duplicate_of_source"] = self.of_source or None
        return {"source": self.source, "status": self.status, "error": self.error or None,
                "id": self.id, **fields}  # fmt: skip

    @property
    def admin_url(self) -> str:
        if not self.id or not self.model:
            return ""
        from django.urls import NoReverseMatch, reverse

        app = {"newsarticle": "news", "bilingualarticle": "bilingual", "dailyterm": "daily"}
        try:
            return reverse(
                f"admin:{app.get(self.model, 'compositions')}_{self.model}_change", args=[self.id]
            )
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
        kind: str = "auto",
        publish: bool = False,
        dry_run: bool = False,
        limits: Limits | None = None,
    ):
        self.kind, self.publish, self.dry_run = kind, publish, dry_run
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
        return Outcome(parsed.source, CREATED, id=item.pk, parsed=parsed, model=model_name(item))

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
    model = ContentType.objects.get_for_id(match.content_type_id).model
    return Outcome(
        parsed.source, DUPLICATE, id=match.object_id, parsed=parsed, match=match.how, model=model
    )


def model_name(item) -> str:
    return type(item)._meta.model_name


def published_at(parsed: Parsed):
    if parsed.date is None:
        return timezone.now()
    moment = timezone.make_aware(datetime.combine(parsed.date, time.min))
    return min(moment, timezone.now())


def build_item(parsed: Parsed, publish: bool):
    """Create the item of a parsed source through the models' own save() (slugs, reading
    aids, page cache and whatever else listens to post_save). Call inside a transaction."""
    from yingdu.bilingual.models import BilingualArticle
    from yingdu.compositions.models import Composition
    from yingdu.core.models import Status
    from yingdu.daily.models import DailyTerm
    from yingdu.news.models import NewsArticle

    common = {
        "status": Status.PUBLISHED if publish else Status.DRAFT,
        "published_at": published_at(parsed),
    }
    body = "\n\n".join(parsed.paragraphs)
    if parsed.kind in ("news", "zh_news"):
        item = NewsArticle(
            **common,
            section=parsed.section or ("zh" if parsed.kind == "zh_news" else "international"),
            title=parsed.title,
            dateline_place=parsed.dateline_place,
            dateline_date=parsed.dateline_date,
            source=parsed.site_name[:100],
            body=body,
        )
        item.save()
    elif parsed.kind == "bilingual":
        item = BilingualArticle(
            **common, title=parsed.title, title_zh=parsed.title_zh[:300], source=parsed.site_name
        )
        item.save()
        for n, (en, zh) in enumerate(parsed.pairs):
            item.pairs.create(position=n, en=en, zh=zh)
    elif parsed.kind == "daily_term":
        taken = DailyTerm.objects.filter(date=parsed.date).first()
        if taken is not None:
            raise SourceError(
                f"there is already a daily term for {parsed.date:%Y-%m-%d} "
                f"({taken.term_zh} {taken.term_en}, id {taken.pk})"
            )
        item = DailyTerm(
            **common,
            term_zh=parsed.term_zh,
            term_en=parsed.term_en,
            date=parsed.date,
            explanation=body,
        )
        item.save()
        for n, (en, zh) in enumerate(parsed.pairs):
            item.examples.create(position=n, en=en, zh=zh)
    elif parsed.kind == "composition":
        item = Composition(
            **common,
            title=parsed.title,
            language=parsed.lang if parsed.lang in ("zh", "en") else "zh",
            grade=parsed.grade,
            body=body,
        )
        item.save()
    else:
        raise SourceError(f"unknown kind {parsed.kind!r}")
    return item


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
