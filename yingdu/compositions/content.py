"""Compositions (作文) in the registry of content kinds (yingdu.core.kinds): how search
describes one and how an import or the demo content builds one."""

from django.utils.translation import gettext_lazy as _

from yingdu.core.kinds import Kind
from yingdu.core.sanitize import plain_text, split_paragraphs
from yingdu.grades import current_code

from .models import Composition, Language

DEMO_FIELDS = ("language", "title", "author_name", "body")


def describe(item) -> dict:
    # Only what the public sees of the author (王同学), never the full name (PIPL).
    text = f"{item.public_author} {plain_text(item.body)}"
    return {"title": item.title, "text": text, "grade": item.grade}


def fingerprint_parts(item) -> list[str]:
    return split_paragraphs(item.body)


def build(parsed, common: dict):
    item = Composition(
        **common,
        title=parsed.title,
        language=parsed.lang if parsed.lang in Language.values else Language.ZH,
        grade=parsed.grade,
        body="\n\n".join(parsed.paragraphs),
    )
    item.save()
    return item


def demo_item(entry: dict, common: dict):
    grade = current_code(entry["grade"])
    if grade is None:
        raise ValueError(f"demo composition {entry['key']}: unknown grade {entry['grade']!r}")
    item = Composition(**common, grade=grade, **{f: entry[f] for f in DEMO_FIELDS})
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
