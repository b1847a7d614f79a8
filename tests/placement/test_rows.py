""" "你认识约 N% 的词" on every list row of English items: section lists, search results,
related titles, the home page's lists and 适合你读. Visitors get the figure of every level
(data-by-level, the same page for all); a learner gets theirs, and a page asks the database
no more for more rows."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from yingdu.learners import known
from yingdu.lexicon import LEVELS
from yingdu.placement import coverage
from yingdu.placement.models import ItemProfile

from .conftest import signed_in
from .test_coverage import EASY, HARD, story

pytestmark = pytest.mark.django_db
NOTE = re.compile(
    r'<span class="coverage"( data-by-level="([\d ]+)")?>.*?<b class="coverage-n">(\d+)</b>'
)


def notes(response) -> list[tuple[str, int]]:
    """(the figures of every level or "", the figure shown) of each note on a page."""
    assert response.status_code == 200
    return [(levels, int(shown)) for _, levels, shown in NOTE.findall(response.content.decode())]


@pytest.fixture
def stories(site_lexicon):
    return [story("Easy cats", EASY), story("Hard cats", HARD), story("Other cats", EASY)]


def level_figures(item) -> str:
    row = ItemProfile.objects.get(kind="news", object_id=item.pk)
    return " ".join(str(coverage.percent(c)) for c in row.level_coverages)


def test_visitors_see_every_levels_figure_in_each_row(stories):
    easy, hard, _ = stories
    page = Client()
    for url in ("/news/international/", "/search/?q=cats", "/", easy.get_absolute_url()):
        found = notes(page.get(url))
        assert found and all(levels for levels, _ in found), url
    figures = {levels for levels, _ in notes(page.get("/search/?q=cats"))}
    assert figures == {level_figures(easy), level_figures(hard)}
    hard_levels = [int(n) for n in level_figures(hard).split()]
    assert len(hard_levels) == len(LEVELS) and hard_levels[0] < hard_levels[-1]


def test_related_titles_show_the_coverage(stories):
    easy = stories[0]
    html = Client().get(easy.get_absolute_url()).content.decode()
    related = html.split('<aside class="related">', 1)[1].split("</aside>", 1)[0]
    assert "Other cats" in related and len(NOTE.findall(related)) == 2


def test_a_learner_sees_their_own_figure_in_every_kind_of_row(student, stories):
    hard = stories[1]
    client = signed_in(student)
    before = {url: notes(client.get(url)) for url in ("/search/?q=hard", "/suggested/")}
    assert all(found and not any(levels for levels, _ in found) for found in before.values())
    known.add_known(student, hard.reading["profile"]["lemmas"])
    for url, found in before.items():
        after = notes(client.get(url))
        assert max(shown for _, shown in after) > max(shown for _, shown in found), url
        assert max(shown for _, shown in after) >= 95, url


@pytest.mark.parametrize("url", ["/search/?q=cats", "/news/international/"])
def test_more_rows_cost_no_more_queries(student, site_lexicon, url):
    client = signed_in(student)
    story("Easy cats", EASY)
    client.get(url)

    def count() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            found = notes(client.get(url))
        return len(queries), len(found)

    one_row = count()
    story("Hard cats", HARD)
    story("Other cats", EASY)
    client.get(url)
    three_rows = count()
    assert (one_row[1], three_rows[1]) == (1, 3)
    assert three_rows[0] == one_row[0]
