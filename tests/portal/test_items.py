"""Item pages: previous/next, related items by shared tags, view counts, every kind's fields."""

import pytest

from tests.conftest import page_text
from yingdu.compositions.models import Composition, text_length


@pytest.mark.django_db
def test_previous_and_next_follow_publication_order(client, news):
    newest, middle, oldest = news  # fixture publishes news[0] today, news[2] two days ago
    html = client.get(middle.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{oldest.get_absolute_url()}"' in html
    assert f'rel="next" href="{newest.get_absolute_url()}"' in html


@pytest.mark.django_db
def test_related_items_prefer_shared_tags(client, news, tags):
    news[2].tags.add(tags["环保"])  # shares two tags with news[0]
    from yingdu.core.listing import related_items

    assert related_items(news[0])[0] == news[2]


@pytest.mark.django_db
def test_view_count_increments(client, news):
    for _ in range(3):
        client.get(news[0].get_absolute_url())
    news[0].refresh_from_db()
    assert news[0].view_count == 3


@pytest.mark.django_db
def test_bilingual_view_modes(client, bilingual):
    url = bilingual.get_absolute_url()
    for mode in ["en", "zh", "both"]:
        html = client.get(url, {"view": mode}).content.decode()
        assert f'data-mode="{mode}"' in html
    assert 'data-mode="both"' in client.get(url, {"view": "nonsense"}).content.decode()
    text = page_text(client.get(url))
    assert "Children fold red paper." in text and "孩子们折叠红纸。" in text
    assert "课堂里的剪纸" in text


@pytest.mark.django_db
def test_daily_term_page_and_month_archive(client, term):
    text = page_text(client.get(term.get_absolute_url()))
    assert "More students choose green commuting." in text and "更多学生选择绿色出行。" in text
    archive = client.get(f"/daily/{term.date.year}/{term.date.month}/").content.decode()
    assert "green commuting" in archive


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["p3", "g3"])  # g3: links saved before one grade scheme
def test_composition_grade_filter(client, composition, code):
    Composition.objects.create(
        title="My Weekend", author_name="Lily", grade="j2", language="en",
        body="I read two books.", status="published",
    )  # fmt: skip
    html = client.get("/compositions/", {"grade": code}).content.decode()
    assert "我的压岁钱" in html and "My Weekend" not in html


def test_length_counts_han_characters_and_english_words():
    assert text_length("我有压岁钱。Yes!", "zh") == 5
    assert text_length("I don't like rainy days, do you?", "en") == 7


@pytest.mark.django_db
def test_composition_length_is_computed(composition):
    assert composition.length == text_length(composition.body, "zh") > 0
