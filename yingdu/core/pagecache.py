"""Whole-page cache for anonymous visitors, invalidated when any content changes.

Public pages are the same for every anonymous visitor (the reading level is applied in the
browser), so the rendered HTML is cached per URL and language. A content "generation"
stamp is part of the key; saving or deleting content bumps it, so no stale page outlives
an edit. The stamp lives in the shared cache when there is one (Redis) and in a file's
mtime in the data folder otherwise, so all worker processes of one machine agree.
"""

import hashlib
import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from .viewcount import record_view

GENERATION_KEY = "yingdu:content-generation"
# Headers set below the cache middleware (locale, sessions) that a cache hit must repeat.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary")


def _stamp_file() -> Path:
    return Path(settings.DATA_DIR) / "content-generation"


def cache_is_shared() -> bool:
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def content_generation() -> str:
    if cache_is_shared():
        return str(cache.get_or_set(GENERATION_KEY, time.time_ns()))
    try:
        return str(_stamp_file().stat().st_mtime_ns)
    except FileNotFoundError:
        return "0"


def bump_generation() -> None:
    if cache_is_shared():
        cache.set(GENERATION_KEY, time.time_ns(), None)
        return
    stamp = _stamp_file()
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(str(time.time_ns()))


def page_key(request) -> str:
    # The language is part of the path (/en/…), so the path alone tells pages apart.
    path = hashlib.sha1(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return f"page:v2:{content_generation()}:{path}"  # v2: (content, viewed, headers)


def is_cacheable(request) -> bool:
    """Anonymous GETs only: a session cookie means a signed-in user or pending messages."""
    return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES


def cached_page(view):
    """Mark the page for storing, for anonymous visitors; detail views that set
    `response.viewed = (model, pk)` still get their view counted on a cache hit. The
    middleware stores it once every inner middleware has added its headers."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if (
            is_cacheable(request)
            and not request.user.is_authenticated
            and response.status_code == 200
            and not response.streaming
        ):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            response.page_cache_key = page_key(request)
        return response

    return wrapper


def store_page(response) -> None:
    viewed = getattr(response, "viewed", None)
    headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
    entry = (response.content, viewed, headers)
    cache.set(response.page_cache_key, entry, settings.PAGE_CACHE_SECONDS)


def serve_cached_pages(get_response):
    """Middleware, placed before sessions, locale, CSRF and auth: a cache hit skips them;
    on the way out it stores pages marked by @cached_page with the headers they added."""

    def middleware(request):
        if is_cacheable(request):
            hit = cache.get(page_key(request))
            if hit is not None:
                content, viewed, headers = hit
                if viewed:
                    record_view(*viewed)
                return HttpResponse(content, headers=headers)
        response = get_response(request)
        if getattr(response, "page_cache_key", None):
            store_page(response)
        return response

    return middleware
