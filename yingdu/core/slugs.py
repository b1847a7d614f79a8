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
    """The readable slug, or the first free `slug-2`, `slug-3`… (indexed lookups only)."""
    base = readable_slug(text)
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager
    candidate, n = base, 2
    while others.filter(slug=candidate).exists():
        candidate = f"{base}-{n}"
        n += 1
    return candidate
