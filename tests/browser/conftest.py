"""Playwright for Python driving Debian's Chromium against pytest-django's live server.

No browser is downloaded: the tests use /usr/bin/chromium (CI installs it) and skip with
a clear reason where it is missing.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("YINGDU_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip

# Playwright's sync API runs an event loop in this thread; the ORM calls that the live
# server tests make around it are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:  # Playwright gives each launch a new empty profile
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True,
        has_touch=True, locale="zh-CN",
    )  # fmt: skip
    page = context.new_page()
    yield page
    context.close()


SEEDS_BODY = (
    "NAIROBI, May 2 -- Farmers and scientists met to discuss biodiversity and the "
    "conservation of indigenous seeds.\n\nThe children went home happy."
)


@pytest.fixture
def seeds_article(live_server, site_lexicon):
    """A published news item whose words span the levels (biodiversity, indigenous)."""
    from yingdu.news.models import NewsArticle, Section

    return NewsArticle.objects.create(
        section=Section.INTERNATIONAL, title="Seeds", body=SEEDS_BODY, status="published"
    )
