"""axe-core finds no WCAG 2.1 A/AA violation on any page type of the site (issue 17): every
page of the URL conf and an item of every registered kind, signed out and signed in as a
student, teacher and editor, on a 375-px phone and a desktop, with every band highlighted
(level 小学). The page inventory is tests/browser/site_pages.py; docs/accessibility.md says
what is and is not covered."""

import pytest
from django.conf import settings
from django.test import Client

from . import site_pages
from .axe import axe_script_or_skip, describe, inject, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {
    "phone": {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2,
              "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}},
    # text enlarged to 200% on a 375-px phone: the same page in half the CSS pixels (1.4.4, 1.4.10)
    "phone-zoom-200": {"viewport": {"width": 188, "height": 370}, "device_scale_factor": 4,
                       "is_mobile": True, "has_touch": True},
}  # fmt: skip
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# The innermost elements that stick out on the right, to say what makes a page scroll sideways.
STICKING_OUT = """() => { const limit = document.documentElement.clientWidth + 1;
  const clipped = e => { for (let a = e.parentElement; a && a !== document.body;
                           a = a.parentElement) {
      if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
  const out = [...document.body.querySelectorAll('*')]
    .filter(e => e.getBoundingClientRect().right > limit && !clipped(e));
  return out.filter(e => !out.some(o => o !== e && e.contains(o))).slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim()
      .replace(/ +/g, '.') : '') + ' ' + (e.textContent || '').trim().slice(0, 30)); }"""
AUDIENCES = (site_pages.ANYONE, site_pages.STUDENT_ONLY, site_pages.TEACHER_ONLY,
             site_pages.EDITOR_ONLY, site_pages.OPERATOR_ONLY)  # fmt: skip
EVERY_BAND_HIGHLIGHTED = "try { localStorage.setItem('yingdu-level', '0'); } catch (e) {}"


@pytest.fixture
def axe_script():
    return axe_script_or_skip()


@pytest.fixture
def people(live_server, site_lexicon, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return site_pages.seed()


def open_context(browser, width, axe_script, user=None, base_url=""):
    context = browser.new_context(locale="zh-CN", **WIDTHS[width])
    inject(context, axe_script)
    context.add_init_script(EVERY_BAND_HIGHLIGHTED)
    if user is not None:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies(
            [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}]
        )
    return context


def pages_for(audience) -> list[site_pages.Page]:
    every = site_pages.all_pages()
    if audience == site_pages.ANYONE:
        return [p for p in every if p.audience == site_pages.ANYONE]
    if audience == site_pages.STUDENT_ONLY:  # a learner sees every public page differently
        return [p for p in every if p.audience in (site_pages.ANYONE, audience)]
    return [p for p in every if p.audience == audience]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_type_has_no_wcag_violation(browser, live_server, people, axe_script, width):
    found, sideways, checked = {}, [], 0
    for audience in AUDIENCES:
        user = people.get(audience)
        context = open_context(browser, width, axe_script, user, live_server.url)
        page = context.new_page()
        for target in pages_for(audience):
            response = page.goto(live_server.url + target.url)
            expected = 404 if target.name == "404" else 200
            assert response.status == expected, f"{target.url} as {audience}: {response.status}"
            page.wait_for_load_state()
            result = violations(page)
            checked += 1
            if result:
                found[f"{width} {audience} {target.url}"] = result
            overflow = page.evaluate(SIDEWAYS)
            if overflow > 0:
                what = ", ".join(page.evaluate(STICKING_OUT))
                sideways.append(f"{width} {audience} {target.url}: {overflow}px ({what})")
        context.close()
    assert not found, f"axe-core found WCAG violations:\n{describe(found)}"
    assert not sideways, "pages scroll sideways (text cannot be read without loss):\n" + "\n".join(
        sideways
    )
    assert checked >= 30


def test_every_page_of_the_url_conf_is_audited(people):
    audited = {page.name for page in site_pages.all_pages()}
    missing = site_pages.site_url_names() - audited - set(site_pages.NOT_PAGES)
    assert not missing, f"pages not audited for accessibility (add them to site_pages): {missing}"
    assert not set(site_pages.NOT_PAGES) & audited
