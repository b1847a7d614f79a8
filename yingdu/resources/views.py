"""Placeholder page of the teaching-resource library until its own issue builds it."""

from django.shortcuts import render

from yingdu.core.pagecache import cached_page


@cached_page
def index(request):
    return render(request, "resources/index.html")
