"""Load the team-written demo content (content.json) into the database, once.

content.json holds one list of entries per content kind, under the kind's key (yingdu.core.
kinds: news, zh_news, daily, bilingual, compositions); each kind's `demo_item` builds an
entry. Each demo item's key is its slug, so a second run finds every item already there and
adds nothing. Runs in one transaction per item: an interrupted load resumes where it stopped.
"""

import json
from pathlib import Path

from django.db import transaction
from django.utils.dateparse import parse_datetime

from yingdu.core import kinds
from yingdu.core.models import Status, Tag

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


def load_kind(kind, entries: list[dict]) -> tuple[int, int]:
    """Create the kind's missing demo items: (created, already there)."""
    created = existing = 0
    for entry in entries:
        if kind.model.objects.filter(slug=entry["key"]).exists():
            existing += 1
            continue
        with transaction.atomic():
            item = kind.demo_item(entry, _common(entry))
            if item is not None:
                item.tags.set(_tags(entry.get("tags", [])))
        if item is None:
            existing += 1
        else:
            created += 1
    return created, existing


def load_demo(content: dict | None = None) -> dict[str, tuple[int, int]]:
    """Create the demo items that are missing; returns {kind: (created, already there)}."""
    content = content or read_content()
    unknown = set(content) - set(kinds.all_keys())
    if unknown:
        raise ValueError(f"content.json has entries of unknown kinds: {sorted(unknown)}")
    summary = {
        kind.key: load_kind(kind, content.get(kind.key, []))
        for kind in kinds.all_kinds()
        if kind.demo_item is not None
    }
    from .resources import load_demo_resources

    summary["resources"] = load_demo_resources()
    return summary
