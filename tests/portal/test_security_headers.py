"""Content-Security-Policy without 'unsafe-inline' and Permissions-Policy on every page,
cached or not; cached pages keep Vary and Content-Language (issue 10, defect 9)."""

import re

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.attack]

HEADERS = ("Content-Security-Policy", "Permissions-Policy", "Vary", "Content-Language")


def test_cached_pages_keep_every_header(client, news):
    for url in ("/", "/en/", "/news/international/", news[0].get_absolute_url()):
        first, second = client.get(url), client.get(url)
        assert first.content == second.content
        for name in HEADERS:
            assert second.has_header(name), (url, name)
            assert second[name] == first[name], (url, name)
    assert client.get("/en/")["Content-Language"] == "en"
    assert client.get("/")["Content-Language"] == "zh-hans"


def test_policy_allows_no_inline_code(client):
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "camera=()" in client.get("/")["Permissions-Policy"]


INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
    re.compile(r"<style\b", re.I),
    re.compile(r"\sstyle=\"", re.I),
    re.compile(r"\son[a-z]+=\"", re.I),
]


def test_pages_carry_no_inline_script_or_style(client, news, term, bilingual, composition):
    urls = ["/", "/news/international/", news[0].get_absolute_url(),
            term.get_absolute_url(), bilingual.get_absolute_url(),
            composition.get_absolute_url(), "/resources/", "/search/?q=solar",
            "/accounts/login/", "/accounts/signup/", "/no-such-page/"]  # fmt: skip
    for url in urls:
        html = client.get(url).content.decode()
        for pattern in INLINE:
            assert not pattern.search(html), (url, pattern.search(html).group(0))
