"""The searchable text of each content kind (registered with yingdu.search.indexing)."""

from yingdu.bilingual.models import BilingualArticle
from yingdu.compositions.models import Composition
from yingdu.daily.models import DailyTerm
from yingdu.news.models import NewsArticle, Section
from yingdu.resources.models import Resource

from .indexing import plain, register


@register(NewsArticle, "news")
def describe_news(item):
    kind = "zh_news" if item.section == Section.ZH else "news"
    return {"kind": kind, "title": item.title, "text": f"{item.summary} {plain(item.body)}"}


@register(DailyTerm, "daily")
def describe_daily(item):
    examples = " ".join(f"{ex.en} {ex.zh}" for ex in item.examples.all())
    text = f"{item.term_zh} {item.term_en} {plain(item.explanation)} {examples}"
    return {"title": f"{item.term_zh} {item.term_en}", "text": text}


@register(BilingualArticle, "bilingual")
def describe_bilingual(item):
    pairs = " ".join(f"{plain(p.en)} {plain(p.zh)}" for p in item.pairs.all())
    return {"title": f"{item.title} {item.title_zh}".strip(), "text": pairs}


@register(Composition, "composition")
def describe_composition(item):
    # Only what the public sees of the author (王同学), never the full name (PIPL).
    text = f"{item.public_author} {plain(item.body)}"
    return {"title": item.title, "text": text, "grade": item.grade}


@register(Resource, "resource")
def describe_resource(item):
    return {
        "title": item.title,
        "text": f"{item.description} {item.unit} {item.edition.name} {item.text}",
        "resource_type": item.type,
        "grade": item.grade,
        "volume": item.volume,
        "edition": item.edition.slug,
    }
