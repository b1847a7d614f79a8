"""Home page and the site's error pages."""

from django.shortcuts import render
from django.utils import timezone

from yingdu.bilingual.models import BilingualArticle
from yingdu.compositions.models import Composition
from yingdu.daily.models import DailyTerm
from yingdu.news.models import NewsArticle, Section

from .context_processors import NAV
from .pagecache import cached_page

HOME_COUNT = 8


def todays_term():
    today = timezone.localdate()
    return (
        DailyTerm.objects.published()
        .filter(date__lte=today)
        .prefetch_related("examples")
        .order_by("-date")
        .first()
    )


@cached_page
def home(request):
    news = NewsArticle.objects.published().defer("reading")
    blocks = [
        ("international", news.filter(section=Section.INTERNATIONAL)[:HOME_COUNT]),
        ("domestic", news.filter(section=Section.DOMESTIC)[:HOME_COUNT]),
        ("daily", DailyTerm.objects.published().defer("reading")[:HOME_COUNT]),
        ("bilingual", BilingualArticle.objects.published().defer("reading")[:HOME_COUNT]),
        ("compositions", Composition.objects.published().defer("reading")[:HOME_COUNT]),
        ("zh_news", news.filter(section=Section.ZH)[:HOME_COUNT]),
    ]
    labels = {key: (label, urlname) for key, label, urlname in NAV}
    sections = [(key, *labels[key], items) for key, items in blocks]
    return render(request, "core/home.html", {"sections": sections, "term": todays_term()})


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)
