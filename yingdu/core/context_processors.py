"""Template context shared by every page: the section navigation and language links."""

from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

NAV = [
    ("home", _("Home"), "home"),
    ("international", _("International news"), "news:international"),
    ("domestic", _("China news"), "news:domestic"),
    ("daily", _("Daily term"), "daily:index"),
    ("bilingual", _("Bilingual"), "bilingual:index"),
    ("compositions", _("Compositions"), "compositions:index"),
    ("zh_news", _("Chinese news"), "news:zh"),
    ("resources", _("Teaching resources"), "resources:index"),
]


NEWS_KEYS = {"international": "international", "domestic": "domestic", "zh": "zh_news"}


def active_section(request) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace == "news":
        return NEWS_KEYS.get(match.url_name.split("_")[0], "")
    if match.namespace:
        return match.namespace
    return "home" if match.url_name == "home" else ""


def site(request):
    path = request.path
    return {
        "nav": NAV,
        "active_section": active_section(request),
        "current_language": get_language(),
        "language_links": [
            ("zh-hans", "中文", translate_url(path, "zh-hans")),
            ("en", "EN", translate_url(path, "en")),
        ],
    }
