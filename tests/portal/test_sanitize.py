"""Rich text entered by editors is cleaned with nh3 before it is shown."""

import pytest

from tests.conftest import page_text
from yingdu.core.sanitize import clean_html, split_paragraphs
from yingdu.news.models import NewsArticle, Section

HOSTILE = (
    'Fine <strong>bold</strong> text<script>alert("x")</script>'
    '<img src=x onerror="alert(1)"><a href="javascript:alert(2)" onclick="steal()">link</a>'
    '<iframe src="https://evil.example/"></iframe><style>body{display:none}</style>'
)


def test_clean_html_keeps_inline_formatting_and_drops_the_rest():
    cleaned = clean_html(HOSTILE)
    assert "<strong>bold</strong>" in cleaned
    for bad in ("<script", "onerror", "javascript:", "onclick", "<iframe", "<style", "<img"):
        assert bad not in cleaned


def test_paragraphs_split_on_blank_lines():
    assert split_paragraphs("One\r\nline two\r\n\r\n\r\nTwo\n\n  \n") == ["One line two", "Two"]


@pytest.mark.django_db
def test_hostile_body_is_cleaned_on_the_page(client):
    item = NewsArticle.objects.create(
        section=Section.DOMESTIC, title="Hostile", body=HOSTILE, status="published"
    )
    response = client.get(item.get_absolute_url())
    html = response.content.decode()
    assert "<strong>" in html and "Fine bold text" in page_text(response)
    assert 'alert("x")' not in html and "javascript:alert" not in html and "onerror" not in html


@pytest.mark.django_db
def test_titles_are_escaped(client):
    item = NewsArticle.objects.create(
        section=Section.DOMESTIC, title="<b>Bold</b> & more", body="x", status="published"
    )
    html = client.get(item.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; more" in html
