"""Compositions (作文) in the registry of content kinds (yingdu.core.kinds): how search
describes one and how an import or the demo content builds one."""

from django.utils.translation import gettext_lazy as _

from yingdu.core.kinds import Kind
from yingdu.core.sanitize import plain_text, split_paragraphs

from .models import Composition, Language

DEMO_FIELDS = ("language", "title", "author_name", "grade", "body")
ANONYMOUS = "佚名"


def describe(item) -> dict:
    return {"title": item.title, "text": f"{item.author_name} {plain_text(item.body)}"}


def fingerprint_parts(item) -> list[str]:
    return split_paragraphs(item.body)


def build(parsed, common: dict):
    item = Composition(
        **common,
        title=parsed.title,
        language=parsed.lang if parsed.lang in Language.values else Language.ZH,
        author_name=parsed.author[:50] or ANONYMOUS,
        grade=parsed.grade,
        body="\n\n".join(parsed.paragraphs),
    )
    item.save()
    return item


def demo_item(entry: dict, common: dict):
    item = Composition(**common, **{f: entry[f] for f in DEMO_FIELDS})
    item.save()
    return item


def kinds() -> list[Kind]:
    return [
        Kind(
            key="compositions",
            model=Composition,
            label=_("Compositions"),
            list_url="compositions:index",
            order=40,
            search_number=5,
            english=True,  # English compositions get reading aids, Chinese ones pinyin
            aliases=("composition",),
            describe=describe,
            build=build,
            fingerprint_parts=fingerprint_parts,
            demo_item=demo_item,
        )
    ]
