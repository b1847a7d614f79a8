"""Template context shared by every page (the language), and the section navigation and
active section that the header shows (yingdu/portal/templatetags/chrome.py).

The navigation is the home page followed by every registered kind's sections, in the
registry's order (yingdu.core.kinds)."""

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
    """The page's language; the header (navigation, language links) is rendered by
    `{% site_header %}` (yingdu/portal/templatetags/chrome.py)."""
    return {"current_language": get_language()}
