"""The news app's content kinds for the registry (yingdu.core.kinds): English news in two
sections (国际, 国内) and Chinese news (中文资讯), one model for all three; how search
describes an article and how an import or the demo content builds one."""

from django.utils.translation import gettext_lazy as _

from yingdu.core.kinds import Kind, Section
from yingdu.core.sanitize import plain_text, split_paragraphs

from .models import NewsArticle
from .models import Section as NewsSection

ENGLISH = {"section": (NewsSection.INTERNATIONAL, NewsSection.DOMESTIC)}
CHINESE = {"section": (NewsSection.ZH,)}
DEMO_FIELDS = ("section", "title", "dateline_place", "dateline_date", "source", "summary", "body")


def describe(item) -> dict:
    return {"title": item.title, "text": f"{item.summary} {plain_text(item.body)}"}


def body_parts(item) -> list[str]:
    return split_paragraphs(item.body)


def build_english(parsed, common: dict):
    return _build(parsed, common, parsed.section or NewsSection.INTERNATIONAL)


def build_chinese(parsed, common: dict):
    return _build(parsed, common, NewsSection.ZH)


def _build(parsed, common: dict, section: str):
    item = NewsArticle(
        **common,
        section=section,
        title=parsed.title,
        dateline_place=parsed.dateline_place,
        dateline_date=parsed.dateline_date,
        source=parsed.site_name[:100],
        body="\n\n".join(parsed.paragraphs),
    )
    item.save()
    return item


def demo_english(entry: dict, common: dict):
    item = NewsArticle(**common, **{f: entry.get(f, "") for f in DEMO_FIELDS})
    item.save()
    return item


def demo_chinese(entry: dict, common: dict):
    return demo_english({**entry, "section": NewsSection.ZH}, common)


def kinds() -> list[Kind]:
    shared = {
        "model": NewsArticle,
        "describe": describe,
        "fingerprint_parts": body_parts,
    }
    return [
        Kind(
            key="news",
            label=_("English news"),
            list_url="news:international",
            order=10,
            search_number=1,
            english=True,
            where=ENGLISH,
            sections=(
                Section(
                    "international",
                    _("International news"),
                    "news:international",
                    {"section": (NewsSection.INTERNATIONAL,)},
                ),
                Section(
                    "domestic",
                    _("China news"),
                    "news:domestic",
                    {"section": (NewsSection.DOMESTIC,)},
                ),
            ),  # fmt: skip
            build=build_english,
            demo_item=demo_english,
            **shared,
        ),
        Kind(
            key="zh_news",
            label=_("Chinese news"),
            list_url="news:zh",
            order=50,
            search_number=2,
            where=CHINESE,
            build=build_chinese,
            demo_item=demo_chinese,
            **shared,
        ),
    ]
