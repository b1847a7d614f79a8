"""The site's URLs plus /bench/minimal/: one query, a page of a requested size, no template."""

import os

from django.http import HttpResponse
from django.urls import path

from yingdu.news.models import NewsArticle
from yingdu.urls import handler404  # noqa: F401
from yingdu.urls import urlpatterns as site_urlpatterns

PAGE_BYTES = int(os.environ.get("BENCH_PAGE_BYTES", "12000"))


def minimal(request):
    titles = list(NewsArticle.objects.values_list("title", flat=True)[:20])
    body = "<!doctype html><title>minimal</title><ul>" + "".join(f"<li>{t}</li>" for t in titles)
    padding = max(PAGE_BYTES - len(body.encode()), 0)
    return HttpResponse(body + "<!--" + "x" * padding + "-->")


urlpatterns = [path("bench/minimal/", minimal), *site_urlpatterns]
