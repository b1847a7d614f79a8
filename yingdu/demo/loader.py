"""Load the team-written demo content (content.json) into the database, once.

Each demo item's key is its slug, so a second run finds every item already there and adds
nothing. Runs in one transaction per item: an interrupted load resumes where it stopped.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction
from django.utils.dateparse import parse_datetime

from yingdu.bilingual.models import BilingualArticle
from yingdu.compositions.models import Composition
from yingdu.core.models import Status, Tag
from yingdu.daily.models import DailyTerm
from yingdu.grades import current_code
from yingdu.news.models import NewsArticle

CONTENT_FILE = Path(__file__).with_name("content.json")


def read_content(path: Path = CONTENT_FILE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _tags(names):
    return [Tag.objects.get_or_create(name=name)[0] for name in names]


def _common(entry) -> dict:
    return {
        "slug": entry["key"],
        "status": Status.PUBLISHED,
        "published_at": parse_datetime(entry["published"]),
    }


def _news(entry):
    fields = ("section", "title", "dateline_place", "dateline_date", "source", "summary", "body")
    return NewsArticle(**_common(entry), **{f: entry.get(f, "") for f in fields})


def _composition(entry):
    fields = ("language", "title", "author_name", "body")
    grade = current_code(entry["grade"])
    if grade is None:
        raise ValueError(f"demo composition {entry['key']}: unknown grade {entry['grade']!r}")
    return Composition(**_common(entry), grade=grade, **{f: entry[f] for f in fields})


def _bilingual(entry):
    fields = ("category", "title", "title_zh", "source")
    return BilingualArticle(**_common(entry), **{f: entry.get(f, "") for f in fields})


def _daily(entry):
    fields = ("term_zh", "term_en", "explanation")
    return DailyTerm(
        **_common(entry), date=date.fromisoformat(entry["date"]), **{f: entry[f] for f in fields}
    )


def _add_children(item, entry):
    if isinstance(item, BilingualArticle):
        for n, pair in enumerate(entry["pairs"]):
            item.pairs.create(position=n, en=pair["en"], zh=pair["zh"])
    if isinstance(item, DailyTerm):
        for n, ex in enumerate(entry["examples"]):
            item.examples.create(position=n, en=ex["en"], zh=ex.get("zh", ""))


KINDS = [
    ("news", NewsArticle, _news),
    ("daily_terms", DailyTerm, _daily),
    ("bilingual", BilingualArticle, _bilingual),
    ("compositions", Composition, _composition),
]


def _already_there(model, entry) -> bool:
    if model.objects.filter(slug=entry["key"]).exists():
        return True
    return model is DailyTerm and DailyTerm.objects.filter(date=entry["date"]).exists()


def load_demo(content: dict | None = None) -> dict[str, tuple[int, int]]:
    """Create the demo items that are missing; returns {kind: (created, already there)}."""
    content = content or read_content()
    summary = {}
    for kind, model, build in KINDS:
        created = existing = 0
        for entry in content.get(kind, []):
            if _already_there(model, entry):
                existing += 1
                continue
            with transaction.atomic():
                item = build(entry)
                item.save()
                item.tags.set(_tags(entry.get("tags", [])))
                _add_children(item, entry)
            created += 1
        summary[kind] = (created, existing)
    _link_related_terms(content)
    from .resources import load_demo_resources

    summary["resources"] = load_demo_resources()
    return summary


def _link_related_terms(content: dict) -> None:
    for entry in content.get("daily_terms", []):
        term = DailyTerm.objects.filter(slug=entry["key"]).first()
        related = DailyTerm.objects.filter(slug__in=entry.get("related", []))
        if term is not None and related.exists():
            term.related.add(*related)
