"""Readable ASCII slugs for English and Chinese titles (Chinese becomes pinyin)."""

from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_SLUG = 80


def readable_slug(text: str) -> str:
    """'国际英语资讯: China launches…' -> 'guo-ji-ying-yu-zi-xun-china-launches'."""
    romanized = " ".join(lazy_pinyin(text or "", errors="default"))
    slug = slugify(romanized)[:MAX_SLUG].strip("-")
    return slug or "item"


def unique_slug(model, text: str, exclude_pk=None) -> str:
    base = readable_slug(text)
    candidate, n = base, 2
    existing = model._default_manager.filter(slug__startswith=base)
    if exclude_pk:
        existing = existing.exclude(pk=exclude_pk)
    taken = set(existing.values_list("slug", flat=True))
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate
