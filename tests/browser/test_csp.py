"""The Content-Security-Policy blocks nothing the site itself uses: a reader's journey, the
admin's log-in page and the API docs raise no CSP violation in Chromium (issue 10, 9)."""

import pytest

from yingdu.demo.loader import load_demo

pytestmark = [pytest.mark.browser, pytest.mark.attack, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def violations(page):
    """CSP reports from the console and from `securitypolicyviolation` events."""
    found = []
    page.on(
        "console",
        lambda msg: found.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    page.add_init_script(
        """document.addEventListener('securitypolicyviolation', e =>
             console.error('Content Security Policy violation: ' + e.violatedDirective
                           + ' ' + e.blockedURI));"""
    )
    return found


def test_reader_journey_raises_no_csp_violation(page, violations, live_server, site_lexicon):
    load_demo()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    page.locator("select.level-select").select_option("4")
    page.reload()  # level.js (no longer inline) applies the remembered level
    assert page.locator("html").get_attribute("data-level") == "4"
    page.goto(live_server.url + "/bilingual/")
    page.locator(".item-list a").first.click()
    page.wait_for_url("**/bilingual/*/")
    page.locator("nav.view-switch").get_by_role("link", name="English", exact=True).click()
    assert page.locator("article.bilingual").get_attribute("data-mode") == "en"
    for path in ("/news/international/", "/compositions/", "/resources/", "/accounts/login/"):
        page.goto(live_server.url + path)
    assert violations == []


def test_admin_and_api_docs_raise_no_csp_violation(page, violations, live_server):
    page.goto(live_server.url + "/admin/login/")
    assert page.locator("#id_username").count() == 1
    page.goto(live_server.url + "/api/docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15_000)
    assert violations == []
