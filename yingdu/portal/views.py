"""The home page: today's term, then one block per section of every registered kind
(yingdu.core.kinds) with its latest published items, teaching resources included."""

from django.shortcuts import render

from yingdu.core import kinds
from yingdu.core.pagecache import cached_page
from yingdu.daily.content import todays_term

HOME_COUNT = 8


def home_blocks() -> list[tuple]:
    """(key, label, list URL name, latest items) per section, in navigation order."""
    return [
        (section.key, section.label, section.list_url,
         kind.published(section.where).defer("reading")[:HOME_COUNT])
        for kind in kinds.all_kinds()
        if kind.home
        for section in kind.nav_sections
    ]  # fmt: skip


@cached_page
def home(request):
    return render(request, "portal/home.html", {"sections": home_blocks(), "term": todays_term()})
