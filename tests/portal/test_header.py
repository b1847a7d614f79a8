"""The site header is rendered once per kind of page and kept (yingdu/portal/templatetags/
chrome.py): every visitor must still see their own name, count and links in it, the right
section highlighted, and never anything of another visitor's (nor a CSRF token)."""

import re

import pytest
from django.test import Client

from yingdu.accounts.roles import EDITOR, STUDENT
from yingdu.accounts.users import create_account, set_display_name


def header(response) -> str:
    html = response.content.decode()
    return html.split('<header class="site-header">')[1].split("</header>")[0]


def signed_in(username: str, role: str, name: str) -> Client:
    user = create_account(username, role=role, display_name="someone", password=None)
    set_display_name(user, name)  # past the sign-up form's checks: the header must escape
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_each_signed_in_visitor_sees_their_own_name_and_role(news):
    student = signed_in("student1", STUDENT, 'Tom <b>"&</b>')
    editor = signed_in("editor1", EDITOR, "王老师")
    for _ in range(2):  # the second time from the kept copy
        mine, theirs = header(student.get("/")), header(editor.get("/"))
        assert "Tom &lt;b&gt;&quot;&amp;&lt;/b&gt;" in mine and "<b>" not in mine
        assert "王老师" not in mine and 'href="/admin/"' not in mine
        assert ">王老师</a>" in theirs and "Tom" not in theirs and 'href="/admin/"' in theirs
        assert re.search(r'class="due-count">0<', mine)


@pytest.mark.django_db
def test_the_header_never_holds_the_csrf_token(news):
    student = signed_in("student2", STUDENT, "小明")
    response = student.get("/notebook/")
    token = re.search(r'name="csrf-token" content="([^"]+)"', response.content.decode())[1]
    assert token not in header(response)
    assert token not in header(student.get("/notebook/"))


@pytest.mark.django_db
def test_anonymous_sign_in_link_and_language_links_follow_the_page(client, news):
    for item in news[:2]:
        url = item.get_absolute_url()
        html = header(client.get(url))
        assert f'href="/accounts/login/?next={url}"' in html
        assert f'href="/en{url}" hreflang="en"' in html
        assert f'href="{url}" hreflang="zh-hans"' in html
    english = header(client.get("/en/search/?q=a%22b"))
    assert 'href="/en/accounts/login/?next=/en/search/"' in english
    assert 'href="/search/" hreflang="zh-hans"' in english and "Sign in" in english


@pytest.mark.django_db
def test_only_the_pages_section_is_highlighted(client, news):
    home, listing = header(client.get("/")), header(client.get(news[0].get_absolute_url()))
    assert home.count('aria-current="page"') == 1 and 'href="/" aria-current="page"' in home
    assert listing.count('aria-current="page"') == 1 and 'href="/" aria-current' not in listing
