"""Template context shared by every page: the section navigation and language links.

The navigation is the home page followed by every registered kind's sections, in the
registry's order (yingdu.core.kinds)."""

from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import kinds

HOME = ("home", _("Home"), "home")


def nav_sections() -> list:
    """Every registered kind's sections, in navigation order."""
    return [section for kind in kinds.all_kinds() for section in kind.nav_sections]


def navigation() -> list[tuple]:
    """(key, label, URL name) of each navigation entry."""
    return [HOME, *((s.key, s.label, s.list_url) for s in nav_sections())]


def active_section(request) -> str:
    """The key of the navigation entry the page belongs to: the section whose list URL
    name the page's URL name starts with (news:zh_detail -> zh_news), or the only section
    of the page's URL namespace (daily:month -> daily)."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.view_name == HOME[2]:
        return HOME[0]
    in_namespace = [s for s in nav_sections() if s.list_url.split(":")[0] == match.namespace]
    if len(in_namespace) == 1:
        return in_namespace[0].key
    for section in in_namespace:
        if match.url_name.startswith(section.list_url.split(":")[-1]):
            return section.key
    return ""


def site(request):
    path = request.path
    return {
        "nav": navigation(),
        "active_section": active_section(request),
        "current_language": get_language(),
        "language_links": [
            ("zh-hans", "中文", translate_url(path, "zh-hans")),
            ("en", "EN", translate_url(path, "en")),
        ],
    }
