"""The site's error pages (the home page is yingdu.portal's)."""

from django.http import JsonResponse
from django.shortcuts import render


def page_not_found(request, exception=None):
    """The 404 page; JSON under /api/ (a path no operation matches), as the API documents."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"detail": "没有这个接口 (no such API path)"},
            status=404,
            json_dumps_params={"ensure_ascii": False},
            content_type="application/json; charset=utf-8",
        )
    return render(request, "404.html", status=404)
