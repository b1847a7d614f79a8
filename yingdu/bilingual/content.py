"""Bilingual articles in the registry of content kinds (yingdu.core.kinds): how search
describes one, how an import or the demo content builds one with its paragraph pairs."""

from django.utils.translation import gettext_lazy as _

from yingdu.core.kinds import Kind
from yingdu.core.sanitize import plain_text

from .models import BilingualArticle

DEMO_FIELDS = ("category", "title", "title_zh", "source")


def describe(item) -> dict:
    pairs = " ".join(f"{plain_text(p.en)} {plain_text(p.zh)}" for p in item.pairs.all())
    return {"title": f"{item.title} {item.title_zh}".strip(), "text": pairs}


def fingerprint_parts(item) -> list[str]:
    return [text for pair in item.pairs.all() for text in (pair.en, pair.zh)]


def build(parsed, common: dict):
    item = BilingualArticle(
        **common, title=parsed.title, title_zh=parsed.title_zh[:300], source=parsed.site_name
    )
    item.save()
    _add_pairs(item, parsed.pairs)
    return item


def demo_item(entry: dict, common: dict):
    item = BilingualArticle(**common, **{f: entry.get(f, "") for f in DEMO_FIELDS})
    item.save()
    _add_pairs(item, [(pair["en"], pair["zh"]) for pair in entry["pairs"]])
    return item


def _add_pairs(item, pairs) -> None:
    for n, (en, zh) in enumerate(pairs):
        item.pairs.create(position=n, en=en, zh=zh)


def kinds() -> list[Kind]:
    return [
        Kind(
            key="bilingual",
            model=BilingualArticle,
            label=_("Bilingual"),
            list_url="bilingual:index",
            order=30,
            search_number=4,
            english=True,
            describe=describe,
            build=build,
            fingerprint_parts=fingerprint_parts,
            demo_item=demo_item,
        )
    ]
