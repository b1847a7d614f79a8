"""{% worksheet_link item %}: the 生成练习 link on English item pages, for teachers and editors
only (their pages are never served from the anonymous page cache)."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from yingdu.accounts.roles import is_teacher
from yingdu.core import kinds

register = template.Library()


@register.simple_tag(takes_context=True)
def worksheet_link(context, item):
    request = context.get("request")
    kind = kinds.kind_of(item)
    if request is None or kind is None or not kind.english or not is_teacher(request.user):
        return ""
    if not item.reading_texts():
        return ""  # a Chinese composition
    url = reverse("practice:new") + "?" + urlencode({"kind": kind.key, "item": item.pk})
    return format_html('<p class="worksheet-link"><a class="button" href="{}">{}</a></p>', url,
                       _("Make exercises"))  # fmt: skip
