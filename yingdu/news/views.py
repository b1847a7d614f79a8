"""News section lists and article pages (international, domestic, Chinese)."""

from django.utils.translation import gettext_lazy as _

from yingdu.core.listing import get_published, render_detail, render_list
from yingdu.core.pagecache import cached_page

from .models import NewsArticle, Section

SECTION_TITLES = {
    Section.INTERNATIONAL: _("International English news"),
    Section.DOMESTIC: _("China English news"),
    Section.ZH: _("Chinese news"),
}


def section_queryset(section):
    return NewsArticle.objects.published().filter(section=section)


def section_list(section):
    @cached_page
    def view(request):
        return render_list(
            request,
            section_queryset(section),
            "news/list.html",
            section=section,
            section_title=SECTION_TITLES[section],
        )

    return view


def article_detail(section):
    @cached_page
    def view(request, slug):
        item = get_published(section_queryset(section), slug)
        return render_detail(
            request, item, "news/detail.html", section_title=SECTION_TITLES[section]
        )

    return view
