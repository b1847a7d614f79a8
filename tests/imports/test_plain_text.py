"""Plain text stays plain text (issue 10, defect 8): markup written in pasted or imported
text is stored escaped and shown as written, never turned into a live link or dropped."""

import io
import sys

import pytest
from django.contrib.auth.models import User

from yingdu.cli import main
from yingdu.news.models import NewsArticle

pytestmark = [pytest.mark.django_db, pytest.mark.attack]
URL = "/admin/imports/importrecord/import/"
LINK = '<a href="https://evil.example/login">the library page</a>'
TEXT = f"""国际英语资讯:Town library opens a night reading room

SYDNEY, June 2 -- The town library now opens its reading room until midnight for students.

Readers wrote <script>alert("hi")</script> on the board, and Tom & Jerry were shown too.

Students can book a seat on {LINK} before the room opens on Friday.
"""


def shown(item: NewsArticle) -> str:
    """The body as the detail page shows it (sanitized HTML paragraphs)."""
    return "\n".join(item.safe_paragraphs())


def assert_shown_as_written(item: NewsArticle) -> None:
    html = shown(item)
    assert "<a " not in html and "<script" not in html
    assert '&lt;a href="https://evil.example/login"&gt;' in html
    assert '&lt;script&gt;alert("hi")&lt;/script&gt;' in html
    assert "Tom &amp; Jerry" in html


def test_paste_form_keeps_markup_as_text(client):
    User.objects.create_superuser("editor", "editor@example.com", "a-long-test-password")
    client.login(username="editor", password="a-long-test-password")
    client.post(URL, {"paste-text": TEXT, "paste-kind": "news"})
    assert_shown_as_written(NewsArticle.objects.get())


def test_stdin_import_keeps_markup_as_text(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    assert main(["import", "--kind", "news", "-"]) == 0
    item = NewsArticle.objects.get()
    assert_shown_as_written(item)
    again = io.TextIOWrapper(io.BytesIO(TEXT.encode()))  # the escaped text still dedups
    monkeypatch.setattr(sys, "stdin", again)
    main(["import", "--kind", "news", "-"])
    assert NewsArticle.objects.count() == 1
