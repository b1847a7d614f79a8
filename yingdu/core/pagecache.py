"""Whole-page cache for anonymous visitors, invalidated when any content changes.

Public pages are the same for every anonymous visitor (the reading level is applied in the
browser), so the rendered HTML is cached per URL and language. A content "generation"
stamp is part of the key; saving or deleting content bumps it, so no stale page outlives
an edit. The stamp lives in the shared cache when there is one (Redis) and in a file's
mtime in the data folder otherwise, so all worker processes of one machine agree.
"""

import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

from .viewcount import record_view

GENERATION_KEY = "yingdu:content-generation"


def _stamp_file() -> Path:
    return Path(settings.DATA_DIR) / "content-generation"


def _cache_is_shared() -> bool:
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def content_generation() -> str:
    if _cache_is_shared():
        return str(cache.get_or_set(GENERATION_KEY, time.time_ns()))
    try:
        return str(_stamp_file().stat().st_mtime_ns)
    except FileNotFoundError:
        return "0"


def bump_generation() -> None:
    if _cache_is_shared():
        cache.set(GENERATION_KEY, time.time_ns(), None)
        return
    stamp = _stamp_file()
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(str(time.time_ns()))


def cached_page(view):
    """Serve a GET page from the cache for anonymous visitors; detail views that set
    `response.viewed = (model, pk)` still get their view counted on a cache hit."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        key = f"page:{content_generation()}:{get_language()}:{request.get_full_path()}"
        hit = cache.get(key)
        if hit is not None:
            content, viewed = hit
            if viewed:
                record_view(*viewed)
            return HttpResponse(content)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            viewed = getattr(response, "viewed", None)
            cache.set(key, (response.content, viewed), settings.PAGE_CACHE_SECONDS)
        return response

    return wrapper
