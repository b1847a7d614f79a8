"""每日一词 in the registry of content kinds (yingdu.core.kinds): how search describes a
term, how an import or the demo content builds one with its example sentences."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yingdu.core.kinds import Kind
from yingdu.core.sanitize import plain_text, split_paragraphs
from yingdu.importparse import SourceError

from .models import DailyTerm


def todays_term():
    """The newest published term dated today or earlier (the home page's and the index's)."""
    today = timezone.localdate()
    return (
        DailyTerm.objects.published()
        .filter(date__lte=today)
        .prefetch_related("examples")
        .order_by("-date")
        .first()
    )


def describe(item) -> dict:
    examples = " ".join(f"{ex.en} {ex.zh}" for ex in item.examples.all())
    text = f"{item.term_zh} {item.term_en} {plain_text(item.explanation)} {examples}"
    return {"title": f"{item.term_zh} {item.term_en}", "text": text}


def fingerprint_parts(item) -> list[str]:
    examples = [text for ex in item.examples.all() for text in (ex.en, ex.zh) if text]
    return [item.term_zh, item.term_en, *split_paragraphs(item.explanation), *examples]


def build(parsed, common: dict):
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
        explanation="\n\n".join(parsed.paragraphs),
    )
    item.save()
    for n, (en, zh) in enumerate(parsed.pairs):
        item.examples.create(position=n, en=en, zh=zh)
    return item


def demo_item(entry: dict, common: dict):
    """A demo term with its examples, linked to the related terms already loaded (relations
    are listed on both terms' entries); None when its date is already taken."""
    day = date.fromisoformat(entry["date"])
    if DailyTerm.objects.filter(date=day).exists():
        return None
    fields = {f: entry[f] for f in ("term_zh", "term_en", "explanation")}
    item = DailyTerm(**common, date=day, **fields)
    item.save()
    for n, ex in enumerate(entry["examples"]):
        item.examples.create(position=n, en=ex["en"], zh=ex.get("zh", ""))
    related = DailyTerm.objects.filter(slug__in=entry.get("related", []))
    if related.exists():
        item.related.add(*related)
    return item


def kinds() -> list[Kind]:
    return [
        Kind(
            key="daily",
            model=DailyTerm,
            label=_("Daily term"),
            list_url="daily:index",
            order=20,
            search_number=3,
            english=True,
            aliases=("daily_term", "daily_terms"),
            describe=describe,
            build=build,
            fingerprint_parts=fingerprint_parts,
            demo_item=demo_item,
        )
    ]
