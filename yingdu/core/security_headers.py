"""Middleware: a Content-Security-Policy without 'unsafe-inline' and a Permissions-Policy on
every response (settings CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY).

Placed above the page cache, so pages served from it carry the headers too. A view that
needs another policy sets its own header; it is left alone. Our own few lines rather than
django-csp: the policy is one fixed string (no nonces: there are no inline scripts or
styles left), and a dependency would add configuration without adding protection.
"""

from django.conf import settings


def security_headers(get_response):
    def middleware(request):
        response = get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response

    return middleware
