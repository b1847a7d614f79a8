"""The language of an item's own text, for `lang` attributes: screen readers switch voices
for English titles on Chinese pages and for Chinese titles on English pages (WCAG 3.1.2)."""

from django import template

register = template.Library()

ENGLISH, CHINESE = "en", "zh-hans"


@register.filter
def text_lang(item) -> str:
    """'en' for an item whose text is English (news, daily terms, bilingual articles,
    English compositions), 'zh-hans' for every other item."""
    return ENGLISH if getattr(item, "is_english", False) else CHINESE
