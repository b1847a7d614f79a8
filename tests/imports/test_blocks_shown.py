"""Tables, lists, quotes and code of an imported page are saved and shown as such (not
inside a <p>, with their markup sanitized); pasted text stays text."""

import re
from pathlib import Path

import pytest
from django.test import Client

from yingdu.core.sanitize import safe_paragraphs
from yingdu.imports.service import run_import
from yingdu.news.models import NewsArticle

pytestmark = pytest.mark.django_db

EVAL = Path(__file__).resolve().parent.parent / "fixtures" / "extract_eval"


def page_body(item) -> str:
    """The item page's body, without the reading aids' word spans (present when a lexicon
    was built earlier in the session)."""
    html = Client().get(item.get_absolute_url()).content.decode()
    start = html.index('<div class="body">')
    body = html[start : html.index("</div>", start)]
    return re.sub(r"</?span[^>]*>", "", body)


def imported(name: str) -> NewsArticle:
    [outcome] = run_import([str(EVAL / f"{name}.html")], publish=True)
    assert outcome.status == "created", outcome.error
    return NewsArticle.objects.get(pk=outcome.id)


def test_an_imported_table_is_shown_as_a_table():
    item = imported("table_article")
    assert "\n\n<table><tr><th>Lighthouse</th>" in item.body
    body = page_body(item)
    assert "<table><tbody><tr><th>Lighthouse</th> <th>First lit</th>" in body
    assert "<td>Cormorant Rock</td>" in body
    assert "<p><table" not in body and body.count("<tr>") == 7


def test_lists_quotes_and_code_are_shown_as_blocks():
    lists = imported("list_article")
    quotes = imported("quote_article")
    code = imported("code_article")
    html = "".join(page_body(item) for item in (lists, quotes, code))
    assert "<ol><li>Water the plant the day before" in html
    assert "<blockquote><p>Please return the books you borrow" in html
    assert "<pre><code>def count_words(path):<br>" in html
    assert "<p><ol>" not in html and "<p><blockquote>" not in html and "<p><pre>" not in html


def test_block_markup_is_sanitized_and_text_is_not_markup():
    body = (
        'a <a href="https://example.org/">link</a> &lt;b&gt;\n\n'
        '<table onclick="x()"><tr><td><script>alert(1)</script>cell</td></tr></table>'
    )
    text, table = safe_paragraphs(body)
    assert (
        text
        == 'a <a href="https://example.org/" rel="noopener noreferrer nofollow">link</a> &lt;b&gt;'
    )
    assert table == "<table><tbody><tr><td>cell</td></tr></tbody></table>"


def test_pasted_markup_stays_visible_text(fixtures_dir):
    text = (fixtures_dir / "pasted_news.txt").read_text(encoding="utf-8")
    markup = '<a href="https://example.org/">learned</a> <script>x()</script>'
    text = text.replace("The dogs learned to follow", f"The dogs {markup} to follow")
    [outcome] = run_import(["-"], read_stdin=lambda: text)
    assert outcome.status == "created", outcome.error
    item = NewsArticle.objects.get(pk=outcome.id)
    shown = "".join(item.safe_paragraphs())
    assert '&lt;a href="https://example.org/"&gt;learned&lt;/a&gt; &lt;script&gt;' in shown
    assert "<a href" not in shown and "<script>" not in shown
