"""每日一词 pages: today's term with the latest ones, month archives and term pages."""

import calendar

from django.http import Http404

from yingdu.core.listing import get_published, render_detail, render_list
from yingdu.core.pagecache import cached_page

from .content import todays_term
from .models import DailyTerm


def published_terms():
    return DailyTerm.objects.published()


def archive_months():
    return published_terms().dates("date", "month", order="DESC")


@cached_page
def index(request):
    return render_list(
        request,
        published_terms(),
        "daily/list.html",
        term=todays_term(),
        months=archive_months(),
    )


@cached_page
def month(request, year: int, month: int):
    if not (1 <= month <= 12 and 1900 <= year <= 9999):
        raise Http404("No such month")
    terms = published_terms().filter(date__year=year, date__month=month).order_by("date")
    return render_list(
        request,
        terms,
        "daily/list.html",
        months=archive_months(),
        archive_year=year,
        archive_month=month,
        archive_month_name=calendar.month_name[month],
    )


@cached_page
def detail(request, slug):
    item = get_published(DailyTerm.objects.prefetch_related("examples", "related"), slug)
    return render_detail(request, item, "daily/detail.html")
