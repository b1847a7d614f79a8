"""`{% site_header %}`: the header of every page (base.html), rendered once per kind of
page and kept in memory, since rendering it costs some twenty URL reversals and as many
translations on every page.

The header differs between pages only by the language, whether the visitor is signed in,
whether they are staff (the admin link), whether they teach (我的班级) and the section
the page belongs to (its aria-current highlight); those make the key of a rendered copy.
The few per-request values (the display name, the due count, the sign-in link's next=
and the two language links of this page) are rendered as slot markers, split out once,
and filled in, escaped, on each page. The header holds nothing secret: no CSRF token, no
session data."""

import functools
import re

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.urls import get_urlconf, translate_url
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from yingdu.accounts.roles import is_teacher
from yingdu.accounts.users import display_name
from yingdu.core.context_processors import active_section, navigation

register = template.Library()

TEMPLATE = "includes/site_header.html"
LANGUAGE_LINKS = (("zh-hans", "中文"), ("en", "EN"))
MARK = "\ue000"  # a private-use character: never in the header's own text
SLOT = re.compile(f"{MARK}([a-z_-]+){MARK}")


@register.simple_tag(takes_context=True)
def site_header(context) -> str:
    request = context["request"]
    user = context.get("user")
    signed_in = bool(user and user.is_authenticated)
    parts = header_parts(
        get_language(), signed_in, signed_in and user.is_staff, signed_in and is_teacher(user),
        active_section(request), settings.ROOT_URLCONF, get_urlconf(),
    )  # fmt: skip
    values = slot_values(request, user, context) if signed_in else slot_values(request)
    return mark_safe("".join(values[p] if n % 2 else p for n, p in enumerate(parts)))


def slot_values(request, user=None, context=None) -> dict[str, str]:
    """The escaped per-request values, by slot name."""
    links = language_links(request.path, get_language(), settings.ROOT_URLCONF, get_urlconf())
    values = {f"lang_{code}": conditional_escape(url) for code, url in links}
    if user is None:
        values["next"] = conditional_escape(urlencode(request.path))
    else:
        values["display_name"] = conditional_escape(display_name(user))
        values["due_count"] = conditional_escape(context.get("notebook_due", ""))
    return values


@functools.lru_cache(maxsize=256)
def header_parts(language, signed_in, staff, teacher, section, root_urlconf, urlconf) -> list[str]:
    """The header rendered with slot markers, split into text and slot names (odd
    indexes). Arguments past `section` only key the copy to the URLs it was made with."""
    slots = {name: f"{MARK}{name}{MARK}" for name in ("display_name", "due_count", "next")}
    html = render_to_string(TEMPLATE, {
        "signed_in": signed_in, "staff": staff, "teacher": teacher, "active_section": section,
        "nav": navigation(),
        "current_language": language, "slots": slots,
        "language_links": [(code, label, f"{MARK}lang_{code}{MARK}")
                           for code, label in LANGUAGE_LINKS],
    })  # fmt: skip
    return SLOT.split(html)


@functools.lru_cache(maxsize=4096)
def language_links(path, language, root_urlconf, urlconf) -> list[tuple[str, str]]:
    """(language code, URL) of this page in each language. Keyed by the active language
    too, since a path resolves under the current language's prefix."""
    return [(code, translate_url(path, code)) for code, _label in LANGUAGE_LINKS]


def forget_rendered(**kwargs) -> None:
    """A changed setting (a test's override) may change URLs or templates."""
    header_parts.cache_clear()
    language_links.cache_clear()


setting_changed.connect(forget_rendered)
